//! Labels -> page type: what kind of page this is (article, forum thread,
//! product, collection of products, listing of other pages, documentation,
//! or a service's own pages).
//!
//! A small heuristic classifier over general signals, gathered once into
//! [`Signals`]: what the page declares about itself (schema.org types in
//! JSON-LD and microdata, `og:type`), words in its URL's path and host,
//! and how its blocks are built (prose against links, code, prices, card
//! headings, the furniture of a forum post). Each type scores the signals
//! that speak for it; the highest score wins, and article — the commonest
//! kind of page — wins ties. No rule names a site.

use std::sync::OnceLock;

use regex::Regex;

use crate::blocks::{Block, BlockKind};
use crate::classify::{Label, Labeled};
use crate::dom::{Document, Tag};

/// What kind of page it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageType {
    /// A news story, blog post, essay, recipe: one piece of prose.
    #[default]
    Article,
    /// A discussion thread or question with answers.
    Forum,
    /// One product for sale.
    Product,
    /// A shop's category page: many products.
    Collection,
    /// A page that lists other pages: a home page, a section front, an
    /// archive, search results.
    Listing,
    /// Technical documentation and reference.
    Documentation,
    /// A business or institution describing its own services: landing,
    /// pricing, about and contact pages.
    Service,
}

impl PageType {
    /// Every type, in the order scores are listed.
    pub const ALL: [PageType; 7] = [
        PageType::Article,
        PageType::Forum,
        PageType::Product,
        PageType::Collection,
        PageType::Listing,
        PageType::Documentation,
        PageType::Service,
    ];

    /// The type's name as it appears in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            PageType::Article => "article",
            PageType::Forum => "forum",
            PageType::Product => "product",
            PageType::Collection => "collection",
            PageType::Listing => "listing",
            PageType::Documentation => "documentation",
            PageType::Service => "service",
        }
    }

    /// The type named `name`, as written by [`PageType::name`].
    pub fn from_name(name: &str) -> Option<PageType> {
        PageType::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Everything the classifier looks at, gathered in one pass.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Signals {
    /// schema.org types the page declares (JSON-LD `@type`, microdata
    /// `itemtype`) and its `og:type`, lower-case, once per mention.
    pub declared: Vec<String>,
    /// Words of the URL's path, lower-case, split on `/ - _ . ? = &`.
    pub path_words: Vec<String>,
    /// Labels of the URL's host, lower-case.
    pub host_words: Vec<String>,
    /// Non-empty segments in the URL's path; 0 for a site's home page.
    pub path_depth: u32,
    /// The page has an address at all.
    pub has_url: bool,
    /// Characters in all blocks.
    pub chars: u32,
    /// Link characters in all blocks.
    pub link_chars: u32,
    /// Characters in kept blocks.
    pub kept_chars: u32,
    /// Characters of kept prose: paragraphs with sentences and few links.
    pub prose_chars: u32,
    /// Kept paragraphs of at least [`LONG_PARAGRAPH_CHARS`] characters.
    pub long_paragraphs: u32,
    /// Preformatted blocks kept.
    pub code_blocks: u32,
    /// Blocks in inline `code` or `pre` among the kept ones, by characters.
    pub code_chars: u32,
    /// Table cells kept.
    pub table_cells: u32,
    /// Blocks that state a price.
    pub prices: u32,
    /// Blocks that are an "add to cart" / "buy now" button.
    pub cart_buttons: u32,
    /// Headings that are (almost) all link: the titles of cards.
    pub link_headings: u32,
    /// Headings of any kind.
    pub headings: u32,
    /// Short blocks that are the furniture of forum posts ("Reply",
    /// "Quote", "Joined: …", "Posts: 12", "#3").
    pub post_furniture: u32,
    /// Short blocks that are calls to action of a business ("Get started",
    /// "Contact us", "Book a demo", "Request a quote").
    pub calls_to_action: u32,
    /// Blocks that carry a date.
    pub dates: u32,
}

/// Kept paragraphs at least this long (characters) count as long prose.
pub const LONG_PARAGRAPH_CHARS: u32 = 200;

/// Blocks longer than this are prose, never a button or a post's furniture.
const MAX_LABEL_CHARS: u32 = 40;

/// A heading counts as a card title when at least this share of it is link.
const CARD_HEADING_LINK_SHARE: f32 = 0.8;

/// A paragraph counts as prose when under this share of it is link.
const PROSE_MAX_LINK_SHARE: f32 = 0.3;

/// schema.org and Open Graph types, and the page type each speaks for.
const DECLARED_TYPES: &[(&str, PageType)] = &[
    ("article", PageType::Article),
    ("newsarticle", PageType::Article),
    ("blogposting", PageType::Article),
    ("reportagenewsarticle", PageType::Article),
    ("analysisnewsarticle", PageType::Article),
    ("opinionnewsarticle", PageType::Article),
    ("recipe", PageType::Article),
    ("review", PageType::Article),
    ("howto", PageType::Article),
    ("product", PageType::Product),
    ("productgroup", PageType::Product),
    ("og:product", PageType::Product),
    ("og:product.item", PageType::Product),
    ("discussionforumposting", PageType::Forum),
    ("qapage", PageType::Forum),
    ("question", PageType::Forum),
    ("answer", PageType::Forum),
    ("comment", PageType::Forum),
    ("techarticle", PageType::Documentation),
    ("apireference", PageType::Documentation),
    ("softwaresourcecode", PageType::Documentation),
    ("collectionpage", PageType::Listing),
    ("itemlist", PageType::Listing),
    ("searchresultspage", PageType::Listing),
    ("service", PageType::Service),
    ("professionalservice", PageType::Service),
    ("localbusiness", PageType::Service),
    ("organization", PageType::Service),
    ("corporation", PageType::Service),
    ("educationalorganization", PageType::Service),
    ("governmentorganization", PageType::Service),
    ("softwareapplication", PageType::Service),
    ("webapplication", PageType::Service),
    ("offercatalog", PageType::Service),
    ("faqpage", PageType::Service),
    ("og:article", PageType::Article),
    ("og:website", PageType::Service),
];

/// Path and host words, and the page type each speaks for.
const URL_WORDS: &[(&str, PageType)] = &[
    ("blog", PageType::Article),
    ("news", PageType::Article),
    ("article", PageType::Article),
    ("articles", PageType::Article),
    ("story", PageType::Article),
    ("post", PageType::Article),
    ("posts", PageType::Article),
    ("recipe", PageType::Article),
    ("recipes", PageType::Article),
    ("forum", PageType::Forum),
    ("forums", PageType::Forum),
    ("thread", PageType::Forum),
    ("threads", PageType::Forum),
    ("topic", PageType::Forum),
    ("viewtopic", PageType::Forum),
    ("showthread", PageType::Forum),
    ("t", PageType::Forum),
    ("boards", PageType::Forum),
    ("discussion", PageType::Forum),
    ("discussions", PageType::Forum),
    ("questions", PageType::Forum),
    ("community", PageType::Forum),
    ("answers", PageType::Forum),
    ("product", PageType::Product),
    ("products", PageType::Product),
    ("p", PageType::Product),
    ("dp", PageType::Product),
    ("itm", PageType::Product),
    ("item", PageType::Product),
    ("listing", PageType::Product),
    ("shop", PageType::Collection),
    ("store", PageType::Collection),
    ("collections", PageType::Collection),
    ("collection", PageType::Collection),
    ("c", PageType::Collection),
    ("l", PageType::Collection),
    ("browse", PageType::Collection),
    ("catalog", PageType::Collection),
    ("category", PageType::Listing),
    ("categories", PageType::Listing),
    ("tag", PageType::Listing),
    ("tags", PageType::Listing),
    ("archive", PageType::Listing),
    ("archives", PageType::Listing),
    ("search", PageType::Listing),
    ("page", PageType::Listing),
    ("docs", PageType::Documentation),
    ("doc", PageType::Documentation),
    ("documentation", PageType::Documentation),
    ("reference", PageType::Documentation),
    ("api", PageType::Documentation),
    ("manual", PageType::Documentation),
    ("guide", PageType::Documentation),
    ("tutorial", PageType::Documentation),
    ("library", PageType::Documentation),
    ("developer", PageType::Documentation),
    ("developers", PageType::Documentation),
    ("wiki", PageType::Documentation),
    ("learn", PageType::Documentation),
    ("services", PageType::Service),
    ("service", PageType::Service),
    ("solutions", PageType::Service),
    ("pricing", PageType::Service),
    ("plans", PageType::Service),
    ("features", PageType::Service),
    ("about", PageType::Service),
    ("contact", PageType::Service),
    ("careers", PageType::Service),
    ("tuition", PageType::Service),
    ("admissions", PageType::Service),
    ("department", PageType::Service),
];

/// Weights of the evidence, per signal.
mod weight {
    /// A declared type.
    pub const DECLARED: f32 = 2.0;
    /// A word in the URL.
    pub const URL_WORD: f32 = 1.0;
    /// The type every page starts with.
    pub const ARTICLE_PRIOR: f32 = 1.0;
}

/// Gathers the signals of a page.
pub fn signals(doc: &Document, blocks: &[Block], labels: &[Labeled], url: Option<&str>) -> Signals {
    let mut s = Signals::default();
    declared_types(doc, &mut s.declared);
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
        s.has_url = true;
        let split = |t: &str| -> Vec<String> {
            t.split(['/', '-', '_', '.', '?', '=', '&', '+'])
                .filter(|w| !w.is_empty())
                .map(str::to_ascii_lowercase)
                .collect()
        };
        s.path_words = split(u.path());
        s.path_depth = u.path().split('/').filter(|w| !w.is_empty()).count() as u32;
        s.host_words = u.host_str().map(split).unwrap_or_default();
    }
    let patterns = patterns();
    for (b, l) in blocks.iter().zip(labels) {
        let st = &b.stats;
        s.chars += st.chars;
        s.link_chars += st.link_chars;
        let short = st.chars <= MAX_LABEL_CHARS;
        let text = b.text.trim();
        if patterns.price.is_match(text) && st.chars <= MAX_LABEL_CHARS * 2 {
            s.prices += 1;
        }
        if short && patterns.cart.is_match(text) {
            s.cart_buttons += 1;
        }
        if short && patterns.post.is_match(text) {
            s.post_furniture += 1;
        }
        if short && patterns.action.is_match(text) {
            s.calls_to_action += 1;
        }
        if st.chars <= MAX_LABEL_CHARS * 2 && patterns.date.is_match(text) {
            s.dates += 1;
        }
        if let BlockKind::Heading(_) = b.kind {
            s.headings += 1;
            if st.link_density() >= CARD_HEADING_LINK_SHARE {
                s.link_headings += 1;
            }
        }
        if l.label != Label::Content {
            continue;
        }
        s.kept_chars += st.chars;
        match b.kind {
            BlockKind::Preformatted => {
                s.code_blocks += 1;
                s.code_chars += st.chars;
            }
            BlockKind::TableCell => s.table_cells += 1,
            BlockKind::Paragraph | BlockKind::Text
                if st.sentence_ends > 0 && st.link_density() < PROSE_MAX_LINK_SHARE =>
            {
                s.prose_chars += st.chars;
                if st.chars >= LONG_PARAGRAPH_CHARS {
                    s.long_paragraphs += 1;
                }
            }
            _ => {}
        }
    }
    s
}

/// Scores of each type, in the order of [`PageType::ALL`].
pub fn scores(s: &Signals) -> [f32; 7] {
    let mut score = [0.0f32; 7];
    let mut add = |t: PageType, w: f32| score[t as usize] += w;
    add(PageType::Article, weight::ARTICLE_PRIOR);
    for d in &s.declared {
        if let Some(&(_, t)) = DECLARED_TYPES.iter().find(|(name, _)| name == d) {
            add(t, weight::DECLARED);
        }
    }
    for w in s.path_words.iter().chain(&s.host_words) {
        if let Some(&(_, t)) = URL_WORDS.iter().find(|(name, _)| name == w) {
            add(t, weight::URL_WORD);
        }
    }
    score
}

/// The page's type.
pub fn classify(doc: &Document, blocks: &[Block], labels: &[Labeled], url: Option<&str>) -> PageType {
    decide(&signals(doc, blocks, labels, url))
}

/// The type with the highest score; article wins ties.
pub fn decide(s: &Signals) -> PageType {
    let score = scores(s);
    let mut best = PageType::Article;
    for t in PageType::ALL {
        if score[t as usize] > score[best as usize] {
            best = t;
        }
    }
    best
}

struct Patterns {
    price: Regex,
    cart: Regex,
    post: Regex,
    action: Regex,
    date: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("constant pattern compiles");
        Patterns {
            price: re(r"(?i)(?:[$€£¥₹]\s?\d|\d(?:[\d.,]*\d)?\s?(?:€|eur|usd|gbp|kr|zł|руб)\b)"),
            cart: re(r"(?i)^(?:add to (?:cart|bag|basket|trolley)|buy (?:it )?now|in den warenkorb|ajouter au panier|add to wish ?list|out of stock|in stock)\b"),
            post: re(r"(?i)^(?:reply|quote|report|permalink|multi-?quote|like|likes|#\d+|post #?\d+|joined:?.*|posts:?\s*[\d,.]+k?|messages:?\s*[\d,.]+k?|reactions?:?\s*[\d,.]*|reply with quote|\d+ (?:replies|posts|reactions|likes)|originally posted by.*|solved|accepted answer)$"),
            action: re(r"(?i)^(?:get started|get a (?:free )?quote|request a (?:quote|demo)|book a (?:demo|call|consultation)|contact us|talk to (?:sales|an expert|us)|schedule a (?:call|consultation)|start (?:your )?free trial|try (?:it )?(?:for )?free|sign up free|learn more|apply now|get in touch)\b"),
            date: re(r"(?i)\b(?:\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4}|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)\b"),
        }
    })
}

/// schema.org types in JSON-LD and microdata, and `og:type`, lower-case.
fn declared_types(doc: &Document, out: &mut Vec<String>) {
    for n in doc.descendants(doc.root()) {
        let Some(e) = doc.element(n) else { continue };
        match e.tag {
            Tag::Script
                if e
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                for c in doc.children(n) {
                    if let Some(t) = doc.text(c) {
                        json_ld_types(t, out);
                    }
                }
            }
            Tag::Meta
                if e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .is_some_and(|p| p.eq_ignore_ascii_case("og:type")) =>
            {
                if let Some(v) = e.attr("content") {
                    out.push(format!("og:{}", v.trim().to_ascii_lowercase()));
                }
            }
            _ => {
                if let Some(t) = e.attr("itemtype") {
                    for ty in t.split_whitespace() {
                        let name = ty.trim_end_matches('/').rsplit('/').next().unwrap_or(ty);
                        out.push(name.to_ascii_lowercase());
                    }
                }
            }
        }
    }
}

/// The `@type` values in a JSON-LD script, found by scanning rather than
/// parsing, so that a broken script still tells what it declares.
fn json_ld_types(text: &str, out: &mut Vec<String>) {
    let mut rest = text;
    while let Some(at) = rest.find("\"@type\"") {
        rest = rest[at + 7..].trim_start();
        let Some(after) = rest.strip_prefix(':') else { continue };
        rest = after.trim_start();
        let list = rest.starts_with('[');
        let end = if list { rest.find(']') } else { None };
        let scope = match end {
            Some(e) => &rest[..e],
            None => rest,
        };
        let mut quoted = scope.split('"').skip(1).step_by(2);
        if list {
            out.extend(quoted.map(|t| short_type(t)));
        } else if let Some(t) = quoted.next() {
            out.push(short_type(t));
        }
    }
}

/// `https://schema.org/Product` -> `product`.
fn short_type(t: &str) -> String {
    t.trim_end_matches('/')
        .rsplit(['/', ':'])
        .next()
        .unwrap_or(t)
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_type(html: &str, url: Option<&str>) -> PageType {
        let mut page = crate::Page::from_bytes(html.as_bytes());
        page.url = url;
        crate::Extractor::default().extract(&page).expect("extracts").page_type
    }

    #[test]
    fn json_ld_types_are_found_without_parsing() {
        let mut out = Vec::new();
        json_ld_types(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type": ["Product", "Thing"]},{"@type":"http://schema.org/Offer"}]"#,
            &mut out,
        );
        assert_eq!(out, ["webpage", "product", "thing", "offer"]);
    }

    #[test]
    fn declared_types_decide_when_nothing_else_speaks() {
        let product = r#"<html><head><script type="application/ld+json">{"@type":"Product","name":"Mug"}</script></head><body><p>A mug.</p></body></html>"#;
        assert_eq!(page_type(product, None), PageType::Product);
        let forum = r#"<html><head><script type="application/ld+json">{"@type":"DiscussionForumPosting"}</script></head><body><p>Hello all.</p></body></html>"#;
        assert_eq!(page_type(forum, None), PageType::Forum);
    }

    #[test]
    fn url_words_speak_for_a_type() {
        let plain = "<html><body><p>Some text here.</p></body></html>";
        assert_eq!(page_type(plain, Some("https://example.com/docs/install")), PageType::Documentation);
        assert_eq!(page_type(plain, Some("https://forum.example.com/t/help/123")), PageType::Forum);
        assert_eq!(page_type(plain, None), PageType::Article);
    }
}

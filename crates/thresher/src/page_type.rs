//! Selection -> page type: what kind of page this is (article, forum thread,
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
use crate::dom::{Document, Tag};
use crate::metadata::Metadata;
use crate::select::{BlockFate, Selection};

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

    /// Whether a page of this type is a piece someone wrote and dated (a
    /// story, a thread) rather than a frame around items (a listing, a
    /// shop, documentation, a service's pages), where a date or name found
    /// in the page is one of its items'.
    pub fn is_authored(self) -> bool {
        matches!(self, PageType::Article | PageType::Forum)
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
    /// `itemtype`) and its `og:type` (as `og:<type>`), lower-case, once per
    /// mention.
    pub declared: Vec<String>,
    /// The page declares when it was published (`article:published_time`,
    /// `datePublished`).
    pub published: bool,
    /// `<time>` elements.
    pub time_elements: u32,
    /// `<article>` elements: one on an article, many on a list of cards or
    /// a thread of posts.
    pub article_elements: u32,
    /// The URL's path segments, lower-case, without a file extension.
    pub path_segments: Vec<String>,
    /// The first label of the URL's host (`docs` in `docs.example.com`).
    pub host_first: String,
    /// Hyphen- or underscore-separated words in the URL's longest segment:
    /// articles have long slugs.
    pub slug_words: u32,
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
    /// Table cells kept.
    pub table_cells: u32,
    /// Short blocks that state a price.
    pub prices: u32,
    /// Blocks that are an "add to cart" / "buy now" button.
    pub cart_buttons: u32,
    /// Headings that are (almost) all link: the titles of cards.
    pub link_headings: u32,
    /// Short blocks that are the furniture of forum posts ("Reply",
    /// "Quote", "Joined: …", "Posts: 12", "#3").
    pub post_furniture: u32,
    /// Short blocks that are calls to action of a business ("Get started",
    /// "Contact us", "Book a demo", "Request a quote").
    pub calls_to_action: u32,
    /// Short blocks that carry a date.
    pub dates: u32,
}

/// Kept paragraphs at least this long (characters) count as long prose.
pub const LONG_PARAGRAPH_CHARS: u32 = 200;

/// Blocks longer than this are prose, never a button or a post's furniture.
const MAX_LABEL_CHARS: u32 = 40;

/// Blocks longer than this are prose, never a price tag or a date line.
const MAX_PRICE_OR_DATE_CHARS: u32 = 80;

/// A heading counts as a card title when at least this share of it is link.
const CARD_HEADING_LINK_SHARE: f32 = 0.8;

/// A paragraph counts as prose when under this share of it is link.
const PROSE_MAX_LINK_SHARE: f32 = 0.3;

/// Thresholds on counts: where "some" becomes "many".
mod many {
    /// `Product` declared this often or more: a grid of products.
    pub const PRODUCTS: usize = 3;
    /// Prices on a page of products: a collection from here on.
    pub const PRICES: u32 = 8;
    /// Forum-post furniture blocks ("Reply", "Quote", "Joined: …").
    pub const POST_FURNITURE: u32 = 3;
    /// Dates or `<time>` elements: a stream of posts or a list of stories.
    pub const DATES: u32 = 5;
    /// Headings that are links: a grid of cards.
    pub const LINK_HEADINGS: u32 = 8;
    /// `<article>` elements: cards or posts.
    pub const ARTICLE_ELEMENTS: u32 = 3;
    /// Code blocks: a second point for documentation.
    pub const CODE_BLOCKS: u32 = 3;
    /// Long paragraphs: prose.
    pub const LONG_PARAGRAPHS: u32 = 5;
    /// Calls to action: a business selling itself.
    pub const CALLS_TO_ACTION: u32 = 2;
    /// Words in a path segment: an article's slug.
    pub const SLUG_WORDS: u32 = 4;
}

/// Share of the page's text in links above which it is a page of links.
const LINK_PAGE_SHARE: f32 = 0.4;

/// How much each piece of evidence adds to a type's score. Values were set
/// by hand and checked against the WCXB dev split with
/// `examples/page_type_eval.rs` (accuracy in the README).
mod weight {
    /// A declared schema.org or Open Graph type.
    pub const DECLARED: f32 = 2.0;
    /// A declared `Product` (few of them): the strongest sign there is.
    pub const DECLARED_PRODUCT: f32 = 3.0;
    /// A path segment such as `/forum/` or `/docs/`.
    pub const PATH_SEGMENT: f32 = 1.5;
    /// A host such as `docs.` or `forum.`.
    pub const HOST: f32 = 1.5;
    /// A long slug in the URL.
    pub const SLUG: f32 = 1.0;
    /// The site's home page: a listing or a service's front page.
    pub const HOME_PAGE: f32 = 1.0;
    /// Code blocks, per threshold passed.
    pub const CODE: f32 = 1.0;
    /// An "add to cart" button.
    pub const CART: f32 = 1.5;
    /// Many prices: a collection.
    pub const MANY_PRICES: f32 = 1.0;
    /// A few prices: a product.
    pub const FEW_PRICES: f32 = 0.5;
    /// Forum-post furniture.
    pub const POST_FURNITURE: f32 = 1.5;
    /// Many dates: posts (full weight) or a list of stories (half).
    pub const DATES: f32 = 1.0;
    /// A page mostly of links.
    pub const LINK_PAGE: f32 = 1.0;
    /// A grid of cards: a listing (full weight) or collection (half).
    pub const CARDS: f32 = 0.5;
    /// Many long paragraphs: an article (full weight) or documentation (half).
    pub const PROSE: f32 = 1.0;
    /// Not one long paragraph: taken from article.
    pub const NO_PROSE: f32 = 0.5;
    /// Calls to action.
    pub const CALLS_TO_ACTION: f32 = 1.5;
    /// A declared publication date: an article or a post.
    pub const PUBLISHED: f32 = 1.0;
}

/// schema.org and Open Graph types, and the page type each speaks for.
/// `Product` is handled apart: one is a product, many a collection.
const DECLARED_TYPES: &[(&str, PageType)] = &[
    ("article", PageType::Article),
    ("newsarticle", PageType::Article),
    ("blogposting", PageType::Article),
    ("reportagenewsarticle", PageType::Article),
    ("analysisnewsarticle", PageType::Article),
    ("opinionnewsarticle", PageType::Article),
    ("recipe", PageType::Article),
    ("og:article", PageType::Article),
    ("discussionforumposting", PageType::Forum),
    ("qapage", PageType::Forum),
    ("comment", PageType::Forum),
    ("techarticle", PageType::Documentation),
    ("apireference", PageType::Documentation),
    ("og:product.group", PageType::Collection),
    ("collectionpage", PageType::Listing),
    ("itemlist", PageType::Listing),
    ("searchresultspage", PageType::Listing),
    ("service", PageType::Service),
    ("professionalservice", PageType::Service),
    ("localbusiness", PageType::Service),
    ("faqpage", PageType::Service),
];

/// Whole path segments, and the page type each speaks for.
const PATH_SEGMENTS: &[(&str, PageType)] = &[
    ("blog", PageType::Article),
    ("blogs", PageType::Article),
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
    ("topics", PageType::Forum),
    ("t", PageType::Forum),
    ("viewtopic", PageType::Forum),
    ("showthread", PageType::Forum),
    ("boards", PageType::Forum),
    ("discussion", PageType::Forum),
    ("discussions", PageType::Forum),
    ("questions", PageType::Forum),
    ("community", PageType::Forum),
    ("product", PageType::Product),
    ("products", PageType::Product),
    ("p", PageType::Product),
    ("dp", PageType::Product),
    ("itm", PageType::Product),
    ("item", PageType::Product),
    ("listing", PageType::Product),
    ("app", PageType::Product),
    ("collections", PageType::Collection),
    ("collection", PageType::Collection),
    ("c", PageType::Collection),
    ("l", PageType::Collection),
    ("browse", PageType::Collection),
    ("shop", PageType::Collection),
    ("catalog", PageType::Collection),
    ("category", PageType::Listing),
    ("categories", PageType::Listing),
    ("tag", PageType::Listing),
    ("tags", PageType::Listing),
    ("archive", PageType::Listing),
    ("search", PageType::Listing),
    ("page", PageType::Listing),
    ("docs", PageType::Documentation),
    ("doc", PageType::Documentation),
    ("documentation", PageType::Documentation),
    ("reference", PageType::Documentation),
    ("api", PageType::Documentation),
    ("manual", PageType::Documentation),
    ("library", PageType::Documentation),
    ("wiki", PageType::Documentation),
    ("tutorial", PageType::Documentation),
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
];

/// First labels of a host, and the page type each speaks for.
const HOSTS: &[(&str, PageType)] = &[
    ("forum", PageType::Forum),
    ("forums", PageType::Forum),
    ("community", PageType::Forum),
    ("discuss", PageType::Forum),
    ("answers", PageType::Forum),
    ("boards", PageType::Forum),
    ("docs", PageType::Documentation),
    ("doc", PageType::Documentation),
    ("developer", PageType::Documentation),
    ("developers", PageType::Documentation),
    ("wiki", PageType::Documentation),
    ("learn", PageType::Documentation),
    ("shop", PageType::Collection),
    ("store", PageType::Collection),
    ("blog", PageType::Article),
    ("news", PageType::Article),
];

/// Gathers the signals of a page.
pub fn signals(
    doc: &Document,
    blocks: &[Block],
    selection: &Selection,
    metadata: &Metadata,
    url: Option<&str>,
) -> Signals {
    let mut s = Signals::default();
    markup_signals(doc, metadata, &mut s);
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
        s.has_url = true;
        s.path_segments = u
            .path_segments()
            .into_iter()
            .flatten()
            .filter(|seg| !seg.is_empty())
            .map(|seg| {
                let seg = seg.to_ascii_lowercase();
                match seg.rsplit_once('.') {
                    Some((stem, "html" | "htm" | "php" | "asp" | "aspx")) => stem.to_owned(),
                    _ => seg,
                }
            })
            .collect();
        s.slug_words = s
            .path_segments
            .iter()
            .map(|seg| seg.split(['-', '_']).filter(|w| !w.is_empty()).count() as u32)
            .max()
            .unwrap_or(0);
        s.host_first = u
            .host_str()
            .and_then(|h| h.split('.').next())
            .unwrap_or("")
            .to_ascii_lowercase();
    }
    let patterns = patterns();
    for (b, fate) in blocks.iter().zip(selection.fates(blocks.len())) {
        if fate == BlockFate::Hidden {
            continue;
        }
        let st = &b.stats;
        s.chars += st.chars;
        s.link_chars += st.link_chars;
        let short = st.chars <= MAX_LABEL_CHARS;
        let text = b.text.trim();
        if st.chars <= MAX_PRICE_OR_DATE_CHARS && text.bytes().any(|c| c.is_ascii_digit()) {
            s.prices += u32::from(patterns.price.is_match(text));
            s.dates += u32::from(patterns.date.is_match(text));
        }
        if short {
            s.cart_buttons += u32::from(patterns.cart.is_match(text));
            s.post_furniture += u32::from(patterns.post.is_match(text));
            s.calls_to_action += u32::from(patterns.action.is_match(text));
        }
        if matches!(b.kind, BlockKind::Heading(_)) && st.link_density() >= CARD_HEADING_LINK_SHARE {
            s.link_headings += 1;
        }
        if fate != BlockFate::Kept {
            continue;
        }
        s.kept_chars += st.chars;
        match b.kind {
            BlockKind::Preformatted => s.code_blocks += 1,
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
    use PageType::*;
    let mut score = [0.0f32; 7];
    let mut add = |t: PageType, w: f32| score[t as usize] += w;
    let mut seen: Vec<&str> = Vec::new();
    for d in &s.declared {
        if seen.contains(&d.as_str()) {
            continue;
        }
        seen.push(d);
        if let Some(&(_, t)) = DECLARED_TYPES.iter().find(|(name, _)| name == d) {
            add(t, weight::DECLARED);
        }
    }
    let products = s.declared.iter().filter(|d| *d == "product").count();
    if products >= many::PRODUCTS {
        add(Collection, weight::DECLARED);
    } else if products > 0 {
        add(Product, weight::DECLARED_PRODUCT);
    }
    for seg in &s.path_segments {
        if let Some(&(_, t)) = PATH_SEGMENTS.iter().find(|(name, _)| name == seg) {
            add(t, weight::PATH_SEGMENT);
        }
    }
    if let Some(&(_, t)) = HOSTS.iter().find(|(name, _)| *name == s.host_first) {
        add(t, weight::HOST);
    }
    if s.slug_words >= many::SLUG_WORDS {
        add(Article, weight::SLUG);
    }
    if s.has_url && s.path_segments.is_empty() {
        add(Listing, weight::HOME_PAGE);
        add(Service, weight::HOME_PAGE);
    }
    if s.code_blocks >= 1 {
        add(Documentation, weight::CODE);
    }
    if s.code_blocks >= many::CODE_BLOCKS {
        add(Documentation, weight::CODE);
    }
    if s.cart_buttons >= 1 {
        add(Product, weight::CART);
    }
    if s.prices >= many::PRICES {
        add(Collection, weight::MANY_PRICES);
    } else if s.prices >= 1 {
        add(Product, weight::FEW_PRICES);
    }
    if s.post_furniture >= many::POST_FURNITURE {
        add(Forum, weight::POST_FURNITURE);
    }
    if s.dates >= many::DATES || s.time_elements >= many::DATES {
        add(Forum, weight::DATES);
        add(Listing, weight::DATES / 2.0);
    }
    if s.link_chars as f32 > LINK_PAGE_SHARE * s.chars as f32 {
        add(Listing, weight::LINK_PAGE);
        add(Collection, weight::LINK_PAGE);
    }
    if s.link_headings >= many::LINK_HEADINGS || s.article_elements >= many::ARTICLE_ELEMENTS {
        add(Listing, weight::CARDS);
        add(Collection, weight::CARDS / 2.0);
    }
    if s.long_paragraphs >= many::LONG_PARAGRAPHS {
        add(Article, weight::PROSE);
        add(Documentation, weight::PROSE / 2.0);
    }
    if s.long_paragraphs == 0 {
        add(Article, -weight::NO_PROSE);
    }
    if s.calls_to_action >= many::CALLS_TO_ACTION {
        add(Service, weight::CALLS_TO_ACTION);
    }
    if s.published {
        add(Article, weight::PUBLISHED);
        add(Forum, weight::PUBLISHED);
    }
    score
}

/// The page's type.
pub fn classify(
    doc: &Document,
    blocks: &[Block],
    selection: &Selection,
    metadata: &Metadata,
    url: Option<&str>,
) -> PageType {
    decide(&signals(doc, blocks, selection, metadata, url))
}

/// The type with the highest score. Article wins ties, and any other type
/// needs some evidence for it (a positive score) to win.
pub fn decide(s: &Signals) -> PageType {
    let score = scores(s);
    let mut best = PageType::Article;
    for t in PageType::ALL {
        let v = score[t as usize];
        if v > 0.0 && v > score[best as usize] {
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
            price: re(r"(?i)(?:[$€£¥₹]\s?\d|\d(?:[\d.,]*\d)?\s?(?:€|zł|руб|(?:eur|usd|gbp|kr)(?-u:\b)))"),
            cart: re(r"(?i)^(?:add to (?:cart|bag|basket|trolley)|buy (?:it )?now|in den warenkorb|ajouter au panier|add to wish ?list|out of stock|in stock)(?-u:\b)"),
            post: re(r"(?i)^(?:reply|quote|report|permalink|multi-?quote|like|likes|#\d+|post #?\d+|joined:?.*|posts:?\s*[\d,.]+k?|messages:?\s*[\d,.]+k?|reactions?:?\s*[\d,.]*|reply with quote|\d+ (?:replies|posts|reactions|likes)|originally posted by.*|solved|accepted answer)$"),
            action: re(r"(?i)^(?:get started|get a (?:free )?quote|request a (?:quote|demo)|book a (?:demo|call|consultation)|contact us|talk to (?:sales|an expert|us)|schedule a (?:call|consultation)|start (?:your )?free trial|try (?:it )?(?:for )?free|sign up free|learn more|apply now|get in touch)(?-u:\b)"),
            date: re(r"(?i)(?-u:\b)(?:\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4}|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)(?-u:\b)"),
        }
    })
}

/// What the page declares ([`Metadata::declared`]), and counts of `<time>`
/// and `<article>` elements.
fn markup_signals(doc: &Document, metadata: &Metadata, s: &mut Signals) {
    let declared = &metadata.declared;
    s.declared.extend(declared.json_ld.iter().cloned());
    s.declared
        .extend(declared.og_types.iter().map(|t| format!("og:{t}")));
    s.declared.extend(declared.microdata.iter().cloned());
    s.published = declared.published;
    for n in doc.descendants(doc.root()) {
        match doc.tag(n) {
            Some(Tag::Time) => s.time_elements += 1,
            Some(Tag::Article) => s.article_elements += 1,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_type(html: &str, url: Option<&str>) -> PageType {
        let mut page = crate::Page::from_bytes(html.as_bytes());
        page.url = url;
        crate::Extractor::default()
            .extract(&page)
            .expect("extracts")
            .page_type
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
        assert_eq!(
            page_type(plain, Some("https://example.com/docs/install")),
            PageType::Documentation
        );
        assert_eq!(
            page_type(plain, Some("https://forum.example.com/t/help/123")),
            PageType::Forum
        );
        assert_eq!(page_type(plain, None), PageType::Article);
    }
}

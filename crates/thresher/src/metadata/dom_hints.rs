//! Hints in the visible page: the `<h1>`, bylines, `<time>` elements and
//! dates printed near them, the lead `<figure>` with its caption and credit,
//! and a sample of the text for language detection.
//!
//! One walk over the document collects them. The walk keeps, for every
//! node, whether it sits in the page's chrome (navigation, footer, sidebar),
//! where hints name other pages rather than this one.

use std::sync::LazyLock;

use regex::Regex;

use crate::dom::tags::is_never_content;
use crate::dom::{Document, NodeData, NodeId, Tag};

/// Characters of visible text kept for language detection: enough for a
/// reliable guess, little enough to stay cheap on long pages.
const LANGUAGE_SAMPLE_CHARS: usize = 2000;

/// Shortest run of text added to the language sample; shorter runs are
/// menu items and buttons, often in another language than the prose.
const MIN_SAMPLE_RUN_CHARS: usize = 20;

/// Longest text of an element taken for a byline.
const MAX_BYLINE_CHARS: usize = 120;

/// Longest text of an element searched for a printed date.
const MAX_DATE_TEXT_CHARS: usize = 80;

/// Longest `itemprop=headline` text taken.
const MAX_HEADING_CHARS: usize = 300;

/// Figures examined for the lead image; the lead one comes early.
const MAX_FIGURES: usize = 3;

/// Bylines collected; the first ones are the page's own.
const MAX_BYLINES: usize = 20;

/// Dates collected.
const MAX_DATES: usize = 40;

/// Class or id fragments of elements that hold an author's name.
const BYLINE_MARKERS: &[&str] = &[
    "byline", "author", "username", "user-name", "creator", "writer", "posted-by", "postedby",
    "poster", "contributor",
];

/// Class or id fragments that, next to a byline marker, mean the element is
/// something else: an author's picture or bio, or a comment's author.
const NOT_BYLINE_MARKERS: &[&str] = &[
    "bio", "avatar", "image", "img", "photo", "pic", "description", "about", "comment",
    "social", "follow", "title", "job", "role", "position", "label", "icon",
];

/// Class or id fragments of elements that print a date.
const DATE_MARKERS: &[&str] = &["date", "time", "publish", "posted", "byline", "meta", "updated"];

/// Class, id or itemprop fragments that say a date is a modification date.
const MODIFIED_MARKERS: &[&str] = &["modified", "updated", "update", "edited", "revised"];

/// Class, id or itemprop fragments that say a date is a publication date.
const PUBLISHED_MARKERS: &[&str] = &["published", "publish", "pubdate", "posted", "created", "entry-date", "post-date", "issued"];

/// Class or id fragments of the element that carries a photo credit.
const CREDIT_MARKERS: &[&str] = &["credit", "copyright", "attribution", "photographer", "source", "courtesy"];

/// How a byline was marked up, most explicit first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum BylineMark {
    /// `itemprop=author`.
    ItemProp,
    /// `rel=author`.
    Rel,
    /// A class or id such as `byline` or `author-name`.
    ClassName,
    /// Text that starts with "By".
    ByPrefix,
}

/// A byline found in the page.
#[derive(Clone, Debug)]
pub(crate) struct Byline {
    /// Its text, as printed.
    pub text: String,
    /// How it was marked up.
    pub mark: BylineMark,
    /// Whether it comes after the first `<h1>`.
    pub after_heading: bool,
    node: NodeId,
}

/// What a visible date says it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateKind {
    /// Marked as the publication date.
    Published,
    /// Marked as a modification date.
    Modified,
    /// Not marked either way.
    Unmarked,
}

/// A date in the visible page.
#[derive(Clone, Debug)]
pub(crate) struct DateHint {
    /// A `datetime` or `content` attribute, or the printed text.
    pub value: String,
    /// What the markup says the date is.
    pub kind: DateKind,
    /// From a `<time>` element or `itemprop`, not from printed text alone.
    pub machine: bool,
    /// Outside the page's chrome.
    pub in_body: bool,
}

/// A `<figure>` (or captioned image) in the page.
#[derive(Clone, Debug, Default)]
pub(crate) struct Figure {
    /// The image's address as written.
    pub src: Option<String>,
    /// The caption without the credit.
    pub caption: Option<String>,
    /// The photographer or agency.
    pub credit: Option<String>,
    /// Characters of body text before the figure.
    pub text_before: usize,
}

/// Everything the visible page hints at.
#[derive(Clone, Debug, Default)]
pub(crate) struct DomHints {
    /// `<h1>` texts outside the page's chrome, in order.
    pub headings: Vec<String>,
    /// `<h1>` texts inside the chrome (site logos, mostly).
    pub chrome_headings: Vec<String>,
    /// `itemprop=headline` text.
    pub itemprop_headline: Option<String>,
    /// Bylines, in document order.
    pub bylines: Vec<Byline>,
    /// Dates, in document order.
    pub dates: Vec<DateHint>,
    /// The first figures outside the chrome.
    pub figures: Vec<Figure>,
    /// Visible text for language detection.
    pub text_sample: String,
    /// `<time>` elements in the body: many of them mean a list of items.
    pub time_elements: usize,
}

/// Where a node sits.
#[derive(Clone, Copy, Debug, Default)]
struct Place {
    /// Inside navigation, footer, sidebar or a page-level header.
    chrome: bool,
    /// Inside `<article>` or `<main>`.
    article: bool,
}

/// Reads the hints of the whole document.
pub(crate) fn read(doc: &Document) -> DomHints {
    let mut hints = DomHints::default();
    let mut body_chars = 0usize;
    let mut stack: Vec<(NodeId, Place)> = vec![(doc.root(), Place::default())];
    while let Some((n, place)) = stack.pop() {
        match &doc.node(n).data {
            NodeData::Text(t) if !place.chrome => {
                let t = t.trim();
                body_chars += t.len();
                sample(&mut hints.text_sample, t);
                if starts_with_by(t) {
                    if let Some(parent) = doc.parent(n) {
                        push_byline(&mut hints, doc, parent, BylineMark::ByPrefix);
                    }
                }
                continue;
            }
            NodeData::Element(e) => {
                if is_never_content(e.tag) {
                    continue;
                }
                let inner = enter(doc, n, place);
                if !visit(&mut hints, doc, n, inner, body_chars) {
                    continue;
                }
                push_children(doc, n, inner, &mut stack);
            }
            NodeData::Document => push_children(doc, n, place, &mut stack),
            _ => {}
        }
    }
    drop_enclosing_bylines(doc, &mut hints.bylines);
    hints
}

/// Pushes the children of `n` so that the first is popped first.
fn push_children(doc: &Document, n: NodeId, place: Place, stack: &mut Vec<(NodeId, Place)>) {
    let mut child = doc.node(n).last_child;
    while let Some(c) = child {
        stack.push((c, place));
        child = doc.node(c).prev_sibling;
    }
}

/// The place of the children of element `n`.
fn enter(doc: &Document, n: NodeId, mut place: Place) -> Place {
    let tag = doc.tag(n);
    if matches!(tag, Some(Tag::Article | Tag::Main)) {
        place.article = true;
    }
    let role = doc.attr(n, "role").unwrap_or("");
    let chrome_tag = matches!(tag, Some(Tag::Nav | Tag::Footer | Tag::Aside))
        || (tag == Some(Tag::Header) && !place.article);
    let chrome_role = ["navigation", "contentinfo", "complementary", "banner"]
        .iter()
        .any(|r| role.eq_ignore_ascii_case(r));
    if chrome_tag || chrome_role {
        place.chrome = true;
    }
    place
}

/// Looks at one element; returns whether to walk into its children.
fn visit(hints: &mut DomHints, doc: &Document, n: NodeId, place: Place, body_chars: usize) -> bool {
    let Some(tag) = doc.tag(n) else { return true };
    let marks = marks_of(doc, n);
    match tag {
        Tag::H1 => {
            // An `<h1>` wrapping a whole section is no headline.
            let text = short_text(doc, n, MAX_HEADING_CHARS).unwrap_or_default();
            if !text.is_empty() {
                if place.chrome {
                    hints.chrome_headings.push(text);
                } else {
                    hints.headings.push(text);
                }
            }
            return false;
        }
        Tag::Figure if !place.chrome && hints.figures.len() < MAX_FIGURES => {
            if let Some(mut f) = figure(doc, n) {
                f.text_before = body_chars;
                hints.figures.push(f);
            }
        }
        Tag::Time => {
            if !place.chrome {
                hints.time_elements += 1;
            }
            let value = doc
                .attr(n, "datetime")
                .map(super::collapse_whitespace)
                .filter(|v| !v.is_empty())
                .or_else(|| short_text(doc, n, MAX_DATE_TEXT_CHARS))
                .unwrap_or_default();
            // A label printed before the date ("Updated") sits in the parent.
            let parent = doc.parent(n);
            let parent_marks = parent.map(|p| marks_of(doc, p)).unwrap_or_default();
            let label = parent
                .and_then(|p| short_text(doc, p, MAX_DATE_TEXT_CHARS))
                .unwrap_or_default();
            let kind = date_kind(&format!("{marks} {parent_marks}"), &label);
            push_date(hints, value, kind, true, !place.chrome);
            return false;
        }
        _ => {}
    }
    let itemprop = doc.attr(n, "itemprop").unwrap_or("").to_ascii_lowercase();
    if tag != Tag::Meta {
        item_property(hints, doc, n, &itemprop, place);
    }
    if !place.chrome {
        if doc.attr(n, "rel").is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ignore_ascii_case("author"))) {
            push_byline(hints, doc, n, BylineMark::Rel);
        } else if has_any(&marks, BYLINE_MARKERS) && !has_any(&marks, NOT_BYLINE_MARKERS) {
            push_byline(hints, doc, n, BylineMark::ClassName);
        }
        if has_any(&marks, DATE_MARKERS) {
            printed_date(hints, doc, n, &marks);
        }
    }
    true
}

/// Microdata on visible elements: `itemprop=headline`, `author`,
/// `datePublished`, `dateModified`.
fn item_property(hints: &mut DomHints, doc: &Document, n: NodeId, itemprop: &str, place: Place) {
    if itemprop.is_empty() {
        return;
    }
    if itemprop.split_ascii_whitespace().any(|p| p == "headline") && hints.itemprop_headline.is_none() {
        hints.itemprop_headline = short_text(doc, n, MAX_HEADING_CHARS).filter(|t| !t.is_empty());
    }
    if itemprop.split_ascii_whitespace().any(|p| p == "author") && !place.chrome {
        push_byline(hints, doc, n, BylineMark::ItemProp);
    }
    for (prop, kind) in [("datepublished", DateKind::Published), ("datemodified", DateKind::Modified)] {
        if itemprop.split_ascii_whitespace().any(|p| p == prop) {
            let value = ["content", "datetime"]
                .iter()
                .find_map(|a| doc.attr(n, a))
                .map(super::collapse_whitespace)
                .or_else(|| short_text(doc, n, MAX_DATE_TEXT_CHARS))
                .unwrap_or_default();
            push_date(hints, value, kind, true, !place.chrome);
        }
    }
}

fn push_byline(hints: &mut DomHints, doc: &Document, n: NodeId, mark: BylineMark) {
    if hints.bylines.len() >= MAX_BYLINES || hints.bylines.iter().any(|b| b.node == n) {
        return;
    }
    // `itemprop=author` often wraps `itemprop=name` next to a job title.
    let named = (mark == BylineMark::ItemProp)
        .then(|| {
            doc.descendants(n)
                .find(|&d| doc.attr(d, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("name")))
        })
        .flatten();
    let Some(text) = short_text(doc, named.unwrap_or(n), MAX_BYLINE_CHARS) else {
        return;
    };
    if text.is_empty() {
        return;
    }
    hints.bylines.push(Byline {
        text,
        mark,
        after_heading: !hints.headings.is_empty(),
        node: n,
    });
}

/// Keeps the innermost of nested bylines: `<div class=byline>By <a
/// rel=author>Name</a> · 5 min read</div>` yields the link, not the div.
fn drop_enclosing_bylines(doc: &Document, bylines: &mut Vec<Byline>) {
    let nodes: Vec<NodeId> = bylines.iter().map(|b| b.node).collect();
    bylines.retain(|b| {
        !nodes
            .iter()
            .any(|&other| other != b.node && doc.ancestors_and_self(other).any(|a| a == b.node))
    });
}

fn push_date(hints: &mut DomHints, value: String, kind: DateKind, machine: bool, in_body: bool) {
    if hints.dates.len() < MAX_DATES && !value.is_empty() {
        hints.dates.push(DateHint {
            value,
            kind,
            machine,
            in_body,
        });
    }
}

/// A date printed in a short element marked as a date ("Posted on
/// January 5, 2022"), when no `<time>` inside it says it already.
fn printed_date(hints: &mut DomHints, doc: &Document, n: NodeId, marks: &str) {
    let Some(text) = short_text(doc, n, MAX_DATE_TEXT_CHARS) else {
        return;
    };
    let has_time = doc.descendants(n).any(|d| doc.tag(d) == Some(Tag::Time));
    if has_time || super::dates::parse_text(&text).is_none() {
        return;
    }
    let kind = date_kind(marks, &text);
    push_date(hints, text, kind, false, true);
}

/// What a date is, from the markup of its element (and its parent's) and
/// from a label printed with it ("Updated January 5").
fn date_kind(marks: &str, text: &str) -> DateKind {
    let all = format!("{marks} {}", text.to_lowercase());
    if has_any(&all, MODIFIED_MARKERS) {
        DateKind::Modified
    } else if has_any(&all, PUBLISHED_MARKERS) {
        DateKind::Published
    } else {
        DateKind::Unmarked
    }
}

/// Class, id and itemprop of an element, lower-cased, for marker checks.
fn marks_of(doc: &Document, n: NodeId) -> String {
    let mut s = String::new();
    for a in ["class", "id", "itemprop"] {
        if let Some(v) = doc.attr(n, a) {
            s.push_str(&v.to_ascii_lowercase());
            s.push(' ');
        }
    }
    s
}

fn has_any(hay: &str, needles: &[&str]) -> bool {
    !hay.is_empty() && needles.iter().any(|n| hay.contains(n))
}

fn starts_with_by(t: &str) -> bool {
    let lower = t.get(..t.len().min(12)).unwrap_or("").to_ascii_lowercase();
    lower == "by" || lower.starts_with("by ") || lower.starts_with("written by") || lower.starts_with("posted by")
}

/// Adds a run of text to the language sample.
fn sample(out: &mut String, t: &str) {
    if out.len() < LANGUAGE_SAMPLE_CHARS && t.chars().count() >= MIN_SAMPLE_RUN_CHARS {
        out.push_str(t);
        out.push(' ');
    }
}

/// The visible text under `n`, whitespace collapsed: scripts, styles, SVG
/// titles and form controls left out.
pub(crate) fn visible_text(doc: &Document, n: NodeId) -> String {
    short_text(doc, n, usize::MAX).unwrap_or_default()
}

/// The visible text under `n` if it is at most `max` bytes long. The walk
/// stops as soon as the text is too long, so that asking every marked
/// container for its text stays cheap on large pages.
fn short_text(doc: &Document, n: NodeId, max: usize) -> Option<String> {
    let mut out = String::new();
    let mut walk = doc.descendants(n);
    while let Some(d) = walk.next() {
        match &doc.node(d).data {
            NodeData::Text(t) => {
                out.push_str(t);
                // Whitespace is collapsed later; allow for it here.
                if out.len() > max.saturating_mul(2) {
                    return None;
                }
            }
            NodeData::Element(e) if is_never_content(e.tag) => walk.skip_subtree(d),
            NodeData::Element(e) if e.tag == Tag::Br || crate::dom::tags::is_block(e.tag) => {
                out.push(' ')
            }
            _ => {}
        }
    }
    let text = super::collapse_whitespace(&out);
    (text.len() <= max).then_some(text)
}

/// The image, caption and credit of a `<figure>`.
fn figure(doc: &Document, n: NodeId) -> Option<Figure> {
    let img = doc.descendants(n).find(|&d| doc.tag(d) == Some(Tag::Img));
    let src = img.and_then(|i| image_src(doc, i)).or_else(|| {
        doc.descendants(n)
            .filter(|&d| doc.tag(d) == Some(Tag::Source))
            .find_map(|s| doc.attr(s, "srcset").and_then(first_srcset_url))
    });
    let caption_node = doc.descendants(n).find(|&d| doc.tag(d) == Some(Tag::Figcaption));
    let mut f = Figure {
        src,
        ..Figure::default()
    };
    if let Some(c) = caption_node {
        let (caption, credit) = caption_and_credit(doc, c);
        f.caption = caption;
        f.credit = credit;
    }
    (f.src.is_some() || f.caption.is_some()).then_some(f)
}

/// An `<img>`'s address: `src` unless it is an inline placeholder, else the
/// attributes lazy loaders use.
fn image_src(doc: &Document, img: NodeId) -> Option<String> {
    let real = |v: &&str| !v.trim().is_empty() && !v.trim_start().starts_with("data:");
    ["src", "data-src", "data-lazy-src", "data-original", "data-url"]
        .iter()
        .filter_map(|a| doc.attr(img, a))
        .find(real)
        .map(|v| v.trim().to_owned())
        .or_else(|| {
            ["srcset", "data-srcset"]
                .iter()
                .filter_map(|a| doc.attr(img, a))
                .find_map(first_srcset_url)
        })
}

fn first_srcset_url(srcset: &str) -> Option<String> {
    srcset
        .split(',')
        .next()
        .and_then(|c| c.split_whitespace().next())
        .filter(|u| !u.starts_with("data:"))
        .map(str::to_owned)
}

/// Splits a `<figcaption>` into caption and credit: an element marked as
/// the credit, else a credit label in the text ("(Image credit: X)",
/// "Photo: X", "© X").
fn caption_and_credit(doc: &Document, figcaption: NodeId) -> (Option<String>, Option<String>) {
    let whole = visible_text(doc, figcaption);
    let credit_node = doc
        .descendants(figcaption)
        .find(|&d| has_any(&marks_of(doc, d), CREDIT_MARKERS));
    let (caption, credit) = match credit_node {
        Some(c) => {
            let credit = visible_text(doc, c);
            let caption = whole.replacen(&credit, "", 1);
            (caption, Some(clean_credit(&credit)))
        }
        None => split_credit(&whole),
    };
    let caption = super::collapse_whitespace(&caption);
    (
        Some(caption).filter(|c| !c.is_empty()),
        credit.filter(|c| !c.is_empty()),
    )
}

/// A credit label and what follows it, at the end of a caption.
static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s(\[|])(?:(?:image|photo|picture|video)\s+credits?|credits?|photo(?:graph)?s?|images?|pictures?|illustration|foto|bild|source|courtesy(?:\s+of)?)\s*:|(?:^|[\s(\[|])(?:photo(?:graph)?|image|picture)\s+by\s|©|\(c\)\s|copyright\s",
    )
    .expect("credit pattern compiles")
});

/// Caption text and the credit at its end, if one is labelled.
fn split_credit(text: &str) -> (String, Option<String>) {
    match CREDIT_LABEL.find_iter(text).last() {
        Some(m) => {
            let caption = text[..m.start()].trim().trim_end_matches(['(', '[', '|']).trim();
            (caption.to_owned(), Some(clean_credit(&text[m.start()..])))
        }
        None => (text.to_owned(), None),
    }
}

/// A credit without its label and wrapping: "(Image credit: X)" -> "X".
fn clean_credit(credit: &str) -> String {
    let t = credit.trim().trim_start_matches(['(', '[', '|']).trim();
    let t = match CREDIT_LABEL.find(t) {
        Some(m) if m.start() == 0 => &t[m.end()..],
        _ => t,
    };
    let t = t.trim().trim_end_matches([')', ']']).trim();
    super::collapse_whitespace(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(body: &str) -> DomHints {
        let html = format!("<html><body>{body}</body></html>");
        read(&crate::dom::parse(&html, None).expect("parses"))
    }

    #[test]
    fn headings_outside_chrome_are_kept_apart() {
        let h = hints("<header><h1>Site</h1></header><article><h1>Story <svg><title>icon</title></svg></h1></article>");
        assert_eq!(h.headings, ["Story"]);
        assert_eq!(h.chrome_headings, ["Site"]);
    }

    #[test]
    fn innermost_byline_is_kept() {
        let h = hints("<h1>T</h1><div class='byline'><span class='by-author'>By <a rel='author' href='/a'>Jane Doe</a></span> <time datetime='2022-01-28'>28 January 2022</time></div>");
        let texts: Vec<&str> = h.bylines.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Jane Doe"]);
        assert!(h.bylines[0].after_heading);
        assert_eq!(h.dates[0].value, "2022-01-28");
    }

    #[test]
    fn bios_and_comment_authors_are_not_bylines() {
        let h = hints("<div class='author-bio'>Jane Doe</div><div class='comment-author'>Troll</div>");
        assert!(h.bylines.is_empty());
    }

    #[test]
    fn figure_caption_and_credit_are_split() {
        let h = hints("<figure><img src='/a.jpg'><figcaption><span>Emmanuel Macron.</span> <span class='credit'>(Image credit: JANE DOE/AFP via Getty Images)</span></figcaption></figure>");
        let f = &h.figures[0];
        assert_eq!(f.src.as_deref(), Some("/a.jpg"));
        assert_eq!(f.caption.as_deref(), Some("Emmanuel Macron."));
        assert_eq!(f.credit.as_deref(), Some("JANE DOE/AFP via Getty Images"));
    }

    #[test]
    fn credits_are_found_in_caption_text() {
        assert_eq!(split_credit("A river at dusk. Photo: Jane Doe"), ("A river at dusk.".into(), Some("Jane Doe".into())));
        assert_eq!(split_credit("A river (Image credit: Getty Images)"), ("A river".into(), Some("Getty Images".into())));
        assert_eq!(split_credit("A river © Jane Doe"), ("A river".into(), Some("Jane Doe".into())));
        assert_eq!(split_credit("A river at dusk."), ("A river at dusk.".into(), None));
    }

    #[test]
    fn printed_dates_are_read_with_their_kind() {
        let h = hints("<span class='post-date'>Updated March 3, 2021</span><p class='meta'>Posted on January 5, 2020</p>");
        assert_eq!(h.dates.len(), 2);
        assert_eq!(h.dates[0].kind, DateKind::Modified);
        assert_eq!(h.dates[1].kind, DateKind::Published);
    }

    /// Built without the parser, whose own cost on deep trees is not what
    /// this test measures.
    #[test]
    fn survives_deep_nesting() {
        use crate::dom::{DocumentBuilder, Element};
        let element = |name: &str| {
            NodeData::Element(Element {
                tag: Tag::from_name(name),
                name: name.into(),
                attrs: vec![],
            })
        };
        let mut b = DocumentBuilder::new();
        let mut parent = b.root();
        for _ in 0..100_000 {
            let div = b.create(element("div"));
            b.append(parent, div);
            parent = div;
        }
        let h1 = b.create(element("h1"));
        b.append(parent, h1);
        b.append_text(h1, "Deep");
        let h = read(&b.finish());
        assert_eq!(h.headings, ["Deep"]);
    }
}

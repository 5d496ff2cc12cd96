//! Hints in the visible page: the `<h1>`, bylines, `<time>` elements and
//! dates printed near them, the lead `<figure>` with its caption and credit,
//! and a sample of the text for language detection.
//!
//! One walk over the document collects them. The walk keeps, for every
//! node, whether it sits in the page's chrome (navigation, footer, sidebar),
//! where hints name other pages rather than this one.

use std::cmp::Reverse;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::json_ld::ItemKind;
use crate::dom::tags::is_never_content;
use crate::dom::{Document, NodeData, NodeId, Tag};
use crate::hash::FastMap;
use crate::wording::{self, MAX_BYLINE_CHARS};

/// Characters of visible text kept for language detection: enough for a
/// reliable guess, little enough to stay cheap on long pages.
const LANGUAGE_SAMPLE_CHARS: usize = 2000;

/// Shortest run of text added to the language sample; shorter runs are
/// menu items and buttons, often in another language than the prose.
const MIN_SAMPLE_RUN_CHARS: usize = 20;

/// Longest text of an element searched for a printed date.
const MAX_DATE_TEXT_CHARS: usize = 80;

/// Shortest text that can hold a date ("5.1.2022" has 8 characters).
const MIN_DATE_TEXT_CHARS: usize = 6;

/// Longest `<h1>` or `itemprop=headline` text taken.
const MAX_HEADING_CHARS: usize = 300;

/// Figures examined for the lead image; the lead one comes early.
const MAX_FIGURES: usize = 3;

/// Bylines collected; the first ones are the page's own.
const MAX_BYLINES: usize = 20;

/// Dates collected.
const MAX_DATES: usize = 40;

/// Characters of body text before the headline within which a printed date
/// still belongs to it (a date line above the `<h1>`).
pub(crate) const DATE_BEFORE_HEADING_CHARS: usize = 300;

/// Characters of body text after the headline within which a printed date
/// is the page's own: the byline area, before the body starts.
pub(crate) const DATE_AFTER_HEADING_CHARS: usize = 600;

/// Class or id fragments of elements that hold an author's name.
const BYLINE_MARKERS: &[&str] = &[
    "byline",
    "author",
    "username",
    "user-name",
    "creator",
    "writer",
    "posted-by",
    "postedby",
    "poster",
    "contributor",
];

/// Class or id fragments that, next to a byline marker, mean the element is
/// something else: an author's picture or bio, or a comment's author.
const NOT_BYLINE_MARKERS: &[&str] = &[
    "bio",
    "avatar",
    "image",
    "img",
    "photo",
    "pic",
    "description",
    "about",
    "comment",
    "social",
    "follow",
    "title",
    "job",
    "role",
    "position",
    "label",
];

/// Class or id fragments of elements that print a date.
const DATE_MARKERS: &[&str] = &[
    "date", "time", "publish", "posted", "byline", "meta", "updated",
];

/// Class, id, itemprop or label fragments that say a date is a
/// modification date.
const MODIFIED_MARKERS: &[&str] = &["modified", "updated", "update", "edited", "revised"];

/// Class, id, itemprop or label fragments that say a date is a publication
/// date.
const PUBLISHED_MARKERS: &[&str] = &[
    "published",
    "publish",
    "pubdate",
    "posted",
    "created",
    "entry-date",
    "post-date",
    "issued",
];

/// Class fragments of badges set inside a heading ("News", "Solved"),
/// which are not part of the headline.
const LABEL_MARKERS: &[&str] = &["label", "prefix", "badge"];

/// Class or id fragments of containers of readers' feedback — reviews,
/// comments, replies — whose dates and names are not the page's.
const FEEDBACK_MARKERS: &[&str] = &["review", "comment", "reply", "replies", "testimonial"];

/// Longest text of a badge inside a heading.
const MAX_BADGE_CHARS: usize = 24;

/// Class or id fragments of the element that carries a photo credit.
const CREDIT_MARKERS: &[&str] = &[
    "credit",
    "copyright",
    "attribution",
    "photographer",
    "source",
    "courtesy",
];

/// The marker sets an element's class, id or itemprop can name, as bits.
mod mark {
    pub const BYLINE: u8 = 1;
    pub const NOT_BYLINE: u8 = 1 << 1;
    pub const DATE: u8 = 1 << 2;
    pub const MODIFIED: u8 = 1 << 3;
    pub const PUBLISHED: u8 = 1 << 4;
    pub const CREDIT: u8 = 1 << 5;
    pub const LABEL: u8 = 1 << 6;
    pub const FEEDBACK: u8 = 1 << 7;
}

/// Every marker fragment in one automaton, with the sets each belongs to:
/// one pass over an attribute answers every marker question about it.
///
/// The search is leftmost-longest rather than overlapping (several times
/// faster); so that a long match ("post-date") still answers for the
/// fragments inside it ("date"), each fragment carries the sets of those it
/// contains.
static MARKERS: LazyLock<(AhoCorasick, Vec<u8>)> = LazyLock::new(|| {
    let sets: [(&[&str], u8); 8] = [
        (BYLINE_MARKERS, mark::BYLINE),
        (NOT_BYLINE_MARKERS, mark::NOT_BYLINE),
        (DATE_MARKERS, mark::DATE),
        (MODIFIED_MARKERS, mark::MODIFIED),
        (PUBLISHED_MARKERS, mark::PUBLISHED),
        (CREDIT_MARKERS, mark::CREDIT),
        (LABEL_MARKERS, mark::LABEL),
        (FEEDBACK_MARKERS, mark::FEEDBACK),
    ];
    let mut patterns: Vec<&str> = Vec::new();
    let mut bits: Vec<u8> = Vec::new();
    for (set, bit) in sets {
        for p in set {
            match patterns.iter().position(|q| q == p) {
                Some(i) => bits[i] |= bit,
                None => {
                    patterns.push(p);
                    bits.push(bit);
                }
            }
        }
    }
    let contained: Vec<u8> = patterns
        .iter()
        .map(|p| {
            patterns
                .iter()
                .zip(&bits)
                .filter(|(q, _)| p.contains(*q))
                .fold(0, |acc, (_, b)| acc | b)
        })
        .collect();
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("marker patterns build");
    (ac, contained)
});

/// The marker sets named by the class, id and itemprop of element `n`.
fn marks_of(doc: &Document, n: NodeId) -> u8 {
    let Some(e) = doc.element(n) else { return 0 };
    e.attrs
        .iter()
        .filter(|a| matches!(&*a.name, "class" | "id" | "itemprop"))
        .fold(0, |m, a| m | value_marks(&a.value))
}

/// [`marks_of`], each attribute value scanned once a page: `seen` keeps
/// what the values scanned so far name (cards and rows repeat a class).
fn marks_remembered<'d>(doc: &'d Document, n: NodeId, seen: &mut FastMap<&'d str, u8>) -> u8 {
    let Some(e) = doc.element(n) else { return 0 };
    let mut m = 0;
    for a in &e.attrs {
        if matches!(&*a.name, "class" | "id" | "itemprop") {
            m |= *seen
                .entry(&*a.value)
                .or_insert_with(|| value_marks(&a.value));
        }
    }
    m
}

/// The marker sets one attribute value names.
fn value_marks(value: &str) -> u8 {
    let (ac, bits) = &*MARKERS;
    ac.find_iter(value)
        .fold(0, |m, hit| m | bits[hit.pattern().as_usize()])
}

/// How a byline was marked up, most explicit first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum BylineMark {
    /// `itemprop=author` of the first article or discussion item in the
    /// page's microdata: as explicit as JSON-LD.
    MainItem,
    /// `itemprop=author` elsewhere (an answer's, a comment's).
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DateKind {
    /// Marked or labelled as the publication date.
    Published,
    /// Not marked either way.
    Unmarked,
    /// Marked or labelled as a modification date.
    Modified,
}

/// Where a visible date was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateSource {
    /// A `<time>` element.
    Time,
    /// `itemprop=datePublished` or `dateModified` on a visible element.
    ItemProp,
    /// Text printed in an element whose class or id names a date.
    MarkedText,
    /// Text printed near the headline.
    Text,
}

/// A date in the visible page.
#[derive(Clone, Debug)]
pub(crate) struct DateHint {
    /// A `datetime` or `content` attribute, or the printed text.
    pub value: String,
    /// What the markup or a printed label says the date is.
    pub kind: DateKind,
    /// Where it was found.
    pub source: DateSource,
    /// Characters of body text before it.
    pub offset: usize,
    /// Outside the page's chrome.
    pub in_body: bool,
}

/// A `<figure>` in the page.
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
    /// Characters of body text before the first of `headings`.
    pub heading_offset: Option<usize>,
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
    /// The `<html>`, `<meta>`, `<link>`, `<title>` and `<script>` elements
    /// met on the walk, for the readers of machine-readable markup.
    pub markup: Vec<NodeId>,
}

impl DomHints {
    /// Whether a date at `offset` sits close enough to the headline to be
    /// the page's own.
    pub(crate) fn near_heading(&self, offset: usize) -> bool {
        self.heading_offset.is_some_and(|h| {
            offset + DATE_BEFORE_HEADING_CHARS >= h && offset <= h + DATE_AFTER_HEADING_CHARS
        })
    }
}

/// Where a node sits.
#[derive(Clone, Copy, Debug, Default)]
struct Place {
    /// Inside navigation, footer, sidebar or a page-level header.
    chrome: bool,
    /// The kind of the nearest microdata item (`itemscope`) around.
    item: Option<ItemKind>,
    /// Inside a review, a comment or a reply.
    feedback: bool,
    /// Inside `<article>` or `<main>`.
    article: bool,
}

/// The walk's running state.
#[derive(Default)]
struct Walk {
    hints: DomHints,
    /// Characters of body text seen so far.
    body_chars: usize,
    /// The person the last portrait showed (its `alt`), and where: the
    /// name printed next to it is a byline.
    portrait: Option<(String, usize)>,
}

/// Reads the hints of the whole document in one walk.
pub(crate) fn read(doc: &Document) -> DomHints {
    let mut w = Walk::default();
    let mut seen_marks = FastMap::default();
    let mut stack: Vec<(NodeId, Place)> = vec![(doc.root(), Place::default())];
    while let Some((n, place)) = stack.pop() {
        match &doc.node(n).data {
            NodeData::Text(t) if !place.chrome => text_node(&mut w, doc, n, doc.text_of(*t), place),
            NodeData::Element(e) => match e.tag {
                Tag::Meta | Tag::Link | Tag::Title | Tag::Script => w.hints.markup.push(n),
                // The head holds markup only; its text is never body text.
                Tag::Head => push_children(
                    doc,
                    n,
                    Place {
                        chrome: true,
                        ..place
                    },
                    &mut stack,
                ),
                tag if is_never_content(tag) => {}
                _ => {
                    // Markers only matter outside the page's chrome, where
                    // bylines and dates are the page's own.
                    let marks = if place.chrome {
                        0
                    } else {
                        marks_remembered(doc, n, &mut seen_marks)
                    };
                    let inner = enter(doc, n, place, marks);
                    if visit(&mut w, doc, n, place, inner, marks) {
                        push_children(doc, n, inner, &mut stack);
                    }
                }
            },
            NodeData::Document => push_children(doc, n, place, &mut stack),
            _ => {}
        }
    }
    innermost_bylines_first(doc, &mut w.hints.bylines);
    w.hints
}

/// A run of body text: counted, sampled, and checked for a byline or a
/// date near the headline.
fn text_node(w: &mut Walk, doc: &Document, n: NodeId, text: &str, place: Place) {
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    sample(&mut w.hints.text_sample, t);
    if let Some((name, at)) = w.portrait.take() {
        let text = super::collapse_whitespace(t);
        let names_it = text.eq_ignore_ascii_case(&name)
            || text
                .to_lowercase()
                .starts_with(&format!("{},", name.to_lowercase()));
        if names_it && !place.feedback {
            if let Some(parent) = doc.parent(n) {
                push_byline(&mut w.hints, doc, parent, BylineMark::ClassName);
            }
        } else if w.body_chars <= at + PORTRAIT_NAME_REACH {
            w.portrait = Some((name, at));
        }
    }
    if t.len() <= MAX_BYLINE_CHARS && wording::opens_with_byline_label(t) {
        if let Some(parent) = doc.parent(n) {
            push_byline(&mut w.hints, doc, parent, BylineMark::ByPrefix);
        }
    }
    let may_be_date = (MIN_DATE_TEXT_CHARS..=MAX_DATE_TEXT_CHARS).contains(&t.len())
        && t.bytes().any(|b| b.is_ascii_digit());
    let in_window = match w.hints.heading_offset {
        Some(h) => w.body_chars <= h + DATE_AFTER_HEADING_CHARS,
        None => true,
    };
    // A date labelled as the publication date ("Posted on April 13, 2023")
    // is the page's wherever it is printed, at the story's end too.
    let labelled = || {
        let lower = t.to_lowercase();
        ["posted on", "published on", "originally published"]
            .iter()
            .any(|l| lower.starts_with(l))
    };
    if may_be_date && (in_window || labelled()) && super::dates::parse_text(t).is_some() {
        // Before the headline is found, only dates just above it matter.
        if w.hints.heading_offset.is_none() {
            let floor = w.body_chars.saturating_sub(DATE_BEFORE_HEADING_CHARS);
            w.hints
                .dates
                .retain(|d| d.source != DateSource::Text || d.offset >= floor);
        }
        let label = doc
            .parent(n)
            .and_then(|p| spaced_text(doc, p, MAX_DATE_TEXT_CHARS));
        let kind = date_kind(0, label.as_deref().unwrap_or(t));
        push_date(
            &mut w.hints,
            t.to_owned(),
            kind,
            DateSource::Text,
            w.body_chars,
            place.owns_dates(),
        );
    }
    w.body_chars += t.len();
}

/// Pushes the children of `n` so that the first is popped first.
fn push_children(doc: &Document, n: NodeId, place: Place, stack: &mut Vec<(NodeId, Place)>) {
    let mut child = doc.node(n).last_child;
    while let Some(c) = child {
        stack.push((c, place));
        child = doc.node(c).prev_sibling;
    }
}

impl Place {
    /// Whether a date here may be the page's own: not in the page's chrome,
    /// not in a reader's review or comment.
    fn owns_dates(self) -> bool {
        !self.chrome && !self.feedback
    }
}

/// The place of the children of element `n`, whose marker sets are `marks`.
fn enter(doc: &Document, n: NodeId, mut place: Place, marks: u8) -> Place {
    if marks & mark::FEEDBACK != 0 {
        place.feedback = true;
    }
    let tag = doc.tag(n);
    if matches!(tag, Some(Tag::Article | Tag::Main)) {
        place.article = true;
    }
    if doc.attr(n, "itemscope").is_some() {
        place.item = doc
            .attr(n, "itemtype")
            .and_then(super::json_ld::kind_of_type_url);
    }
    let role = doc.attr(n, "role").unwrap_or("");
    // An article's own header and footer hold its byline and date; the
    // page's hold menus, unless the headline is in there with them.
    let is_role = |names: &[&str]| names.iter().any(|r| role.eq_ignore_ascii_case(r));
    let always =
        matches!(tag, Some(Tag::Nav | Tag::Aside)) || is_role(&["navigation", "complementary"]);
    let unless_article =
        matches!(tag, Some(Tag::Header | Tag::Footer)) || is_role(&["contentinfo", "banner"]);
    // Checked last: the subtree scan is paid only for page-level headers.
    if always || (unless_article && !place.article && !holds_heading(doc, n)) {
        place.chrome = true;
    }
    // The page's main content is no aside, whatever encloses it: an
    // `<aside>` banner left unclosed swallows the whole page in parsing.
    if tag == Some(Tag::Main) {
        place.chrome = false;
    }
    place
}

/// How far after a portrait (characters of text) the name it shows may
/// be printed to make a byline.
const PORTRAIT_NAME_REACH: usize = 300;

/// Words in an image's alt, class, address or its parent's class that make
/// it a portrait of a person.
const PORTRAIT_HINTS: &[&str] = &[
    "avatar", "author", "headshot", "profile", "portrait", "byline", "gravatar", "writer",
];

/// Phrases around the name in a portrait's alt text.
const PORTRAIT_ALT_PREFIXES: &[&str] = &[
    "headshot of ",
    "photo of ",
    "picture of ",
    "portrait of ",
    "avatar of ",
    "profile photo of ",
    "profile picture of ",
];
/// See [`PORTRAIT_ALT_PREFIXES`].
const PORTRAIT_ALT_SUFFIXES: &[&str] = &[
    " profile image",
    " profile picture",
    " avatar",
    " headshot",
    " photo",
];

/// The person an author's portrait shows: an `<img>` marked as one (in its
/// alt, class, address or its parent's class) whose alt text is a name
/// written as a person's ("Headshot of Jane Doe, MD" gives "Jane Doe").
/// A staff photo among the story's pictures is not marked so.
fn portrait_of(doc: &Document, img: NodeId) -> Option<String> {
    let alt = super::collapse_whitespace(doc.attr(img, "alt")?);
    let lower = alt.to_lowercase();
    let mut attrs: Vec<String> = ["class", "src", "id"]
        .iter()
        .filter_map(|a| doc.attr(img, a))
        .map(str::to_ascii_lowercase)
        .collect();
    attrs.extend(
        doc.parent(img)
            .and_then(|p| doc.attr(p, "class"))
            .map(str::to_ascii_lowercase),
    );
    let marked = PORTRAIT_ALT_PREFIXES.iter().any(|p| lower.starts_with(p))
        || PORTRAIT_ALT_SUFFIXES.iter().any(|s| lower.ends_with(s))
        || attrs
            .iter()
            .any(|v| PORTRAIT_HINTS.iter().any(|h| v.contains(h)));
    if !marked {
        return None;
    }
    let mut name = alt.as_str();
    if let Some(rest) = PORTRAIT_ALT_PREFIXES.iter().find_map(|p| {
        name.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p))
            .map(|_| &name[p.len()..])
    }) {
        name = rest;
    }
    if let Some(rest) = PORTRAIT_ALT_SUFFIXES.iter().find_map(|s| {
        let cut = name.len().checked_sub(s.len())?;
        name.get(cut..)
            .filter(|tail| tail.eq_ignore_ascii_case(s))
            .map(|_| &name[..cut])
    }) {
        name = rest;
    }
    let name = name.split(',').next().unwrap_or("").trim();
    super::authors::is_person_shaped(name).then(|| name.to_owned())
}

/// Path segments that lead to a writer's page (`/author/jane-doe`).
const AUTHOR_PAGE_SEGMENTS: &[&str] = &[
    "author",
    "authors",
    "writer",
    "writers",
    "contributor",
    "contributors",
];

/// A link to a writer's page: `/author/jane-doe`, `/writers/jdoe/`,
/// `?author=jane`. Its text names the writer as `rel=author` would.
fn links_to_author_page(href: &str) -> bool {
    let href = href.to_ascii_lowercase();
    let href = href.split('#').next().unwrap_or("");
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let in_path = segments
        .iter()
        .rev()
        .skip(1)
        .any(|s| AUTHOR_PAGE_SEGMENTS.contains(s));
    let in_query = query.split('&').any(|kv| {
        kv.split('=')
            .next()
            .is_some_and(|k| k.trim_start_matches('_') == "author")
    });
    in_path || in_query
}

/// Whether `n` sits in a comment section: an element whose class or id
/// names comments and that does not hold the headline.
fn in_comments(doc: &Document, n: NodeId) -> bool {
    doc.ancestors_and_self(n).any(|a| {
        ["class", "id"].iter().any(|attr| {
            doc.attr(a, attr)
                .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
        }) && !holds_heading(doc, a)
    })
}

/// Whether an `<h1>` sits under `n`.
fn holds_heading(doc: &Document, n: NodeId) -> bool {
    doc.descendants(n).any(|d| doc.tag(d) == Some(Tag::H1))
}

/// Looks at one element; returns whether to walk into its children.
///
/// `outer` is where the element sits, `place` where its children do (the
/// element may open a microdata item or be page chrome itself).
fn visit(w: &mut Walk, doc: &Document, n: NodeId, outer: Place, place: Place, marks: u8) -> bool {
    let Some(tag) = doc.tag(n) else { return true };
    match tag {
        Tag::Html => w.hints.markup.push(n),
        Tag::H1 => {
            heading(w, doc, n, place);
            return false;
        }
        Tag::Figure if !place.chrome && w.hints.figures.len() < MAX_FIGURES => {
            if let Some(mut f) = figure(doc, n) {
                f.text_before = w.body_chars;
                w.hints.figures.push(f);
            }
        }
        Tag::Time => {
            time_element(w, doc, n, marks, place);
            return false;
        }
        _ => {}
    }
    item_property(w, doc, n, outer);
    if tag == Tag::Img && !place.chrome && !place.feedback {
        if let Some(name) = portrait_of(doc, n) {
            w.portrait = Some((name, w.body_chars));
        }
    }
    if !place.chrome {
        let rel_author = doc.attr(n, "rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("author"))
        }) || (doc.tag(n) == Some(Tag::A)
            && !place.feedback
            && doc.attr(n, "href").is_some_and(links_to_author_page));
        if rel_author {
            push_byline(&mut w.hints, doc, n, BylineMark::Rel);
        } else if marks & mark::BYLINE != 0 && marks & mark::NOT_BYLINE == 0 {
            push_byline(&mut w.hints, doc, n, BylineMark::ClassName);
        } else if is_person_icon(doc, n) {
            // `<li><i class="bi bi-person"></i> Jane Doe</li>`
            if let Some(parent) = doc.parent(n) {
                push_byline(&mut w.hints, doc, parent, BylineMark::ClassName);
            }
        }
        if marks & mark::DATE != 0 {
            printed_date(w, doc, n, marks, place);
        }
    }
    true
}

/// Class tokens of icon fonts that draw a person next to a name.
const PERSON_ICON_CLASSES: &[&str] = &[
    "bi-person",
    "fa-user",
    "fa-user-circle",
    "fa-user-o",
    "icon-user",
    "icon-person",
    "icon-author",
];

/// An empty element drawn as a person icon (Bootstrap Icons, Font Awesome).
fn is_person_icon(doc: &Document, n: NodeId) -> bool {
    let icon = doc.attr(n, "class").is_some_and(|c| {
        c.split_ascii_whitespace().any(|t| {
            PERSON_ICON_CLASSES
                .iter()
                .any(|p| t.eq_ignore_ascii_case(p))
        })
    });
    icon && doc
        .children(n)
        .all(|c| doc.text(c).is_some_and(|t| t.trim().is_empty()))
}

/// An `<h1>`; one wrapping a whole section is no headline.
fn heading(w: &mut Walk, doc: &Document, n: NodeId, place: Place) {
    let text = heading_text(doc, n);
    if text.is_empty() {
        return;
    }
    if place.chrome {
        w.hints.chrome_headings.push(text);
    } else {
        if w.hints.heading_offset.is_none() {
            w.hints.heading_offset = Some(w.body_chars);
        }
        w.body_chars += text.len();
        w.hints.headings.push(text);
    }
}

/// A heading's text without the badges and dates set inside it
/// ("<span class=label>News</span> Title", "<time>Dec 18</time> Title"),
/// unless nothing else is left.
fn heading_text(doc: &Document, n: NodeId) -> String {
    let badge = |d: NodeId| {
        marks_of(doc, d) & mark::LABEL != 0
            && short_text(doc, d, MAX_BADGE_CHARS).is_some_and(|t| !t.is_empty())
    };
    let aside = |d: NodeId| doc.tag(d) == Some(Tag::Time) || badge(d);
    collect_text(doc, n, MAX_HEADING_CHARS, false, aside)
        .filter(|t| !t.is_empty())
        .or_else(|| short_text(doc, n, MAX_HEADING_CHARS))
        .unwrap_or_default()
}

/// A `<time>`: its `datetime`, else its text, with what its markup or a
/// printed label ("Updated") in its parent says it is.
fn time_element(w: &mut Walk, doc: &Document, n: NodeId, marks: u8, place: Place) {
    if !place.chrome {
        w.hints.time_elements += 1;
    }
    let text = short_text(doc, n, MAX_DATE_TEXT_CHARS);
    let value = doc
        .attr(n, "datetime")
        .map(super::collapse_whitespace)
        .filter(|v| !v.is_empty())
        .or_else(|| text.clone())
        .unwrap_or_default();
    let parent = doc.parent(n);
    let parent_marks = parent.map_or(0, |p| marks_of(doc, p));
    let label = parent
        .and_then(|p| spaced_text(doc, p, MAX_DATE_TEXT_CHARS))
        .unwrap_or_default();
    let kind = date_kind(marks | parent_marks, &label);
    push_date(
        &mut w.hints,
        value,
        kind,
        DateSource::Time,
        w.body_chars,
        place.owns_dates(),
    );
    if !place.chrome {
        w.body_chars += text.map_or(0, |t| t.len());
    }
}

/// Microdata on visible elements: `itemprop=headline`, `author`,
/// `datePublished`, `dateModified`.
fn item_property(w: &mut Walk, doc: &Document, n: NodeId, place: Place) {
    let Some(itemprop) = doc.attr(n, "itemprop") else {
        return;
    };
    let has = |p: &str| {
        itemprop
            .split_ascii_whitespace()
            .any(|i| i.eq_ignore_ascii_case(p))
    };
    if has("headline") && w.hints.itemprop_headline.is_none() {
        w.hints.itemprop_headline = short_text(doc, n, MAX_HEADING_CHARS).filter(|t| !t.is_empty());
    }
    if has("author") && !place.chrome {
        let of_main_item = matches!(place.item, Some(ItemKind::Article | ItemKind::Discussion))
            && !w
                .hints
                .bylines
                .iter()
                .any(|b| b.mark == BylineMark::MainItem);
        let mark = if of_main_item {
            BylineMark::MainItem
        } else {
            BylineMark::ItemProp
        };
        push_byline(&mut w.hints, doc, n, mark);
    }
    for (prop, kind) in [
        ("datePublished", DateKind::Published),
        ("dateModified", DateKind::Modified),
    ] {
        if has(prop) {
            let value = ["content", "datetime"]
                .iter()
                .find_map(|a| doc.attr(n, a))
                .map(super::collapse_whitespace)
                .or_else(|| short_text(doc, n, MAX_DATE_TEXT_CHARS))
                .unwrap_or_default();
            push_date(
                &mut w.hints,
                value,
                kind,
                DateSource::ItemProp,
                w.body_chars,
                place.owns_dates(),
            );
        }
    }
}

fn push_byline(hints: &mut DomHints, doc: &Document, n: NodeId, mark: BylineMark) {
    if hints.bylines.len() >= MAX_BYLINES || hints.bylines.iter().any(|b| b.node == n) {
        return;
    }
    // A commenter's name is no byline: under an element named for comments
    // that does not also hold the headline (a page wrapped whole in
    // `#comments-wrapper` still has its byline).
    if mark != BylineMark::MainItem && in_comments(doc, n) {
        return;
    }
    // `itemprop=author` often wraps `itemprop=name` next to a job title.
    let named = matches!(mark, BylineMark::MainItem | BylineMark::ItemProp)
        .then(|| {
            doc.descendants(n).find(|&d| {
                doc.attr(d, "itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("name"))
            })
        })
        .flatten();
    // The name may sit in `<meta itemprop=name content=...>`.
    let meta_name = named
        .filter(|&d| doc.tag(d) == Some(Tag::Meta))
        .and_then(|d| doc.attr(d, "content"))
        .map(super::collapse_whitespace);
    let Some(mut text) =
        meta_name.or_else(|| spaced_text(doc, named.unwrap_or(n), MAX_BYLINE_CHARS))
    else {
        return;
    };
    // "Written by" in one element, the name in the next.
    if wording::is_bare_byline_label(&text) {
        text = next_element_text(doc, n).unwrap_or_default();
    }
    if text.is_empty() {
        return;
    }
    hints.bylines.push(Byline {
        text,
        mark,
        after_heading: hints.heading_offset.is_some(),
        node: n,
    });
}

/// The text of the element after `n`, if short: where a bare byline label
/// puts the name.
fn next_element_text(doc: &Document, n: NodeId) -> Option<String> {
    std::iter::successors(doc.node(n).next_sibling, |&s| doc.node(s).next_sibling)
        .filter(|&s| doc.element(s).is_some())
        .find_map(|s| spaced_text(doc, s, MAX_BYLINE_CHARS).filter(|t| !t.is_empty()))
}

/// Puts nested bylines innermost first: in `<div class=byline>By <a
/// rel=author>Name</a> · 5 min read</div>` the link names the author most
/// cleanly, and the div is only tried when the link yields no name.
fn innermost_bylines_first(doc: &Document, bylines: &mut [Byline]) {
    let nodes: Vec<NodeId> = bylines.iter().map(|b| b.node).collect();
    let contains = |outer: NodeId, inner: NodeId| {
        outer != inner && doc.ancestors_and_self(inner).any(|a| a == outer)
    };
    // An enclosing byline moves to just after the last byline inside it.
    let keys: Vec<(usize, bool, Reverse<usize>)> = nodes
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let last_inside = (i..nodes.len()).filter(|&j| contains(n, nodes[j])).max();
            // Of two bylines around the same one, the later is inside the
            // earlier: it goes first.
            last_inside.map_or((i, false, Reverse(0)), |j| (j, true, Reverse(i)))
        })
        .collect();
    let mut order: Vec<usize> = (0..bylines.len()).collect();
    order.sort_by_key(|&i| keys[i]);
    let sorted: Vec<Byline> = order.iter().map(|&i| bylines[i].clone()).collect();
    bylines.clone_from_slice(&sorted);
}

fn push_date(
    hints: &mut DomHints,
    value: String,
    kind: DateKind,
    source: DateSource,
    offset: usize,
    in_body: bool,
) {
    // A date printed inside a labelled one ("Last updated on <span>March
    // 12, 2026</span>") is that date again, and means what the label says:
    // read alone it would pass for an unlabelled publication date.
    let kind = match hints.dates.iter().rev().find(|d| {
        d.kind != DateKind::Unmarked
            && (d.offset..=d.offset + d.value.len()).contains(&offset)
            && d.value.contains(value.as_str())
    }) {
        Some(labelled) if kind == DateKind::Unmarked => labelled.kind,
        _ => kind,
    };
    if hints.dates.len() < MAX_DATES && !value.is_empty() {
        hints.dates.push(DateHint {
            value,
            kind,
            source,
            offset,
            in_body,
        });
    }
}

/// A date printed in a short element marked as a date ("Posted on
/// January 5, 2022"), when no `<time>` inside it says it already.
fn printed_date(w: &mut Walk, doc: &Document, n: NodeId, marks: u8, place: Place) {
    let Some(text) = spaced_text(doc, n, MAX_DATE_TEXT_CHARS) else {
        return;
    };
    if text.len() < MIN_DATE_TEXT_CHARS || super::dates::parse_text(&text).is_none() {
        return;
    }
    if doc.descendants(n).any(|d| doc.tag(d) == Some(Tag::Time)) {
        return;
    }
    let kind = date_kind(marks, &text);
    push_date(
        &mut w.hints,
        text,
        kind,
        DateSource::MarkedText,
        w.body_chars,
        place.owns_dates(),
    );
}

/// What a date is, from the markup of its element (and its parent's) and
/// from a label printed with it ("Updated January 5").
fn date_kind(marks: u8, label: &str) -> DateKind {
    let label = label.to_lowercase();
    let says = |set: &[&str]| set.iter().any(|m| label.contains(m));
    if marks & mark::MODIFIED != 0 || says(MODIFIED_MARKERS) {
        DateKind::Modified
    } else if marks & mark::PUBLISHED != 0 || says(PUBLISHED_MARKERS) {
        DateKind::Published
    } else {
        DateKind::Unmarked
    }
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
    collect_text(doc, n, max, false, |_| false)
}

/// Like [`short_text`], with a space at every element boundary: bylines
/// and date lines set their parts in adjacent spans with no space between
/// ("Dec 17, 2025" `<span>` "Julian K. Arni").
fn spaced_text(doc: &Document, n: NodeId, max: usize) -> Option<String> {
    collect_text(doc, n, max, true, |_| false)
}

/// The text under `n`, leaving out the subtrees of elements `skip` picks.
fn collect_text(
    doc: &Document,
    n: NodeId,
    max: usize,
    spaced: bool,
    skip: impl Fn(NodeId) -> bool,
) -> Option<String> {
    let mut out = String::new();
    let mut walk = doc.descendants(n);
    while let Some(d) = walk.next() {
        match &doc.node(d).data {
            NodeData::Element(_) if skip(d) => walk.skip_subtree(d),
            NodeData::Text(t) => {
                out.push_str(doc.text_of(*t));
                // Whitespace is collapsed later; allow for it here.
                if out.len() > max.saturating_mul(2) {
                    return None;
                }
            }
            NodeData::Element(e) if is_never_content(e.tag) => walk.skip_subtree(d),
            NodeData::Element(e)
                if spaced || e.tag == Tag::Br || crate::dom::tags::is_block(e.tag) =>
            {
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
    let caption_node = doc
        .descendants(n)
        .find(|&d| doc.tag(d) == Some(Tag::Figcaption));
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
    [
        "src",
        "data-src",
        "data-lazy-src",
        "data-original",
        "data-url",
    ]
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
        .find(|&d| marks_of(doc, d) & mark::CREDIT != 0);
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
            let caption = text[..m.start()]
                .trim()
                .trim_end_matches(['(', '[', '|'])
                .trim();
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
        let h = hints("<nav><h1>Site</h1></nav><article><h1>Story <svg><title>icon</title></svg></h1></article>");
        assert_eq!(h.headings, ["Story"]);
        assert_eq!(h.chrome_headings, ["Site"]);
    }

    #[test]
    fn badges_and_dates_are_not_part_of_a_heading() {
        let h = hints("<h1><span class='label'>News</span> Digital cameras <time>Dec 18</time></h1><h1><span class='label'>Only</span></h1>");
        assert_eq!(h.headings, ["Digital cameras", "Only"]);
    }

    #[test]
    fn innermost_byline_comes_first() {
        let h = hints("<h1>T</h1><div class='byline'><span class='by-author'>By <a rel='author' href='/a'>Jane Doe</a></span> <time datetime='2022-01-28'>28 January 2022</time></div>");
        let texts: Vec<&str> = h.bylines.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Jane Doe", "By Jane Doe", "By Jane Doe 28 January 2022"]
        );
        assert!(h.bylines[0].after_heading);
        assert_eq!(h.dates[0].value, "2022-01-28");
    }

    #[test]
    fn a_bare_label_takes_the_name_that_follows() {
        let h = hints("<h1>T</h1><div><p class='label'>Written by</p><p class='x'>Jane Doe</p></div><div><span>By</span><span>John Roe</span></div>");
        let texts: Vec<&str> = h.bylines.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn the_main_microdata_item_names_its_author() {
        let h = hints("<div itemscope itemtype='https://schema.org/DiscussionForumPosting'><div itemprop='author' itemscope itemtype='https://schema.org/Person'><span itemprop='name'>Opener</span></div></div><h1>T</h1><div itemscope itemtype='https://schema.org/Comment'><span itemprop='author'>Replier</span></div>");
        assert_eq!(h.bylines[0].mark, BylineMark::MainItem);
        assert_eq!(h.bylines[0].text, "Opener");
        assert_eq!(h.bylines[1].mark, BylineMark::ItemProp);
    }

    #[test]
    fn bios_and_comment_authors_are_not_bylines() {
        let h =
            hints("<div class='author-bio'>Jane Doe</div><div class='comment-author'>Troll</div>");
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
        assert_eq!(
            split_credit("A river at dusk. Photo: Jane Doe"),
            ("A river at dusk.".into(), Some("Jane Doe".into()))
        );
        assert_eq!(
            split_credit("A river (Image credit: Getty Images)"),
            ("A river".into(), Some("Getty Images".into()))
        );
        assert_eq!(
            split_credit("A river © Jane Doe"),
            ("A river".into(), Some("Jane Doe".into()))
        );
        assert_eq!(
            split_credit("A river at dusk."),
            ("A river at dusk.".into(), None)
        );
    }

    #[test]
    fn printed_dates_are_read_with_their_kind() {
        let h = hints("<span class='post-date'>Updated March 3, 2021</span><p class='meta'>Posted on January 5, 2020</p>");
        let marked: Vec<&DateHint> = h
            .dates
            .iter()
            .filter(|d| d.source == DateSource::MarkedText)
            .collect();
        assert_eq!(marked.len(), 2);
        assert_eq!(marked[0].kind, DateKind::Modified);
        assert_eq!(marked[1].kind, DateKind::Published);
    }

    /// Built without the parser, whose own cost on deep trees is not what
    /// this test measures.
    #[test]
    fn survives_deep_nesting() {
        use crate::dom::{DocumentBuilder, Element};
        let element = |name: &str| {
            NodeData::Element(Element {
                tag: Tag::from_name(name),
                name: name.to_owned().into(),
                attrs: Box::default(),
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

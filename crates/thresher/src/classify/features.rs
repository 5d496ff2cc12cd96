//! Blocks -> feature rows: the fixed vector of numbers the learned model
//! ([`super::model`]) reads for each block.
//!
//! A row describes one block from five angles:
//!
//! * **the block itself** — length, words, link density, punctuation, its
//!   kind, list and table context, what share of the page's text it holds;
//! * **where it sits** — relative position in the page and to the headline,
//!   depth, distance to the nearest landmark ancestors (`nav`, `footer`,
//!   `main` …) and to the nearest class/id/role hint of each [`Label`];
//! * **the content region** — the Readability-style score of its owner's
//!   parent and grandparent against the page's best candidate, whether it is
//!   inside the best candidate and how far from it in the tree;
//! * **the page around it** — how many blocks share its tag path or its exact
//!   text, its neighbours' length and link density, the page's size and the
//!   kinds of structured data it declares;
//! * **what it says** — the boilerplate phrases of `wording`.
//!
//! [`compute`] is a pure function of the document, its blocks, the content
//! region and the metadata. The layout is part of the trained model: change a
//! feature, its order or one of the constants below, and the model must be
//! retrained (`python3 train/train.py`); the model carries the names it was
//! trained with and [`super::model`]'s tests fail on a mismatch.

use super::hints::HintCache;
use super::region::Region;
use super::Label;
use crate::blocks::{Block, BlockKind};
use crate::dom::{Document, NodeId, Tag};
use crate::hash::{fnv, text_hash, FastMap, FNV_SEED};
use crate::metadata::Metadata;
use crate::wording::{self, Strength};

/// A block at least this long (non-space characters) counts as "long" in the
/// page-wide share of long blocks.
pub const LONG_BLOCK_CHARS: u32 = 200;

/// Distance given to an ancestor that is absent from a block's path.
pub const ABSENT: f32 = 99.0;

/// Score given to a node no block voted for in the content region.
pub const NO_SCORE: f32 = -1000.0;

/// How many blocks on each side the neighbourhood window spans.
pub const WINDOW: usize = 3;

/// Declares a set of named features: an enum whose variants index a row
/// (`row[S::chars as usize]`) and the list of their names in row order,
/// each with its doc. Rows are built by name, never by position, so that a
/// row and its names cannot drift apart.
macro_rules! feature_set {
    ($(#[$meta:meta])* enum $enum:ident, const $names:ident; $($name:ident = $doc:literal,)*) => {
        $(#[$meta])*
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(usize)]
        pub enum $enum { $(#[doc = $doc] $name,)* }

        /// The features' names, in row order.
        pub const $names: &[&str] = &[$(stringify!($name),)*];
    };
}
pub(crate) use feature_set;

feature_set! {
    /// The single-valued features, in row order. Groups of one-hot and
    /// per-label features follow them (see [`names`]).
    enum S, const SCALAR_NAMES;
    chars = "Non-space characters.",
    words = "Whitespace-separated words.",
    link_density = "Link characters / characters.",
    links = "Links.",
    images = "Images.",
    commas = "Commas.",
    sentence_ends = "Sentence-ending marks.",
    ends_with_terminal = "1 when the text ends like a sentence.",
    commas_per_word = "Commas / words.",
    sentence_ends_per_word = "Sentence ends / words.",
    chars_per_word = "Mean word length.",
    digit_share = "Digits / characters.",
    upper_share = "Upper-case letters / letters.",
    punct_share = "ASCII punctuation / characters.",
    currency = "Currency signs.",
    separators = "Separators typical of trails and menus (`|`, `›`, `»`, `/`, `·`, `•`).",
    lines = "Lines (line breaks + 1).",
    all_link = "1 when every character is link text.",
    starts_upper = "1 when the text starts with an upper-case letter.",
    byline = "1 when the text is a byline (`wording::byline`).",
    heading_level = "1-6 for headings, 0 otherwise.",
    list_depth = "Nesting of lists around the block.",
    ordered = "1 inside an `ol`.",
    quoted = "1 inside a `blockquote`.",
    in_cell = "1 inside a table cell.",
    header_cell = "1 inside a `th`.",
    owner_element_children = "Element children of the owner.",
    page_share = "The block's characters / the page's characters.",
    index = "Position in reading order.",
    from_end = "Blocks after this one.",
    rel_index = "Index / number of blocks.",
    rel_chars_before = "Page characters before the block / page characters.",
    title_match = "1 when the text equals the metadata title (case and spacing aside).",
    in_title = "1 when the metadata title contains the (short) text.",
    from_headline = "Blocks from the headline block (negative before it); 0 without one.",
    has_headline = "1 when some heading matches the title.",
    depth = "Depth of the owner element.",
    owner_score = "Content score of the owner (NO_SCORE when none voted).",
    parent_score = "Content score of the owner's parent.",
    grandparent_score = "Content score of the owner's grandparent.",
    ggparent_score = "Content score three levels up.",
    parent_rel = "Link-discounted score of the parent / best candidate's.",
    grandparent_rel = "Link-discounted score of the grandparent / best candidate's.",
    best_score = "Link-discounted score of the best candidate (page-wide).",
    in_region = "1 inside the content region (best candidate and joining siblings).",
    in_top = "1 inside the best candidate.",
    up_to_common = "Steps up from the owner to its common ancestor with the best candidate.",
    down_to_top = "Steps down from that common ancestor to the best candidate.",
    common_share = "Characters under that common ancestor / page characters.",
    top_share = "Characters under the best candidate / page characters.",
    top_depth = "Depth of the best candidate.",
    parent_link_density = "Link density of the parent's subtree.",
    grandparent_link_density = "Link density of the grandparent's subtree.",
    ggparent_link_density = "Link density three levels up.",
    parent_share = "Characters under the parent / page characters.",
    grandparent_share = "Characters under the grandparent / page characters.",
    owner_class_weight = "Content (+1) or boilerplate (-1) class/id tokens of the owner.",
    parent_class_weight = "The same for the parent.",
    content_token_dist = "Distance to the nearest ancestor with a content class/id token.",
    structural_hint_dist = "Distance to the nearest landmark, role or form hint.",
    item_body_dist = "Distance to the nearest `itemprop` naming a body or description.",
    same_path = "Blocks on the page with the same tag and class path.",
    same_path_share = "Those blocks' characters / page characters.",
    same_tag_path = "Blocks with the same tag path (classes ignored).",
    same_text = "Blocks with exactly the same text.",
    same_tag_siblings = "Element siblings of the owner with the owner's tag and class.",
    credit_line = "1 for a photo credit line.",
    prev_chars = "Previous block's characters.",
    next_chars = "Next block's characters.",
    prev2_chars = "Characters two blocks back.",
    next2_chars = "Characters two blocks ahead.",
    prev_link_density = "Previous block's link density.",
    next_link_density = "Next block's link density.",
    prev_same_path = "1 when the previous block has the same tag path.",
    next_same_path = "1 when the next block has the same tag path.",
    prev_in_region = "1 when the previous block is in the content region.",
    next_in_region = "1 when the next block is in the content region.",
    prev_terminal = "1 when the previous block ends like a sentence.",
    next_terminal = "1 when the next block ends like a sentence.",
    window_chars = "Characters of the WINDOW blocks on each side.",
    window_link_density = "Link density of those blocks together.",
    window_long = "Long blocks among them.",
    page_blocks = "Blocks on the page.",
    page_chars = "Characters on the page.",
    page_link_density = "Link density of the page.",
    page_long_share = "Share of long blocks.",
    page_region_share = "Share of blocks in the content region.",
    page_headings = "Headings on the page.",
    has_title = "1 when the metadata has a title.",
}

/// Labels that class/id hints and wording can suggest, in row order.
const LABELS: &[Label] = &[
    Label::Title,
    Label::Byline,
    Label::Navigation,
    Label::Breadcrumb,
    Label::Header,
    Label::Footer,
    Label::Sidebar,
    Label::Advertisement,
    Label::CookieBanner,
    Label::Subscription,
    Label::Newsletter,
    Label::Paywall,
    Label::SocialShare,
    Label::AuthorBio,
    Label::RelatedLinks,
    Label::Comments,
    Label::ImageCredit,
    Label::Form,
    Label::Login,
    Label::TableOfContents,
    Label::Legal,
    Label::Other,
];

/// Ancestor elements whose distance from the block is a feature.
const ANCESTOR_TAGS: &[Tag] = &[
    Tag::Nav,
    Tag::Header,
    Tag::Footer,
    Tag::Aside,
    Tag::Main,
    Tag::Article,
    Tag::Section,
    Tag::Form,
    Tag::Li,
    Tag::Ul,
    Tag::Ol,
    Tag::Dl,
    Tag::Table,
    Tag::Figure,
    Tag::Blockquote,
    Tag::Details,
    Tag::A,
    Tag::Address,
    Tag::Fieldset,
];

/// Block kinds, one-hot.
const KINDS: &[&str] = &[
    "heading",
    "paragraph",
    "list_item",
    "table_cell",
    "preformatted",
    "caption",
    "definition",
    "text",
];

fn kind_slot(kind: BlockKind) -> usize {
    match kind {
        BlockKind::Heading(_) => 0,
        BlockKind::Paragraph => 1,
        BlockKind::ListItem => 2,
        BlockKind::TableCell => 3,
        BlockKind::Preformatted => 4,
        BlockKind::Caption => 5,
        BlockKind::Definition => 6,
        BlockKind::Text => 7,
    }
}

/// The JSON-LD `@type`s and `og:type`s that say what kind of page it is
/// (see [`crate::metadata::Declared`]), one flag each.
const PAGE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "product",
    "offer",
    "discussionforumposting",
    "qapage",
    "faqpage",
    "itemlist",
    "collectionpage",
    "recipe",
    "website",
    "webpage",
    "breadcrumblist",
];

const HINT_BASE: usize = SCALAR_NAMES.len();
const WORDING_BASE: usize = HINT_BASE + LABELS.len();
const TAG_BASE: usize = WORDING_BASE + LABELS.len();
const KIND_BASE: usize = TAG_BASE + ANCESTOR_TAGS.len();
const LDJSON_BASE: usize = KIND_BASE + KINDS.len();
const OG_BASE: usize = LDJSON_BASE + PAGE_TYPES.len();

/// Number of features in a row.
pub const COUNT: usize = OG_BASE + PAGE_TYPES.len();

/// The feature names in row order, as the trained model records them.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = SCALAR_NAMES.iter().map(|s| (*s).to_owned()).collect();
    out.extend(LABELS.iter().map(|l| format!("hint_dist:{}", l.name())));
    out.extend(LABELS.iter().map(|l| format!("wording:{}", l.name())));
    out.extend(
        ANCESTOR_TAGS
            .iter()
            .map(|t| format!("ancestor_dist:{}", t.name())),
    );
    out.extend(KINDS.iter().map(|k| format!("kind:{k}")));
    out.extend(PAGE_TYPES.iter().map(|t| format!("ld_json:{t}")));
    out.extend(PAGE_TYPES.iter().map(|t| format!("og_type:{t}")));
    out
}

/// The engine settings that shape these features, as `(name, value)`
/// pairs in the order a block model records them (see `classify::model`):
/// the content region's ([`crate::tuning::REGION`]) and the constants
/// above.
pub fn settings() -> Vec<(String, String)> {
    let mut out = crate::tuning::REGION.recorded();
    out.extend(
        [
            ("blocks.long_block_chars", LONG_BLOCK_CHARS.to_string()),
            ("blocks.absent", ABSENT.to_string()),
            ("blocks.no_score", NO_SCORE.to_string()),
            ("blocks.window", WINDOW.to_string()),
        ]
        .map(|(k, v)| (k.to_owned(), v)),
    );
    out
}

/// One row of [`COUNT`] numbers per block, stored row after row.
#[derive(Clone, Debug, Default)]
pub struct Features {
    values: Vec<f32>,
}

impl Features {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.values.len() / COUNT
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The row of block `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.values[i * COUNT..(i + 1) * COUNT]
    }

    /// All rows, concatenated.
    pub fn as_slice(&self) -> &[f32] {
        &self.values
    }
}

/// What a node's ancestors say, memoised per node. Depths count from the
/// document node (0).
#[derive(Clone, Copy)]
struct PathInfo {
    depth: u32,
    /// Depth of the nearest ancestor-or-self with each ANCESTOR_TAGS tag.
    tag_depth: [u32; ANCESTOR_TAGS.len()],
    /// Depth of the nearest ancestor-or-self hinting each LABELS label.
    hint_depth: [u32; LABELS.len()],
    structural_depth: u32,
    content_token_depth: u32,
    item_body_depth: u32,
    /// Depth of the deepest ancestor-or-self that is also an
    /// ancestor-or-self of the best candidate.
    common_depth: u32,
    /// Hash of tag names and class attributes from the root.
    path_hash: u64,
    /// Hash of tag names alone.
    tag_path_hash: u64,
}

const NONE_DEPTH: u32 = u32::MAX;

impl PathInfo {
    const ROOT: PathInfo = PathInfo {
        depth: 0,
        tag_depth: [NONE_DEPTH; ANCESTOR_TAGS.len()],
        hint_depth: [NONE_DEPTH; LABELS.len()],
        structural_depth: NONE_DEPTH,
        content_token_depth: NONE_DEPTH,
        item_body_depth: NONE_DEPTH,
        common_depth: 0,
        path_hash: FNV_SEED,
        tag_path_hash: FNV_SEED,
    };

    fn dist(&self, depth: u32) -> f32 {
        if depth == NONE_DEPTH {
            ABSENT
        } else {
            (self.depth - depth) as f32
        }
    }
}

const UNSET: u32 = u32::MAX;

/// Memoised [`PathInfo`] of the nodes that own blocks and their ancestors.
/// Each node is visited once however deep the tree.
struct Paths<'d, 'h> {
    doc: &'d Document,
    hints: &'h HintCache<'d>,
    /// The best candidate's ancestors-or-self, by depth.
    top_path: Vec<NodeId>,
    slot: Vec<u32>,
    infos: Vec<PathInfo>,
}

impl<'d, 'h> Paths<'d, 'h> {
    fn new(doc: &'d Document, hints: &'h HintCache<'d>, top: Option<NodeId>) -> Self {
        let mut top_path: Vec<NodeId> =
            top.map_or(Vec::new(), |t| doc.ancestors_and_self(t).collect());
        top_path.reverse();
        Paths {
            doc,
            hints,
            top_path,
            slot: vec![UNSET; doc.len()],
            infos: Vec::new(),
        }
    }

    fn get(&mut self, node: NodeId) -> PathInfo {
        if self.slot[node.index()] != UNSET {
            return self.infos[self.slot[node.index()] as usize];
        }
        // Climb to the nearest known ancestor, then fill in downwards.
        let mut todo = Vec::new();
        let mut cur = Some(node);
        let mut base = PathInfo::ROOT;
        while let Some(n) = cur {
            if self.slot[n.index()] != UNSET {
                base = self.infos[self.slot[n.index()] as usize];
                break;
            }
            todo.push(n);
            cur = self.doc.parent(n);
        }
        for &n in todo.iter().rev() {
            base = self.extend(&base, n);
            self.slot[n.index()] = self.infos.len() as u32;
            self.infos.push(base);
        }
        base
    }

    fn extend(&self, parent: &PathInfo, n: NodeId) -> PathInfo {
        let mut p = *parent;
        // The document node is depth 0, its children 1, and so on.
        p.depth = match self.doc.parent(n) {
            Some(_) => parent.depth.saturating_add(1).min(NONE_DEPTH - 1),
            None => 0,
        };
        let d = p.depth;
        if self.top_path.get(d as usize) == Some(&n) {
            p.common_depth = d;
        }
        let Some(e) = self.doc.element(n) else {
            return p;
        };
        if let Some(i) = ANCESTOR_TAGS.iter().position(|&t| t == e.tag) {
            p.tag_depth[i] = d;
        }
        if let Some(h) = self.hints.hint(n) {
            if let Some(i) = LABELS.iter().position(|&l| l == h.label) {
                p.hint_depth[i] = d;
            }
            if h.structural {
                p.structural_depth = d;
            }
        }
        if self.hints.class_weight(n) > 0 {
            p.content_token_depth = d;
        }
        if let Some(ip) = e.attr("itemprop") {
            let ip = ip.to_ascii_lowercase();
            if ip.contains("body") || ip.contains("description") || ip == "text" {
                p.item_body_depth = d;
            }
        }
        let class = e.attr("class").unwrap_or("");
        p.tag_path_hash = fnv(fnv(parent.tag_path_hash, e.name.as_bytes()), b">");
        p.path_hash = fnv(
            fnv(fnv(parent.path_hash, e.name.as_bytes()), class.as_bytes()),
            b">",
        );
        p
    }
}

/// Memoised counts of a node's element children and of its siblings alike
/// (same name and class). Each parent's children are scanned once, so wide
/// pages stay linear.
struct Family<'d> {
    doc: &'d Document,
    element_children: Vec<u32>,
    alike_siblings: Vec<u32>,
}

impl<'d> Family<'d> {
    fn new(doc: &'d Document) -> Self {
        Family {
            doc,
            element_children: vec![UNSET; doc.len()],
            alike_siblings: vec![UNSET; doc.len()],
        }
    }

    fn element_children(&mut self, node: NodeId) -> u32 {
        let doc = self.doc;
        let slot = &mut self.element_children[node.index()];
        if *slot == UNSET {
            *slot = doc
                .children(node)
                .filter(|&c| doc.element(c).is_some())
                .count() as u32;
        }
        *slot
    }

    /// Element siblings of `node`, itself included, with its name and class.
    fn alike_siblings(&mut self, node: NodeId) -> u32 {
        if self.alike_siblings[node.index()] != UNSET {
            return self.alike_siblings[node.index()];
        }
        let doc = self.doc;
        let key = |c: NodeId| {
            let e = doc.element(c)?;
            // `class=""` and no class differ.
            let class = e.attr("class").map_or(b"\0".as_slice(), |c| c.as_bytes());
            Some(fnv(fnv(fnv(FNV_SEED, e.name.as_bytes()), b">"), class))
        };
        if let Some(parent) = doc.parent(node).filter(|_| doc.element(node).is_some()) {
            let mut keyed: Vec<(u64, NodeId)> = doc
                .children(parent)
                .filter_map(|c| key(c).map(|k| (k, c)))
                .collect();
            keyed.sort_unstable_by_key(|x| x.0);
            for group in keyed.chunk_by(|a, b| a.0 == b.0) {
                for &(_, c) in group {
                    self.alike_siblings[c.index()] = group.len() as u32;
                }
            }
        }
        let slot = &mut self.alike_siblings[node.index()];
        if *slot == UNSET {
            *slot = u32::from(doc.element(node).is_some());
        }
        *slot
    }
}

/// Page-wide structured-data flags: (JSON-LD types, og:type), from what
/// the metadata found the page declares.
fn page_types(metadata: &Metadata) -> ([bool; PAGE_TYPES.len()], [bool; PAGE_TYPES.len()]) {
    let flags = |declared: &[String]| {
        let mut out = [false; PAGE_TYPES.len()];
        for (flag, t) in out.iter_mut().zip(PAGE_TYPES) {
            *flag = declared.iter().any(|d| d == t);
        }
        out
    };
    (
        flags(&metadata.declared.json_ld),
        flags(&metadata.declared.og_types),
    )
}

/// Character-class counts of a block's text.
#[derive(Default)]
struct TextCounts {
    digits: u32,
    letters: u32,
    upper: u32,
    punct: u32,
    currency: u32,
    separators: u32,
    lines: u32,
}

/// Currency signs, counted by [`text_counts`].
const CURRENCY_SIGNS: [char; 5] = ['$', '€', '£', '¥', '₹'];

/// Menu and breadcrumb separators, counted by [`text_counts`].
const SEPARATOR_CHARS: [char; 7] = ['|', '›', '»', '/', '·', '•', '>'];

const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const UPPER: u8 = 4;
const PUNCT: u8 = 8;
const SEPARATOR: u8 = 16;
const CURRENCY: u8 = 32;

/// True when ASCII byte `c` is one of `set`.
const fn is_one_of(c: u8, set: &[char]) -> bool {
    let mut i = 0;
    while i < set.len() {
        if set[i] as u32 == c as u32 {
            return true;
        }
        i += 1;
    }
    false
}

/// What [`text_counts`] counts each ASCII character as.
static ASCII_CLASSES: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        table[i] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            LETTER | UPPER
        } else if c.is_ascii_lowercase() {
            LETTER
        } else if c.is_ascii_punctuation() {
            PUNCT
        } else {
            0
        };
        if is_one_of(c, &SEPARATOR_CHARS) {
            table[i] |= SEPARATOR;
        }
        if is_one_of(c, &CURRENCY_SIGNS) {
            table[i] |= CURRENCY;
        }
        i += 1;
    }
    table
};

fn text_counts(text: &str) -> TextCounts {
    let mut t = TextCounts {
        lines: 1,
        ..TextCounts::default()
    };
    for c in text.chars() {
        // Most characters are ASCII: counted from a table, without the
        // Unicode lookups the others take. Digits and punctuation are
        // counted in ASCII only.
        if c.is_ascii() {
            let class = ASCII_CLASSES[c as usize];
            t.digits += u32::from(class & DIGIT != 0);
            t.letters += u32::from(class & LETTER != 0);
            t.upper += u32::from(class & UPPER != 0);
            t.punct += u32::from(class & PUNCT != 0);
            t.currency += u32::from(class & CURRENCY != 0);
            t.separators += u32::from(class & SEPARATOR != 0);
            t.lines += u32::from(c == '\n');
        } else {
            if c.is_alphabetic() {
                t.letters += 1;
                t.upper += u32::from(c.is_uppercase());
            }
            t.currency += u32::from(CURRENCY_SIGNS.contains(&c));
            t.separators += u32::from(SEPARATOR_CHARS.contains(&c));
        }
    }
    t
}

fn ratio(a: f32, b: f32) -> f32 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// Computes every block's feature row. `hints` is the page's cache of
/// class/id hints, shared with the rules.
pub fn compute<'d>(
    doc: &'d Document,
    blocks: &[&Block],
    region: &Region,
    metadata: &Metadata,
    hints: &HintCache<'d>,
) -> Features {
    let n = blocks.len();
    let mut values = vec![0.0f32; n * COUNT];
    if n == 0 {
        return Features { values };
    }

    // Page-wide figures.
    let page_chars: u32 = blocks.iter().map(|b| b.stats.chars).sum();
    let page_link_chars: u32 = blocks.iter().map(|b| b.stats.link_chars).sum();
    let long_blocks = blocks
        .iter()
        .filter(|b| b.stats.chars >= LONG_BLOCK_CHARS)
        .count();
    let region_blocks = blocks.iter().filter(|b| region.contains(b.owner)).count();
    let headings = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .count();
    let title = metadata
        .title_as_matched()
        .as_deref()
        .map(wording::normalise)
        .unwrap_or_default();
    let headline = blocks.iter().position(|b| {
        matches!(b.kind, BlockKind::Heading(_)) && !title.is_empty() && {
            let t = wording::normalise(&b.text);
            !t.is_empty() && (t == title || title.contains(&t))
        }
    });
    let (ld_types, og_types) = page_types(metadata);

    let score = |node: NodeId| {
        let s = region.score[node.index()];
        if s.is_nan() {
            NO_SCORE
        } else {
            s
        }
    };
    let discounted = |node: NodeId| {
        let s = region.score[node.index()];
        if s.is_nan() {
            0.0
        } else {
            s * (1.0 - region.link_density(node))
        }
    };
    let best_score = region
        .score
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_nan())
        .map(|(i, s)| s * (1.0 - ratio(region.link_chars[i] as f32, region.chars[i] as f32)))
        .fold(0.0f32, f32::max);
    let share = |node: Option<NodeId>| {
        node.map_or(0.0, |n| {
            ratio(region.chars[n.index()] as f32, page_chars as f32)
        })
    };

    let top = region.top;
    let mut paths = Paths::new(doc, hints, top);
    let mut family = Family::new(doc);
    let top_info = top.map(|t| paths.get(t));

    let infos: Vec<PathInfo> = blocks.iter().map(|b| paths.get(b.owner)).collect();
    // How many blocks share each block's path, tag path and text, and the
    // characters of each path's blocks: counted once, looked up per block.
    let mut same_path: FastMap<u64, (u32, u32)> = FastMap::default();
    let mut same_tags: FastMap<u64, u32> = FastMap::default();
    let mut same_text: FastMap<u64, u32> = FastMap::default();
    let text_hash: Vec<u64> = blocks.iter().map(|b| text_hash(&b.text)).collect();
    for ((p, b), &t) in infos.iter().zip(blocks).zip(&text_hash) {
        let path = same_path.entry(p.path_hash).or_default();
        path.0 += 1;
        path.1 += b.stats.chars;
        *same_tags.entry(p.tag_path_hash).or_default() += 1;
        *same_text.entry(t).or_default() += 1;
    }
    let path_group = |h: u64| same_path.get(&h).copied().unwrap_or_default();

    let mut chars_before = 0u32;
    // One buffer for every block's normalised text (see `title_match`).
    let mut normalised = String::new();
    for (i, b) in blocks.iter().enumerate() {
        let row = &mut values[i * COUNT..(i + 1) * COUNT];
        let s = &b.stats;
        let info = &infos[i];
        let mut set = |f: S, v: f32| row[f as usize] = v;

        // The block itself.
        let tc = text_counts(&b.text);
        let chars = s.chars as f32;
        let words = s.words as f32;
        set(S::chars, chars);
        set(S::words, words);
        set(S::link_density, s.link_density());
        set(S::links, s.links as f32);
        set(S::images, s.images as f32);
        set(S::commas, s.commas as f32);
        set(S::sentence_ends, s.sentence_ends as f32);
        set(S::ends_with_terminal, flag(s.ends_with_terminal));
        set(S::commas_per_word, ratio(s.commas as f32, words));
        set(
            S::sentence_ends_per_word,
            ratio(s.sentence_ends as f32, words),
        );
        set(S::chars_per_word, ratio(chars, words));
        set(S::digit_share, ratio(tc.digits as f32, chars));
        set(S::upper_share, ratio(tc.upper as f32, tc.letters as f32));
        set(S::punct_share, ratio(tc.punct as f32, chars));
        set(S::currency, tc.currency as f32);
        set(S::separators, tc.separators as f32);
        set(S::lines, tc.lines as f32);
        set(S::all_link, flag(s.chars > 0 && s.link_chars >= s.chars));
        set(
            S::starts_upper,
            flag(b.text.chars().next().is_some_and(char::is_uppercase)),
        );
        set(S::byline, flag(wording::byline(&b.text).is_some()));
        if let BlockKind::Heading(level) = b.kind {
            set(S::heading_level, f32::from(level));
        }
        set(S::list_depth, f32::from(b.list_depth));
        set(S::ordered, flag(b.ordered));
        set(S::quoted, flag(b.quoted));
        set(S::in_cell, flag(b.cell.is_some()));
        set(S::header_cell, flag(b.cell.is_some_and(|c| c.header)));
        set(
            S::owner_element_children,
            family.element_children(b.owner) as f32,
        );
        set(S::page_share, ratio(chars, page_chars as f32));

        // Position.
        set(S::index, i as f32);
        set(S::from_end, (n - 1 - i) as f32);
        set(S::rel_index, i as f32 / n as f32);
        set(
            S::rel_chars_before,
            ratio(chars_before as f32, page_chars as f32),
        );
        chars_before += s.chars;
        if !title.is_empty() && s.chars < LONG_BLOCK_CHARS {
            wording::normalise_into(&mut normalised, &b.text);
            let t = normalised.as_str();
            set(S::title_match, flag(t == title));
            set(S::in_title, flag(!t.is_empty() && title.contains(t)));
        }
        if let Some(h) = headline {
            set(S::from_headline, i as f32 - h as f32);
        }
        set(S::has_headline, flag(headline.is_some()));
        set(S::depth, info.depth as f32);

        // The content region.
        let parent = doc.parent(b.owner).filter(|&p| doc.element(p).is_some());
        let grandparent = parent
            .and_then(|p| doc.parent(p))
            .filter(|&p| doc.element(p).is_some());
        let ggparent = grandparent
            .and_then(|p| doc.parent(p))
            .filter(|&p| doc.element(p).is_some());
        set(S::owner_score, score(b.owner));
        set(S::parent_score, parent.map_or(NO_SCORE, score));
        set(S::grandparent_score, grandparent.map_or(NO_SCORE, score));
        set(S::ggparent_score, ggparent.map_or(NO_SCORE, score));
        set(
            S::parent_rel,
            parent.map_or(0.0, |p| ratio(discounted(p), best_score)),
        );
        set(
            S::grandparent_rel,
            grandparent.map_or(0.0, |p| ratio(discounted(p), best_score)),
        );
        set(S::best_score, best_score);
        set(S::in_region, flag(region.contains(b.owner)));
        if let (Some(t), Some(ti)) = (top, &top_info) {
            let common = paths.top_path[info.common_depth as usize];
            set(S::in_top, flag(common == t));
            set(S::up_to_common, (info.depth - info.common_depth) as f32);
            set(S::down_to_top, (ti.depth - info.common_depth) as f32);
            set(S::common_share, share(Some(common)));
            set(S::top_share, share(Some(t)));
            set(S::top_depth, ti.depth as f32);
        } else {
            set(S::up_to_common, ABSENT);
            set(S::down_to_top, ABSENT);
        }
        set(
            S::parent_link_density,
            parent.map_or(0.0, |p| region.link_density(p)),
        );
        set(
            S::grandparent_link_density,
            grandparent.map_or(0.0, |p| region.link_density(p)),
        );
        set(
            S::ggparent_link_density,
            ggparent.map_or(0.0, |p| region.link_density(p)),
        );
        set(S::parent_share, share(parent));
        set(S::grandparent_share, share(grandparent));

        // Markup along the path.
        set(S::owner_class_weight, hints.class_weight(b.owner) as f32);
        set(
            S::parent_class_weight,
            parent.map_or(0.0, |p| hints.class_weight(p) as f32),
        );
        set(S::content_token_dist, info.dist(info.content_token_depth));
        set(S::structural_hint_dist, info.dist(info.structural_depth));
        set(S::item_body_dist, info.dist(info.item_body_depth));

        // Repetition.
        let (path_blocks, path_chars) = path_group(info.path_hash);
        set(S::same_path, path_blocks as f32);
        set(
            S::same_path_share,
            ratio(path_chars as f32, page_chars as f32),
        );
        set(
            S::same_tag_path,
            same_tags.get(&info.tag_path_hash).copied().unwrap_or(0) as f32,
        );
        set(
            S::same_text,
            same_text.get(&text_hash[i]).copied().unwrap_or(0) as f32,
        );
        set(S::same_tag_siblings, family.alike_siblings(b.owner) as f32);
        set(S::credit_line, flag(wording::is_credit_line(&b.text)));

        // Neighbours.
        let at = |j: Option<usize>| j.and_then(|j| blocks.get(j));
        let prev = at(i.checked_sub(1));
        let next = at(Some(i + 1));
        let chars_of = |b: Option<&&Block>| b.map_or(0.0, |b| b.stats.chars as f32);
        set(S::prev_chars, chars_of(prev));
        set(S::next_chars, chars_of(next));
        set(S::prev2_chars, chars_of(at(i.checked_sub(2))));
        set(S::next2_chars, chars_of(at(Some(i + 2))));
        set(
            S::prev_link_density,
            prev.map_or(0.0, |b| b.stats.link_density()),
        );
        set(
            S::next_link_density,
            next.map_or(0.0, |b| b.stats.link_density()),
        );
        set(
            S::prev_same_path,
            flag(i > 0 && infos[i - 1].path_hash == info.path_hash),
        );
        set(
            S::next_same_path,
            flag(i + 1 < n && infos[i + 1].path_hash == info.path_hash),
        );
        set(
            S::prev_in_region,
            flag(prev.is_some_and(|b| region.contains(b.owner))),
        );
        set(
            S::next_in_region,
            flag(next.is_some_and(|b| region.contains(b.owner))),
        );
        set(
            S::prev_terminal,
            flag(prev.is_some_and(|b| b.stats.ends_with_terminal)),
        );
        set(
            S::next_terminal,
            flag(next.is_some_and(|b| b.stats.ends_with_terminal)),
        );
        let (mut wc, mut wl, mut wlong) = (0u32, 0u32, 0u32);
        for w in blocks[i.saturating_sub(WINDOW)..(i + WINDOW + 1).min(n)]
            .iter()
            .filter(|w| w.id != b.id)
        {
            wc += w.stats.chars;
            wl += w.stats.link_chars;
            wlong += u32::from(w.stats.chars >= LONG_BLOCK_CHARS);
        }
        set(S::window_chars, wc as f32);
        set(S::window_link_density, ratio(wl as f32, wc as f32));
        set(S::window_long, wlong as f32);

        // The page.
        set(S::page_blocks, n as f32);
        set(S::page_chars, page_chars as f32);
        set(
            S::page_link_density,
            ratio(page_link_chars as f32, page_chars as f32),
        );
        set(S::page_long_share, long_blocks as f32 / n as f32);
        set(S::page_region_share, region_blocks as f32 / n as f32);
        set(S::page_headings, headings as f32);
        set(S::has_title, flag(!title.is_empty()));

        // Groups.
        for (k, &d) in info.hint_depth.iter().enumerate() {
            row[HINT_BASE + k] = info.dist(d);
        }
        for m in wording::phrases(&b.text) {
            if let Some(k) = LABELS.iter().position(|&l| l == m.label) {
                let v = match m.strength {
                    Strength::Strong => 2.0,
                    Strength::Weak => 1.0,
                };
                let slot = &mut row[WORDING_BASE + k];
                *slot = slot.max(v);
            }
        }
        for (k, &d) in info.tag_depth.iter().enumerate() {
            row[TAG_BASE + k] = info.dist(d);
        }
        row[KIND_BASE + kind_slot(b.kind)] = 1.0;
        for k in 0..PAGE_TYPES.len() {
            row[LDJSON_BASE + k] = flag(ld_types[k]);
            row[OG_BASE + k] = flag(og_types[k]);
        }
    }
    Features { values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::segment;
    use crate::dom::parse;

    fn rows(html: &str) -> (Vec<Block>, Features) {
        let doc = parse(html, None).expect("parses");
        let blocks = segment(&doc);
        let seen: Vec<&Block> = blocks.iter().collect();
        let hints = HintCache::new(&doc);
        let region = super::super::region::find(&doc, &seen, &hints, &crate::tuning::REGION);
        let meta = crate::metadata::extract(&doc, None);
        let f = compute(&doc, &seen, &region, &meta, &hints);
        (blocks, f)
    }

    #[test]
    fn characters_count_alike_in_ascii_and_beyond() {
        let t = text_counts("Ab1$|\nÉé 2€ › x");
        assert_eq!(
            (t.digits, t.letters, t.upper, t.punct),
            (2, 5, 2, 2),
            "digits 1 2; letters A b É é x; upper A É; punctuation $ |"
        );
        assert_eq!((t.currency, t.separators, t.lines), (2, 2, 2));
    }

    #[test]
    fn names_match_the_row_length() {
        assert_eq!(names().len(), COUNT);
        let mut sorted = names();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), COUNT, "feature names are unique");
    }

    #[test]
    fn rows_describe_blocks_and_their_context() {
        let prose =
            "A sentence of real prose, with commas, clauses, and enough length to score well. ";
        let html = format!(
            "<body><nav><ul><li><a href='/a'>Home</a></li><li><a href='/b'>News</a></li></ul></nav>\
             <article><p>{p}</p><p>{p}</p></article><footer>Copyright</footer></body>",
            p = prose.repeat(3)
        );
        let (blocks, f) = rows(&html);
        assert_eq!(f.len(), blocks.len());
        let get = |i: usize, s: S| f.row(i)[s as usize];
        let nav_dist = TAG_BASE
            + ANCESTOR_TAGS
                .iter()
                .position(|&t| t == Tag::Nav)
                .unwrap_or(0);
        assert_eq!(f.row(0)[nav_dist], 2.0, "li > ul > nav");
        assert_eq!(get(0, S::link_density), 1.0);
        assert_eq!(get(0, S::same_path), 2.0, "both menu items share a path");
        assert_eq!(get(2, S::in_top), 1.0);
        assert_eq!(get(2, S::same_text), 2.0, "the two paragraphs are equal");
        assert_eq!(f.row(2)[KIND_BASE + 1], 1.0, "a paragraph");
        assert_eq!(get(0, S::in_top), 0.0);
        assert!(get(0, S::up_to_common) >= 2.0);
    }

    #[test]
    fn deep_and_wide_pages_stay_linear() {
        let deep = format!("<body>{}</body>", "<div>text of a level".repeat(1_000));
        let (blocks, f) = rows(&deep);
        assert_eq!(f.len(), blocks.len());
        let last = f.row(f.len() - 1);
        // The parser flattens nesting past its limit, as Blink does.
        let depth = last[S::depth as usize];
        let limit = crate::tuning::MAX_TREE_DEPTH as f32;
        assert!(depth > limit - 10.0 && depth <= limit + 2.0, "{depth}");
        let wide = format!(
            "<body><ul>{}</ul></body>",
            "<li class='x'>item</li>".repeat(5_000)
        );
        let (_, f) = rows(&wide);
        assert_eq!(f.row(0)[S::same_tag_siblings as usize], 5_000.0);
        assert_eq!(f.row(0)[S::same_path as usize], 5_000.0);
    }

    #[test]
    fn an_empty_page_has_no_rows() {
        let (_, f) = rows("<body></body>");
        assert!(f.is_empty());
    }
}

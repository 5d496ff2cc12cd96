//! Document -> blocks: the page's text cut into runs, in reading order.
//!
//! A block is a contiguous run of text owned by its nearest block-level
//! element, split wherever a nested block starts. Each block carries its
//! inline content (text, links, emphasis, images, formulas) so that later
//! stages never go back to the DOM to render it, and the node that owns it
//! so that classification can look at its surroundings.

mod formula;
mod mathml;
pub mod stats;

use std::sync::Arc;

use crate::dom::{tags, Document, NodeData, NodeId, Span, Tag};
use crate::tuning::{MAX_BLOCKS, OVERFLOW_BLOCK_CHARS};
pub use stats::BlockStats;

/// Index of a block in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct BlockId(pub u32);

impl BlockId {
    /// Position in reading order.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What role a block plays in the text's structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// `h1`–`h6`, with the level.
    Heading(u8),
    /// `p`.
    Paragraph,
    /// `li`.
    ListItem,
    /// A table cell (`td`, `th`) or text directly in a table part.
    TableCell,
    /// `pre`: whitespace is kept.
    Preformatted,
    /// `figcaption`, `caption`.
    Caption,
    /// `dt`, `dd`.
    Definition,
    /// Text in any other block element (`div`, `section` …).
    Text,
}

/// Inline emphasis on a piece of text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// `strong`, `b`.
    pub strong: bool,
    /// `em`, `i`.
    pub emphasis: bool,
    /// `code`, `kbd`, `samp`.
    pub code: bool,
}

/// A piece of a block's inline content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Text with its emphasis and, inside a link, the link's raw `href`.
    Text {
        /// Whitespace-normalised text (verbatim inside `pre`).
        text: String,
        /// Emphasis.
        marks: Marks,
        /// The enclosing link's `href`, as written: shared by every run of
        /// text inside the link.
        href: Option<Arc<str>>,
    },
    /// An image.
    Image {
        /// The image's address as written: the real one of a lazy image,
        /// the largest of a `srcset`.
        src: Box<str>,
        /// `alt` text.
        alt: Box<str>,
        /// A tracking pixel or spacer: kept in the block, so the block
        /// reads as the page built it, and left out of the output.
        decorative: bool,
    },
    /// `br`.
    LineBreak,
    /// A formula (MathML, KaTeX, MathJax, Wikipedia's math), as LaTeX.
    Formula {
        /// The LaTeX source, without delimiters: one line for an inline
        /// formula; a display formula keeps its lines.
        tex: Box<str>,
        /// Set on its own line rather than in the run of text.
        display: bool,
    },
}

/// Where a table cell sits, so renderers can rebuild the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellPosition {
    /// The `table` element.
    pub table: NodeId,
    /// The `tr` element.
    pub row: NodeId,
    /// The `td` or `th` element: blocks that share it are one cell.
    pub cell: NodeId,
    /// The cell's column: the columns spanned by the cells before it in its
    /// row (`colspan` counted, `rowspan` not).
    pub column: u16,
    /// True for `th`.
    pub header: bool,
    /// How many lists hold the table: a list deeper than this is inside
    /// the cell, and stays there.
    pub list_depth: u8,
}

/// Where a block sits in a list, so renderers can rebuild items, nesting
/// and numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListPosition {
    /// The innermost `ul`, `ol` or `menu`.
    pub list: NodeId,
    /// The `li` of that list the block belongs to; `None` for text directly
    /// in the list element. Blocks that share it are one item.
    pub item: Option<NodeId>,
}

/// A run of text and its context.
#[derive(Clone, Debug)]
pub struct Block {
    /// Position in reading order.
    pub id: BlockId,
    /// The nearest block-level element that owns the run.
    pub owner: NodeId,
    /// The owner's source range, when the parser recorded one.
    pub span: Span,
    /// Structural role.
    pub kind: BlockKind,
    /// The run's content.
    pub inlines: Vec<Inline>,
    /// The plain text: inline texts joined, line breaks as `\n`, formulas
    /// as their LaTeX (a display formula on lines of its own), trimmed.
    pub text: String,
    /// Nesting depth of lists around the block (0 outside lists).
    pub list_depth: u8,
    /// The innermost list around the block is an `ol`.
    pub ordered: bool,
    /// The innermost list and list item around the block.
    pub list: Option<ListPosition>,
    /// Inside a `blockquote`.
    pub quoted: bool,
    /// Inside a table cell, and where.
    pub cell: Option<CellPosition>,
    /// Counts computed once for every later stage.
    pub stats: BlockStats,
    /// How markup hides the block from readers, when it does: the
    /// outermost hiding element's reason. Classification decides what
    /// that means for the block (see `classify::hidden`).
    pub hidden: Option<Hiding>,
    /// For preformatted text, the programming language the page names for
    /// it (a `language-X` class and the like), lower-cased.
    pub code_language: Option<Box<str>>,
}

/// Most words a data table's cell holds: longer cells are a layout
/// table's columns of prose.
const MAX_DATA_CELL_WORDS: u32 = 60;

impl Block {
    /// True for a block a data table may hold: no prose longer than
    /// `MAX_DATA_CELL_WORDS`. A table with a block that does not fit is a
    /// layout table, the page's columns: it is decided and laid out as the
    /// blocks it holds. (Headings do fit: tables of specifications and
    /// comparisons head their rows with them.)
    pub fn fits_data_table(&self) -> bool {
        self.stats.words <= MAX_DATA_CELL_WORDS
    }
}

/// How markup hides an element from readers, without script or styles
/// beyond its own `style` attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hiding {
    /// Inside `noscript`: what a page shows without script is hidden from
    /// a reader with it.
    Noscript,
    /// The `hidden` attribute.
    HiddenAttribute,
    /// `aria-hidden="true"`.
    AriaHidden,
    /// `display: none` in the `style` attribute.
    DisplayNone,
    /// `visibility: hidden` in the `style` attribute.
    VisibilityHidden,
}

impl Hiding {
    /// The name of the rule that removes a block hidden this way.
    pub fn rule(self) -> &'static str {
        match self {
            Hiding::Noscript => "noscript",
            Hiding::HiddenAttribute => "hidden-attribute",
            Hiding::AriaHidden => "aria-hidden",
            Hiding::DisplayNone => "display-none",
            Hiding::VisibilityHidden => "visibility-hidden",
        }
    }
}

/// Cuts a document into blocks.
#[doc(hidden)]
pub fn segment(doc: &Document) -> Vec<Block> {
    let start = doc.find(Tag::Body).unwrap_or(doc.root());
    let mut seg = Segmenter {
        doc,
        blocks: Vec::new(),
        run: Run::default(),
        owners: vec![start],
        marks: Vec::new(),
        hrefs: Vec::new(),
        lists: Vec::new(),
        items: Vec::new(),
        quotes: 0,
        pre: 0,
        hidden: Vec::new(),
        cells: Vec::new(),
        rows: Vec::new(),
        tables: Vec::new(),
        collapsed: String::new(),
        code_language: None,
        overflow: Vec::new(),
        overflow_chars: 0,
        formulas: formula::find(doc),
    };
    seg.walk(start);
    let rest = std::mem::take(&mut seg.overflow);
    if !rest.is_empty() {
        seg.push_block(rest);
    }
    seg.blocks
}

#[derive(Default)]
struct Run {
    inlines: Vec<Inline>,
    ends_with_space: bool,
}

struct Segmenter<'d> {
    doc: &'d Document,
    blocks: Vec<Block>,
    run: Run,
    owners: Vec<NodeId>,
    marks: Vec<Marks>,
    hrefs: Vec<Arc<str>>,
    lists: Vec<(NodeId, bool)>,
    /// Open `li` elements, each with the number of lists open around it.
    items: Vec<(NodeId, usize)>,
    quotes: u32,
    pre: u32,
    /// Open hiding elements, outermost first, with how each hides.
    hidden: Vec<(NodeId, Hiding)>,
    /// The buffer [`Segmenter::push_text`] collapses whitespace into.
    collapsed: String,
    /// Open cells: element, `th`, column.
    cells: Vec<(NodeId, bool, u16)>,
    /// Open rows: element, column of the next cell.
    rows: Vec<(NodeId, u16)>,
    /// Open tables, each with the list depth it opened at.
    tables: Vec<(NodeId, u8)>,
    /// The language the open `pre` (or its `code`, or a wrapper around it)
    /// names.
    code_language: Option<Box<str>>,
    /// Past [`MAX_BLOCKS`], the runs waiting to become one block together.
    overflow: Vec<Inline>,
    /// The characters of the text in `overflow`.
    overflow_chars: usize,
    /// The elements to write a formula in place of, or to skip as a
    /// formula's rendering; each taken out when met.
    formulas: formula::Formulas,
}

/// `colspan` values above this are taken as this: browsers cap them at
/// 1000, and a grid that wide is never content.
const MAX_COLSPAN: u16 = 100;

/// How the element is hidden from readers by markup alone, if it is.
/// Each line of `text` trimmed, and the whole trimmed: a block's text as
/// the reader sees it, built in one string.
fn trim_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trim());
    }
    match out.trim() {
        t if t.len() == out.len() => out,
        t => t.to_owned(),
    }
}

fn hiding(e: &crate::dom::Element) -> Option<Hiding> {
    if e.tag == Tag::Noscript {
        return Some(Hiding::Noscript);
    }
    for a in &e.attrs {
        match &*a.name {
            "hidden" => return Some(Hiding::HiddenAttribute),
            "aria-hidden" if a.value.eq_ignore_ascii_case("true") => {
                return Some(Hiding::AriaHidden)
            }
            "style" => {
                let s: String = a
                    .value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if s.contains("display:none") {
                    return Some(Hiding::DisplayNone);
                }
                if s.contains("visibility:hidden") {
                    return Some(Hiding::VisibilityHidden);
                }
            }
            _ => {}
        }
    }
    None
}

/// Wrappers above a `pre` searched for a language class: GitHub-style
/// pages put `highlight-source-rust` on a `div` around it.
const CODE_LANGUAGE_WRAPPERS: usize = 2;

/// Longer "language names" are something else (a class list, a sentence).
const MAX_CODE_LANGUAGE_CHARS: usize = 32;

/// The programming language an element names for its code: a class
/// `language-X`, `lang-X`, `highlight-source-X` or `brush: X`, or a
/// `data-lang` / `data-language` attribute. Only a plain name (letters,
/// digits, `+ # . _ -`) of at most [`MAX_CODE_LANGUAGE_CHARS`] is taken.
fn code_language(e: &crate::dom::Element) -> Option<String> {
    let plain = |name: &str| {
        (!name.is_empty()
            && name.len() <= MAX_CODE_LANGUAGE_CHARS
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '.' | '_' | '-')))
        .then(|| name.to_ascii_lowercase())
    };
    for attr in ["data-lang", "data-language"] {
        if let Some(name) = e.attr(attr).and_then(|v| plain(v.trim())) {
            return Some(name);
        }
    }
    let class = e.attr("class")?;
    let mut tokens = class.split_ascii_whitespace().peekable();
    while let Some(token) = tokens.next() {
        for prefix in ["language-", "lang-", "highlight-source-"] {
            if let Some(name) = token.strip_prefix(prefix).and_then(plain) {
                return Some(name);
            }
        }
        if token == "brush:" {
            if let Some(name) = tokens
                .peek()
                .map(|t| t.trim_end_matches(';'))
                .and_then(plain)
            {
                return Some(name);
            }
        }
    }
    None
}

/// The address an `img` shows. Lazy-loading pages put the real one in
/// `data-src` (and the like) or `data-srcset`, and a placeholder in `src`;
/// a `srcset` names a larger file than `src`; an `img` without any of
/// these takes the `source` of its `picture`, or the copy of itself a page
/// puts in the `noscript` after it. `data:` addresses are placeholders.
fn image_address<'d>(doc: &'d Document, n: NodeId, e: &'d crate::dom::Element) -> Option<&'d str> {
    let usable = |v: &&str| !v.trim().is_empty() && !v.trim_start().starts_with("data:");
    let named = ["data-src", "data-lazy-src", "data-original"]
        .iter()
        .filter_map(|a| e.attr(a))
        .find(usable);
    named
        .or_else(|| {
            ["data-srcset", "srcset"]
                .iter()
                .filter_map(|a| e.attr(a))
                .find_map(largest_candidate)
        })
        .or_else(|| {
            let next =
                std::iter::successors(doc.node(n).next_sibling, |&s| doc.node(s).next_sibling)
                    .find(|&s| doc.element(s).is_some())?;
            (doc.tag(next) == Some(Tag::Noscript)).then_some(())?;
            let copy = doc
                .descendants(next)
                .find(|&d| doc.tag(d) == Some(Tag::Img))?;
            doc.attr(copy, "src").filter(usable)
        })
        .or_else(|| e.attr("src").filter(usable))
        .or_else(|| {
            let picture = doc
                .parent(n)
                .filter(|&p| doc.tag(p) == Some(Tag::Picture))?;
            doc.children(picture)
                .filter_map(|c| doc.attr(c, "srcset"))
                .find_map(largest_candidate)
        })
}

/// The largest candidate of a `srcset`: the widest (`800w`) or densest
/// (`2x`); a candidate without a descriptor counts as `1x`. Read as the
/// HTML standard reads it: an address runs to white space (a comma inside
/// it belongs to it), and a comma ends the candidate's descriptors.
fn largest_candidate(srcset: &str) -> Option<&str> {
    let mut best: Option<(&str, f32)> = None;
    let mut rest = srcset;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (url, after) = rest.split_at(url_end);
        let (url, descriptor, next) = match url.strip_suffix(',') {
            Some(url) => (url, "", after),
            None => {
                let end = after.find(',').unwrap_or(after.len());
                (url, after[..end].trim(), &after[end..])
            }
        };
        rest = next;
        if url.starts_with("data:") {
            continue;
        }
        let size = if descriptor.is_empty() {
            1.0
        } else {
            descriptor
                .trim_end_matches(['w', 'x', 'h'])
                .parse::<f32>()
                .unwrap_or(0.0)
        };
        if !best.is_some_and(|(_, s)| size <= s) {
            best = Some((url, size));
        }
    }
    best.map(|(url, _)| url)
}

/// A formula alone in its block is set apart as display maths, however
/// the page marked it: Wikipedia indents its older display formulas in a
/// `dd` as inline maths. (Not in a table cell or a list item, which a
/// formula may fill as a value.)
fn display_lone_formula(inlines: &mut [Inline]) {
    let blank = |i: &Inline| matches!(i, Inline::Text { text, .. } if text.trim().is_empty());
    let mut formulas = inlines.iter_mut().filter(|i| !blank(i));
    if let (Some(Inline::Formula { display, .. }), None) = (formulas.next(), formulas.next()) {
        *display = true;
    }
}

/// Class names of the line numbers a code viewer puts in its code.
const LINE_NUMBER_NAMES: &[&str] = &["lineno", "line-num", "linenum", "line_num", "gutter"];

/// Widest or highest a declared image may be and still be a tracking
/// pixel or a spacer.
const MAX_DECORATIVE_PIXELS: u32 = 1;

/// File names that spacers and tracking pixels are given.
const DECORATIVE_FILE_PREFIXES: &[&str] = &[
    "spacer.",
    "blank.",
    "pixel.",
    "transparent.",
    "1x1.",
    "clear.gif",
];

/// True for an image no reader sees as one: declared a pixel wide or high
/// (tracking beacons, spacers), or a file named as a spacer is.
fn is_decorative(e: &crate::dom::Element, src: &str) -> bool {
    let tiny = |name| {
        e.attr(name)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|px| px <= MAX_DECORATIVE_PIXELS)
    };
    let file = src
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap_or("");
    let file = file.to_ascii_lowercase();
    tiny("width") || tiny("height") || DECORATIVE_FILE_PREFIXES.iter().any(|p| file.starts_with(p))
}

enum Step {
    Enter(NodeId),
    Exit(NodeId),
}

impl Segmenter<'_> {
    fn walk(&mut self, start: NodeId) {
        let mut stack = vec![Step::Enter(start)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(n) => {
                    if self.enter(n) {
                        stack.push(Step::Exit(n));
                        let mut child = self.doc.node(n).last_child;
                        while let Some(c) = child {
                            stack.push(Step::Enter(c));
                            child = self.doc.node(c).prev_sibling;
                        }
                    }
                }
                Step::Exit(n) => self.exit(n),
            }
        }
        self.flush();
    }

    /// Handles a node on the way down; true when its children are wanted.
    /// True for an element in code that numbers its lines: named so
    /// (`lineno`, `line-number`, `gutter`) and holding a number alone. The
    /// numbers belong to the page's code viewer, not to the code.
    fn is_line_number(&self, n: NodeId, e: &crate::dom::Element) -> bool {
        let named = [e.attr("class"), e.attr("id")]
            .into_iter()
            .flatten()
            .any(|v| {
                let v = v.to_ascii_lowercase();
                LINE_NUMBER_NAMES.iter().any(|name| v.contains(name))
            });
        named && {
            let text = self.doc.text_content(n);
            let text = text.trim();
            !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_whitespace())
        }
    }

    fn enter(&mut self, n: NodeId) -> bool {
        let e = match &self.doc.node(n).data {
            NodeData::Text(t) => {
                self.push_text(self.doc.text_of(*t));
                return false;
            }
            NodeData::Element(e) => e,
            NodeData::Document => return true,
            _ => return false,
        };
        // A formula's wrapper, whatever hides its parts: the formula in
        // its place, in the run of text around it.
        if !self.formulas.is_empty() {
            if let Some(formula) = self.formulas.remove(&n) {
                if let Some(f) = formula {
                    self.run.inlines.push(Inline::Formula {
                        tex: f.tex,
                        display: f.display,
                    });
                    self.run.ends_with_space = false;
                }
                return false;
            }
        }
        if tags::is_never_content(e.tag) || (self.pre > 0 && self.is_line_number(n, e)) {
            return false;
        }
        if let Some(how) = hiding(e) {
            if tags::is_void(e.tag) {
                return false;
            }
            self.flush();
            self.hidden.push((n, how));
        }
        if e.tag == Tag::Code && self.pre > 0 && self.code_language.is_none() {
            self.code_language = code_language(e).map(Into::into);
        }
        match e.tag {
            Tag::Br => {
                self.run.inlines.push(Inline::LineBreak);
                self.run.ends_with_space = true;
                return false;
            }
            Tag::Hr => {
                self.flush();
                return false;
            }
            Tag::Img => {
                if let Some(src) = image_address(self.doc, n, e) {
                    self.run.inlines.push(Inline::Image {
                        decorative: is_decorative(e, src),
                        src: src.into(),
                        alt: e.attr("alt").unwrap_or("").trim().into(),
                    });
                }
                return false;
            }
            _ => {}
        }
        if tags::is_block(e.tag) {
            self.flush();
            self.owners.push(n);
            match e.tag {
                Tag::Ul | Tag::Menu => self.lists.push((n, false)),
                Tag::Ol => self.lists.push((n, true)),
                Tag::Li => self.items.push((n, self.lists.len())),
                Tag::Blockquote => self.quotes += 1,
                Tag::Pre => {
                    self.pre += 1;
                    if self.pre == 1 {
                        self.code_language = self
                            .doc
                            .ancestors_and_self(n)
                            .take(1 + CODE_LANGUAGE_WRAPPERS)
                            .filter_map(|a| self.doc.element(a))
                            .find_map(code_language)
                            .map(Into::into);
                    }
                }
                Tag::Table => self
                    .tables
                    .push((n, self.lists.len().min(u8::MAX as usize) as u8)),
                Tag::Tr => self.rows.push((n, 0)),
                Tag::Td | Tag::Th => {
                    let span = e
                        .attr("colspan")
                        .and_then(|v| v.trim().parse::<u16>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_COLSPAN);
                    let column = self.rows.last_mut().map_or(0, |(_, next)| {
                        let column = *next;
                        *next = next.saturating_add(span);
                        column
                    });
                    self.cells.push((n, e.tag == Tag::Th, column));
                }
                _ => {}
            }
        } else {
            match e.tag {
                Tag::A => self.hrefs.push(e.attr("href").unwrap_or("").into()),
                Tag::Strong | Tag::B => self.push_marks(|m| m.strong = true),
                Tag::Em | Tag::I => self.push_marks(|m| m.emphasis = true),
                Tag::Code | Tag::Kbd | Tag::Samp => self.push_marks(|m| m.code = true),
                _ => {}
            }
        }
        true
    }

    fn exit(&mut self, n: NodeId) {
        let Some(e) = self.doc.element(n) else { return };
        if self.hidden.last().is_some_and(|&(h, _)| h == n) {
            self.flush();
            self.hidden.pop();
        }
        if tags::is_block(e.tag) {
            self.flush();
            self.owners.pop();
            match e.tag {
                Tag::Ul | Tag::Menu | Tag::Ol => {
                    self.lists.pop();
                }
                Tag::Li => {
                    self.items.pop();
                }
                Tag::Blockquote => self.quotes -= 1,
                Tag::Pre => {
                    self.pre -= 1;
                    if self.pre == 0 {
                        self.code_language = None;
                    }
                }
                Tag::Table => {
                    self.tables.pop();
                }
                Tag::Tr => {
                    self.rows.pop();
                }
                Tag::Td | Tag::Th => {
                    self.cells.pop();
                }
                _ => {}
            }
        } else {
            match e.tag {
                Tag::A => {
                    self.hrefs.pop();
                }
                Tag::Strong | Tag::B | Tag::Em | Tag::I | Tag::Code | Tag::Kbd | Tag::Samp => {
                    self.marks.pop();
                }
                _ => {}
            }
        }
    }

    fn push_marks(&mut self, set: impl FnOnce(&mut Marks)) {
        let mut m = self.marks.last().copied().unwrap_or_default();
        set(&mut m);
        self.marks.push(m);
    }

    fn push_text(&mut self, raw: &str) {
        let marks = self.marks.last().copied().unwrap_or_default();
        let href = self.hrefs.last().cloned();
        // Whitespace collapses into a buffer kept across calls: most runs
        // merge into the run before them and need no string of their own.
        let mut collapsed = std::mem::take(&mut self.collapsed);
        collapsed.clear();
        let text: &str = if self.pre > 0 {
            raw
        } else {
            let mut space = self.run.ends_with_space || self.run.inlines.is_empty();
            for c in raw.chars() {
                if c.is_whitespace() {
                    if !space {
                        collapsed.push(' ');
                        space = true;
                    }
                } else {
                    collapsed.push(c);
                    space = false;
                }
            }
            &collapsed
        };
        if !text.is_empty() {
            self.run.ends_with_space = text.ends_with(|c: char| c.is_whitespace());
            match self.run.inlines.last_mut() {
                Some(Inline::Text {
                    text: prev,
                    marks: pm,
                    href: ph,
                }) if *pm == marks && *ph == href => prev.push_str(text),
                _ => self.run.inlines.push(Inline::Text {
                    text: text.to_owned(),
                    marks,
                    href,
                }),
            }
        }
        self.collapsed = collapsed;
    }

    fn flush(&mut self) {
        let run = std::mem::take(&mut self.run);
        let has_content = run.inlines.iter().any(|i| match i {
            Inline::Text { text, .. } => !text.trim().is_empty(),
            Inline::Image { .. } | Inline::Formula { .. } => true,
            Inline::LineBreak => false,
        });
        if !has_content {
            return;
        }
        if self.blocks.len() < MAX_BLOCKS {
            self.push_block(run.inlines);
            return;
        }
        // Past the budget, runs join into blocks of about
        // OVERFLOW_BLOCK_CHARS each, one line a run.
        if !self.overflow.is_empty() {
            self.overflow.push(Inline::LineBreak);
        }
        for i in run.inlines {
            match &i {
                Inline::Text { text, .. } => self.overflow_chars += text.len(),
                Inline::Formula { tex, .. } => self.overflow_chars += tex.len(),
                _ => {}
            }
            self.overflow.push(i);
        }
        if self.overflow_chars >= OVERFLOW_BLOCK_CHARS {
            self.overflow_chars = 0;
            let inlines = std::mem::take(&mut self.overflow);
            self.push_block(inlines);
        }
    }

    /// Makes a block of `inlines` in the current context: the innermost
    /// open block-level element owns it.
    fn push_block(&mut self, mut inlines: Vec<Inline>) {
        let owner = self.owners.last().copied().unwrap_or(self.doc.root());
        if self.cells.is_empty() && self.items.is_empty() {
            display_lone_formula(&mut inlines);
        }
        let mut text = String::new();
        for i in &inlines {
            match i {
                Inline::Text { text: t, .. } => text.push_str(t),
                Inline::LineBreak => {
                    while text.ends_with(' ') {
                        text.pop();
                    }
                    text.push('\n');
                }
                Inline::Image { .. } => {}
                Inline::Formula {
                    tex,
                    display: false,
                } => text.push_str(tex),
                Inline::Formula { tex, display: true } => {
                    while text.ends_with(' ') {
                        text.pop();
                    }
                    if !text.is_empty() && !text.ends_with('\n') {
                        text.push('\n');
                    }
                    text.push_str(tex);
                    text.push('\n');
                }
            }
        }
        let text = trim_lines(&text);
        let kind = self.kind_of(owner);
        let stats = BlockStats::of(&inlines, &text);
        let cell = match (self.tables.last(), self.rows.last(), self.cells.last()) {
            (Some(&(table, list_depth)), Some(&(row, _)), Some(&(cell, header, column))) => {
                Some(CellPosition {
                    table,
                    row,
                    cell,
                    column,
                    header,
                    list_depth,
                })
            }
            _ => None,
        };
        let depth = self.lists.len();
        let list = self.lists.last().map(|&(list, _)| ListPosition {
            list,
            item: self
                .items
                .last()
                .filter(|&&(_, d)| d == depth)
                .map(|&(li, _)| li),
        });
        self.blocks.push(Block {
            id: BlockId(self.blocks.len() as u32),
            owner,
            span: self.doc.node(owner).span,
            kind,
            inlines,
            text,
            list_depth: self.lists.len().min(u8::MAX as usize) as u8,
            ordered: self.lists.last().is_some_and(|&(_, ordered)| ordered),
            list,
            quoted: self.quotes > 0,
            cell,
            stats,
            hidden: self.hidden.first().map(|&(_, how)| how),
            // Set inside `pre` alone, and cleared when the outermost closes.
            code_language: self.code_language.clone(),
        });
    }

    fn kind_of(&self, owner: NodeId) -> BlockKind {
        if self.pre > 0 {
            return BlockKind::Preformatted;
        }
        match self.doc.tag(owner) {
            Some(t) if tags::heading_level(t).is_some() => {
                BlockKind::Heading(tags::heading_level(t).unwrap_or(1))
            }
            Some(Tag::P) => BlockKind::Paragraph,
            Some(Tag::Li) => BlockKind::ListItem,
            Some(
                Tag::Td | Tag::Th | Tag::Tr | Tag::Table | Tag::Tbody | Tag::Thead | Tag::Tfoot,
            ) => BlockKind::TableCell,
            Some(Tag::Figcaption | Tag::Caption) => BlockKind::Caption,
            Some(Tag::Dt | Tag::Dd) => BlockKind::Definition,
            _ if !self.cells.is_empty() => BlockKind::TableCell,
            _ => BlockKind::Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn blocks(html: &str) -> Vec<Block> {
        segment(&parse(html, None).expect("parses"))
    }

    /// Each image a reader sees in `html` (`noscript` copies are hidden):
    /// its address, and whether it is decorative.
    fn images(html: &str) -> Vec<(String, bool)> {
        blocks(html)
            .iter()
            .filter(|b| b.hidden.is_none())
            .flat_map(|b| b.inlines.iter())
            .filter_map(|i| match i {
                Inline::Image {
                    src, decorative, ..
                } => Some((src.to_string(), *decorative)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn images_take_their_real_address() {
        let real = |html: &str| {
            images(html)
                .into_iter()
                .map(|(src, _)| src)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            real("<p><img src='data:image/gif;base64,R0lG' data-src='/real.jpg'></p>"),
            ["/real.jpg"]
        );
        assert_eq!(
            real("<p><img src='/s.jpg' srcset='/s.jpg 400w, /l.jpg 1200w, /m.jpg 800w'></p>"),
            ["/l.jpg"]
        );
        assert_eq!(
            real("<p><img data-srcset='/a,b.jpg 1x,/c.jpg 2x'></p>"),
            ["/c.jpg"]
        );
        assert_eq!(
            real("<picture><source srcset='/p.webp 1x, /p2.webp 2x'><img alt=x></picture>"),
            ["/p2.webp"]
        );
        assert_eq!(
            real("<p><img src='/placeholder.gif'><noscript><img src='/photo.jpg'></noscript></p>"),
            ["/photo.jpg"]
        );
        assert!(real("<p><img src='data:image/gif;base64,R0lG'>Text</p>").is_empty());
    }

    #[test]
    fn a_formula_alone_in_its_block_is_display_maths() {
        let display = |html: &str| -> Vec<bool> {
            blocks(html)
                .iter()
                .flat_map(|b| b.inlines.iter())
                .filter_map(|i| match i {
                    Inline::Formula { display, .. } => Some(*display),
                    _ => None,
                })
                .collect()
        };
        let math = "<math alttext='x^2'><mi>x</mi></math>";
        assert_eq!(display(&format!("<dl><dd> {math} </dd></dl>")), [true]);
        assert_eq!(display(&format!("<p>Take {math} twice.</p>")), [false]);
        assert_eq!(
            display(&format!("<table><tr><td>{math}</td></tr></table>")),
            [false]
        );
    }

    #[test]
    fn line_numbers_in_code_are_left_out() {
        let b = blocks(
            "<pre><code><span class='line-number'>1</span>import time\n<span class='line-number'>2</span>time.sleep(1)</code></pre>\
             <pre><span class='lineno'>step</span> 1</pre>",
        );
        assert_eq!(b[0].text, "import time\ntime.sleep(1)");
        assert_eq!(b[1].text, "step 1");
    }

    #[test]
    fn beacons_and_spacers_are_decorative_but_stay_in_the_block() {
        assert_eq!(
            images("<p>Text<img src='/t.gif?u=1' width=1 height=1><img src='/img/spacer.gif'><img src='/a.jpg' width=640></p>"),
            [
                ("/t.gif?u=1".to_owned(), true),
                ("/img/spacer.gif".to_owned(), true),
                ("/a.jpg".to_owned(), false)
            ]
        );
    }

    #[test]
    fn runs_past_the_block_budget_join_and_keep_their_text() {
        let count = MAX_BLOCKS + 2_000;
        let html: String = (0..count).map(|i| format!("<p>word {i}</p>")).collect();
        let b = blocks(&html);
        assert_eq!(b[MAX_BLOCKS - 1].text, format!("word {}", MAX_BLOCKS - 1));
        let past = &b[MAX_BLOCKS..];
        // Each joined block holds about OVERFLOW_BLOCK_CHARS of runs, a
        // line each; the last one holds what was left.
        let joined_chars: usize = past.iter().map(|b| b.text.len()).sum();
        assert!(past.len() <= joined_chars / OVERFLOW_BLOCK_CHARS + 1);
        assert!(past[0]
            .text
            .starts_with(&format!("word {MAX_BLOCKS}\nword ")));
        assert!(past
            .last()
            .is_some_and(|b| b.text.ends_with(&format!("word {}", count - 1))));
        let words: usize = b.iter().map(|b| b.text.lines().count()).sum();
        assert_eq!(words, count, "every paragraph's text is kept");
    }

    #[test]
    fn splits_where_a_nested_block_starts() {
        let b = blocks("<div>intro <b>bold</b><p>para</p>tail</div>");
        let texts: Vec<_> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["intro bold", "para", "tail"]);
        assert_eq!(b[1].kind, BlockKind::Paragraph);
    }

    #[test]
    fn skips_scripts_and_marks_hidden_elements_with_the_reason() {
        let b = blocks("<p>seen and long enough</p><script>x()</script><div hidden>no</div><p style='display: none'>no</p><div aria-hidden=true><p style='visibility:hidden'>no</p></div>");
        let seen: Vec<_> = b.iter().map(|b| (b.text.as_str(), b.hidden)).collect();
        assert_eq!(
            seen,
            [
                ("seen and long enough", None),
                ("no", Some(Hiding::HiddenAttribute)),
                ("no", Some(Hiding::DisplayNone)),
                // The outermost hiding element gives the reason.
                ("no", Some(Hiding::AriaHidden)),
            ]
        );
    }

    #[test]
    fn a_hidden_image_hides_nothing_after_it() {
        let b = blocks(
            "<p>first paragraph here</p><img hidden src='x.png'><p>second paragraph here</p>",
        );
        assert_eq!(b.len(), 2);
        assert!(b.iter().all(|b| b.hidden.is_none()));
    }

    #[test]
    fn a_formula_stays_in_its_sentence_whatever_hides_its_parts() {
        // Wikipedia: the math in a display:none span, an aria-hidden image.
        let b = blocks(
            "<p>Given a set of <span class=m><span style='display: none'>\
             <math alttext='{\\displaystyle N}'><mi>N</mi></math></span>\
             <img src=n.svg aria-hidden=true alt='{\\displaystyle N}'></span> objects.</p>",
        );
        assert_eq!(b.len(), 1, "one block: {b:?}");
        assert_eq!(b[0].text, "Given a set of N objects.");
        assert_eq!(b[0].hidden, None);
        assert!(b[0]
            .inlines
            .iter()
            .any(|i| matches!(i, Inline::Formula { tex, display: false } if &**tex == "N")));
        assert_eq!(b[0].stats.images, 0, "the fallback image is the formula's");
        // KaTeX: the aria-hidden glyphs are not read as text.
        let b = blocks(
            "<p>So <span class=katex><span class=katex-mathml><math><semantics><mrow><mi>E</mi></mrow>\
             <annotation encoding='application/x-tex'>E = mc^2</annotation></semantics></math></span>\
             <span class=katex-html aria-hidden=true><span>E</span><span>=</span></span></span>, always.</p>",
        );
        assert_eq!(b.len(), 1, "one block: {b:?}");
        assert_eq!(b[0].text, "So E = mc^2, always.");
    }

    #[test]
    fn a_display_formula_takes_lines_of_its_own_in_the_text() {
        let b = blocks(
            "<p>We have <math display=block alttext='a = b'></math> where a is one.</p>\
             <div><math display=block><mi>x</mi></math></div>",
        );
        let texts: Vec<_> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["We have\na = b\nwhere a is one.", "x"]);
    }

    #[test]
    fn keeps_links_and_line_breaks() {
        let b = blocks("<p>go <a href='/x'>there</a><br>now</p>");
        assert_eq!(b[0].text, "go there\nnow");
        assert!(b[0]
            .inlines
            .iter()
            .any(|i| matches!(i, Inline::Text { href: Some(h), .. } if &**h == "/x")));
        assert_eq!(b[0].stats.link_chars, 5);
    }

    #[test]
    fn spans_point_at_the_owner_in_the_source() {
        // What `removed[].start/end` report: the owner's bytes in the source.
        let html = "<div>intro<p class=x>caf\u{e9} &amp; more</p><ul><li>one<li>two</ul></div>";
        let b = blocks(html);
        let source: Vec<_> = b
            .iter()
            .map(|b| &html[b.span.start as usize..b.span.end as usize])
            .collect();
        assert_eq!(source[1], "<p class=x>caf\u{e9} &amp; more</p>");
        assert_eq!(source[2], "<li>one");
        assert_eq!(source[3], "<li>two");
        assert!(source[0].starts_with("<div>intro"));
    }

    #[test]
    fn records_list_and_table_context() {
        let b = blocks("<ol><li>one</li></ol><table><tr><th>h</th><td>c</td></tr></table>");
        assert_eq!(b[0].kind, BlockKind::ListItem);
        assert!(b[0].ordered && b[0].list_depth == 1);
        assert!(b[1].cell.is_some_and(|c| c.header));
        assert!(b[2].cell.is_some_and(|c| !c.header));
    }

    #[test]
    fn records_list_items_and_table_cells_by_element() {
        let b = blocks(
            "<ul><li><p>one a</p><p>one b</p></li><li>two<ol><li>inner</li></ol></li></ul>\
             <table><tr><td><p>x</p><p>y</p></td><td>z</td></tr>\
             <tr><td colspan=2>wide</td><td>last</td></tr></table>",
        );
        let item = |i: usize| b[i].list.and_then(|l| l.item);
        assert_eq!(item(0), item(1));
        assert_ne!(item(1), item(2));
        assert_ne!(b[2].list.map(|l| l.list), b[3].list.map(|l| l.list));
        assert_eq!(b[3].list_depth, 2);
        let cell = |i: usize| b[i].cell.map(|c| c.cell);
        assert_eq!(cell(4), cell(5));
        assert_ne!(cell(5), cell(6));
        let column = |i: usize| b[i].cell.map(|c| c.column);
        assert_eq!(
            [column(4), column(6), column(7), column(8)],
            [Some(0), Some(1), Some(0), Some(2)]
        );
    }
}

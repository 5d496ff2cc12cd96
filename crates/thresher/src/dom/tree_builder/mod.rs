//! Tokens -> [`Document`]: the tree-construction stage of the HTML standard
//! (§13.2.6), laid out the way html5ever lays out its `tree_builder`.
//!
//! - `mod.rs`: the builder's state, the dispatcher, and the operations every
//!   rule shares (the stack of open elements, scopes, insertion, spans);
//! - `modes.rs`: the insertion modes before `body` and after it;
//! - `body.rs`: the "in body" mode, where nearly all content is built;
//! - `table.rs`: the table modes and foster parenting;
//! - `formatting.rs`: the list of active formatting elements and the
//!   adoption agency that repairs misnested `<b>`, `<a>` …;
//! - `foreign.rs`: SVG and MathML;
//! - `tag_sets.rs`, `quirks.rs`: the standard's named tag sets and doctype lists.
//!
//! The rules follow html5ever 0.40 (the new `select` parsing included) so
//! that the two parsers build the same tree; where they differ, it says so.
//! Nothing here recurses, and every look-up that walks the stack first asks
//! per-tag counters whether the walk can succeed, so that 100,000 nested
//! elements stay linear.
//!
//! Spans: an element's span runs from the `<` of its start tag to the end
//! of its end tag, or, when something else closes it, to the start of that
//! token (the end of input for what is still open there). Elements the
//! parser makes up (an implied `tbody`, a formatting element reopened after a
//! block) start at the token that made them.

mod body;
mod foreign;
mod formatting;
mod modes;
mod quirks;
mod table;
mod tag_sets;

use std::borrow::Cow;

use super::parse::Limits;
use super::tokenizer::{Doctype, StartTag, State, Token};
use super::{
    element_name, tags, without_nul, Attr, Document, DocumentBuilder, Element, Name, NodeData,
    NodeId, Span, Tag,
};
use formatting::Entry;
use tag_sets::Scope;

/// The insertion modes of the standard, less "in select" (gone from the
/// current standard, and from html5ever 0.40). Scripting is off, as for a
/// crawler, so `noscript` holds markup and "in head noscript" is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    InHeadNoscript,
    AfterHead,
    InBody,
    Text,
    InTable,
    InTableText,
    InCaption,
    InColumnGroup,
    InTableBody,
    InRow,
    InCell,
    InTemplate,
    AfterBody,
    InFrameset,
    AfterFrameset,
    AfterAfterBody,
    AfterAfterFrameset,
}

/// The namespace an element was created in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ns {
    Html,
    Svg,
    MathMl,
}

/// Foreign elements that bound the default scope (`mi` … `mtext`,
/// `foreignObject`, `desc`, `title`).
const FLAG_SCOPE_BOUNDARY: u8 = 1;
/// MathML text integration points: `mi`, `mo`, `mn`, `ms`, `mtext`.
const FLAG_MATHML_TEXT: u8 = 2;
/// HTML integration points: SVG `foreignObject`, `desc`, `title`, and an
/// `annotation-xml` whose encoding is HTML.
const FLAG_HTML_POINT: u8 = 4;
/// MathML `annotation-xml`, where `<svg>` starts SVG.
const FLAG_ANNOTATION_XML: u8 = 8;

/// Buckets of the filter that tells whether an element of an unknown name
/// may be open, so that stray end tags of custom elements need not walk the
/// whole stack.
const OTHER_NAME_BUCKETS: usize = 64;

/// Source bytes per node, to size the node arena up front: the WCXB dev
/// pages average one node per 104 bytes. Guessing low costs one regrowth;
/// guessing high costs untouched (so unbacked) memory.
const SOURCE_BYTES_PER_NODE: usize = 100;

/// Room in the node arena past the node budget, for the few nodes made
/// after it runs out.
const NODES_PAST_BUDGET: usize = 16;

/// An element on the stack of open elements.
#[derive(Clone, Copy, Debug)]
struct Open {
    id: NodeId,
    /// The tag for HTML elements; `Tag::Other` for foreign ones, so that no
    /// HTML rule ever matches them by tag.
    tag: Tag,
    ns: Ns,
    flags: u8,
    /// For HTML elements of an unknown name: their bucket in the name filter.
    bucket: u8,
}

impl Open {
    fn is(&self, tag: Tag) -> bool {
        self.ns == Ns::Html && self.tag == tag
    }

    fn is_html(&self) -> bool {
        self.ns == Ns::Html
    }
}

/// What a rule asks for once it has handled a token.
enum Flow<'a> {
    /// The token is used up.
    Done,
    /// Handle the token again in this mode.
    Reprocess(Mode, Token<'a>),
}

/// Where a new node goes.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// As the last child of this node.
    Append(NodeId),
    /// Right before this node (foster parenting).
    Before(NodeId),
}

/// The tree builder's state while it reads one document.
pub(super) struct TreeBuilder<'a> {
    b: DocumentBuilder,
    src_len: u32,
    mode: Mode,
    /// The mode to return to after raw text or table text.
    orig_mode: Mode,
    template_modes: Vec<Mode>,
    stack: Vec<Open>,
    /// Open HTML elements per tag, to answer "is any open?" at once.
    open_counts: Vec<u32>,
    other_buckets: [u32; OTHER_NAME_BUCKETS],
    /// Per node: is it on the stack of open elements?
    on_stack: Vec<bool>,
    afe: Vec<Entry>,
    /// Elements in the list of active formatting elements per tag.
    afe_counts: Vec<u32>,
    /// Per node: is it in the list of active formatting elements?
    in_afe: Vec<bool>,
    head: Option<NodeId>,
    form: Option<NodeId>,
    quirks: bool,
    frameset_ok: bool,
    foster_parenting: bool,
    ignore_lf: bool,
    pending_table_text: Vec<(Cow<'a, str>, Span)>,
    /// The deepest the stack of open elements has been.
    deepest: usize,
    /// Past this many open elements, new ones go beside the current node
    /// ([`crate::tuning::MAX_TREE_DEPTH`]).
    max_tree_depth: usize,
    /// Past this many nodes, the rest of the markup is read as text
    /// ([`crate::tuning::MAX_NODES`], [`TreeBuilder::flat`]).
    max_nodes: usize,
    /// The node budget ran out: the tree holds the page's text, not all its
    /// elements.
    nodes_capped: bool,
    /// Past the node budget, the raw text element being skipped
    /// (`script`, `style` …) until its end tag.
    flat_skip: Option<Tag>,
    /// The range of the token being handled.
    tok: Span,
    /// The end tag being handled: elements of that name that it pops were
    /// closed by it, and their span takes it in.
    closing: Option<(Tag, u8)>,
    /// A tokenizer state change the last token asked for.
    switch: Option<(State, Tag)>,
}

/// The filter bucket of an element name.
fn name_bucket(name: &str) -> u8 {
    // FNV-1a: any cheap hash will do, the filter only needs to spread names.
    let mut h: u32 = 0x811c_9dc5;
    for &c in name.as_bytes() {
        h = (h ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }
    (h as usize % OTHER_NAME_BUCKETS) as u8
}

fn is_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0C' | '\r' | ' ')
}

/// Splits text into its leading whitespace and the rest.
fn split_leading_space(text: Cow<'_, str>) -> (Cow<'_, str>, Cow<'_, str>) {
    let at = text.len() - text.trim_start_matches(is_space).len();
    match text {
        Cow::Borrowed(s) => (Cow::Borrowed(&s[..at]), Cow::Borrowed(&s[at..])),
        Cow::Owned(mut s) => {
            let rest = s.split_off(at);
            (Cow::Owned(s), Cow::Owned(rest))
        }
    }
}

impl<'a> TreeBuilder<'a> {
    /// A builder for a source of `src_len` bytes, whose tree nests at most
    /// `limits.tree_depth` elements deep and holds about `limits.nodes`
    /// nodes at most.
    pub(super) fn new(src_len: usize, limits: Limits) -> Self {
        // Past the budget only a handful more are made: the text node the
        // rest of the markup goes into, and the body if none was open.
        let nodes =
            (src_len / SOURCE_BYTES_PER_NODE).min(limits.nodes.saturating_add(NODES_PAST_BUDGET));
        TreeBuilder {
            b: DocumentBuilder::with_capacity(nodes),
            src_len: u32::try_from(src_len).unwrap_or(u32::MAX),
            mode: Mode::Initial,
            orig_mode: Mode::InBody,
            template_modes: Vec::new(),
            stack: Vec::new(),
            open_counts: vec![0; Tag::COUNT],
            other_buckets: [0; OTHER_NAME_BUCKETS],
            on_stack: Vec::with_capacity(nodes),
            afe: Vec::new(),
            afe_counts: vec![0; Tag::COUNT],
            in_afe: Vec::new(),
            head: None,
            form: None,
            quirks: false,
            frameset_ok: true,
            foster_parenting: false,
            ignore_lf: false,
            pending_table_text: Vec::new(),
            deepest: 0,
            max_tree_depth: limits.tree_depth,
            max_nodes: limits.nodes,
            nodes_capped: false,
            flat_skip: None,
            tok: Span::default(),
            closing: None,
            switch: None,
        }
    }

    /// The tokenizer state the last token asked for, if it asked.
    pub(super) fn take_switch(&mut self) -> Option<(State, Tag)> {
        self.switch.take()
    }

    /// The most elements that have been open at once: how deep the tree
    /// nests.
    pub(super) fn deepest(&self) -> usize {
        self.deepest
    }

    /// True when the current node is SVG or MathML, where CDATA sections
    /// are allowed.
    pub(super) fn in_foreign_content(&self) -> bool {
        self.stack.last().is_some_and(|e| !e.is_html())
    }

    /// True once the node budget ran out and the markup past it was read
    /// as text.
    pub(super) fn nodes_capped(&self) -> bool {
        self.nodes_capped
    }

    /// Handles one token whose source range is `span`.
    pub(super) fn process(&mut self, mut token: Token<'a>, span: Span) {
        self.tok = span;
        self.closing = match &token {
            Token::End(t) if t.tag == Tag::Other => Some((t.tag, name_bucket(&t.name))),
            Token::End(t) => Some((t.tag, 0)),
            _ => None,
        };
        if std::mem::take(&mut self.ignore_lf) {
            if let Token::Text(text) = &mut token {
                if text.starts_with('\n') {
                    match text {
                        Cow::Borrowed(s) => *s = &s[1..],
                        Cow::Owned(s) => {
                            s.remove(0);
                        }
                    }
                    self.tok.start += 1;
                    if text.is_empty() {
                        return;
                    }
                }
            }
        }
        if self.b.node_count() >= self.max_nodes && self.flat(&token) {
            return;
        }
        if let Token::Doctype(d) = token {
            self.doctype(&d);
            return;
        }
        loop {
            let flow = if self.is_foreign(&token) {
                self.foreign(token)
            } else {
                self.step(self.mode, token)
            };
            match flow {
                Flow::Done => return,
                Flow::Reprocess(mode, t) => {
                    self.mode = mode;
                    token = t;
                }
            }
        }
    }

    /// Past the node budget, reads `token` as text at the current node and
    /// builds no more elements, so a page of a million elements costs the
    /// memory of its text; true when the token was handled so. Raw text
    /// elements (`script`, `style` …) are read past, and block-level tags
    /// leave a line break, so that words of two paragraphs do not run
    /// together. Raw text already open, pending table text, the end of
    /// input and what comes before the body take the standard's way (a few
    /// nodes at most: the body's own).
    fn flat(&mut self, token: &Token<'a>) -> bool {
        if matches!(self.mode, Mode::Text | Mode::InTableText) || matches!(token, Token::Eof) {
            return false;
        }
        let in_body = matches!(
            self.mode,
            Mode::InBody
                | Mode::InTable
                | Mode::InCaption
                | Mode::InColumnGroup
                | Mode::InTableBody
                | Mode::InRow
                | Mode::InCell
                | Mode::InTemplate
                | Mode::AfterBody
                | Mode::AfterAfterBody
        );
        match token {
            Token::Text(text) if in_body => {
                self.nodes_capped = true;
                if self.flat_skip.is_none() {
                    self.insert_text(&without_nul(Cow::Borrowed(text)));
                }
            }
            Token::Text(_) => return false,
            Token::Start(t) => {
                self.nodes_capped = true;
                let raw = match t.tag {
                    Tag::Script => Some(State::ScriptData),
                    Tag::Style | Tag::Xmp | Tag::Iframe | Tag::Noembed | Tag::Noframes => {
                        Some(State::RawText)
                    }
                    Tag::Textarea | Tag::Title => Some(State::Rcdata),
                    _ => None,
                };
                if let Some(state) = raw {
                    self.switch = Some((state, t.tag));
                    self.flat_skip = Some(t.tag);
                } else if in_body && (t.tag == Tag::Br || tags::is_block(t.tag)) {
                    self.insert_text("\n");
                }
            }
            Token::End(t) => {
                if self.flat_skip == Some(t.tag) {
                    self.flat_skip = None;
                } else if in_body && tags::is_block(t.tag) {
                    self.insert_text("\n");
                }
            }
            Token::Comment | Token::Doctype(_) | Token::Eof => {}
        }
        true
    }

    /// The finished document; what is still open closes at the end of input.
    pub(super) fn finish(mut self) -> Document {
        self.tok = Span {
            start: self.src_len,
            end: self.src_len,
        };
        while self.pop().is_some() {}
        self.b.finish()
    }

    /// A doctype is only heard before anything else, where it picks the mode.
    fn doctype(&mut self, d: &Doctype) {
        if self.mode != Mode::Initial {
            return;
        }
        let id = self.b.create(NodeData::Doctype);
        self.b.set_span(id, self.tok);
        let root = self.b.root();
        self.b.append(root, id);
        self.quirks = quirks::is_quirky(d);
        self.mode = Mode::BeforeHtml;
    }

    /// Handles `token` by the rules of `mode`.
    fn step(&mut self, mode: Mode, token: Token<'a>) -> Flow<'a> {
        match mode {
            Mode::Initial => self.initial(token),
            Mode::BeforeHtml => self.before_html(token),
            Mode::BeforeHead => self.before_head(token),
            Mode::InHead => self.in_head(token),
            Mode::InHeadNoscript => self.in_head_noscript(token),
            Mode::AfterHead => self.after_head(token),
            Mode::InBody => self.in_body(token),
            Mode::Text => self.text(token),
            Mode::InTable => self.in_table(token),
            Mode::InTableText => self.in_table_text(token),
            Mode::InCaption => self.in_caption(token),
            Mode::InColumnGroup => self.in_column_group(token),
            Mode::InTableBody => self.in_table_body(token),
            Mode::InRow => self.in_row(token),
            Mode::InCell => self.in_cell(token),
            Mode::InTemplate => self.in_template(token),
            Mode::AfterBody => self.after_body(token),
            Mode::InFrameset => self.in_frameset(token),
            Mode::AfterFrameset => self.after_frameset(token),
            Mode::AfterAfterBody => self.after_after_body(token),
            Mode::AfterAfterFrameset => self.after_after_frameset(token),
        }
    }

    // ---- The stack of open elements -------------------------------------

    fn current(&self) -> Option<&Open> {
        self.stack.last()
    }

    fn current_is(&self, tag: Tag) -> bool {
        self.current().is_some_and(|e| e.is(tag))
    }

    fn current_in(&self, set: fn(Tag) -> bool) -> bool {
        self.current().is_some_and(|e| e.is_html() && set(e.tag))
    }

    /// True when an HTML element `tag` is open (anywhere).
    fn is_open(&self, tag: Tag) -> bool {
        self.open_counts[tag as usize] > 0
    }

    fn push(&mut self, id: NodeId, tag: Tag, ns: Ns, flags: u8) {
        let mut bucket = 0;
        if ns == Ns::Html {
            self.open_counts[tag as usize] += 1;
            if tag == Tag::Other {
                bucket = name_bucket(self.element_name(id));
                self.other_buckets[bucket as usize] += 1;
            }
        }
        self.mark_on_stack(id, true);
        self.stack.push(Open {
            id,
            tag,
            ns,
            flags,
            bucket,
        });
        self.deepest = self.deepest.max(self.stack.len());
    }

    fn mark_on_stack(&mut self, id: NodeId, on: bool) {
        let i = id.index();
        if self.on_stack.len() <= i {
            self.on_stack.resize(i + 1, false);
        }
        self.on_stack[i] = on;
    }

    fn is_on_stack(&self, id: NodeId) -> bool {
        self.on_stack.get(id.index()).copied().unwrap_or(false)
    }

    /// Bookkeeping for an element leaving the stack, and the end of its span.
    fn forget(&mut self, e: &Open) {
        if e.ns == Ns::Html {
            self.open_counts[e.tag as usize] -= 1;
            if e.tag == Tag::Other {
                self.other_buckets[e.bucket as usize] -= 1;
            }
        }
        self.mark_on_stack(e.id, false);
        // For unknown names the bucket stands in for the name: at worst a
        // span ends after an end tag rather than before it.
        let closed_by_its_end_tag = e.is_html() && self.closing == Some((e.tag, e.bucket));
        let end = if closed_by_its_end_tag {
            self.tok.end
        } else {
            self.tok.start
        };
        let start = self.b.node(e.id).span.start;
        self.b.set_span(e.id, Span { start, end });
    }

    fn pop(&mut self) -> Option<Open> {
        let e = self.stack.pop()?;
        self.forget(&e);
        Some(e)
    }

    /// Removes `id` from wherever it is on the stack.
    fn remove_from_stack(&mut self, id: NodeId) {
        if let Some(i) = self.stack.iter().rposition(|e| e.id == id) {
            let e = self.stack.remove(i);
            self.forget(&e);
        }
    }

    /// Pops until an HTML element `tag` has been popped.
    fn pop_until(&mut self, tag: Tag) {
        if !self.is_open(tag) {
            return;
        }
        while let Some(e) = self.pop() {
            if e.is(tag) {
                return;
            }
        }
    }

    /// Pops until an HTML element in `set` has been popped.
    fn pop_until_any(&mut self, set: fn(Tag) -> bool) {
        while let Some(e) = self.pop() {
            if e.is_html() && set(e.tag) {
                return;
            }
        }
    }

    /// Pops until the current node is an HTML element in `set`.
    fn clear_back_to(&mut self, set: fn(Tag) -> bool) {
        while self.stack.len() > 1 && !self.current_in(set) {
            self.pop();
        }
    }

    /// True when `e` bounds `scope`.
    fn bounds(e: &Open, scope: Scope) -> bool {
        if e.is_html() {
            scope.bounded_by(e.tag)
        } else {
            scope != Scope::Table && e.flags & FLAG_SCOPE_BOUNDARY != 0
        }
    }

    /// True when an HTML element `tag` is open within `scope`.
    fn in_scope(&self, tag: Tag, scope: Scope) -> bool {
        if !self.is_open(tag) {
            return false;
        }
        for e in self.stack.iter().rev() {
            if e.is(tag) {
                return true;
            }
            if Self::bounds(e, scope) {
                return false;
            }
        }
        false
    }

    /// True when an HTML element of `set` (which holds `members`) is open
    /// within `scope`.
    fn in_scope_any(&self, set: fn(Tag) -> bool, members: &[Tag], scope: Scope) -> bool {
        if members.iter().all(|&t| !self.is_open(t)) {
            return false;
        }
        for e in self.stack.iter().rev() {
            if e.is_html() && set(e.tag) {
                return true;
            }
            if Self::bounds(e, scope) {
                return false;
            }
        }
        false
    }

    /// True when the node `id` is open within the default scope.
    fn node_in_scope(&self, id: NodeId) -> bool {
        if !self.is_on_stack(id) {
            return false;
        }
        for e in self.stack.iter().rev() {
            if e.id == id {
                return true;
            }
            if Self::bounds(e, Scope::Default) {
                return false;
            }
        }
        false
    }

    /// Pops elements whose end tags may be implied, but not `except`.
    fn generate_implied_end_tags(&mut self, except: Option<Tag>) {
        while self.current().is_some_and(|e| {
            e.is_html() && tag_sets::is_implied_end(e.tag) && Some(e.tag) != except
        }) {
            self.pop();
        }
    }

    /// Closes the `p` element (whose end tag is implied).
    fn close_p(&mut self) {
        self.generate_implied_end_tags(Some(Tag::P));
        self.pop_until(Tag::P);
    }

    fn close_p_in_button_scope(&mut self) {
        if self.in_scope(Tag::P, Scope::Button) {
            self.close_p();
        }
    }

    /// The mode the stack calls for after a table part or template closes.
    fn reset_mode(&self) -> Mode {
        use Tag::*;
        // Without any of these open, the walk below can only find `body`
        // or `html`; deep stacks of other elements need not be walked.
        const DECIDING: [Tag; 12] = [
            Td, Th, Tr, Tbody, Thead, Tfoot, Caption, Colgroup, Table, Template, Head, Frameset,
        ];
        if DECIDING.iter().all(|&t| !self.is_open(t)) {
            return if self.is_open(Body) {
                Mode::InBody
            } else if self.head.is_none() {
                Mode::BeforeHead
            } else {
                Mode::AfterHead
            };
        }
        for (i, e) in self.stack.iter().enumerate().rev() {
            let last = i == 0;
            if !e.is_html() {
                continue;
            }
            match e.tag {
                Td | Th if !last => return Mode::InCell,
                Tr => return Mode::InRow,
                Tbody | Thead | Tfoot => return Mode::InTableBody,
                Caption => return Mode::InCaption,
                Colgroup => return Mode::InColumnGroup,
                Table => return Mode::InTable,
                Template => return self.template_modes.last().copied().unwrap_or(Mode::InBody),
                Head if !last => return Mode::InHead,
                Body => return Mode::InBody,
                Frameset => return Mode::InFrameset,
                Html => {
                    return if self.head.is_none() {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    }
                }
                _ => {}
            }
        }
        Mode::InBody
    }

    // ---- Creating and inserting nodes -----------------------------------

    fn element_name(&self, id: NodeId) -> &str {
        match &self.b.node(id).data {
            NodeData::Element(e) => &e.name,
            _ => "",
        }
    }

    fn element_tag(&self, id: NodeId) -> Option<Tag> {
        match &self.b.node(id).data {
            NodeData::Element(e) => Some(e.tag),
            _ => None,
        }
    }

    /// The appropriate place for inserting a node, with foster parenting:
    /// content misplaced in a table goes right before the table.
    fn place(&self, target: Option<NodeId>) -> Place {
        let Some(target) = target.or_else(|| self.current().map(|e| e.id)) else {
            return Place::Append(self.b.root());
        };
        // Foreign elements carry `Tag::Other`, `Svg` or `Math`: never targets.
        let foster = self.foster_parenting
            && self
                .element_tag(target)
                .is_some_and(tag_sets::is_foster_target);
        if !foster {
            // Template contents live under the template element itself.
            return Place::Append(target);
        }
        for (i, e) in self.stack.iter().enumerate().rev() {
            if e.is(Tag::Template) {
                return Place::Append(e.id);
            }
            if e.is(Tag::Table) {
                if self.b.node(e.id).parent.is_some() {
                    return Place::Before(e.id);
                }
                if i > 0 {
                    return Place::Append(self.stack[i - 1].id);
                }
            }
        }
        Place::Append(self.stack.first().map_or(self.b.root(), |e| e.id))
    }

    /// The appropriate place for a new element or comment: as
    /// [`TreeBuilder::place`], but once the stack holds `max_tree_depth`
    /// elements, beside the current node instead of inside it. Blink does
    /// the same, so that the tree stays shallow however the markup nests;
    /// the stack itself still grows, so end tags close what they opened.
    fn element_place(&self) -> Place {
        match self.place(None) {
            Place::Append(parent) if self.stack.len() >= self.max_tree_depth => {
                Place::Append(self.b.node(parent).parent.unwrap_or(parent))
            }
            place => place,
        }
    }

    fn insert_at(&mut self, place: Place, id: NodeId) {
        match place {
            Place::Append(parent) => self.b.append(parent, id),
            Place::Before(sibling) => self.b.insert_before(sibling, id),
        }
    }

    /// Inserts text at the appropriate place, merging it into a text node
    /// already there; the text node's span grows to take it in.
    fn insert_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let (id, tok) = match self.place(None) {
            Place::Append(parent) => {
                self.b.append_text(parent, text);
                (self.b.node(parent).last_child, self.tok)
            }
            Place::Before(sibling) => {
                self.b.insert_text_before(sibling, text);
                (self.b.node(sibling).prev_sibling, self.tok)
            }
        };
        if let Some(id) = id {
            let span = self.b.node(id).span;
            let span = if span == Span::default() {
                tok
            } else {
                Span {
                    start: span.start,
                    end: tok.end,
                }
            };
            self.b.set_span(id, span);
        }
    }

    fn insert_comment(&mut self) {
        let id = self.b.create(NodeData::Comment);
        self.b.set_span(id, self.tok);
        let place = self.element_place();
        self.insert_at(place, id);
    }

    /// Appends a comment to `parent` (the document or `html`).
    fn append_comment_to(&mut self, parent: NodeId) {
        let id = self.b.create(NodeData::Comment);
        self.b.set_span(id, self.tok);
        self.b.append(parent, id);
    }

    /// Creates a detached element that starts at the current token.
    fn create(&mut self, tag: Tag, name: Name, attrs: Vec<Attr>) -> NodeId {
        let id = self.b.create(NodeData::Element(Element {
            tag,
            name,
            attrs: attrs.into_boxed_slice(),
        }));
        self.b.set_span(id, self.tok);
        id
    }

    /// Inserts an HTML element and pushes it on the stack.
    fn insert_html(&mut self, tag: Tag, name: Name, attrs: Vec<Attr>) -> NodeId {
        let id = self.create(tag, name, attrs);
        let place = self.element_place();
        self.insert_at(place, id);
        self.push(id, tag, Ns::Html, 0);
        id
    }

    /// Inserts the element of a start tag and pushes it.
    fn insert_start(&mut self, t: StartTag<'a>) -> NodeId {
        self.insert_html(t.tag, element_name(t.tag, t.name), t.attrs)
    }

    /// Inserts an element that is closed at once (`br`, `img` …).
    fn insert_void(&mut self, t: StartTag<'a>) -> NodeId {
        let id = self.create(t.tag, element_name(t.tag, t.name), t.attrs);
        let place = self.element_place();
        self.insert_at(place, id);
        id
    }

    /// Inserts an element the markup implied (`tbody`, `head` …).
    fn insert_implied(&mut self, tag: Tag) -> NodeId {
        self.insert_html(tag, tag.name().into(), Vec::new())
    }

    /// Adds the attributes `id` lacks (a second `<html>` or `<body>`).
    fn add_missing_attrs(&mut self, id: NodeId, attrs: Vec<Attr>) {
        if let NodeData::Element(e) = self.b.data_mut(id) {
            e.add_missing_attrs(attrs);
        }
    }

    /// Inserts the element of a raw text start tag and reads its text.
    fn raw_text(&mut self, t: StartTag<'a>, state: State) -> Flow<'a> {
        let tag = t.tag;
        self.insert_start(t);
        self.switch = Some((state, tag));
        self.orig_mode = self.mode;
        self.mode = Mode::Text;
        Flow::Done
    }
}

#[cfg(test)]
mod tests;

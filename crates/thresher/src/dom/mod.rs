//! The parsed page: a read-only arena of nodes.
//!
//! A [`Document`] is built once by [`parse`] and never mutated afterwards;
//! later stages keep what they learn about nodes in side tables keyed by
//! [`NodeId`]. The type knows nothing of the parser that filled it: the
//! engine's own parser and html5ever (with the `html5ever` feature) both
//! fill it through [`DocumentBuilder`].

mod charref;
#[cfg(all(test, feature = "html5ever"))]
mod differential;
#[cfg(feature = "html5ever")]
mod html5ever_sink;
pub mod parse;
#[cfg(feature = "html5ever")]
mod prescan;
pub mod tags;
mod tokenizer;
mod tree_builder;

pub(crate) use charref::without_nul;
pub use parse::parse;
#[cfg(feature = "html5ever")]
pub use parse::parse_html5ever;
pub use tags::Tag;

use std::borrow::Cow;
use std::num::NonZeroU32;

/// Index of a node in its [`Document`]. Stored one above the index, so
/// that an `Option<NodeId>` takes four bytes: a node's five links are half
/// its size otherwise, and a page of a million elements holds two million
/// nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(NonZeroU32);

impl NodeId {
    /// The root's id.
    const ROOT: NodeId = NodeId(NonZeroU32::MIN);

    /// The id of the node at `index`; indices past `u32::MAX - 1` (more
    /// nodes than any input the size cap lets through) saturate.
    fn at(index: usize) -> NodeId {
        let index = u32::try_from(index).unwrap_or(u32::MAX - 1);
        NodeId(NonZeroU32::MIN.saturating_add(index))
    }

    /// The position of the node in document order of creation.
    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// A byte range in the decoded source text. Parsers that cannot say where a
/// node came from leave it empty (`start == end == 0`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// Offset of the first byte.
    pub start: u32,
    /// Offset one past the last byte.
    pub end: u32,
}

/// An element or attribute name. The common ones point at a static string:
/// a page's thousands of `div`s and `class`es cost no allocation each (the
/// allocator's share of a run was a sixth before).
pub type Name = Cow<'static, str>;

/// The [`Name`] of an element: the tag's own static name when it is written
/// as the tag is named.
pub fn element_name(tag: Tag, written: Cow<'_, str>) -> Name {
    if tag != Tag::Other && tag.name() == written {
        Cow::Borrowed(tag.name())
    } else {
        Cow::Owned(written.into_owned())
    }
}

/// The [`Name`] of an attribute: a static string for the common ones.
pub fn attr_name(written: Cow<'_, str>) -> Name {
    match COMMON_ATTR_NAMES.iter().find(|&&n| n == written) {
        Some(&n) => Cow::Borrowed(n),
        None => Cow::Owned(written.into_owned()),
    }
}

/// Attribute names common enough on the web to be worth sharing, most
/// common first (the lookup stops at the first match).
const COMMON_ATTR_NAMES: &[&str] = &[
    "class",
    "href",
    "id",
    "style",
    "src",
    "type",
    "rel",
    "content",
    "alt",
    "title",
    "name",
    "width",
    "height",
    "target",
    "data-src",
    "srcset",
    "sizes",
    "loading",
    "role",
    "aria-label",
    "aria-hidden",
    "property",
    "itemprop",
    "itemscope",
    "itemtype",
    "datetime",
    "value",
    "lang",
    "charset",
    "http-equiv",
    "media",
    "async",
    "defer",
    "decoding",
    "tabindex",
    "action",
    "method",
    "for",
    "xmlns",
    "viewbox",
    "d",
    "fill",
    "stroke",
    "hidden",
    "colspan",
    "rowspan",
    "align",
    "border",
    "placeholder",
    "dir",
    "onclick",
    "crossorigin",
    "integrity",
    "data-id",
    "aria-expanded",
    "aria-controls",
    "fetchpriority",
    "referrerpolicy",
    "data-lazy-src",
    "data-srcset",
    "aria-labelledby",
    "aria-describedby",
    "data-type",
    "nonce",
    "frameborder",
    "allowfullscreen",
    "allow",
    "cellpadding",
    "cellspacing",
    "valign",
    "color",
    "size",
];

/// An attribute, name lower-cased by the parser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    /// Attribute name.
    pub name: Name,
    /// Attribute value, entities decoded.
    pub value: Box<str>,
}

/// An element: its name and attributes.
#[derive(Clone, Debug)]
pub struct Element {
    /// The name as a known [`Tag`], or `Tag::Other`.
    pub tag: Tag,
    /// The lower-case local name as written.
    pub name: Name,
    /// Attributes in source order. A boxed slice, not a vector: eight bytes
    /// less on every element, and only a second `<html>` or `<body>` ever
    /// adds to them.
    pub attrs: Box<[Attr]>,
}

impl Element {
    /// Adds the attributes of `more` the element lacks (a second `<html>`
    /// or `<body>` tag).
    pub fn add_missing_attrs(&mut self, more: impl IntoIterator<Item = Attr>) {
        let mut attrs = std::mem::take(&mut self.attrs).into_vec();
        for a in more {
            if !attrs.iter().any(|b| b.name == a.name) {
                attrs.push(a);
            }
        }
        self.attrs = attrs.into_boxed_slice();
    }

    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| &*a.name == name)
            .map(|a| &*a.value)
    }
}

/// What a node is.
#[derive(Clone, Debug)]
pub enum NodeData {
    /// The root of the tree.
    Document,
    /// `<!DOCTYPE>`.
    Doctype,
    /// An element.
    Element(Element),
    /// A run of text, entities decoded: where it lies in the document's
    /// text ([`Document::text_of`]).
    Text(TextRange),
    /// A comment or processing instruction; never content.
    Comment,
}

/// A node and its links to the rest of the tree.
#[derive(Clone, Debug)]
pub struct Node {
    /// The parent, `None` for the root and for detached nodes.
    pub parent: Option<NodeId>,
    /// First child.
    pub first_child: Option<NodeId>,
    /// Last child.
    pub last_child: Option<NodeId>,
    /// Previous sibling.
    pub prev_sibling: Option<NodeId>,
    /// Next sibling.
    pub next_sibling: Option<NodeId>,
    /// What the node is.
    pub data: NodeData,
    /// Where the node came from in the source, when the parser knows.
    pub span: Span,
}

/// Where a text node's text lies in its [`Document`]'s one text buffer.
///
/// The texts of a page live in one string, not one allocation each: a page
/// of a million words in a million elements holds a million text nodes,
/// and dropping a page frees one buffer instead of one string a node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextRange {
    start: u32,
    end: u32,
}

/// A parsed page. Read-only once built.
#[derive(Clone, Debug)]
pub struct Document {
    nodes: Vec<Node>,
    /// Every text node's text, one after another in creation order.
    text: String,
}

impl Document {
    /// The document node.
    pub fn root(&self) -> NodeId {
        NodeId::ROOT
    }

    /// Number of nodes, detached ones included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the document holds nothing but its root.
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    /// The node behind `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// The element behind `id`, if it is one.
    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.node(id).data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The tag of `id`, if it is an element.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        self.element(id).map(|e| e.tag)
    }

    /// Attribute `name` of element `id`.
    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    /// The text of a text node.
    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.node(id).data {
            NodeData::Text(t) => Some(self.text_of(*t)),
            _ => None,
        }
    }

    /// The text a [`TextRange`] of this document covers.
    pub fn text_of(&self, range: TextRange) -> &str {
        self.text
            .get(range.start as usize..range.end as usize)
            .unwrap_or_default()
    }

    /// The parent of `id`.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.node(id).parent
    }

    /// The children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Siblings<'_> {
        Siblings {
            doc: self,
            next: self.node(id).first_child,
        }
    }

    /// `id` and then its ancestors up to the root.
    pub fn ancestors_and_self(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(Some(id), move |&n| self.parent(n))
    }

    /// Every node under `id` (not `id` itself) in document order.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        Descendants {
            doc: self,
            top: id,
            next: self.node(id).first_child,
        }
    }

    /// The first element named `tag` in document order.
    pub fn find(&self, tag: Tag) -> Option<NodeId> {
        self.descendants(self.root())
            .find(|&n| self.tag(n) == Some(tag))
    }

    /// Every element, detached ones included, in the order the parser
    /// created them: a scan of the node table, cheaper than a walk of the
    /// tree when a stage looks for a few rare elements.
    pub fn elements(&self) -> impl Iterator<Item = (NodeId, &Element)> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match &n.data {
                NodeData::Element(e) => Some((NodeId::at(i), e)),
                _ => None,
            })
    }

    /// Every element named `tag`, in document order.
    pub fn find_all(&self, tag: Tag) -> impl Iterator<Item = NodeId> + '_ {
        self.descendants(self.root())
            .filter(move |&n| self.tag(n) == Some(tag))
    }

    /// The text under `id`, as a browser's `textContent` would give it
    /// (scripts and styles excluded).
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.append_text(id, &mut out);
        out
    }

    /// The text under `id` as [`Document::text_content`] gives it, or
    /// `None` as soon as its trimmed length must exceed `max` bytes: a
    /// test of a short label (a button) need not copy a long subtree.
    pub fn short_text(&self, id: NodeId, max: usize) -> Option<String> {
        let mut out = String::new();
        let mut walk = self.descendants(id);
        while let Some(n) = walk.next() {
            match &self.node(n).data {
                NodeData::Text(t) => {
                    out.push_str(self.text_of(*t));
                    // The whole text, trimmed, holds this part trimmed.
                    if out.trim().len() > max {
                        return None;
                    }
                }
                NodeData::Element(e)
                    if matches!(e.tag, Tag::Script | Tag::Style | Tag::Template) =>
                {
                    walk.skip_subtree(n)
                }
                _ => {}
            }
        }
        Some(out)
    }

    fn append_text(&self, id: NodeId, out: &mut String) {
        let mut walk = self.descendants(id);
        while let Some(n) = walk.next() {
            match &self.node(n).data {
                NodeData::Text(t) => out.push_str(self.text_of(*t)),
                NodeData::Element(e)
                    if matches!(e.tag, Tag::Script | Tag::Style | Tag::Template) =>
                {
                    walk.skip_subtree(n)
                }
                _ => {}
            }
        }
    }
}

/// Iterator over a node's children.
pub struct Siblings<'a> {
    doc: &'a Document,
    next: Option<NodeId>,
}

impl Iterator for Siblings<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = self.doc.node(cur).next_sibling;
        Some(cur)
    }
}

/// Pre-order iterator over a subtree, which can skip the subtree of the node
/// it just returned.
pub struct Descendants<'a> {
    doc: &'a Document,
    top: NodeId,
    next: Option<NodeId>,
}

impl Descendants<'_> {
    /// Do not descend into `id`, which must be the node last returned.
    pub fn skip_subtree(&mut self, id: NodeId) {
        self.next = self.following(id);
    }

    fn following(&self, mut id: NodeId) -> Option<NodeId> {
        loop {
            if id == self.top {
                return None;
            }
            let node = self.doc.node(id);
            if let Some(s) = node.next_sibling {
                return Some(s);
            }
            id = node.parent?;
        }
    }
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let cur = self.next?;
        self.next = match self.doc.node(cur).first_child {
            Some(c) => Some(c),
            None => self.following(cur),
        };
        Some(cur)
    }
}

/// Builds a [`Document`]: the one seam through which a parser fills the tree.
///
/// Nodes are created detached and then linked; text appended next to a text
/// node merges into it, as the HTML tree-construction rules require.
#[derive(Debug)]
pub struct DocumentBuilder {
    nodes: Vec<Node>,
    /// The text nodes' texts, one after another: text merging into the
    /// newest text node (nearly all merges) extends its range in place.
    text: String,
    /// Texts of nodes that text merged into after a newer text node was
    /// made (foster parenting, misnested formatting): each has a string of
    /// its own, so that merges alternating between two nodes cost no
    /// copies. Their ranges read `start == MOVED_OUT`, `end` the index
    /// here, until [`DocumentBuilder::finish`] moves them into `text`.
    moved_out: Vec<String>,
}

/// The `start` of a [`TextRange`] whose text is in
/// `DocumentBuilder::moved_out` while the tree is built.
const MOVED_OUT: u32 = u32::MAX;

/// A position in a page's text buffer as a [`TextRange`] bound. The
/// input's size cap keeps a page's text far below 4 GiB.
fn text_offset(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(MOVED_OUT - 1)
}

impl Default for DocumentBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl DocumentBuilder {
    /// A builder holding only the document node.
    pub fn new() -> Self {
        let mut b = DocumentBuilder {
            nodes: Vec::new(),
            text: String::new(),
            moved_out: Vec::new(),
        };
        b.create(NodeData::Document);
        b
    }

    /// A builder with room for `nodes` nodes, so that a parser that can
    /// estimate the count from the source's length saves the vector's
    /// regrowth (copying every node built so far, each time).
    pub fn with_capacity(nodes: usize) -> Self {
        let mut b = DocumentBuilder {
            nodes: Vec::with_capacity(nodes.max(1)),
            text: String::new(),
            moved_out: Vec::new(),
        };
        b.create(NodeData::Document);
        b
    }

    /// The document node.
    pub fn root(&self) -> NodeId {
        NodeId::ROOT
    }

    /// Nodes created so far, detached ones included.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// Creates a detached node.
    pub fn create(&mut self, data: NodeData) -> NodeId {
        let id = NodeId::at(self.nodes.len());
        self.nodes.push(Node {
            parent: None,
            first_child: None,
            last_child: None,
            prev_sibling: None,
            next_sibling: None,
            data,
            span: Span::default(),
        });
        id
    }

    /// Records where `id` came from in the source.
    pub fn set_span(&mut self, id: NodeId, span: Span) {
        self.nodes[id.index()].span = span;
    }

    /// The node behind `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Mutable access to the data of `id` (to add attributes).
    pub fn data_mut(&mut self, id: NodeId) -> &mut NodeData {
        &mut self.nodes[id.index()].data
    }

    /// Appends `child` (detached first if needed) as the last child of `parent`.
    pub fn append(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let last = self.nodes[parent.index()].last_child;
        {
            let c = &mut self.nodes[child.index()];
            c.parent = Some(parent);
            c.prev_sibling = last;
        }
        match last {
            Some(l) => self.nodes[l.index()].next_sibling = Some(child),
            None => self.nodes[parent.index()].first_child = Some(child),
        }
        self.nodes[parent.index()].last_child = Some(child);
    }

    /// The end of the text buffer as a range bound.
    fn text_end(&self) -> u32 {
        text_offset(self.text.len())
    }

    /// A new text node's data: `text` at the end of the buffer.
    fn new_text(&mut self, text: &str) -> NodeData {
        let start = self.text_end();
        self.text.push_str(text);
        NodeData::Text(TextRange {
            start,
            end: self.text_end(),
        })
    }

    /// Adds `text` to the text node `id`, if it is one.
    fn merge_text(&mut self, id: NodeId, text: &str) -> bool {
        let NodeData::Text(t) = self.nodes[id.index()].data else {
            return false;
        };
        let merged = if t.start == MOVED_OUT {
            if let Some(s) = self.moved_out.get_mut(t.end as usize) {
                s.push_str(text);
            }
            t
        } else if t.end == self.text_end() {
            self.text.push_str(text);
            TextRange {
                start: t.start,
                end: self.text_end(),
            }
        } else {
            let mut own = self
                .text
                .get(t.start as usize..t.end as usize)
                .unwrap_or_default()
                .to_owned();
            own.push_str(text);
            self.moved_out.push(own);
            TextRange {
                start: MOVED_OUT,
                end: u32::try_from(self.moved_out.len() - 1).unwrap_or(u32::MAX),
            }
        };
        self.nodes[id.index()].data = NodeData::Text(merged);
        true
    }

    /// Appends text to `parent`, merging with a trailing text node.
    pub fn append_text(&mut self, parent: NodeId, text: &str) {
        if let Some(last) = self.nodes[parent.index()].last_child {
            if self.merge_text(last, text) {
                return;
            }
        }
        let data = self.new_text(text);
        let id = self.create(data);
        self.append(parent, id);
    }

    /// Inserts `child` right before `sibling`.
    pub fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        self.detach(child);
        let Some(parent) = self.nodes[sibling.index()].parent else {
            return;
        };
        let prev = self.nodes[sibling.index()].prev_sibling;
        {
            let c = &mut self.nodes[child.index()];
            c.parent = Some(parent);
            c.prev_sibling = prev;
            c.next_sibling = Some(sibling);
        }
        self.nodes[sibling.index()].prev_sibling = Some(child);
        match prev {
            Some(p) => self.nodes[p.index()].next_sibling = Some(child),
            None => self.nodes[parent.index()].first_child = Some(child),
        }
    }

    /// Inserts text right before `sibling`, merging with a text node there.
    pub fn insert_text_before(&mut self, sibling: NodeId, text: &str) {
        if let Some(prev) = self.nodes[sibling.index()].prev_sibling {
            if self.merge_text(prev, text) {
                return;
            }
        }
        let data = self.new_text(text);
        let id = self.create(data);
        self.insert_before(sibling, id);
    }

    /// Unlinks `id` from its parent and siblings.
    pub fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = &self.nodes[id.index()];
            (n.parent, n.prev_sibling, n.next_sibling)
        };
        let Some(parent) = parent else { return };
        match prev {
            Some(p) => self.nodes[p.index()].next_sibling = next,
            None => self.nodes[parent.index()].first_child = next,
        }
        match next {
            Some(n) => self.nodes[n.index()].prev_sibling = prev,
            None => self.nodes[parent.index()].last_child = prev,
        }
        let n = &mut self.nodes[id.index()];
        n.parent = None;
        n.prev_sibling = None;
        n.next_sibling = None;
    }

    /// Moves every child of `from` to the end of `to`.
    pub fn reparent_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(c) = self.nodes[from.index()].first_child {
            self.append(to, c);
        }
    }

    /// The finished, read-only document.
    pub fn finish(self) -> Document {
        let DocumentBuilder {
            mut nodes,
            mut text,
            moved_out,
        } = self;
        if !moved_out.is_empty() {
            for node in &mut nodes {
                if let NodeData::Text(t) = &mut node.data {
                    if t.start == MOVED_OUT {
                        let s = moved_out.get(t.end as usize).map_or("", String::as_str);
                        let start = text_offset(text.len());
                        text.push_str(s);
                        *t = TextRange {
                            start,
                            end: text_offset(text.len()),
                        };
                    }
                }
            }
        }
        Document { nodes, text }
    }
}

/// Attributes as [`outline`] and the tokenizer's tests write them:
/// ` name="value"` each, in order.
pub(crate) fn outline_attrs(attrs: &[Attr]) -> String {
    attrs
        .iter()
        .map(|a| format!(" {}={:?}", a.name, a.value))
        .collect()
}

/// The tree under the root as indented lines: `<name attr="v">` for
/// elements, `"text"` for text; comments and the doctype are left out.
/// Two parsers built the same tree when their outlines are equal (the
/// differential tests and the `parser_differential` fuzz target).
pub fn outline(doc: &Document) -> String {
    let mut out = String::new();
    let mut stack: Vec<(NodeId, usize)> = doc.children(doc.root()).map(|c| (c, 0)).collect();
    stack.reverse();
    while let Some((n, depth)) = stack.pop() {
        let line = match &doc.node(n).data {
            NodeData::Element(e) => format!("<{}{}>", e.name, outline_attrs(&e.attrs)),
            NodeData::Text(t) => format!("{:?}", doc.text_of(*t)),
            _ => continue,
        };
        out.push_str(&"  ".repeat(depth));
        out.push_str(&line);
        out.push('\n');
        let mut kids: Vec<_> = doc.children(n).map(|c| (c, depth + 1)).collect();
        kids.reverse();
        stack.extend(kids);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_are_shared_and_others_kept_as_written() {
        let doc = parse(
            "<div class=a data-x=b><my-widget id=c></my-widget><svg viewBox='0 0 1 1'></svg></div>",
            None,
        )
        .expect("parses");
        let div = doc
            .element(doc.find(Tag::Div).expect("a div"))
            .expect("an element");
        assert!(matches!(div.name, Cow::Borrowed("div")));
        let names: Vec<(&str, bool)> = div
            .attrs
            .iter()
            .map(|a| (&*a.name, matches!(a.name, Cow::Borrowed(_))))
            .collect();
        assert_eq!(names, [("class", true), ("data-x", false)]);
        let widget = doc
            .descendants(doc.root())
            .filter_map(|n| doc.element(n))
            .find(|e| &*e.name == "my-widget")
            .expect("the custom element");
        assert!(matches!(widget.name, Cow::Owned(_)));
        let svg = doc
            .element(doc.find(Tag::Svg).expect("an svg"))
            .expect("an element");
        assert_eq!(
            svg.attr("viewBox"),
            Some("0 0 1 1"),
            "SVG names keep their case"
        );
    }

    fn element(tag: &str) -> NodeData {
        NodeData::Element(Element {
            tag: Tag::from_name(tag),
            name: tag.to_owned().into(),
            attrs: Box::default(),
        })
    }

    #[test]
    fn builder_links_and_merges_text() {
        let mut b = DocumentBuilder::new();
        let p = b.create(element("p"));
        b.append(b.root(), p);
        b.append_text(p, "Hello, ");
        b.append_text(p, "world");
        let doc = b.finish();
        assert_eq!(doc.children(p).count(), 1);
        assert_eq!(doc.text_content(doc.root()), "Hello, world");
    }

    #[test]
    fn text_merges_into_an_older_text_node_without_losing_either() {
        // Foster parenting and misnested formatting add text to a text node
        // after a newer one was made; merges may alternate between them.
        let mut b = DocumentBuilder::new();
        let (p1, p2) = (b.create(element("p")), b.create(element("p")));
        b.append(b.root(), p1);
        b.append(b.root(), p2);
        b.append_text(p1, "a");
        b.append_text(p2, "b");
        for _ in 0..3 {
            b.append_text(p1, "c");
            b.append_text(p2, "d");
        }
        let before = b.create(element("i"));
        b.append(p2, before);
        b.insert_text_before(before, "e");
        let doc = b.finish();
        assert_eq!(doc.text_content(p1), "accc");
        assert_eq!(doc.text_content(p2), "bddde");
        assert_eq!(doc.children(p1).count(), 1);
        assert_eq!(doc.children(p2).count(), 2);
    }

    #[test]
    fn descendants_can_skip_a_subtree() {
        let mut b = DocumentBuilder::new();
        let div = b.create(element("div"));
        let script = b.create(element("script"));
        let p = b.create(element("p"));
        b.append(b.root(), div);
        b.append(div, script);
        b.append_text(script, "var x;");
        b.append(div, p);
        b.append_text(p, "kept");
        let doc = b.finish();
        assert_eq!(doc.text_content(doc.root()), "kept");
    }
}

//! Html -> Document through html5ever's tree builder, which applies the
//! HTML standard's error recovery exactly as browsers do. Kept beside the
//! engine's own parser as the reference it is tested against; it records no
//! spans.
//!
//! The source is fed in chunks so that a caller's deadline is checked while
//! parsing: html5ever cannot be interrupted inside a chunk, but no single
//! chunk is large enough to hold it for long.
//!
//! html5ever walks its stack of open elements for most start tags, so a
//! parse costs time in proportion to nesting depth times tags. Browsers cap
//! the depth of the tree; html5ever does not, so [`parse`] gives up once
//! elements nest deeper than [`MAX_NESTING_DEPTH`]. (The engine's own parser
//! flattens the tree instead, past `tuning::MAX_TREE_DEPTH`.)

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::time::Instant;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName};

use super::{Attr, Document, DocumentBuilder, Element, NodeData, NodeId, Tag};
use crate::error::{Error, ErrorKind};

/// Deepest nesting the reference parse follows before giving up with
/// [`ErrorKind::TooDeep`]: deep enough for any page the engine's own parser
/// leaves unflattened, shallow enough that html5ever's walks of its stack
/// stay within milliseconds.
pub const MAX_NESTING_DEPTH: usize = 4_096;

/// Bytes handed to the tokenizer between two deadline and depth checks.
/// Small enough that one chunk of `<b>` tags (a level per 3 bytes) cannot
/// carry the nesting far past [`MAX_NESTING_DEPTH`] before the check; large
/// enough that the per-chunk overhead does not show.
const PARSE_CHUNK_BYTES: usize = 8 * 1024;

/// Parses `html` into a [`Document`] with html5ever, giving up with
/// [`ErrorKind::TimeBudgetExceeded`] once `deadline` has passed, and with
/// [`ErrorKind::TooDeep`] when elements nest deeper than
/// [`MAX_NESTING_DEPTH`].
pub fn parse(html: &str, deadline: Option<Instant>) -> Result<Document, Error> {
    let sink = Sink::default();
    // With scripting off, <noscript> holds markup rather than raw text:
    // some sites (forum engines among them) put their whole server-rendered
    // content there for crawlers.
    let opts = html5ever::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        // html5ever looks for a byte order mark at the start of every chunk
        // it is fed, not only the first, and so would drop a U+FEFF that a
        // chunk happens to start with; the leading one is removed here.
        tokenizer: html5ever::tokenizer::TokenizerOpts {
            discard_bom: false,
            ..Default::default()
        },
    };
    let mut parser = html5ever::parse_document(sink, opts);
    let mut rest = html.strip_prefix('\u{feff}').unwrap_or(html);
    while !rest.is_empty() {
        let cut = floor_char_boundary(rest, PARSE_CHUNK_BYTES);
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        rest = tail;
        if parser.tokenizer.sink.sink.max_depth.get() > MAX_NESTING_DEPTH {
            return Err(Error::new(ErrorKind::TooDeep {
                limit: MAX_NESTING_DEPTH,
            }));
        }
        if deadline.is_some_and(|d| Instant::now() > d) {
            return Err(Error::new(ErrorKind::TimeBudgetExceeded));
        }
    }
    Ok(parser.finish())
}

/// The largest char boundary at or below `max` (at least one char, so the
/// loop above always advances).
fn floor_char_boundary(s: &str, max: usize) -> usize {
    if s.len() <= max {
        return s.len();
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    if i == 0 {
        s.char_indices().nth(1).map_or(s.len(), |(i, _)| i)
    } else {
        i
    }
}

struct Sink {
    builder: RefCell<DocumentBuilder>,
    /// html5ever asks for element names by handle; indexed by node. It asks
    /// for every open element on most start tags, so names are lent, never
    /// cloned. Nodes that are not elements have an empty name, and entry 0
    /// (the document) always exists to be lent for any unknown handle.
    names: RefCell<Vec<QualName>>,
    /// Depth below the document of each node where it was first inserted;
    /// indexed by node. Nodes moved later keep their first depth, which is
    /// close enough to watch for runaway nesting.
    depths: RefCell<Vec<u32>>,
    /// The deepest insertion so far.
    max_depth: Cell<usize>,
}

fn no_name() -> QualName {
    QualName::new(None, html5ever::ns!(), LocalName::from(""))
}

impl Default for Sink {
    fn default() -> Self {
        Sink {
            builder: RefCell::default(),
            names: RefCell::new(vec![no_name()]),
            depths: RefCell::default(),
            max_depth: Cell::new(0),
        }
    }
}

fn convert_attrs(attrs: Vec<Attribute>) -> Vec<Attr> {
    attrs
        .into_iter()
        .map(|a| Attr {
            name: super::attr_name((&*a.name.local).into()),
            value: Box::from(&*a.value),
        })
        .collect()
}

impl Sink {
    /// Records that `node` now sits at `depth`.
    fn set_depth(&self, node: NodeId, depth: u32) {
        let mut depths = self.depths.borrow_mut();
        if depths.len() <= node.index() {
            depths.resize(node.index() + 1, 0);
        }
        depths[node.index()] = depth;
        self.max_depth.set(self.max_depth.get().max(depth as usize));
    }

    fn depth(&self, node: NodeId) -> u32 {
        self.depths.borrow().get(node.index()).copied().unwrap_or(0)
    }

    fn append_child(&self, parent: NodeId, child: NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(n) = child {
            self.set_depth(n, self.depth(parent).saturating_add(1));
        }
        let mut b = self.builder.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => b.append(parent, n),
            NodeOrText::AppendText(t) => b.append_text(parent, &t),
        }
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Document {
        self.builder.into_inner().finish()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.builder.borrow().root()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.names.borrow(), |names| {
            names.get(target.index()).unwrap_or(&names[0])
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let local: &str = &name.local;
        let tag = if name.ns == html5ever::ns!(html) {
            Tag::from_name(local)
        } else if local == "svg" {
            Tag::Svg
        } else if local == "math" {
            Tag::Math
        } else {
            Tag::Other
        };
        let id = self.builder.borrow_mut().create(NodeData::Element(Element {
            tag,
            name: super::element_name(tag, local.into()),
            attrs: convert_attrs(attrs).into_boxed_slice(),
        }));
        let mut names = self.names.borrow_mut();
        if names.len() <= id.index() {
            names.resize(id.index() + 1, no_name());
        }
        names[id.index()] = name;
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.builder.borrow_mut().create(NodeData::Comment)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.builder.borrow_mut().create(NodeData::Comment)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.append_child(*parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.builder.borrow().node(*element).parent.is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append_child(*prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut b = self.builder.borrow_mut();
        let id = b.create(NodeData::Doctype);
        let root = b.root();
        b.append(root, id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        // Template contents are never page content; keeping them under the
        // template element lets the never-content rule drop them.
        *target
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        if let NodeOrText::AppendNode(n) = new_node {
            self.set_depth(n, self.depth(*sibling));
        }
        let mut b = self.builder.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => b.insert_before(*sibling, n),
            NodeOrText::AppendText(t) => b.insert_text_before(*sibling, &t),
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut b = self.builder.borrow_mut();
        if let NodeData::Element(e) = b.data_mut(*target) {
            e.add_missing_attrs(convert_attrs(attrs));
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.builder.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.builder
            .borrow_mut()
            .reparent_children(*node, *new_parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_from_unclosed_paragraphs_like_a_browser() {
        let doc = parse("<p>one<p>two<div>three</div>", None).expect("parses");
        let ps: Vec<_> = doc.find_all(Tag::P).collect();
        assert_eq!(ps.len(), 2);
        assert_eq!(doc.text_content(ps[0]), "one");
        assert_eq!(doc.text_content(ps[1]), "two");
    }

    #[test]
    fn decodes_entities_and_keeps_attributes() {
        let doc = parse(r#"<a href="/x?a=1&amp;b=2">Tom &amp; Jerry</a>"#, None).expect("parses");
        let a = doc.find(Tag::A).expect("has a link");
        assert_eq!(doc.attr(a, "href"), Some("/x?a=1&b=2"));
        assert_eq!(doc.text_content(a), "Tom & Jerry");
    }

    #[test]
    fn keeps_a_byte_order_mark_that_starts_a_chunk() {
        let text = "x".repeat(PARSE_CHUNK_BYTES - "<p>".len()) + "\u{feff}y";
        let doc = parse(&format!("\u{feff}<p>{text}</p>"), None).expect("parses");
        let p = doc.find(Tag::P).expect("has a paragraph");
        assert!(doc.text_content(p).ends_with("\u{feff}y"));
    }

    #[test]
    fn splits_long_input_on_char_boundaries() {
        let text = "é".repeat(PARSE_CHUNK_BYTES);
        let doc = parse(&format!("<p>{text}</p>"), None).expect("parses");
        let p = doc.find(Tag::P).expect("has a paragraph");
        assert_eq!(doc.text_content(p).chars().count(), PARSE_CHUNK_BYTES);
    }
}

//! Html -> Document through html5ever's tree builder, which applies the
//! HTML standard's error recovery exactly as browsers do.
//!
//! The source is fed in chunks so that a caller's deadline is checked while
//! parsing: html5ever cannot be interrupted inside a chunk, but no single
//! chunk is large enough to hold it for long.

use std::borrow::Cow;
use std::cell::RefCell;
use std::time::Instant;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName};
use markup5ever::interface::ElemName;

use super::{Attr, Document, DocumentBuilder, Element, NodeData, NodeId, Tag};
use crate::error::{Error, ErrorKind};

/// Bytes handed to the tokenizer between two deadline checks.
const PARSE_CHUNK_BYTES: usize = 64 * 1024;

/// Parses `html` into a [`Document`], giving up with
/// [`ErrorKind::TimeBudgetExceeded`] once `deadline` has passed.
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
        ..Default::default()
    };
    let mut parser = html5ever::parse_document(sink, opts);
    let mut rest = html;
    while !rest.is_empty() {
        let cut = floor_char_boundary(rest, PARSE_CHUNK_BYTES);
        let (chunk, tail) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(chunk));
        rest = tail;
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

/// Element names as html5ever needs them back during tree construction.
#[derive(Debug)]
pub struct OwnedName(QualName);

impl ElemName for OwnedName {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

#[derive(Default)]
struct Sink {
    builder: RefCell<DocumentBuilder>,
    /// html5ever asks for element names by handle; indexed by node.
    names: RefCell<Vec<Option<QualName>>>,
}

fn convert_attrs(attrs: Vec<Attribute>) -> Vec<Attr> {
    attrs
        .into_iter()
        .map(|a| Attr {
            name: Box::from(&*a.name.local),
            value: Box::from(&*a.value),
        })
        .collect()
}

impl Sink {
    fn append_child(&self, parent: NodeId, child: NodeOrText<NodeId>) {
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
    type ElemName<'a> = OwnedName;

    fn finish(self) -> Document {
        self.builder.into_inner().finish()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        self.builder.borrow().root()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> OwnedName {
        let names = self.names.borrow();
        match names.get(target.index()).and_then(Option::as_ref) {
            Some(q) => OwnedName(q.clone()),
            None => OwnedName(QualName::new(None, html5ever::ns!(), LocalName::from(""))),
        }
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
            name: local.into(),
            attrs: convert_attrs(attrs),
        }));
        let mut names = self.names.borrow_mut();
        if names.len() <= id.index() {
            names.resize(id.index() + 1, None);
        }
        names[id.index()] = Some(name);
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
        let mut b = self.builder.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => b.insert_before(*sibling, n),
            NodeOrText::AppendText(t) => b.insert_text_before(*sibling, &t),
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut b = self.builder.borrow_mut();
        if let NodeData::Element(e) = b.data_mut(*target) {
            for a in convert_attrs(attrs) {
                if e.attr(&a.name).is_none() {
                    e.attrs.push(a);
                }
            }
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
    fn splits_long_input_on_char_boundaries() {
        let text = "é".repeat(PARSE_CHUNK_BYTES);
        let doc = parse(&format!("<p>{text}</p>"), None).expect("parses");
        let p = doc.find(Tag::P).expect("has a paragraph");
        assert_eq!(doc.text_content(p).chars().count(), PARSE_CHUNK_BYTES);
    }
}

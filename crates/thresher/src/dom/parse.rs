//! Html -> Document: the parse stage.
//!
//! [`parse`] runs the engine's own parser (`tokenizer.rs` and
//! `tree_builder/`): it follows the HTML standard's recovery rules, as
//! html5ever does, but reads the source in place and records where every
//! node came from ([`super::Node::span`]). `parse_html5ever` (with the
//! `html5ever` feature, which the crate's own tests and examples turn on) is
//! html5ever itself, kept as the reference the parser is tested against.
//!
//! Both parse with scripting off, as a crawler sees a page: `<noscript>`
//! holds markup, not raw text, since some sites (forum engines among them)
//! put their whole server-rendered content there.
//!
//! The parser stays linear however deep elements nest, and past
//! [`MAX_TREE_DEPTH`] it attaches new elements beside the current node, as
//! Blink does, so that later stages walk a tree of bounded depth; past
//! [`MAX_ATTRIBUTES_PER_ELEMENT`] it drops an element's attributes; past
//! [`MAX_NODES`] it reads the rest of the markup as text, so that the tree
//! and every table later stages keep per node stay bounded. None of the
//! limits loses the page's text.
//!
//! [`MAX_ATTRIBUTES_PER_ELEMENT`]: crate::tuning::MAX_ATTRIBUTES_PER_ELEMENT

use std::time::Instant;

#[cfg(feature = "html5ever")]
use super::prescan::check_markup;
use super::tokenizer::{Token, Tokenizer};
use super::tree_builder::TreeBuilder;
use super::Document;
use crate::error::{Error, ErrorKind};
use crate::tuning::{MAX_NODES, MAX_TREE_DEPTH};

/// How far the parser follows the markup before it flattens it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Open elements past which new ones go beside the current node.
    pub tree_depth: usize,
    /// Nodes past which the markup is read as text.
    pub nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            tree_depth: MAX_TREE_DEPTH,
            nodes: MAX_NODES,
        }
    }
}

/// What a parse under [`Limits`] met.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flattening {
    /// The most elements that were open at once: the tree was flattened
    /// when it passed `Limits::tree_depth`.
    pub deepest: usize,
    /// The node budget ran out, and the markup past it became text.
    pub nodes_capped: bool,
}

/// Tokens handled between two deadline checks: enough that reading the
/// clock costs nothing, few enough that a check comes every millisecond
/// or so.
const TOKENS_PER_DEADLINE_CHECK: u32 = 4096;

/// Parses `html` into a [`Document`], giving up with
/// [`ErrorKind::TimeBudgetExceeded`] once `deadline` has passed.
///
/// Parsing never fails otherwise: malformed markup is repaired as a browser
/// would repair it, nesting past [`MAX_TREE_DEPTH`] is flattened,
/// attributes past [`MAX_ATTRIBUTES_PER_ELEMENT`] are dropped and markup
/// past [`MAX_NODES`] nodes is read as text.
///
/// [`MAX_ATTRIBUTES_PER_ELEMENT`]: crate::tuning::MAX_ATTRIBUTES_PER_ELEMENT
pub fn parse(html: &str, deadline: Option<Instant>) -> Result<Document, Error> {
    parse_with_limits(html, deadline, Limits::default()).map(|(doc, _)| doc)
}

/// [`parse`] under other [`Limits`] (tests use them to show the tree
/// builder itself stays linear far past them), also telling whether and
/// how the tree was flattened.
pub fn parse_with_limits(
    html: &str,
    deadline: Option<Instant>,
    limits: Limits,
) -> Result<(Document, Flattening), Error> {
    let mut tokenizer = Tokenizer::new(html);
    let mut builder = TreeBuilder::new(html.len(), limits);
    let mut until_check = TOKENS_PER_DEADLINE_CHECK;
    loop {
        let token = tokenizer.next_token();
        let eof = matches!(token, Token::Eof);
        builder.process(token, tokenizer.span());
        if eof {
            break;
        }
        if let Some((state, tag)) = builder.take_switch() {
            tokenizer.switch_to(state, tag);
        }
        tokenizer.set_allow_cdata(builder.in_foreign_content());
        tokenizer.set_foreign_text(builder.text_is_foreign());
        until_check -= 1;
        if until_check == 0 {
            until_check = TOKENS_PER_DEADLINE_CHECK;
            if deadline.is_some_and(|d| Instant::now() > d) {
                return Err(Error::new(ErrorKind::TimeBudgetExceeded));
            }
        }
    }
    let flattening = Flattening {
        deepest: builder.deepest(),
        nodes_capped: builder.nodes_capped(),
    };
    Ok((builder.finish(), flattening))
}

/// Parses `html` with html5ever: the same tree as [`parse`] (that is what
/// the differential tests check), without spans, at about a third of the
/// speed.
///
/// html5ever checks each attribute of a tag against every earlier one,
/// inside one call no deadline can interrupt, so the markup is first
/// scanned for tags with too many ([`check_markup`]).
#[cfg(feature = "html5ever")]
pub fn parse_html5ever(html: &str, deadline: Option<Instant>) -> Result<Document, Error> {
    check_markup(html)?;
    super::html5ever_sink::parse(html, deadline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Tag;
    use crate::tuning::MAX_ATTRIBUTES_PER_ELEMENT;

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
    fn nesting_past_the_limit_is_flattened_and_keeps_its_text() {
        let deep = MAX_TREE_DEPTH * 4;
        let html =
            "<div>".repeat(deep) + "<p>deep text</p>" + &"</div>".repeat(deep) + "<p>after</p>";
        let (doc, flattening) = parse_with_limits(&html, None, Limits::default()).expect("parses");
        assert!(
            flattening.deepest > deep,
            "the stack of open elements is not capped"
        );
        let p = doc.find(Tag::P).expect("the deep paragraph");
        assert_eq!(doc.text_content(p), "deep text");
        assert!(doc.ancestors_and_self(p).count() <= MAX_TREE_DEPTH + 1);
        // End tags still close what they opened: the last paragraph is
        // back at the body.
        let last = doc.find_all(Tag::P).last().expect("the last paragraph");
        assert_eq!(doc.parent(last).and_then(|n| doc.tag(n)), Some(Tag::Body));
        let shallow = "<div>".repeat(MAX_TREE_DEPTH - 10) + "x";
        let doc = parse(&shallow, None).expect("parses");
        let text = doc.descendants(doc.root()).last().expect("the text");
        assert_eq!(
            doc.ancestors_and_self(text).count(),
            MAX_TREE_DEPTH - 10 + 4
        );
    }

    #[test]
    fn markup_past_the_node_budget_is_read_as_text() {
        let limits = Limits {
            nodes: 100,
            ..Limits::default()
        };
        let words: String = (0..1_000)
            .map(|i| format!("<p><span>w{i}</span></p>"))
            .collect();
        let html = format!(
            "<body><article>{words}<script>var hidden = 1;</script><div>last</div></article></body>"
        );
        let (doc, flattening) = parse_with_limits(&html, None, limits).expect("parses");
        assert!(flattening.nodes_capped);
        assert!(doc.len() <= limits.nodes + 4, "{} nodes", doc.len());
        let text = doc.text_content(doc.root());
        // Every word is there, each paragraph on a line of its own.
        assert!(text.contains("\nw998\n\nw999\n"), "{text:?}");
        assert!(text.trim_end().ends_with("last"));
        assert!(!text.contains("hidden"), "the script's text is read past");
        let (_, shallow) = parse_with_limits("<p>few</p>", None, limits).expect("parses");
        assert!(!shallow.nodes_capped);
    }

    #[test]
    fn attributes_past_the_limit_are_dropped_and_the_content_kept() {
        let attrs: String = (0..MAX_ATTRIBUTES_PER_ELEMENT + 5)
            .map(|i| format!(" a{i}=v"))
            .collect();
        let html = format!("<div{attrs} id=late>kept</div>");
        let doc = parse(&html, None).expect("parses");
        let div = doc.find(Tag::Div).expect("the div");
        assert_eq!(doc.text_content(div), "kept");
        assert_eq!(doc.attr(div, "a0"), Some("v"));
        assert_eq!(doc.attr(div, "id"), None);
        match &doc.node(div).data {
            crate::dom::NodeData::Element(e) => {
                assert_eq!(e.attrs.len(), MAX_ATTRIBUTES_PER_ELEMENT)
            }
            _ => panic!("not an element"),
        }
    }

    #[test]
    fn noscript_holds_markup() {
        let html = "<body><noscript><p>server-rendered</p></noscript>";
        let doc = parse(html, None).expect("parses");
        let p = doc.find(Tag::P).expect("a paragraph inside noscript");
        assert_eq!(doc.parent(p).and_then(|n| doc.tag(n)), Some(Tag::Noscript));
    }

    #[test]
    fn an_expired_deadline_stops_a_long_parse() {
        let html = "<p>x</p>".repeat(100_000);
        let past = Instant::now();
        let err = parse(&html, Some(past)).expect_err("deadline passed");
        assert_eq!(err.kind(), &ErrorKind::TimeBudgetExceeded);
    }
}

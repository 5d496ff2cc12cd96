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
//! The parser itself stays linear however deep elements nest, but later
//! stages walk the tree per level, and browsers cap the depth too, so both
//! give up once elements nest deeper than [`MAX_NESTING_DEPTH`].

use std::time::Instant;

#[cfg(feature = "html5ever")]
use super::prescan::check_markup;
use super::tokenizer::{Token, Tokenizer};
use super::tree_builder::TreeBuilder;
use super::Document;
use crate::error::{Error, ErrorKind};

/// Tokens handled between two deadline checks: enough that reading the
/// clock costs nothing, few enough that a check comes every millisecond
/// or so.
const TOKENS_PER_DEADLINE_CHECK: u32 = 4096;

/// Deepest element nesting [`parse`] accepts before giving up with
/// [`ErrorKind::TooDeep`]. Real pages stay in the low hundreds even with
/// unclosed tags (Blink flattens its tree at 512); every later stage must
/// cope with this depth without recursing.
pub const MAX_NESTING_DEPTH: usize = 4_096;

/// Most attributes accepted on one tag, by both parsers, so that a page is
/// refused alike by each. Real tags carry a few dozen; at this count
/// html5ever's duplicate check costs about 5·10⁷ comparisons, a few tens of
/// milliseconds.
pub const MAX_ATTRIBUTES_PER_TAG: usize = 10_000;

/// Parses `html` into a [`Document`], giving up with
/// [`ErrorKind::TimeBudgetExceeded`] once `deadline` has passed, with
/// [`ErrorKind::TooDeep`] when elements nest deeper than
/// [`MAX_NESTING_DEPTH`], and with [`ErrorKind::TooManyAttributes`] at a
/// tag with more than [`MAX_ATTRIBUTES_PER_TAG`] attributes.
///
/// Parsing never fails otherwise: malformed markup is repaired as a browser
/// would repair it.
pub fn parse(html: &str, deadline: Option<Instant>) -> Result<Document, Error> {
    parse_to_depth(html, deadline, MAX_NESTING_DEPTH)
}

/// [`parse`] with another depth limit (tests use it to show the parser
/// itself stays linear far past the limit).
pub(super) fn parse_to_depth(
    html: &str,
    deadline: Option<Instant>,
    max_depth: usize,
) -> Result<Document, Error> {
    let mut tokenizer = Tokenizer::new(html);
    let mut builder = TreeBuilder::new(html.len());
    let mut until_check = TOKENS_PER_DEADLINE_CHECK;
    loop {
        let token = tokenizer.next_token();
        if let Token::Start(t) = &token {
            // The tokenizer itself stays linear in attributes; the limit
            // keeps the page's refusal the same under both parsers.
            if t.attrs.len() > MAX_ATTRIBUTES_PER_TAG {
                return Err(Error::new(ErrorKind::TooManyAttributes {
                    limit: MAX_ATTRIBUTES_PER_TAG,
                }));
            }
        }
        let eof = matches!(token, Token::Eof);
        builder.process(token, tokenizer.span());
        if builder.deepest() > max_depth {
            return Err(Error::new(ErrorKind::TooDeep { limit: max_depth }));
        }
        if eof {
            break;
        }
        if let Some((state, tag)) = builder.take_switch() {
            tokenizer.switch_to(state, tag);
        }
        tokenizer.set_allow_cdata(builder.in_foreign_content());
        until_check -= 1;
        if until_check == 0 {
            until_check = TOKENS_PER_DEADLINE_CHECK;
            if deadline.is_some_and(|d| Instant::now() > d) {
                return Err(Error::new(ErrorKind::TimeBudgetExceeded));
            }
        }
    }
    Ok(builder.finish())
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
    fn nesting_past_the_limit_is_an_error() {
        let html = "<div>".repeat(MAX_NESTING_DEPTH + 1);
        let err = parse(&html, None).expect_err("too deep");
        assert_eq!(
            err.kind(),
            &ErrorKind::TooDeep {
                limit: MAX_NESTING_DEPTH
            }
        );
        let html = "<div>".repeat(MAX_NESTING_DEPTH - 10);
        assert!(parse(&html, None).is_ok());
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

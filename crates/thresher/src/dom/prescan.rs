//! html5ever's guard: a linear pre-scan of decoded markup for what
//! html5ever would handle in quadratic time, run by
//! [`super::parse_html5ever`] before html5ever starts.
//!
//! html5ever's tokenizer checks each new attribute of a tag against every
//! earlier one, so a tag with a million attributes takes hours, and it does
//! so inside one call that no deadline can interrupt. This scan follows the
//! tokenizer's states closely enough to count attributes per tag (comments,
//! raw-text elements such as `<script>`, quoted values) and refuses the page
//! before html5ever starts. The engine's own parser stays linear and drops
//! attributes past the same limit as it reads them, so `dom::parse` needs
//! no pre-scan.

use memchr::memchr;

use crate::error::{Error, ErrorKind};
use crate::tuning::MAX_ATTRIBUTES_PER_ELEMENT;

/// Elements whose content the tokenizer reads as text until their end tag.
/// `noscript` is not one: `dom::parse` turns scripting off, so its content
/// is parsed as markup (and its tags are counted here).
const RAW_TEXT_ELEMENTS: [&[u8]; 8] = [
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Elements that start foreign content, where `<style>` and `<script>` hold
/// tags again.
const FOREIGN_ROOTS: [&[u8]; 2] = [b"svg", b"math"];

/// Refuses markup with a tag carrying more than [`MAX_ATTRIBUTES_PER_ELEMENT`]
/// attributes.
pub(super) fn check_markup(text: &str) -> Result<(), Error> {
    let b = text.as_bytes();
    let mut i = 0;
    // Open svg/math elements; inside them raw-text elements do not exist.
    let mut foreign = 0usize;
    while let Some(off) = memchr(b'<', &b[i..]) {
        i += off + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => {
                // "<!-->" and "<!--->" are whole comments, so the search for
                // "-->" starts right after "<!".
                i = find(b, i + 1, b"-->").map_or(b.len(), |p| p + 3);
            }
            Some(b'!' | b'?') => i = skip_past(b, i, b'>'),
            Some(b'/') if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                let tag = scan_tag(b, i + 1)?;
                if FOREIGN_ROOTS
                    .iter()
                    .any(|r| tag.name.eq_ignore_ascii_case(r))
                {
                    foreign = foreign.saturating_sub(1);
                }
                i = tag.end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = scan_tag(b, i)?;
                i = tag.end;
                let is = |names: &[&[u8]]| names.iter().any(|n| tag.name.eq_ignore_ascii_case(n));
                if is(&FOREIGN_ROOTS) {
                    foreign += 1;
                } else if foreign == 0 && tag.name.eq_ignore_ascii_case(b"plaintext") {
                    // Everything after `<plaintext>` is text.
                    return Ok(());
                } else if foreign == 0 && is(&RAW_TEXT_ELEMENTS) {
                    i = end_tag(b, i, tag.name);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A tag the scan has read.
struct Tag<'a> {
    name: &'a [u8],
    /// Index just past the tag's `>` (or the end of input).
    end: usize,
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Reads a tag from its name at `i` to its `>`, counting attributes the way
/// the tokenizer's attribute states delimit them.
fn scan_tag(b: &[u8], mut i: usize) -> Result<Tag<'_>, Error> {
    let start = i;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = &b[start..i];
    let mut attributes = 0usize;
    loop {
        // Before an attribute name.
        while i < b.len() && (is_space(b[i]) || b[i] == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return Ok(Tag { name, end: i }),
            Some(b'>') => return Ok(Tag { name, end: i + 1 }),
            Some(_) => {}
        }
        attributes += 1;
        if attributes > MAX_ATTRIBUTES_PER_ELEMENT {
            return Err(Error::new(ErrorKind::TooManyAttributes {
                limit: MAX_ATTRIBUTES_PER_ELEMENT,
            }));
        }
        // The name; a leading `=` belongs to it.
        i += 1;
        while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => i = skip_past(b, i + 1, q),
            Some(b'>') | None => {}
            Some(_) => {
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// Index just past the next `c` at or after `i`, or the end of input.
fn skip_past(b: &[u8], i: usize, c: u8) -> usize {
    b.get(i..)
        .and_then(|rest| memchr(c, rest))
        .map_or(b.len(), |p| i + p + 1)
}

/// Position of `needle` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|p| from + p)
}

/// Index of the `<` of the end tag `</name` that closes a raw-text element
/// whose content starts at `i`, or the end of input.
fn end_tag(b: &[u8], mut i: usize, name: &[u8]) -> usize {
    while let Some(off) = b.get(i..).and_then(|rest| memchr(b'<', rest)) {
        let lt = i + off;
        let after = lt + 2 + name.len();
        let closes = b.get(lt + 1) == Some(&b'/')
            && b.get(lt + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(after)
                .map_or(true, |&c| is_space(c) || c == b'/' || c == b'>');
        if closes {
            return lt;
        }
        i = lt + 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(n: usize) -> String {
        (0..n).map(|k| format!(" a{k}=\"{k}\"")).collect()
    }

    fn refused(text: &str) -> bool {
        matches!(
            check_markup(text).map_err(|e| e.kind().clone()),
            Err(ErrorKind::TooManyAttributes { .. })
        )
    }

    #[test]
    fn a_tag_over_the_attribute_limit_is_refused() {
        let over = format!(
            "<p>x</p><div{}>y</div>",
            attributes(MAX_ATTRIBUTES_PER_ELEMENT + 1)
        );
        assert!(refused(&over));
        let at = format!("<div{}>y</div>", attributes(MAX_ATTRIBUTES_PER_ELEMENT));
        assert!(!refused(&at));
    }

    #[test]
    fn end_tags_and_unquoted_or_bare_attributes_count_too() {
        let bare: String = (0..=MAX_ATTRIBUTES_PER_ELEMENT)
            .map(|k| format!(" b{k}"))
            .collect();
        assert!(refused(&format!("<p>x</p{bare}>")));
        let unquoted: String = (0..=MAX_ATTRIBUTES_PER_ELEMENT)
            .map(|k| format!(" c={k}"))
            .collect();
        assert!(refused(&format!("<p{unquoted}>")));
    }

    #[test]
    fn quoted_angle_brackets_do_not_end_the_tag() {
        let sneaky: String = (0..=MAX_ATTRIBUTES_PER_ELEMENT)
            .map(|k| format!(" a{k}='>'"))
            .collect();
        assert!(refused(&format!("<div{sneaky}>")));
    }

    #[test]
    fn text_in_scripts_comments_and_raw_text_is_not_tags() {
        let words: String = (0..=MAX_ATTRIBUTES_PER_ELEMENT)
            .map(|k| format!(" w{k}"))
            .collect();
        assert!(!refused(&format!(
            "<script>if (a <b{words}) {{}}</script><p>ok</p>"
        )));
        assert!(!refused(&format!("<!-- <b{words} -->")));
        assert!(!refused(&format!("<textarea><b{words}</TEXTAREA >")));
        assert!(!refused(&format!("<plaintext><b{words}")));
        // With scripting off, as the parser runs, <noscript> holds tags.
        assert!(refused(&format!("<noscript><b{words}>")));
        // Inside svg, <style> holds tags, as the tokenizer sees them.
        assert!(refused(&format!("<svg><style><b{words}>")));
    }

    #[test]
    fn truncated_markup_is_fine() {
        for text in [
            "<", "<div", "<div a=", "<div a='", "<!--", "<script>", "</", "<a b c",
        ] {
            assert!(check_markup(text).is_ok(), "{text}");
        }
    }
}

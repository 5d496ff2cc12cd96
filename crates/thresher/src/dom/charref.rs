//! Character references (`&amp;`, `&#8217;`, `&#x2014;`) and the input
//! stream's newline and NUL rules, as the HTML standard's tokenizer applies
//! them to text and attribute values.
//!
//! Named references are looked up in html5ever's complete table (re-exported
//! by markup5ever), which also holds every prefix of every name, so the
//! longest match is found by walking the name one character at a time and
//! stopping at the first prefix the table does not know.

use std::borrow::Cow;

use markup5ever::data::NAMED_ENTITIES;
use memchr::{memchr2, memchr3};

/// Where a run of text sits, which decides what is decoded in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TextKind {
    /// Ordinary text between tags: references decoded, NUL kept. The tree
    /// builder decides: a NUL before `<body>` starts it (it is not
    /// whitespace), and where content goes it is dropped.
    Data,
    /// `title`, `textarea`, and text in foreign content: references
    /// decoded, NUL becomes U+FFFD.
    Rcdata,
    /// `script`, `style` and the other raw text elements, `plaintext`,
    /// CDATA sections: nothing decoded, NUL becomes U+FFFD.
    RawText,
    /// An attribute value: references decoded, except a legacy name without
    /// its `;` that runs on into `=` or a letter or digit (`?a=1&copy=2`).
    Attribute,
}

/// The character a NUL becomes where it is not dropped.
const REPLACEMENT: char = '\u{FFFD}';

/// Text without its NULs, which the standard ignores wherever text becomes
/// content (in body, in table text, in select; text mode follows). Borrows
/// when there are none.
pub(crate) fn without_nul(text: Cow<'_, str>) -> Cow<'_, str> {
    if memchr::memchr(0, text.as_bytes()).is_none() {
        return text;
    }
    Cow::Owned(text.replace('\0', ""))
}

/// Decodes `raw` as text of the given kind: references, CR and CRLF as LF,
/// NUL as the kind requires. Borrows when nothing changes.
pub(super) fn decode(raw: &str, kind: TextKind) -> Cow<'_, str> {
    let bytes = raw.as_bytes();
    let next_special = |from: usize| -> Option<usize> {
        let rest = &bytes[from..];
        match kind {
            TextKind::Data => memchr2(b'&', b'\r', rest),
            TextKind::RawText => memchr2(b'\r', 0, rest),
            TextKind::Rcdata | TextKind::Attribute => memchr3(b'&', b'\r', 0, rest),
        }
        .map(|k| from + k)
    };
    let Some(mut i) = next_special(0) else {
        return Cow::Borrowed(raw);
    };
    let mut out = String::with_capacity(raw.len());
    out.push_str(&raw[..i]);
    loop {
        match bytes[i] {
            b'&' => i += decode_reference(&raw[i..], kind == TextKind::Attribute, &mut out),
            b'\r' => {
                out.push('\n');
                i += 1;
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            _ => {
                // NUL (never special in `Data`)
                out.push(REPLACEMENT);
                i += 1;
            }
        }
        match next_special(i) {
            Some(j) => {
                out.push_str(&raw[i..j]);
                i = j;
            }
            None => {
                out.push_str(&raw[i..]);
                break;
            }
        }
    }
    Cow::Owned(out)
}

/// Decodes the reference at the start of `s` (which starts with `&`) into
/// `out` and returns how many bytes it used; a lone `&` uses one.
fn decode_reference(s: &str, in_attribute: bool, out: &mut String) -> usize {
    let b = s.as_bytes();
    match b.get(1) {
        Some(b'#') => decode_numeric(s, out),
        Some(c) if c.is_ascii_alphanumeric() => decode_named(s, in_attribute, out),
        _ => {
            out.push('&');
            1
        }
    }
}

/// The references most pages use, answered without hashing.
fn common_reference(name_and_semicolon: &str) -> Option<char> {
    Some(match name_and_semicolon {
        "amp;" => '&',
        "nbsp;" => '\u{a0}',
        "quot;" => '"',
        "lt;" => '<',
        "gt;" => '>',
        "apos;" => '\'',
        "copy;" => '\u{a9}',
        "mdash;" => '\u{2014}',
        "ndash;" => '\u{2013}',
        "hellip;" => '\u{2026}',
        "rsquo;" => '\u{2019}',
        "raquo;" => '\u{bb}',
        _ => return None,
    })
}

/// `&name;` or a legacy `&name`: the longest name in the table wins.
fn decode_named(s: &str, in_attribute: bool, out: &mut String) -> usize {
    let b = s.as_bytes();
    // Most references are written whole, `&name;`: one look-up settles them.
    let run = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if b.get(1 + run) == Some(&b';') {
        let whole = &s[1..run + 2];
        if let Some(c) = common_reference(whole) {
            out.push(c);
            return run + 2;
        }
        if let Some(&(first, second)) = NAMED_ENTITIES.get(whole) {
            if first != 0 {
                out.push(char::from_u32(first).unwrap_or(REPLACEMENT));
                if second != 0 {
                    out.push(char::from_u32(second).unwrap_or(REPLACEMENT));
                }
                return run + 2;
            }
        }
    }
    let mut best: Option<(usize, u32, u32)> = None;
    let mut j = 1;
    while j < b.len() {
        let c = b[j];
        if !(c.is_ascii_alphanumeric() || c == b';') {
            break;
        }
        // Every prefix of every name is in the table, mapped to (0, 0).
        match NAMED_ENTITIES.get(&s[1..=j]) {
            None => break,
            Some(&(first, second)) => {
                if first != 0 {
                    best = Some((j + 1, first, second));
                }
            }
        }
        if c == b';' {
            break;
        }
        j += 1;
    }
    let Some((len, first, second)) = best else {
        // Not a reference: the ampersand and the name stay as written.
        out.push('&');
        return 1;
    };
    let terminated = b[len - 1] == b';';
    let runs_on = b
        .get(len)
        .is_some_and(|&c| c == b'=' || c.is_ascii_alphanumeric());
    if in_attribute && !terminated && runs_on {
        // Historical: `href="?x=1&copy=2"` keeps `&copy` as written.
        out.push_str(&s[..len]);
        return len;
    }
    out.push(char::from_u32(first).unwrap_or(REPLACEMENT));
    if second != 0 {
        out.push(char::from_u32(second).unwrap_or(REPLACEMENT));
    }
    len
}

/// The largest code point; anything above becomes U+FFFD.
const MAX_CODE_POINT: u32 = 0x10FFFF;

/// `&#123;`, `&#x7B;`, with or without the `;`.
fn decode_numeric(s: &str, out: &mut String) -> usize {
    let b = s.as_bytes();
    let hex = matches!(b.get(2), Some(b'x' | b'X'));
    let digits_start = if hex { 3 } else { 2 };
    let radix = if hex { 16 } else { 10 };
    let mut j = digits_start;
    let mut value: u32 = 0;
    while let Some(d) = b.get(j).and_then(|&c| (c as char).to_digit(radix)) {
        // Saturate just past the range so long digit runs cannot overflow.
        value = (value * radix + d).min(MAX_CODE_POINT + 1);
        j += 1;
    }
    if j == digits_start {
        // `&#` or `&#x` with no digits stays as written.
        out.push_str(&s[..j]);
        return j;
    }
    if b.get(j) == Some(&b';') {
        j += 1;
    }
    out.push(numeric_char(value));
    j
}

/// The character a numeric reference stands for, after the standard's
/// replacements: NUL, surrogates and out-of-range values become U+FFFD, and
/// 0x80–0x9F are read as windows-1252, as pages written in it expect.
fn numeric_char(value: u32) -> char {
    match value {
        0 | 0xD800..=0xDFFF => REPLACEMENT,
        0x80..=0x9F => windows_1252(value),
        v if v > MAX_CODE_POINT => REPLACEMENT,
        v => char::from_u32(v).unwrap_or(REPLACEMENT),
    }
}

/// The windows-1252 character for a C1 control code, where it has one.
fn windows_1252(value: u32) -> char {
    match value {
        0x80 => '\u{20AC}',
        0x82 => '\u{201A}',
        0x83 => '\u{0192}',
        0x84 => '\u{201E}',
        0x85 => '\u{2026}',
        0x86 => '\u{2020}',
        0x87 => '\u{2021}',
        0x88 => '\u{02C6}',
        0x89 => '\u{2030}',
        0x8A => '\u{0160}',
        0x8B => '\u{2039}',
        0x8C => '\u{0152}',
        0x8E => '\u{017D}',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201C}',
        0x94 => '\u{201D}',
        0x95 => '\u{2022}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        0x98 => '\u{02DC}',
        0x99 => '\u{2122}',
        0x9A => '\u{0161}',
        0x9B => '\u{203A}',
        0x9C => '\u{0153}',
        0x9E => '\u{017E}',
        0x9F => '\u{0178}',
        other => char::from_u32(other).unwrap_or(REPLACEMENT),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        decode(s, TextKind::Data).into_owned()
    }

    fn attr(s: &str) -> String {
        decode(s, TextKind::Attribute).into_owned()
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            decode("no references here", TextKind::Data),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn named_references_decode() {
        assert_eq!(
            text("Tom &amp; Jerry &mdash; &nbsp;&lt;3"),
            "Tom & Jerry \u{2014} \u{a0}<3"
        );
        // Two code points for one name.
        assert_eq!(text("&NotEqualTilde;"), "\u{2242}\u{338}");
    }

    #[test]
    fn legacy_names_decode_without_semicolon_and_longest_match_wins() {
        assert_eq!(text("&copy 2024"), "\u{a9} 2024");
        assert_eq!(text("&notit;"), "\u{ac}it;");
        assert_eq!(text("&notin;"), "\u{2209}");
        // Not a legacy name: needs its semicolon.
        assert_eq!(text("&mdash and"), "&mdash and");
    }

    #[test]
    fn unknown_names_and_lone_ampersands_stay() {
        assert_eq!(text("AT&T &bogus; & &;"), "AT&T &bogus; & &;");
    }

    #[test]
    fn attributes_keep_legacy_names_that_run_on() {
        assert_eq!(attr("/x?a=1&copy=2&amp;b"), "/x?a=1&copy=2&b");
        assert_eq!(attr("&copyright"), "&copyright");
        assert_eq!(attr("&copy x"), "\u{a9} x");
        assert_eq!(text("&copyright"), "\u{a9}right");
    }

    #[test]
    fn numeric_references_follow_the_standard() {
        assert_eq!(text("&#65;&#x42;&#X43;&#68"), "ABCD");
        assert_eq!(
            text("&#0;&#xD800;&#x110000;&#99999999999999;"),
            "\u{FFFD}".repeat(4)
        );
        assert_eq!(text("&#x80;&#x92;&#x81;"), "\u{20AC}\u{2019}\u{81}");
        assert_eq!(text("&#; &#x; &#xZ"), "&#; &#x; &#xZ");
    }

    #[test]
    fn newlines_are_normalised_and_nul_follows_the_kind() {
        assert_eq!(text("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(text("a\0b"), "a\0b");
        assert_eq!(decode("a\0b", TextKind::RawText), "a\u{FFFD}b");
        assert_eq!(decode("&amp;\r", TextKind::RawText), "&amp;\n");
    }
}

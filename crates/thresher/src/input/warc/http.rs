//! A `response` record's block: an HTTP/1.x response as the crawler
//! received it. Its header block is read byte-wise (servers send Latin-1
//! and worse in header values, which are kept lossily as text), then
//! chunked transfer coding and the gzip, deflate and br content codings
//! are undone, each stopping at the size limit.

use std::io::Read;

use crate::error::{Error, ErrorKind};

/// The HTTP facts of a response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code (`200`, `404` …).
    pub status: u16,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    /// The `Content-Encoding` header, as sent.
    pub content_encoding: Option<String>,
    /// The `Transfer-Encoding` header, as sent.
    pub transfer_encoding: Option<String>,
}

/// Largest HTTP header block read. Real ones are a few kilobytes; a block
/// with no end in sight is not HTTP.
pub const MAX_HEADER_BYTES: usize = 256 * 1024;

/// Splits a block into the response's facts and its body, as sent.
/// `Ok(None)` when the block is not an HTTP response at all.
pub fn parse(block: &[u8]) -> Result<Option<(HttpResponse, &[u8])>, Error> {
    let bad = |what| Error::new(ErrorKind::MalformedHttp(what));
    if !block.starts_with(b"HTTP/") {
        return Ok(None);
    }
    let head_len = header_end(&block[..block.len().min(MAX_HEADER_BYTES)])
        .ok_or_else(|| bad("no end to the header block"))?;
    let (head, body) = (&block[..head_len.0], &block[head_len.1..]);
    let mut lines = head.split(|&b| b == b'\n').map(trim_cr);
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(|&b| b == b' ')
        .filter(|part| !part.is_empty())
        .nth(1)
        .and_then(|code| std::str::from_utf8(code).ok())
        .and_then(|code| code.parse::<u16>().ok())
        .filter(|code| (100..1000).contains(code))
        .ok_or_else(|| bad("no status code"))?;
    let mut response = HttpResponse {
        status,
        ..HttpResponse::default()
    };
    for line in lines {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let name = line[..colon].trim_ascii();
        let value = String::from_utf8_lossy(line[colon + 1..].trim_ascii()).into_owned();
        let slot = if name.eq_ignore_ascii_case(b"content-type") {
            &mut response.content_type
        } else if name.eq_ignore_ascii_case(b"content-encoding") {
            &mut response.content_encoding
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            &mut response.transfer_encoding
        } else {
            continue;
        };
        // The first of repeated headers wins, as in most clients.
        slot.get_or_insert(value);
    }
    Ok(Some((response, body)))
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Where the header block ends and where the body starts: at the first
/// empty line, CRLF or bare LF.
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    let mut start = 0;
    while let Some(nl) = memchr::memchr(b'\n', &block[start..]) {
        let line = trim_cr(&block[start..start + nl]);
        if line.is_empty() {
            return Some((start, start + nl + 1));
        }
        start += nl + 1;
    }
    None
}

/// The MIME type of a `Content-Type` value, lower-cased, without
/// parameters.
pub fn mime_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// MIME types taken for HTML.
pub const HTML_TYPES: &[&str] = &["text/html", "application/xhtml+xml"];

/// MIME types that say nothing about the bytes: the payload is sniffed.
pub const UNINFORMATIVE_TYPES: &[&str] = &["", "application/octet-stream", "unknown/unknown"];

/// Tags that, first in a payload (after whitespace), mark it as HTML: the
/// HTML standard's MIME sniffing patterns for text/html.
const HTML_SNIFF_TAGS: &[&[u8]] = &[
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<script",
    b"<iframe",
    b"<h1",
    b"<div",
    b"<font",
    b"<table",
    b"<a",
    b"<style",
    b"<title",
    b"<b",
    b"<body",
    b"<br",
    b"<p",
    b"<!--",
];

/// True when `payload` starts like an HTML document.
pub fn sniff_html(payload: &[u8]) -> bool {
    let body = payload.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(payload);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    HTML_SNIFF_TAGS.iter().any(|tag| {
        body.len() > tag.len()
            && body[..tag.len()].eq_ignore_ascii_case(tag)
            // The tag must end here: "<a " or "<a>", not "<abbr".
            && (tag.ends_with(b"--") || matches!(body[tag.len()], b' ' | b'>'))
    })
}

/// What undoing the codings gave.
#[derive(Debug)]
pub enum Decoded {
    /// The payload.
    Body(Vec<u8>),
    /// The payload grows past the limit.
    TooLarge,
}

/// The body with its transfer and content codings undone, up to `limit`
/// bytes.
pub fn decode_body(response: &HttpResponse, body: &[u8], limit: usize) -> Result<Decoded, Error> {
    let chunked = response
        .transfer_encoding
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let mut payload = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    let codings = response.content_encoding.as_deref().unwrap_or("");
    // Codings are listed in the order they were applied: undo the last first.
    for coding in codings.rsplit(',').map(str::trim) {
        let coding = coding.to_ascii_lowercase();
        payload = match undo(&coding, &payload, limit)? {
            Some(Decoded::Body(b)) => b,
            Some(Decoded::TooLarge) => return Ok(Decoded::TooLarge),
            None => payload,
        };
    }
    if payload.len() > limit {
        return Ok(Decoded::TooLarge);
    }
    Ok(Decoded::Body(payload))
}

/// Undoes one content coding; `None` when there is nothing to undo.
fn undo(coding: &str, payload: &[u8], limit: usize) -> Result<Option<Decoded>, Error> {
    let bad = |what: &str| Error::new(ErrorKind::BadContentEncoding(what.to_owned()));
    match coding {
        "" | "identity" | "none" => Ok(None),
        "gzip" | "x-gzip" => {
            // Some crawlers store the payload already decoded and keep the
            // header: bytes that are not gzip are taken as they are.
            if !payload.starts_with(&[0x1f, 0x8b]) {
                return Ok(None);
            }
            read_limited(flate2::read::MultiGzDecoder::new(payload), limit)
                .map(Some)
                .map_err(|_| bad("gzip"))
        }
        "deflate" => {
            // "deflate" is meant to be zlib-wrapped, but many servers send
            // raw deflate.
            read_limited(flate2::read::ZlibDecoder::new(payload), limit)
                .or_else(|_| read_limited(flate2::read::DeflateDecoder::new(payload), limit))
                .map(Some)
                .map_err(|_| bad("deflate"))
        }
        "br" => read_limited(
            brotli_decompressor::Decompressor::new(payload, BROTLI_BUFFER_BYTES),
            limit,
        )
        .map(Some)
        .map_err(|_| bad("br")),
        _ => Err(bad(coding)),
    }
}

/// The brotli decoder's input buffer.
const BROTLI_BUFFER_BYTES: usize = 4096;

/// Reads to the end, or stops one byte past `limit`.
fn read_limited(reader: impl Read, limit: usize) -> std::io::Result<Decoded> {
    let mut out = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut out)?;
    Ok(if out.len() > limit {
        Decoded::TooLarge
    } else {
        Decoded::Body(out)
    })
}

/// Undoes chunked transfer coding. A body that does not start with a chunk
/// size was already de-chunked by the crawler and is kept as it is; a body
/// cut off inside a chunk keeps what arrived.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    while let Some(nl) = memchr::memchr(b'\n', rest) {
        let line = trim_cr(&rest[..nl]);
        // Chunk extensions (";name=value") are ignored.
        let size_text = line.split(|&b| b == b';').next().unwrap_or_default();
        let size = std::str::from_utf8(size_text.trim_ascii())
            .ok()
            .and_then(|s| usize::from_str_radix(s, 16).ok());
        let Some(size) = size else {
            if first {
                return body.to_vec();
            }
            break;
        };
        first = false;
        rest = &rest[nl + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        rest = &rest[take..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
    if first {
        return body.to_vec();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_and_headers_with_non_utf8_bytes() {
        let block = b"HTTP/1.1 404 Not Found\r\nServer: caf\xe9\r\ncontent-type: text/html; charset=latin1\r\nX-Broken-Line\r\n\r\n<p>body";
        let (r, body) = parse(block).expect("parses").expect("is HTTP");
        assert_eq!(r.status, 404);
        assert_eq!(r.content_type.as_deref(), Some("text/html; charset=latin1"));
        assert_eq!(body, b"<p>body");
        let lf_only = b"HTTP/1.0 200\nContent-Type: text/html\n\nx";
        assert_eq!(parse(lf_only).expect("parses").expect("HTTP").1, b"x");
    }

    #[test]
    fn refuses_a_block_without_status_or_end() {
        assert!(parse(b"HTTP/1.1 abc\r\n\r\n").is_err());
        assert!(parse(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n").is_err());
        assert!(parse(b"<html>").expect("parses").is_none());
    }

    #[test]
    fn dechunks_and_keeps_plain_bodies() {
        assert_eq!(
            dechunk(b"5;x=y\r\nHello\r\n6\r\n world\r\n0\r\n\r\n"),
            b"Hello world"
        );
        assert_eq!(dechunk(b"<html>not chunked"), b"<html>not chunked");
        assert_eq!(dechunk(b"a\r\nHel"), b"Hel");
    }

    #[test]
    fn sniffs_html_by_its_first_tag() {
        assert!(sniff_html(b"  <!DOCTYPE html><p>"));
        assert!(sniff_html(b"\xEF\xBB\xBF<html lang=en>"));
        assert!(sniff_html(b"<p>x"));
        assert!(!sniff_html(b"<abbr>x"));
        assert!(!sniff_html(b"%PDF-1.4"));
        assert!(!sniff_html(b"{\"json\": 1}"));
    }

    #[test]
    fn unknown_codings_are_errors_and_limits_hold() {
        let r = HttpResponse {
            status: 200,
            content_encoding: Some("compress".into()),
            ..HttpResponse::default()
        };
        assert!(decode_body(&r, b"x", 10).is_err());
        let plain = HttpResponse::default();
        assert!(matches!(
            decode_body(&plain, b"0123456789x", 10),
            Ok(Decoded::TooLarge)
        ));
    }
}

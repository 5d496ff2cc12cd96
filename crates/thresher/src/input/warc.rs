//! WARC records -> [`Page`]s: a web archive is only another source of
//! pages.
//!
//! [`Records`] reads WARC 1.0 and 1.1 archives, plain or gzipped (one gzip
//! member per record, or one for the whole file), from any
//! [`std::io::Read`], one record at a time, so memory does not grow with
//! the archive. Each [`Record`] carries its header and either its block or
//! the reason it was passed over. [`Record::into_response`] then reads the
//! HTTP response inside a `response` record, undoes its transfer and content
//! codings and gives a [`Response`] whose [`Response::page`] is ready for
//! [`Extractor::extract`](crate::Extractor::extract), or a [`NoPage`] that
//! says why there is none. This module only reads: running the pages
//! through the engine, and the rows `thresher warc` writes, are
//! [`crate::batch::warc`]'s.
//!
//! Nothing is lost silently: every record read comes out once, with its
//! block, or skipped ([`Skip`]) or failed ([`Error`]). The reader never
//! stops at bad input. A record whose header cannot be read, or whose
//! block is cut off, fails, and the reader carries on at the next line that
//! starts with `WARC/`; a corrupt gzip member fails once, and the reader
//! carries on at the next member.
//!
//! Why not the `warc` crate: its record iterators read a whole block into
//! memory with no cap, require `Content-Length`, and neither resynchronise
//! after a bad record nor get past a corrupt gzip member (it decodes the
//! file as one gzip stream), so one bad byte would end a run over a crawl.
//!
//! ```
//! use thresher::input::warc::{Records, Skip};
//! let html = "<html><body><p>A page.</p></body></html>";
//! let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
//! let archive = format!(
//!     "WARC/1.1\r\nWARC-Type: request\r\nContent-Length: 0\r\n\r\n\r\n\r\n\
//!      WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
//!      WARC-Target-URI: https://example.com/a\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
//!     http.len()
//! );
//! let config = thresher::Config::default();
//! let mut records = Records::new(archive.as_bytes(), config.max_input_bytes);
//! let request = records.next().expect("a request record");
//! let passed = request.into_response(&config).expect_err("a request holds no page");
//! assert!(matches!(passed.reason, thresher::input::warc::Reason::Skipped(Skip::NotResponse)));
//! let response = records.next().expect("a response record");
//! let response = response.into_response(&config).expect("an HTML page");
//! assert_eq!(response.page().url, Some("https://example.com/a"));
//! assert_eq!(response.page().bytes, html.as_bytes());
//! assert!(records.next().is_none());
//! ```

pub mod http;
mod stream;

use std::io::{self, BufRead, Read};

use crate::error::{Error, ErrorKind};
use crate::{Config, Page};

pub use http::HttpResponse;
use stream::{at_gzip_member, gzip_problem, GzipProblem, Lookahead, Members};

/// Longest line read in a WARC header block.
pub const MAX_HEADER_LINE_BYTES: usize = 64 * 1024;

/// Largest WARC header block. Real ones are under a kilobyte or two; past
/// this the bytes are not a header.
pub const MAX_HEADER_BYTES: usize = 256 * 1024;

/// A WARC record's header: the fields the engine uses, as text (bytes that
/// are not UTF-8 are replaced).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordHeader {
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
    /// `WARC-Type` (`response`, `request`, `warcinfo` …).
    pub warc_type: Option<String>,
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// `WARC-Date`.
    pub date: Option<String>,
    /// The record's `Content-Type` (for a response,
    /// `application/http; msgtype=response`).
    pub content_type: Option<String>,
    /// `Content-Length`: the block's size in bytes.
    pub content_length: Option<u64>,
}

impl RecordHeader {
    /// A `response` record (the type's case aside): the kind that holds a
    /// page.
    pub fn is_response(&self) -> bool {
        self.warc_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("response"))
    }
}

/// Why a record was passed over. Skips are not failures: the archive held
/// something that is not an HTML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Skip {
    /// Not a `response` record (`request`, `warcinfo`, `metadata` …).
    NotResponse,
    /// A response that is not HTTP (`dns:` lookups and the like).
    NotHttp,
    /// An HTTP response whose status is not 2xx.
    HttpStatus,
    /// A payload that is not HTML by its `Content-Type`, or by its first
    /// bytes when the type says nothing.
    NotHtml,
    /// A block or payload larger than [`Config::max_input_bytes`].
    TooLarge,
    /// A payload with nothing in it.
    Empty,
}

impl Skip {
    /// A short, stable snake_case name for counting skips by reason.
    pub fn name(self) -> &'static str {
        match self {
            Skip::NotResponse => "not_response",
            Skip::NotHttp => "not_http",
            Skip::HttpStatus => "http_status",
            Skip::NotHtml => "not_html",
            Skip::TooLarge => "too_large",
            Skip::Empty => "empty",
        }
    }
}

/// What the reader got for a record besides its header.
#[derive(Debug)]
pub enum Body {
    /// The record's block: for a response, the HTTP response as received.
    Block(Vec<u8>),
    /// Passed over without reading its block into memory.
    Skipped(Skip),
    /// Could not be read.
    Failed(Error),
}

/// One WARC record as read.
#[derive(Debug)]
pub struct Record {
    /// Its header; fields the reader could not find are `None`.
    pub header: RecordHeader,
    /// Its block, or why there is none.
    pub body: Body,
}

/// A `response` record with an HTML payload, ready for extraction.
#[derive(Debug)]
pub struct Response {
    /// The record's header.
    pub header: RecordHeader,
    /// The HTTP response's facts.
    pub http: HttpResponse,
    /// The payload with transfer and content codings undone.
    pub payload: Vec<u8>,
}

impl Response {
    /// The page: its address is the record's target URI, and its charset
    /// is the one the HTTP `Content-Type` declares, which outranks a
    /// `<meta>` in the page.
    pub fn page(&self) -> Page<'_> {
        let mut page = Page::from_bytes(&self.payload);
        if let Some(url) = &self.header.target_uri {
            page = page.with_url(url);
        }
        if let Some(ct) = &self.http.content_type {
            page = page.with_declared_charset(ct);
        }
        page
    }
}

/// A record that holds no page to extract: what was read of it, and why.
#[derive(Debug)]
pub struct NoPage {
    /// The record's header.
    pub header: RecordHeader,
    /// The HTTP response's facts, when the record held one that was read.
    pub http: Option<HttpResponse>,
    /// Skipped or failed.
    pub reason: Reason,
}

/// Why a record gives no page.
#[derive(Debug)]
pub enum Reason {
    /// It holds something that is not an HTML page.
    Skipped(Skip),
    /// It could not be read.
    Failed(Error),
}

impl Record {
    /// Reads the HTTP response in a `response` record and undoes its
    /// codings, or says why there is no HTML page to extract.
    pub fn into_response(self, config: &Config) -> Result<Response, Box<NoPage>> {
        let Record { header, body } = self;
        let none = |header, http, reason| {
            Box::new(NoPage {
                header,
                http,
                reason,
            })
        };
        let block = match body {
            Body::Block(b) => b,
            Body::Skipped(s) => return Err(none(header, None, Reason::Skipped(s))),
            Body::Failed(e) => return Err(none(header, None, Reason::Failed(e))),
        };
        let (http, body) = match http::parse(&block) {
            Ok(Some(parsed)) => parsed,
            Ok(None) => return Err(none(header, None, Reason::Skipped(Skip::NotHttp))),
            Err(e) => return Err(none(header, None, Reason::Failed(e))),
        };
        let skip =
            |header, http: &HttpResponse, s| none(header, Some(http.clone()), Reason::Skipped(s));
        if !(200..300).contains(&http.status) {
            return Err(skip(header, &http, Skip::HttpStatus));
        }
        let mime = http::mime_type(http.content_type.as_deref().unwrap_or(""));
        let sniff = http::UNINFORMATIVE_TYPES.contains(&mime.as_str());
        if !sniff && !http::HTML_TYPES.contains(&mime.as_str()) {
            return Err(skip(header, &http, Skip::NotHtml));
        }
        let payload = match http::decode_body(&http, body, config.max_input_bytes) {
            Ok(http::Decoded::Body(p)) => p,
            Ok(http::Decoded::TooLarge) => return Err(skip(header, &http, Skip::TooLarge)),
            Err(e) => return Err(none(header, Some(http), Reason::Failed(e))),
        };
        if payload.iter().all(u8::is_ascii_whitespace) {
            return Err(skip(header, &http, Skip::Empty));
        }
        if sniff && !http::sniff_html(&payload) {
            return Err(skip(header, &http, Skip::NotHtml));
        }
        Ok(Response {
            header,
            http,
            payload,
        })
    }
}

/// The archive's bytes, decompressed if it is gzipped.
enum Stream<R> {
    Plain(Lookahead<R>),
    Gzip(io::BufReader<Members<R>>),
}

impl<R: Read> Read for Stream<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::Plain(r) => r.read(out),
            Stream::Gzip(r) => r.read(out),
        }
    }
}

impl<R: Read> BufRead for Stream<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match self {
            Stream::Plain(r) => r.fill_buf(),
            Stream::Gzip(r) => r.fill_buf(),
        }
    }
    fn consume(&mut self, amt: usize) {
        match self {
            Stream::Plain(r) => r.consume(amt),
            Stream::Gzip(r) => r.consume(amt),
        }
    }
}

/// The records of a WARC archive, in order.
///
/// Gzip is recognised by its first bytes, not by a file name. Records whose
/// block is larger than `max_block_bytes` are skipped ([`Skip::TooLarge`])
/// without being held in memory, so memory stays within a few times that
/// limit whatever the archive's size.
pub struct Records<R> {
    stream: Option<Stream<R>>,
    max_block_bytes: usize,
    /// The version line found while searching for the next record.
    pending: Option<Vec<u8>>,
    /// After a problem: the next record is searched for.
    lost: bool,
}

impl<R: Read> Records<R> {
    /// Reads records from `archive`; blocks over `max_block_bytes` are
    /// skipped.
    pub fn new(archive: R, max_block_bytes: usize) -> Self {
        Records {
            stream: None,
            max_block_bytes,
            pending: None,
            lost: false,
        }
        .with_source(archive)
    }

    fn with_source(mut self, archive: R) -> Self {
        let mut raw = Lookahead::new(archive);
        // A read error here shows again, as a failed record, on first use.
        let stream = if at_gzip_member(&mut raw).unwrap_or(false) {
            Stream::Gzip(io::BufReader::new(Members::new(raw)))
        } else {
            Stream::Plain(raw)
        };
        self.stream = Some(stream);
        self
    }

    /// Reads one line of at most [`MAX_HEADER_LINE_BYTES`] into `line`.
    fn line(&mut self, line: &mut Vec<u8>) -> io::Result<usize> {
        line.clear();
        let Some(stream) = self.stream.as_mut() else {
            return Ok(0);
        };
        stream
            .take(MAX_HEADER_LINE_BYTES as u64)
            .read_until(b'\n', line)
    }

    /// Searches for the next line that starts with `WARC/`; false at the
    /// end of the archive.
    fn find_record(&mut self) -> io::Result<bool> {
        let mut line = Vec::new();
        let mut at_line_start = true;
        loop {
            if self.line(&mut line)? == 0 {
                return Ok(false);
            }
            if at_line_start && line.starts_with(b"WARC/") {
                self.pending = Some(line);
                return Ok(true);
            }
            at_line_start = line.ends_with(b"\n");
        }
    }

    /// Reads a header block. `Ok(None)` at the end of the archive; on a
    /// problem, the fields read so far come with the error.
    fn header(&mut self) -> Result<Option<RecordHeader>, Box<(RecordHeader, Error)>> {
        let mut header = RecordHeader::default();
        match self.read_header(&mut header) {
            Ok(true) => Ok(Some(header)),
            Ok(false) => Ok(None),
            Err(e) => Err(Box::new((header, e))),
        }
    }

    /// Fills `header`; false at the end of the archive.
    fn read_header(&mut self, header: &mut RecordHeader) -> Result<bool, Error> {
        let malformed = |what| Error::new(ErrorKind::MalformedWarc(what));
        let mut line = Vec::new();
        match self.pending.take() {
            Some(l) => line = l,
            None => loop {
                // Blank lines between records are tolerated.
                if self.line(&mut line).map_err(read_error)? == 0 {
                    return Ok(false);
                }
                if !line.trim_ascii().is_empty() {
                    break;
                }
            },
        }
        if !line.starts_with(b"WARC/") {
            return Err(malformed("no WARC/ version line"));
        }
        let mut total = line.len();
        loop {
            let n = self.line(&mut line).map_err(read_error)?;
            if n == 0 {
                return Err(Error::new(ErrorKind::Truncated));
            }
            total += n;
            if total > MAX_HEADER_BYTES || n >= MAX_HEADER_LINE_BYTES {
                return Err(malformed("header block too long"));
            }
            if !line.ends_with(b"\n") {
                return Err(Error::new(ErrorKind::Truncated));
            }
            let text = line.trim_ascii_end();
            if text.is_empty() {
                break;
            }
            let Some(colon) = text.iter().position(|&b| b == b':') else {
                continue;
            };
            let name = text[..colon].trim_ascii();
            let value = || String::from_utf8_lossy(text[colon + 1..].trim_ascii()).into_owned();
            let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
            if is("WARC-Record-ID") {
                header.record_id.get_or_insert_with(value);
            } else if is("WARC-Type") {
                header.warc_type.get_or_insert_with(value);
            } else if is("WARC-Target-URI") {
                // WARC 1.0 wrote the URI in angle brackets.
                let uri = value();
                let uri = uri.trim_start_matches('<').trim_end_matches('>');
                header.target_uri.get_or_insert_with(|| uri.to_owned());
            } else if is("WARC-Date") {
                header.date.get_or_insert_with(value);
            } else if is("Content-Type") {
                header.content_type.get_or_insert_with(value);
            } else if is("Content-Length") {
                let length = value()
                    .parse::<u64>()
                    .map_err(|_| malformed("bad Content-Length"))?;
                header.content_length.get_or_insert(length);
            }
        }
        Ok(true)
    }

    /// Reads or passes over the block of a record with this header.
    fn body(&mut self, header: &RecordHeader) -> Result<Body, Error> {
        let Some(length) = header.content_length else {
            return Err(Error::new(ErrorKind::MalformedWarc("no Content-Length")));
        };
        let Some(stream) = self.stream.as_mut() else {
            return Err(Error::new(ErrorKind::Truncated));
        };
        // What to do with the block: keep it, or pass over it and say why.
        let passed: Option<Body> = match header.warc_type.as_deref() {
            None => Some(Body::Failed(Error::new(ErrorKind::MalformedWarc(
                "no WARC-Type",
            )))),
            Some(_) if !header.is_response() => Some(Body::Skipped(Skip::NotResponse)),
            Some(_) if length > self.max_block_bytes as u64 => Some(Body::Skipped(Skip::TooLarge)),
            Some(_) => None,
        };
        let mut block = stream.take(length);
        let Some(passed) = passed else {
            let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
            block.read_to_end(&mut bytes).map_err(read_error)?;
            if (bytes.len() as u64) < length {
                return Err(Error::new(ErrorKind::Truncated));
            }
            self.end_of_record()?;
            return Ok(Body::Block(bytes));
        };
        let copied = io::copy(&mut block, &mut io::sink()).map_err(read_error)?;
        if copied < length {
            return Err(Error::new(ErrorKind::Truncated));
        }
        self.end_of_record()?;
        Ok(passed)
    }

    /// Reads past the blank lines that end a record. In a gzip-per-record
    /// archive this also reads the member's end, where gzip checks its
    /// CRC: a member damaged inside the block fails its own record here,
    /// rather than handing on a corrupt block and failing the next one.
    fn end_of_record(&mut self) -> Result<(), Error> {
        let Some(stream) = self.stream.as_mut() else {
            return Ok(());
        };
        loop {
            let buf = stream.fill_buf().map_err(read_error)?;
            let blank = buf
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            let done = blank < buf.len() || buf.is_empty();
            stream.consume(blank);
            if done {
                return Ok(());
            }
        }
    }
}

/// The error a failed read stands for.
fn read_error(e: io::Error) -> Error {
    match gzip_problem(&e) {
        Some(GzipProblem::Truncated) => Error::new(ErrorKind::Truncated),
        Some(GzipProblem::Corrupt) => Error::new(ErrorKind::BadGzip),
        None if e.kind() == io::ErrorKind::UnexpectedEof => Error::new(ErrorKind::Truncated),
        None => Error::new(ErrorKind::Io(e.to_string())),
    }
}

impl<R: Read> Iterator for Records<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.lost {
            self.lost = false;
            match self.find_record() {
                Ok(true) => {}
                Ok(false) => {
                    self.stream = None;
                    return None;
                }
                Err(e) => {
                    // Another bad gzip member while searching: one more
                    // failure, and the search goes on at the next call.
                    self.lost = true;
                    return Some(Record {
                        header: RecordHeader::default(),
                        body: Body::Failed(read_error(e)),
                    });
                }
            }
        }
        let header = match self.header() {
            Ok(Some(h)) => h,
            Ok(None) => {
                self.stream = None;
                return None;
            }
            Err(failed) => {
                let (header, e) = *failed;
                self.lost = true;
                return Some(Record {
                    header,
                    body: Body::Failed(e),
                });
            }
        };
        let body = match self.body(&header) {
            Ok(body) => body,
            Err(e) => {
                self.lost = true;
                Body::Failed(e)
            }
        };
        Some(Record { header, body })
    }
}

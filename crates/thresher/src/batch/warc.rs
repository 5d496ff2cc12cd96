//! A WARC archive's records through the engine: each [`Record`] that
//! [`crate::input::warc::Records`] reads becomes one [`Processed`] record,
//! extracted, skipped ([`Skip`]) or failed ([`Error`]), and [`row`] turns it
//! into the row `thresher warc` writes and the Python binding yields.
//!
//! [`extract`] does it all in one iterator. For many cores, read with
//! [`Records`] and hand each [`Record`] to a
//! worker that calls [`process`].
//!
//! ```
//! use thresher::batch::warc::{self, Outcome};
//! let html = "<html><body><article><p>A paragraph of the article, long enough \
//!     to be kept as the page's content.</p></article></body></html>";
//! let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
//! let archive = format!(
//!     "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
//!      WARC-Target-URI: https://example.com/a\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
//!     http.len()
//! );
//! let extractor = thresher::Extractor::default();
//! let results: Vec<_> = warc::extract(archive.as_bytes(), &extractor).collect();
//! assert_eq!(results.len(), 1);
//! let Outcome::Extracted(page) = &results[0].outcome else { panic!("extracted") };
//! assert!(page.text.contains("paragraph of the article"));
//! assert_eq!(page.url.as_deref(), Some("https://example.com/a"));
//! ```

use std::io::Read;

use serde_json::{json, Map, Value};

use super::Fate;
use crate::error::{Error, ErrorKind};
use crate::input::warc::{HttpResponse, NoPage, Reason, Record, RecordHeader, Records, Skip};
use crate::render::json;
use crate::{Extraction, Extractor};

/// What became of one record.
#[derive(Debug)]
pub enum Outcome {
    /// Its page was extracted.
    Extracted(Box<Extraction>),
    /// It holds no HTML page.
    Skipped(Skip),
    /// It could not be read or extracted.
    Failed(Error),
}

impl Outcome {
    /// How a [`super::Tally`] counts it: skips by [`Skip::name`], failures
    /// by [`ErrorKind::name`].
    pub fn fate(&self) -> Fate {
        match self {
            Outcome::Extracted(_) => Fate::Extracted,
            Outcome::Skipped(s) => Fate::Skipped(s.name()),
            Outcome::Failed(e) => Fate::Failed(e.kind().name()),
        }
    }
}

/// One record, processed.
#[derive(Debug)]
pub struct Processed {
    /// The record's header.
    pub header: RecordHeader,
    /// The HTTP response's facts, when the record held one that was read.
    pub http: Option<HttpResponse>,
    /// Extracted, skipped or failed.
    pub outcome: Outcome,
}

impl From<NoPage> for Processed {
    fn from(none: NoPage) -> Self {
        Processed {
            header: none.header,
            http: none.http,
            outcome: match none.reason {
                Reason::Skipped(s) => Outcome::Skipped(s),
                Reason::Failed(e) => Outcome::Failed(e),
            },
        }
    }
}

/// Reads, decodes and extracts the record's page.
pub fn process(record: Record, extractor: &Extractor) -> Processed {
    let response = match record.into_response(extractor.config()) {
        Ok(r) => r,
        Err(none) => return Processed::from(*none),
    };
    let outcome = match extractor.extract(&response.page()) {
        Ok(e) => Outcome::Extracted(Box::new(e)),
        // The engine's own refusals of a page are skips here too.
        Err(e) => match e.kind() {
            ErrorKind::Empty => Outcome::Skipped(Skip::Empty),
            ErrorKind::TooLarge { .. } => Outcome::Skipped(Skip::TooLarge),
            ErrorKind::NotText => Outcome::Skipped(Skip::NotHtml),
            _ => Outcome::Failed(e),
        },
    };
    Processed {
        header: response.header,
        http: Some(response.http),
        outcome,
    }
}

/// Extracts every record of an archive, one after the other.
pub fn extract<'e, R: Read + 'e>(
    archive: R,
    extractor: &'e Extractor,
) -> impl Iterator<Item = Processed> + 'e {
    Records::new(archive, extractor.config().max_input_bytes).map(|r| process(r, extractor))
}

/// The fields a WARC record's row has before the document's, in order.
pub const WARC_FIELDS: &[&str] = &[
    "warc_record_id",
    "target_uri",
    "warc_date",
    "http_status",
    "content_type",
    "encoding_source",
];

/// A WARC record's row, as `thresher warc` writes it and the Python
/// binding yields it: the [`WARC_FIELDS`] (`null` where the record did not
/// say; `encoding_source` is known only for an extracted page), then, for
/// an extracted page, the JSON document's fields ([`json::FIELDS`]) with
/// `source` the archive.
pub fn row(p: &Processed, source: Option<&str>) -> Map<String, Value> {
    let http = p.http.as_ref();
    let extraction = match &p.outcome {
        Outcome::Extracted(e) => Some(e),
        Outcome::Skipped(_) | Outcome::Failed(_) => None,
    };
    let mut row = Map::new();
    row.insert("warc_record_id".into(), json!(p.header.record_id));
    row.insert("target_uri".into(), json!(p.header.target_uri));
    row.insert("warc_date".into(), json!(p.header.date));
    row.insert("http_status".into(), json!(http.map(|h| h.status)));
    row.insert(
        "content_type".into(),
        json!(http.and_then(|h| h.content_type.as_deref())),
    );
    row.insert(
        "encoding_source".into(),
        json!(extraction.map(|e| e.encoding_source)),
    );
    if let Some(Value::Object(doc)) = extraction.map(|e| json::to_value(e, source)) {
        row.extend(doc);
    }
    row
}

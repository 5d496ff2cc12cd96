//! The engine's one error type.

use std::fmt;

/// An extraction that could not produce a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input holds no bytes (or only whitespace).
    Empty,
    /// The input is larger than [`crate::Config::max_input_bytes`].
    TooLarge {
        /// Size of the input in bytes.
        bytes: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The input looks like binary data, not a web page.
    NotText,
    /// Extraction ran past the caller's time budget.
    TimeBudgetExceeded,
    /// Elements nest deeper than the reference parser (html5ever, in tests
    /// only) follows. The engine's own parser flattens deep nesting instead
    /// ([`crate::tuning::MAX_TREE_DEPTH`]) and never gives this.
    TooDeep {
        /// The deepest nesting accepted.
        limit: usize,
    },
    /// One element carries more attributes than the reference parser
    /// (html5ever, in tests only) can check in reasonable time. The
    /// engine's own parser drops them instead
    /// ([`crate::tuning::MAX_ATTRIBUTES_PER_ELEMENT`]) and never gives this.
    TooManyAttributes {
        /// The most attributes accepted on one element.
        limit: usize,
    },
    /// A WARC record, or the archive, ends before its `Content-Length`
    /// says it should.
    Truncated,
    /// A gzip member of a WARC archive is corrupt; the reader goes on at
    /// the next member.
    BadGzip,
    /// A WARC record's header block cannot be read as one (no `WARC/`
    /// version line, no `Content-Length`, no `WARC-Type`, too long).
    MalformedWarc(&'static str),
    /// A `response` record's HTTP header block cannot be read.
    MalformedHttp(&'static str),
    /// An HTTP payload's `Content-Encoding` is unknown or its bytes do not
    /// decode.
    BadContentEncoding(String),
    /// The archive could not be read.
    Io(String),
    /// A model ([`crate::Model::parse`]) cannot be read, or was trained on
    /// other features or feature settings than the engine computes.
    Model(String),
}

impl ErrorKind {
    /// A short, stable snake_case name for counting failures by kind
    /// (`thresher warc --stats`).
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::TooLarge { .. } => "too_large",
            ErrorKind::NotText => "not_text",
            ErrorKind::TimeBudgetExceeded => "time_budget",
            ErrorKind::TooDeep { .. } => "too_deep",
            ErrorKind::TooManyAttributes { .. } => "too_many_attributes",
            ErrorKind::Truncated => "truncated",
            ErrorKind::BadGzip => "bad_gzip",
            ErrorKind::MalformedWarc(_) => "malformed_warc",
            ErrorKind::MalformedHttp(_) => "malformed_http",
            ErrorKind::BadContentEncoding(_) => "bad_content_encoding",
            ErrorKind::Io(_) => "io",
            ErrorKind::Model(_) => "model",
        }
    }
}

impl Error {
    /// An error of the given kind.
    pub fn new(kind: ErrorKind) -> Self {
        Error { kind }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Empty => write!(f, "empty input"),
            ErrorKind::TooLarge { bytes, limit } => {
                write!(
                    f,
                    "input of {bytes} bytes exceeds the limit of {limit} bytes"
                )
            }
            ErrorKind::NotText => write!(f, "input is binary, not a web page"),
            ErrorKind::TimeBudgetExceeded => write!(f, "time budget exceeded"),
            ErrorKind::TooDeep { limit } => {
                write!(f, "elements nest deeper than {limit} levels")
            }
            ErrorKind::TooManyAttributes { limit } => {
                write!(f, "an element has more than {limit} attributes")
            }
            ErrorKind::Truncated => write!(f, "record is truncated"),
            ErrorKind::BadGzip => write!(f, "corrupt gzip member"),
            ErrorKind::MalformedWarc(what) => write!(f, "malformed WARC record: {what}"),
            ErrorKind::MalformedHttp(what) => write!(f, "malformed HTTP response: {what}"),
            ErrorKind::BadContentEncoding(what) => {
                write!(f, "cannot undo content encoding: {what}")
            }
            ErrorKind::Io(what) => write!(f, "cannot read archive: {what}"),
            ErrorKind::Model(what) => write!(f, "bad model: {what}"),
        }
    }
}

impl std::error::Error for Error {}

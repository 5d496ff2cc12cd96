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
    /// Elements nest deeper than the parser follows
    /// ([`crate::dom::parse::MAX_NESTING_DEPTH`]).
    TooDeep {
        /// The deepest nesting accepted.
        limit: usize,
    },
    /// One element carries more attributes than the parser can check in
    /// reasonable time ([`crate::input::MAX_ATTRIBUTES_PER_TAG`]).
    TooManyAttributes {
        /// The most attributes accepted on one element.
        limit: usize,
    },
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
        }
    }
}

impl std::error::Error for Error {}

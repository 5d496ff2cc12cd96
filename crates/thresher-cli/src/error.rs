//! The command's one error type. `main` maps it to an exit code.

use std::io;
use std::path::PathBuf;

/// What stopped an input or the whole run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asks for something the command cannot do. Clap's
    /// own parse errors arrive here too, so they print and exit alike.
    #[error(transparent)]
    Usage(#[from] clap::Error),
    /// An input could not be read.
    #[error("cannot read input: {0}")]
    Read(#[source] io::Error),
    /// A directory could not be listed.
    #[error("cannot list directory: {0}")]
    ListDir(#[source] io::Error),
    /// An input is larger than `--max-bytes` (after decompression, for
    /// `.gz` files); it was not read to its end.
    #[error("input exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The WARC record asked for is not in the archive, or holds no page.
    #[error("WARC record {key}: {reason}")]
    Record {
        /// The record's id or target URI, as given.
        key: String,
        /// Why it cannot be explained.
        reason: String,
    },
    /// A URL that cannot be fetched as given.
    #[error("bad URL {0}")]
    BadUrl(String),
    /// The server could not be reached or the transfer broke off.
    #[error("cannot fetch: {0}")]
    Fetch(String),
    /// The server answered with an error status.
    #[error("HTTP status {0}")]
    HttpStatus(u16),
    /// The server answered with something other than a page.
    #[error("not HTML: Content-Type {0:?}")]
    NotHtml(String),
    /// The engine could not extract the page.
    #[error(transparent)]
    Extract(#[from] thresher::Error),
    /// The service could not listen on its address, or stopped serving.
    #[error("cannot serve on {0}: {1}")]
    Listen(std::net::SocketAddr, #[source] io::Error),
    /// The worker threads could not be started.
    #[error("cannot start worker threads: {0}")]
    Threads(#[source] io::Error),
    /// The output could not be written.
    #[error("cannot write {}: {source}", .path.as_ref().map_or("standard output".into(), |p| p.display().to_string()))]
    Write {
        /// The output file, `None` for standard output.
        path: Option<PathBuf>,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// A short, stable snake_case name for counting failures by kind; the
    /// engine's own errors keep their [`thresher::ErrorKind::name`].
    pub fn name(&self) -> &'static str {
        match self {
            Error::Usage(_) => "usage",
            Error::Read(_) => "read",
            Error::ListDir(_) => "list_dir",
            Error::TooLarge { .. } => "too_large",
            Error::Record { .. } => "record",
            Error::BadUrl(_) => "bad_url",
            Error::Fetch(_) => "fetch",
            Error::HttpStatus(_) => "http_status",
            Error::NotHtml(_) => "not_html",
            Error::Extract(e) => e.kind().name(),
            Error::Listen(..) => "listen",
            Error::Threads(_) => "threads",
            Error::Write { .. } => "write",
        }
    }

    /// True when the reader of our output went away (`thresher … | head`):
    /// not a failure, just the end of the run.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

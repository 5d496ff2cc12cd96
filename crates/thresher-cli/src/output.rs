//! Where results go: standard output or `-o FILE`, buffered.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// The run's output stream.
pub struct Output {
    writer: BufWriter<Box<dyn Write>>,
    /// The file written, `None` for standard output; named in errors.
    path: Option<PathBuf>,
}

impl Output {
    /// Opens `path` for writing (creating or truncating it), or standard
    /// output when `None`.
    pub fn open(path: Option<&Path>) -> Result<Output, Error> {
        let writer: Box<dyn Write> = match path {
            Some(p) => Box::new(File::create(p).map_err(|source| Error::Write {
                path: Some(p.to_path_buf()),
                source,
            })?),
            None => Box::new(io::stdout().lock()),
        };
        Ok(Output {
            writer: BufWriter::new(writer),
            path: path.map(Path::to_path_buf),
        })
    }

    /// Writes `text` and ends it with a newline if it does not end with one.
    pub fn line(&mut self, text: &str) -> Result<(), Error> {
        let result = self.writer.write_all(text.as_bytes()).and_then(|()| {
            if text.ends_with('\n') {
                Ok(())
            } else {
                self.writer.write_all(b"\n")
            }
        });
        result.map_err(|e| self.error(e))
    }

    /// Flushes what is buffered.
    pub fn finish(mut self) -> Result<(), Error> {
        self.writer.flush().map_err(|e| self.error(e))
    }

    fn error(&self, source: io::Error) -> Error {
        Error::Write {
            path: self.path.clone(),
            source,
        }
    }
}

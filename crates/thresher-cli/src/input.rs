//! Finding and reading pages: directories searched recursively, gzip
//! undone, standard input read once. Reads stop at the size limit so that a
//! huge file or a gzip bomb cannot exhaust memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use crate::args::Source;
use crate::error::Error;

/// Extensions of the pages a directory search picks up, each also with
/// `.gz` after it. Compared without regard to case.
const PAGE_EXTENSIONS: [&str; 3] = ["html", "htm", "xhtml"];

/// One input to extract, or a path that could not be searched.
#[derive(Debug)]
pub enum Found {
    /// A page to read.
    Page(Source),
    /// A directory that could not be listed; becomes a failed record.
    Unlisted(PathBuf, Error),
}

impl Found {
    /// The name records use for it.
    pub fn name(&self) -> String {
        match self {
            Found::Page(s) => s.name(),
            Found::Unlisted(p, _) => p.display().to_string(),
        }
    }
}

/// Expands `sources` in the order given: a directory becomes the pages
/// under it, sorted by path so that output order does not depend on the
/// file system; anything else is taken as it is.
pub fn find(sources: &[Source]) -> Vec<Found> {
    let mut found = Vec::new();
    for source in sources {
        match source {
            Source::Path(p) if p.is_dir() => {
                let mut pages = Vec::new();
                search(p, &mut pages, &mut found);
                pages.sort();
                found.extend(pages.into_iter().map(|p| Found::Page(Source::Path(p))));
            }
            other => found.push(Found::Page(other.clone())),
        }
    }
    found
}

/// Collects the pages under `dir` without recursion (trees can be deep).
/// Symbolic links to directories are not followed, so a link cycle cannot
/// loop; links to files are read.
fn search(dir: &Path, pages: &mut Vec<PathBuf>, failed: &mut Vec<Found>) {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(e) => {
                failed.push(Found::Unlisted(d, Error::ListDir(e)));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    failed.push(Found::Unlisted(d.clone(), Error::ListDir(e)));
                    continue;
                }
            };
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => pending.push(path),
                Ok(t) if (t.is_file() || (t.is_symlink() && path.is_file())) && is_page(&path) => {
                    pages.push(path);
                }
                _ => {}
            }
        }
    }
}

/// True for `x.html`, `x.htm`, `x.xhtml` and each of those with `.gz`.
fn is_page(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    PAGE_EXTENSIONS.iter().any(|ext| {
        name.strip_suffix(ext)
            .is_some_and(|stem| stem.ends_with('.'))
    })
}

/// Reads a page's bytes, undoing gzip for `.gz` files, refusing more than
/// `limit` bytes. URLs are fetched, not read ([`crate::fetch`]).
pub fn read(source: &Source, limit: usize) -> Result<Vec<u8>, Error> {
    match source {
        Source::Url(u) => Err(Error::BadUrl(format!("{u}: fetched, not read"))),
        Source::Stdin => read_limited(io::stdin().lock(), limit, 0),
        Source::Path(p) => {
            let file = File::open(p).map_err(Error::Read)?;
            let gz = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
            if gz {
                read_limited(MultiGzDecoder::new(file), limit, 0)
            } else {
                // Sized from the file, the buffer is allocated once: grown by
                // doubling it would reach up to twice the page's size.
                let size = file.metadata().map_or(0, |m| m.len());
                read_limited(file, limit, usize::try_from(size).unwrap_or(usize::MAX))
            }
        }
    }
}

/// Reads at most `limit` bytes; `expected` (0 when unknown) sizes the
/// buffer up front.
fn read_limited(reader: impl Read, limit: usize, expected: usize) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::with_capacity(expected.min(limit).saturating_add(1));
    // One byte past the limit tells "exactly at the limit" from "over it".
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(cap)
        .read_to_end(&mut bytes)
        .map_err(Error::Read)?;
    if bytes.len() > limit {
        return Err(Error::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_extensions() {
        for yes in ["a.html", "a.HTM", "b.xhtml", "c.html.gz", "d.Htm.GZ"] {
            assert!(is_page(Path::new(yes)), "{yes}");
        }
        for no in ["a.txt", "html", "a.gz", "a.shtml", "a.html.bz2", ".gz"] {
            assert!(!is_page(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn reads_stop_past_the_limit() {
        assert_eq!(read_limited(&b"12345"[..], 5, 0).expect("fits"), b"12345");
        assert!(matches!(
            read_limited(&b"123456"[..], 5, 3),
            Err(Error::TooLarge { limit: 5 })
        ));
    }
}

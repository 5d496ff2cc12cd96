//! What the training and evaluation examples share: reading a benchmark's
//! pages, and the CPU clock.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A page of a corpus: its id (the file stem, or the record's `id`) and
/// its bytes.
pub struct CorpusPage {
    pub id: String,
    pub bytes: Vec<u8>,
}

/// Every page of a WCXB-style folder (`DIR/html/ID.html[.gz]`), by id.
pub fn html_pages(dir: &Path) -> std::io::Result<Vec<CorpusPage>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let id = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.split('.').next())
                .unwrap_or_default()
                .to_owned();
            let raw = std::fs::read(&path)?;
            let bytes = if path.extension().is_some_and(|e| e == "gz") {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
                out
            } else {
                raw
            };
            Ok(CorpusPage { id, bytes })
        })
        .collect()
}

/// Every record of a captured-text corpus (JSON Lines, optionally gzipped,
/// of `{"id", "text"}`), in order.
pub fn text_pages(path: &Path) -> Result<Vec<CorpusPage>, Box<dyn std::error::Error>> {
    let file = std::fs::File::open(path)?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut pages = Vec::new();
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let obj: serde_json::Value = serde_json::from_str(&line)?;
        let id = obj["id"]
            .as_str()
            .ok_or("a record without an id")?
            .to_owned();
        let text = obj["text"].as_str().unwrap_or("").to_owned();
        pages.push(CorpusPage {
            id,
            bytes: text.into_bytes(),
        });
    }
    Ok(pages)
}

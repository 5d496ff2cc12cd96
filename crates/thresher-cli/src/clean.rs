//! `thresher clean`: text mode. One captured text printed in a format, or a
//! JSON Lines corpus cleaned field by field on all cores.
//!
//! In a corpus, every object is written back, in input order, with its text
//! field replaced by the cleaned text and a `removed` list added (the same
//! entries as `-f json`'s); every other field is kept. An object whose
//! field is missing or whose line is not JSON is written back with an
//! `"error"` and counted as failed; an empty text is cleaned to an empty
//! text.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};
use std::time::Instant;

use flate2::read::MultiGzDecoder;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{json, Map, Value};
use thresher::render::json;
use thresher::{ErrorKind, Extractor, Format, Tuning};

use crate::args::{CleanMode, CleanOptions, Source};
use crate::error::Error;
use crate::extract::Summary;
use crate::input;
use crate::output::Output;

/// Objects handed to the thread pool at once, per thread; output keeps
/// input order, so a window is finished before the next starts.
const WINDOW_RECORDS_PER_THREAD: usize = 256;

/// The progress bar's look: a corpus is measured in bytes read.
const PROGRESS_TEMPLATE: &str = "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes}, {eta} left";

/// The key of the list of removed lines added to each object.
const REMOVED_KEY: &str = "removed";

/// Runs `thresher clean`.
pub fn run(options: &CleanOptions, out: &mut Output) -> Result<Summary, Error> {
    match &options.mode {
        CleanMode::Single(format) => single(options, *format, out),
        CleanMode::Jsonl { field } => {
            let summary = corpus(options, field, out)?;
            eprintln!("thresher: {summary}");
            Ok(summary)
        }
    }
}

fn extractor(options: &CleanOptions) -> Extractor {
    Extractor::new(options.config.clone(), Tuning::default())
}

/// Cleans one text and writes it in `format`; a failure goes to stderr.
fn single(options: &CleanOptions, format: Format, out: &mut Output) -> Result<Summary, Error> {
    let start = Instant::now();
    let name = options.source.name();
    let cleaned = input::read(&options.source, options.config.max_input_bytes).and_then(|bytes| {
        let text = String::from_utf8_lossy(&bytes);
        Ok(extractor(options).extract_text(&text)?)
    });
    let failed = match cleaned {
        Ok(e) => {
            let rendered = match format {
                Format::Json => json::render(&e, Some(&name)),
                other => e.render(other),
            };
            out.line(&rendered)?;
            0
        }
        Err(e) => {
            eprintln!("thresher: {name}: {e}");
            1
        }
    };
    Ok(Summary {
        pages: 1,
        failed,
        elapsed: start.elapsed(),
    })
}

/// Opens a corpus, undoing gzip (`.gz`) or Zstandard (`.zst`) by its name.
fn open_corpus(source: &Source, progress: &ProgressBar) -> Result<Box<dyn BufRead>, Error> {
    let path = match source {
        Source::Stdin => return Ok(Box::new(BufReader::new(io::stdin()))),
        Source::Path(p) => p,
    };
    let file = File::open(path).map_err(Error::Read)?;
    progress.set_length(file.metadata().map(|m| m.len()).unwrap_or(0));
    let counted = input::Counted {
        inner: file,
        progress: progress.clone(),
    };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    Ok(if ext.eq_ignore_ascii_case("gz") {
        Box::new(BufReader::new(MultiGzDecoder::new(counted)))
    } else if ext.eq_ignore_ascii_case("zst") {
        let decoder = ruzstd::StreamingDecoder::new(counted)
            .map_err(|e| Error::Read(io::Error::new(io::ErrorKind::InvalidData, e.to_string())))?;
        Box::new(BufReader::new(decoder))
    } else {
        Box::new(BufReader::new(counted))
    })
}

/// Cleans `field` of every object of the corpus on `options.jobs` threads.
fn corpus(options: &CleanOptions, field: &str, out: &mut Output) -> Result<Summary, Error> {
    let start = Instant::now();
    let progress = progress_bar();
    let mut reader = open_corpus(&options.source, &progress)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = options.jobs {
        pool = pool.num_threads(jobs.get());
    }
    let pool = pool.build().map_err(Error::Threads)?;
    let extractor = extractor(options);
    let window = pool.current_num_threads().max(1) * WINDOW_RECORDS_PER_THREAD;
    let (mut records, mut failed) = (0usize, 0usize);
    let mut lines: Vec<String> = Vec::with_capacity(window);
    loop {
        lines.clear();
        while lines.len() < window {
            let mut line = String::new();
            if reader.read_line(&mut line).map_err(Error::Read)? == 0 {
                break;
            }
            if !line.trim().is_empty() {
                lines.push(line);
            }
        }
        if lines.is_empty() {
            break;
        }
        let cleaned: Vec<(String, bool)> = pool.install(|| {
            lines
                .par_iter()
                .map(|l| clean_record(l, field, &extractor))
                .collect()
        });
        for (line, ok) in cleaned {
            out.line(&line)?;
            failed += usize::from(!ok);
        }
        records += lines.len();
    }
    progress.finish_and_clear();
    Ok(Summary {
        pages: records,
        failed,
        elapsed: start.elapsed(),
    })
}

/// One object with `field` cleaned, and whether that worked.
fn clean_record(line: &str, field: &str, extractor: &Extractor) -> (String, bool) {
    let mut obj: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(obj)) => obj,
        Ok(_) => return (json!({"error": "not a JSON object"}).to_string(), false),
        Err(e) => {
            return (
                json!({"error": format!("not JSON: {e}")}).to_string(),
                false,
            )
        }
    };
    let Some(Value::String(text)) = obj.get(field) else {
        obj.insert("error".into(), json!(format!("no string field {field:?}")));
        return (Value::Object(obj).to_string(), false);
    };
    let ok = match extractor.extract_text(text) {
        Ok(e) => {
            let removed = json::removed(&e);
            obj.insert(field.to_owned(), Value::String(e.text));
            obj.insert(REMOVED_KEY.into(), Value::Array(removed));
            true
        }
        Err(e) if *e.kind() == ErrorKind::Empty => {
            obj.insert(field.to_owned(), Value::String(String::new()));
            obj.insert(REMOVED_KEY.into(), Value::Array(Vec::new()));
            true
        }
        Err(e) => {
            obj.insert("error".into(), json!(e.to_string()));
            false
        }
    };
    (Value::Object(obj).to_string(), ok)
}

/// A progress bar on stderr when a person is watching it, else nothing.
fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template(PROGRESS_TEMPLATE)
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(0).with_style(style)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Menu\nHome\n\nThe council voted on Tuesday to rebuild the old bridge over the river, ending a debate that had gone on for years.\n\nEngineers will start work in the spring, and the council expects the new bridge to open within two years of that.\n\nResidents of the east bank, who have driven a long way round since the bridge closed, welcomed the decision at the meeting.\n\nSign up for our newsletter\n";

    #[test]
    fn a_record_keeps_its_other_fields_and_gains_removed() {
        let line = json!({"id": 7, "text": STORY, "url": "https://a.example/x"}).to_string();
        let (out, ok) = clean_record(&line, "text", &Extractor::default());
        assert!(ok);
        let v: Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["id"], 7);
        assert_eq!(v["url"], "https://a.example/x");
        let text = v["text"].as_str().expect("text");
        assert!(text.contains("old bridge") && !text.contains("newsletter"));
        let removed = v["removed"].as_array().expect("removed");
        assert!(removed.iter().any(|r| r["label"] == "newsletter"));
    }

    #[test]
    fn bad_records_are_reported_not_dropped() {
        let e = Extractor::default();
        let (out, ok) = clean_record("{\"id\": 1}", "text", &e);
        assert!(!ok);
        let v: Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["id"], 1);
        assert!(v["error"].is_string());
        assert!(!clean_record("not json", "text", &e).1);
        let (out, ok) = clean_record("{\"text\": \"  \"}", "text", &e);
        assert!(ok);
        assert_eq!(
            serde_json::from_str::<Value>(&out).expect("json")["text"],
            ""
        );
    }
}

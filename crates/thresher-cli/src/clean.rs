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
use std::io::{self, BufRead, BufReader};
use std::time::Instant;

use flate2::read::MultiGzDecoder;
use serde_json::{json, Map, Value};
use thresher::batch::Fate;
use thresher::render::json;
use thresher::{ErrorKind, Extractor, Format, Tuning};

use crate::args::{CleanMode, CleanOptions, Source};
use crate::error::Error;
use crate::input;
use crate::output::Output;
use crate::runner::{self, Progress, Summary};

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
    let fate = match cleaned {
        Ok(e) => {
            let rendered = match format {
                Format::Json => json::render(&e, Some(&name)),
                other => e.render(other),
            };
            out.line(&rendered)?;
            Fate::Extracted
        }
        Err(e) => {
            eprintln!("thresher: {name}: {e}");
            Fate::Failed(e.name())
        }
    };
    Ok(Summary::one(fate, start.elapsed()))
}

/// Opens a corpus, undoing gzip (`.gz`) or Zstandard (`.zst`) by its name.
fn open_corpus(source: &Source, progress: &Progress) -> Result<Box<dyn BufRead + Send>, Error> {
    let path = match source {
        Source::Stdin => return Ok(Box::new(BufReader::new(io::stdin()))),
        Source::Path(p) => p,
        Source::Url(u) => return Err(Error::BadUrl(format!("{u}: a corpus is read from a file"))),
    };
    let file = File::open(path).map_err(Error::Read)?;
    progress.set_total(file.metadata().map(|m| m.len()).unwrap_or(0));
    let counted = progress.reading(file);
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
    let progress = Progress::bytes(0);
    let reader = open_corpus(&options.source, &progress)?;
    let extractor = extractor(options);
    runner::run(
        options.jobs,
        &progress,
        objects(reader),
        |line| clean_record(&line, field, &extractor),
        |line| out.line(&line),
    )
}

/// The corpus's lines that hold something, in order; a read error ends
/// them.
fn objects(reader: impl BufRead) -> impl Iterator<Item = Result<String, Error>> {
    reader
        .lines()
        .map(|line| line.map_err(Error::Read))
        .filter(|line| line.as_ref().map_or(true, |l| !l.trim().is_empty()))
}

/// One object with `field` cleaned, and what became of it.
fn clean_record(line: &str, field: &str, extractor: &Extractor) -> (String, Fate) {
    let mut obj: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(obj)) => obj,
        Ok(_) => {
            let line = json!({"error": "not a JSON object"}).to_string();
            return (line, Fate::Failed("not_an_object"));
        }
        Err(e) => {
            let line = json!({"error": format!("not JSON: {e}")}).to_string();
            return (line, Fate::Failed("not_json"));
        }
    };
    let Some(Value::String(text)) = obj.get(field) else {
        obj.insert("error".into(), json!(format!("no string field {field:?}")));
        return (Value::Object(obj).to_string(), Fate::Failed("no_field"));
    };
    let fate = match extractor.extract_text(text) {
        Ok(e) => {
            let removed = json::removed(&e);
            obj.insert(field.to_owned(), Value::String(e.text));
            obj.insert(REMOVED_KEY.into(), Value::Array(removed));
            Fate::Extracted
        }
        Err(e) if *e.kind() == ErrorKind::Empty => {
            obj.insert(field.to_owned(), Value::String(String::new()));
            obj.insert(REMOVED_KEY.into(), Value::Array(Vec::new()));
            Fate::Extracted
        }
        Err(e) => {
            obj.insert("error".into(), json!(e.to_string()));
            Fate::Failed(e.kind().name())
        }
    };
    (Value::Object(obj).to_string(), fate)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Menu\nHome\n\nThe council voted on Tuesday to rebuild the old bridge over the river, ending a debate that had gone on for years.\n\nEngineers will start work in the spring, and the council expects the new bridge to open within two years of that.\n\nResidents of the east bank, who have driven a long way round since the bridge closed, welcomed the decision at the meeting.\n\nSign up for our newsletter\n";

    #[test]
    fn a_record_keeps_its_other_fields_and_gains_removed() {
        let line = json!({"id": 7, "text": STORY, "url": "https://a.example/x"}).to_string();
        let (out, fate) = clean_record(&line, "text", &Extractor::default());
        assert_eq!(fate, Fate::Extracted);
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
        let (out, fate) = clean_record("{\"id\": 1}", "text", &e);
        assert_eq!(fate, Fate::Failed("no_field"));
        let v: Value = serde_json::from_str(&out).expect("json");
        assert_eq!(v["id"], 1);
        assert!(v["error"].is_string());
        assert_eq!(
            clean_record("not json", "text", &e).1,
            Fate::Failed("not_json")
        );
        assert_eq!(
            clean_record("[1]", "text", &e).1,
            Fate::Failed("not_an_object")
        );
        let (out, fate) = clean_record("{\"text\": \"  \"}", "text", &e);
        assert_eq!(fate, Fate::Extracted);
        assert_eq!(
            serde_json::from_str::<Value>(&out).expect("json")["text"],
            ""
        );
    }
}

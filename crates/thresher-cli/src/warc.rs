//! `thresher warc`: every HTML page of WARC archives, on all cores, with
//! bounded memory.
//!
//! The archives' records are read in order and go through the [`runner`]:
//! workers read each record's HTTP response, extract its page and build its
//! row ([`thresher::batch::warc`]), and the rows are written in archive
//! order. Each record read is counted once: extracted, skipped (by reason)
//! or failed (by error); the run's counts go to stderr and `--stats`, the
//! records not extracted to `--skipped`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};
use thresher::batch::warc::{self as batch, Outcome, Processed};
use thresher::input::warc::{Body, Record, RecordHeader, Records};
use thresher::{Extractor, Tuning};

use crate::args::WarcOptions;
use crate::error::Error;
use crate::rows::Rows;
use crate::runner::{self, Progress, Summary};

/// What became of one record, as the writer needs it.
enum Done {
    /// The page's row.
    Row(Map<String, Value>),
    /// Not extracted: the record, its archive, and why.
    NotExtracted {
        source: String,
        header: RecordHeader,
        failed: bool,
        reason: &'static str,
        message: String,
    },
}

/// The line printed on stderr at the end of a run.
fn report(summary: &Summary, bytes: u64) -> String {
    let t = &summary.tally;
    let secs = summary.elapsed.as_secs_f64().max(1e-9);
    let list = |m: &std::collections::BTreeMap<&str, u64>| {
        if m.is_empty() {
            return String::new();
        }
        let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k} {v}")).collect();
        format!(" ({})", parts.join(", "))
    };
    format!(
        "{} records: {} extracted, {} skipped{}, {} failed{}; {:.1} MB/s, {:.1} pages/s",
        t.records(),
        t.extracted(),
        t.skipped_total(),
        list(t.skipped()),
        t.failed_total(),
        list(t.failed()),
        bytes as f64 / 1e6 / secs,
        t.extracted() as f64 / secs,
    )
}

/// Runs `thresher warc`.
pub fn run(options: &WarcOptions) -> Result<Summary, Error> {
    let mut rows = Rows::create(options.output.as_deref(), options.format)?;
    let mut skipped = match &options.skipped {
        Some(p) => Some((
            BufWriter::new(File::create(p).map_err(|e| write_error(p, e))?),
            p.as_path(),
        )),
        None => None,
    };
    let total: u64 = options
        .paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let progress = Progress::bytes(total);
    let extractor = Extractor::new(options.config.clone(), Tuning::default());
    let summary = runner::run(
        options.jobs,
        &progress,
        records(&options.paths, options.config.max_input_bytes, &progress).map(Ok),
        |(source, record)| {
            let processed = batch::process(record, &extractor);
            let fate = processed.outcome.fate();
            (finish(processed, source), fate)
        },
        |done| write(done, &mut rows, skipped.as_mut()),
    )?;
    rows.finish()?;
    if let Some((w, p)) = skipped.as_mut() {
        w.flush().map_err(|e| write_error(p, e))?;
    }
    if let Some(p) = &options.stats {
        let text = format!("{}\n", summary.tally.to_json());
        std::fs::write(p, text).map_err(|e| write_error(p, e))?;
    }
    eprintln!("thresher: {}", report(&summary, total));
    Ok(summary)
}

fn write_error(path: &Path, source: io::Error) -> Error {
    Error::Write {
        path: Some(path.to_path_buf()),
        source,
    }
}

/// Every record of every archive, in order, with its archive's name. An
/// archive that cannot be opened is one failed record.
fn records<'a>(
    paths: &'a [PathBuf],
    max_block_bytes: usize,
    progress: &'a Progress,
) -> impl Iterator<Item = (String, Record)> + Send + 'a {
    paths.iter().flat_map(move |path| {
        let name = path.display().to_string();
        let records: Box<dyn Iterator<Item = Record> + Send> = match File::open(path) {
            Ok(file) => Box::new(Records::new(progress.reading(file), max_block_bytes)),
            Err(e) => Box::new(std::iter::once(Record {
                header: RecordHeader::default(),
                body: Body::Failed(thresher::Error::new(thresher::ErrorKind::Io(e.to_string()))),
            })),
        };
        records.map(move |r| (name.clone(), r))
    })
}

/// A processed record as a row, or as the reason it has none.
fn finish(p: Processed, source: String) -> Done {
    let (failed, reason, message) = match &p.outcome {
        Outcome::Extracted(_) => return Done::Row(batch::row(&p, Some(&source))),
        Outcome::Skipped(s) => (false, s.name(), String::new()),
        Outcome::Failed(e) => (true, e.kind().name(), e.to_string()),
    };
    let header = p.header;
    Done::NotExtracted {
        source,
        header,
        failed,
        reason,
        message,
    }
}

/// Writes a row, or lists the record in `--skipped`.
fn write(
    done: Done,
    rows: &mut Rows,
    skipped: Option<&mut (BufWriter<File>, &Path)>,
) -> Result<(), Error> {
    match done {
        Done::Row(row) => rows.write(row),
        Done::NotExtracted {
            source,
            header,
            failed,
            reason,
            message,
        } => {
            let Some((w, path)) = skipped else {
                return Ok(());
            };
            let mut line = json!({
                "source": source,
                "warc_record_id": header.record_id,
                "target_uri": header.target_uri,
            });
            line[if failed { "error" } else { "reason" }] = json!(reason);
            if failed {
                line["message"] = json!(message);
            }
            writeln!(w, "{line}").map_err(|e| write_error(path, e))
        }
    }
}

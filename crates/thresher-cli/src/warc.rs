//! `thresher warc`: every HTML page of WARC archives, on all cores, with
//! bounded memory.
//!
//! One thread reads records in order and hands them through a bounded
//! channel to the workers, which read the HTTP response, extract the page
//! and build its row; this thread puts the rows back in archive order and
//! writes them. At most [`IN_FLIGHT_PER_WORKER`] records per worker are
//! between the reader and the writer at any time, so memory depends on the
//! number of workers and the size limit, not on the archive's size.
//!
//! Rows are written in archive order. Each record read is counted once:
//! extracted, skipped (by reason) or failed (by error); the run's counts go
//! to stderr and `--stats`, the records not extracted to `--skipped`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Map, Value};
use thresher::batch::warc::{self as batch, Outcome, Processed};
use thresher::input::warc::{Record, RecordHeader, Records};
use thresher::{Extractor, Tuning};

use crate::args::WarcOptions;
use crate::error::Error;
use crate::extract::Summary;
use crate::input;
use crate::rows::Rows;

/// Records per worker that may be read but not yet written. Enough to keep
/// the workers busy while one slow page holds up the ordered output; few
/// enough that memory stays small (each record is at most `--max-bytes`).
const IN_FLIGHT_PER_WORKER: usize = 16;

/// Rows written between updates of the progress bar's message.
const PROGRESS_EVERY_ROWS: u64 = 64;

/// The progress bar's look: archive bytes read, and records and pages.
const PROGRESS_TEMPLATE: &str =
    "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} ({bytes_per_sec}) {msg}";

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

/// Counts of a run.
#[derive(Debug, Default)]
pub struct Counts {
    records: u64,
    extracted: u64,
    skipped: BTreeMap<&'static str, u64>,
    failed: BTreeMap<&'static str, u64>,
    bytes: u64,
    elapsed: Duration,
}

impl Counts {
    fn failed_total(&self) -> u64 {
        self.failed.values().sum()
    }

    fn to_json(&self) -> Value {
        json!({
            "records": self.records,
            "extracted": self.extracted,
            "skipped": self.skipped,
            "failed": self.failed,
        })
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let list = |m: &BTreeMap<&str, u64>| {
            if m.is_empty() {
                return String::new();
            }
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k} {v}")).collect();
            format!(" ({})", parts.join(", "))
        };
        write!(
            f,
            "{} records: {} extracted, {} skipped{}, {} failed{}; {:.1} MB/s, {:.1} pages/s",
            self.records,
            self.extracted,
            self.skipped.values().sum::<u64>(),
            list(&self.skipped),
            self.failed_total(),
            list(&self.failed),
            self.bytes as f64 / 1e6 / secs,
            self.extracted as f64 / secs,
        )
    }
}

/// One record for a worker: its number in the run, its archive's name.
type Work = (u64, String, Record);

/// Runs `thresher warc`.
pub fn run(options: &WarcOptions) -> Result<Summary, Error> {
    let start = Instant::now();
    let jobs = options
        .jobs
        .map(|j| j.get())
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1);
    let mut rows = Rows::create(options.output.as_deref(), options.format)?;
    let mut skipped = match &options.skipped {
        Some(p) => Some(BufWriter::new(
            File::create(p).map_err(|e| write_error(p, e))?,
        )),
        None => None,
    };
    let total: u64 = options
        .paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let progress = progress_bar(total);
    let extractor = Extractor::new(options.config.clone(), Tuning::default());
    let in_flight = jobs * IN_FLIGHT_PER_WORKER;
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(in_flight);
    let (done_tx, done_rx) = mpsc::sync_channel::<(u64, Done)>(in_flight);
    // Tokens: the reader takes one per record, the writer gives it back
    // once the record is written.
    let (slot_tx, slot_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = slot_tx.send(());
    }
    let work_rx = Mutex::new(work_rx);
    let mut counts = Counts::default();
    let written = std::thread::scope(|scope| {
        let reader_progress = progress.clone();
        let paths = &options.paths;
        let max = options.config.max_input_bytes;
        scope.spawn(move || read_all(paths, max, &reader_progress, work_tx, slot_rx));
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (work_rx, extractor) = (&work_rx, &extractor);
            scope.spawn(move || work(work_rx, extractor, done_tx));
        }
        drop(done_tx);
        write_in_order(
            done_rx,
            slot_tx,
            &mut rows,
            skipped.as_mut().zip(options.skipped.as_deref()),
            &mut counts,
            &progress,
        )
    });
    progress.finish_and_clear();
    written?;
    rows.finish()?;
    if let (Some(w), Some(p)) = (skipped.as_mut(), &options.skipped) {
        w.flush().map_err(|e| write_error(p, e))?;
    }
    counts.bytes = total;
    counts.elapsed = start.elapsed();
    if let Some(p) = &options.stats {
        let text = format!("{}\n", counts.to_json());
        std::fs::write(p, text).map_err(|e| write_error(p, e))?;
    }
    eprintln!("thresher: {counts}");
    Ok(Summary {
        pages: usize::try_from(counts.records).unwrap_or(usize::MAX),
        failed: usize::try_from(counts.failed_total()).unwrap_or(usize::MAX),
        elapsed: counts.elapsed,
    })
}

fn write_error(path: &Path, source: io::Error) -> Error {
    Error::Write {
        path: Some(path.to_path_buf()),
        source,
    }
}

/// The reader thread: every record of every archive, in order. An archive
/// that cannot be opened is one failed record.
fn read_all(
    paths: &[PathBuf],
    max_block_bytes: usize,
    progress: &ProgressBar,
    work: SyncSender<Work>,
    slots: Receiver<()>,
) {
    let mut seq = 0u64;
    for path in paths {
        let name = path.display().to_string();
        let records: Box<dyn Iterator<Item = Record>> = match File::open(path) {
            Ok(file) => {
                let counted = input::Counted {
                    inner: file,
                    progress: progress.clone(),
                };
                Box::new(Records::new(counted, max_block_bytes))
            }
            Err(e) => Box::new(std::iter::once(Record {
                header: RecordHeader::default(),
                body: thresher::input::warc::Body::Failed(thresher::Error::new(
                    thresher::ErrorKind::Io(e.to_string()),
                )),
            })),
        };
        for record in records {
            // No slot or no worker left: the writer has stopped.
            if slots.recv().is_err() || work.send((seq, name.clone(), record)).is_err() {
                return;
            }
            seq += 1;
        }
    }
}

/// A worker: records in, rows or reasons out.
fn work(records: &Mutex<Receiver<Work>>, extractor: &Extractor, done: SyncSender<(u64, Done)>) {
    loop {
        let next = match records.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, source, record)) = next else {
            return;
        };
        let processed = batch::process(record, extractor);
        if done.send((seq, finish(processed, source))).is_err() {
            return;
        }
    }
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

/// The writer: puts results back in record order, writes and counts them.
fn write_in_order(
    done: Receiver<(u64, Done)>,
    slots: SyncSender<()>,
    rows: &mut Rows,
    mut skipped: Option<(&mut BufWriter<File>, &Path)>,
    counts: &mut Counts,
    progress: &ProgressBar,
) -> Result<(), Error> {
    let mut waiting: HashMap<u64, Done> = HashMap::new();
    let mut next = 0u64;
    let start = Instant::now();
    for (seq, d) in done {
        waiting.insert(seq, d);
        while let Some(d) = waiting.remove(&next) {
            next += 1;
            counts.records += 1;
            match d {
                Done::Row(row) => {
                    counts.extracted += 1;
                    rows.write(row)?;
                }
                Done::NotExtracted {
                    source,
                    header,
                    failed,
                    reason,
                    message,
                } => {
                    let map = if failed {
                        &mut counts.failed
                    } else {
                        &mut counts.skipped
                    };
                    *map.entry(reason).or_default() += 1;
                    if let Some((w, path)) = skipped.as_mut() {
                        let mut line = json!({
                            "source": source,
                            "warc_record_id": header.record_id,
                            "target_uri": header.target_uri,
                        });
                        line[if failed { "error" } else { "reason" }] = json!(reason);
                        if failed {
                            line["message"] = json!(message);
                        }
                        writeln!(w, "{line}").map_err(|e| write_error(path, e))?;
                    }
                }
            }
            // The reader may be waiting for this slot; it is gone only
            // when reading has ended.
            let _ = slots.send(());
            if counts.records % PROGRESS_EVERY_ROWS == 0 {
                let rate = counts.extracted as f64 / start.elapsed().as_secs_f64().max(1e-9);
                progress.set_message(format!(
                    "{} records, {} pages, {rate:.0} pages/s",
                    counts.records, counts.extracted
                ));
            }
        }
    }
    Ok(())
}

/// A progress bar on stderr when a person is watching it, else nothing.
fn progress_bar(total: u64) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template(PROGRESS_TEMPLATE)
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(total).with_style(style)
}

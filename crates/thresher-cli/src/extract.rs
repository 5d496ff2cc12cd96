//! `thresher extract`: one page printed in a format, or many pages as JSON
//! Lines on all cores.
//!
//! A page that fails is reported (on stderr for one page, as a record with
//! `"error"` in a batch) and counted in the [`Summary`]; only problems with
//! the run itself (the output, the threads) end it early as an [`Error`].

use std::fmt;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use thresher::render::json;
use thresher::{Extraction, Extractor, Format, Page, Tuning};

use crate::args::{Options, Source};
use crate::error::Error;
use crate::input::{self, Found};
use crate::output::Output;

/// Pages handed to the thread pool at once, per thread. Output is written
/// in input order, so a window is finished before the next starts: larger
/// windows waste less time waiting on one slow page, smaller ones hold fewer
/// results in memory.
const WINDOW_PAGES_PER_THREAD: usize = 64;

/// The progress bar's look.
const PROGRESS_TEMPLATE: &str = "{elapsed_precise} [{wide_bar}] {pos}/{len} pages, {eta} left";

/// What a run did.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    /// Inputs processed.
    pub pages: usize,
    /// Inputs that gave no extraction.
    pub failed: usize,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.pages as f64 / secs
        } else {
            0.0
        };
        write!(
            f,
            "{} pages, {} failed, {rate:.1} pages/s",
            self.pages, self.failed
        )
    }
}

/// Reads and extracts one page.
fn extract(source: &Source, options: &Options, extractor: &Extractor) -> Result<Extraction, Error> {
    let bytes = input::read(source, options.config.max_input_bytes)?;
    let mut page = Page::from_bytes(&bytes);
    if let Some(url) = &options.url {
        page = page.with_url(url);
    }
    Ok(extractor.extract(&page)?)
}

fn extractor(options: &Options) -> Extractor {
    Extractor::new(options.config.clone(), Tuning::default())
}

/// Extracts `source` and writes it in `format`; a failure goes to stderr.
pub fn single(
    source: &Source,
    format: Format,
    options: &Options,
    out: &mut Output,
) -> Result<Summary, Error> {
    let start = Instant::now();
    let name = source.name();
    let failed = match extract(source, options, &extractor(options)) {
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

/// Extracts every page under `options.sources` on `options.jobs` threads
/// and writes one JSON line per page, in input order.
pub fn batch(options: &Options, out: &mut Output) -> Result<Summary, Error> {
    let start = Instant::now();
    let found = input::find(&options.sources);
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = options.jobs {
        pool = pool.num_threads(jobs.get());
    }
    let pool = pool.build().map_err(Error::Threads)?;
    let extractor = extractor(options);
    let progress = progress_bar(found.len());
    let window = pool.current_num_threads().max(1) * WINDOW_PAGES_PER_THREAD;
    let mut failed = 0;
    for inputs in found.chunks(window) {
        let records: Vec<(String, bool)> = pool.install(|| {
            inputs
                .par_iter()
                .map(|f| {
                    let record = record(f, options, &extractor);
                    progress.inc(1);
                    record
                })
                .collect()
        });
        for (line, ok) in records {
            out.line(&line)?;
            failed += usize::from(!ok);
        }
    }
    progress.finish_and_clear();
    Ok(Summary {
        pages: found.len(),
        failed,
        elapsed: start.elapsed(),
    })
}

/// One JSON line for one input, and whether it was extracted.
fn record(found: &Found, options: &Options, extractor: &Extractor) -> (String, bool) {
    let name = found.name();
    let result = match found {
        Found::Page(source) => extract(source, options, extractor),
        Found::Unlisted(_, e) => return (failure(&name, e), false),
    };
    match result {
        Ok(e) => (json::render(&e, Some(&name)), true),
        Err(e) => (failure(&name, &e), false),
    }
}

fn failure(name: &str, error: &Error) -> String {
    serde_json::json!({ "source": name, "error": error.to_string() }).to_string()
}

/// A progress bar on stderr when a person is watching it, else nothing.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template(PROGRESS_TEMPLATE)
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(len as u64).with_style(style)
}

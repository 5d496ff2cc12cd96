//! `thresher extract`: one page printed in a format, or many pages as JSON
//! Lines on all cores.
//!
//! A page that fails is reported (on stderr for one page, as a record with
//! `"error"` in a batch) and counted in the [`Summary`]; only problems with
//! the run itself (the output, the threads) end it early as an [`Error`].
//! A batch goes through the [`runner`], as every command over many inputs
//! does.

use std::time::Instant;

use thresher::batch::Fate;
use thresher::render::json;
use thresher::{Extraction, Extractor, Format, Page, Tuning};

use crate::args::{Options, Source};
use crate::error::Error;
use crate::input::{self, Found};
use crate::output::Output;
use crate::runner::{self, Progress, Summary};

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
    let fate = match extract(source, options, &extractor(options)) {
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

/// Extracts every page under `options.sources` on `options.jobs` threads
/// and writes one JSON line per page, in input order.
pub fn batch(options: &Options, out: &mut Output) -> Result<Summary, Error> {
    let found = input::find(&options.sources);
    let progress = Progress::items(found.len() as u64);
    let extractor = extractor(options);
    runner::run(
        options.jobs,
        &progress,
        found.into_iter().map(Ok),
        |f| record(&f, options, &extractor),
        |line| out.line(&line),
    )
}

/// One JSON line for one input, and what became of it.
fn record(found: &Found, options: &Options, extractor: &Extractor) -> (String, Fate) {
    let name = found.name();
    let result = match found {
        Found::Page(source) => extract(source, options, extractor),
        Found::Unlisted(_, e) => return (failure(&name, e), Fate::Failed(e.name())),
    };
    match result {
        Ok(e) => (json::render(&e, Some(&name)), Fate::Extracted),
        Err(e) => (failure(&name, &e), Fate::Failed(e.name())),
    }
}

fn failure(name: &str, error: &Error) -> String {
    serde_json::json!({ "source": name, "error": error.to_string() }).to_string()
}

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
use thresher::{Extraction, Extractor, Format, Tuning};

use crate::args::{Options, Source};
use crate::error::Error;
use crate::fetch::{page_of, Fetcher};
use crate::input::{self, Found};
use crate::output::Output;
use crate::runner::{self, Progress, Summary};

/// What every page of a run is extracted with.
struct Tools {
    extractor: Extractor,
    fetcher: Fetcher,
}

impl Tools {
    fn new(options: &Options) -> Self {
        Tools {
            extractor: Extractor::new(options.config.clone(), Tuning::default()),
            fetcher: Fetcher::new(&options.fetch),
        }
    }
}

/// Reads or fetches one page and extracts it. A fetched page's address is
/// where its redirects ended, and its `Content-Type` charset outranks the
/// page's own declaration.
fn extract(source: &Source, options: &Options, tools: &Tools) -> Result<Extraction, Error> {
    if let Source::Url(url) = source {
        let fetched = tools.fetcher.fetch(url)?;
        return Ok(tools.extractor.extract(&fetched.page())?);
    }
    let bytes = input::read(source, options.config.max_input_bytes)?;
    let page = page_of(&bytes, options.url.as_deref(), None);
    Ok(tools.extractor.extract(&page)?)
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
    let fate = match extract(source, options, &Tools::new(options)) {
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
    let tools = Tools::new(options);
    runner::run(
        options.jobs,
        &progress,
        found.into_iter().map(Ok),
        |f| record(&f, options, &tools),
        |line| out.line(&line),
    )
}

/// One JSON line for one input, and what became of it.
fn record(found: &Found, options: &Options, tools: &Tools) -> (String, Fate) {
    let name = found.name();
    let result = match found {
        Found::Page(source) => extract(source, options, tools),
        Found::Unlisted(_, e) => return (failure(&name, e), Fate::Failed(e.name())),
    };
    match result {
        Ok(e) => (json::render(&e, Some(&name)), Fate::Extracted),
        Err(e) => (failure(&name, &e), Fate::Failed(e.name())),
    }
}

/// A failed input's line: its name and error, and the status of an HTTP
/// error, for scripts that retry by status.
fn failure(name: &str, error: &Error) -> String {
    let mut line = serde_json::json!({ "source": name, "error": error.to_string() });
    if let Error::HttpStatus(status) = error {
        line["status"] = (*status).into();
    }
    line.to_string()
}

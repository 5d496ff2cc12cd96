//! `thresher explain`: one page in, its explain report out (see
//! `thresher::render::explain`). A page that fails is reported on stderr and
//! counted in the [`Summary`], as `extract` does for one page.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::time::Instant;

use thresher::batch::Fate;
use thresher::input::warc::{Reason, Records};
use thresher::render::explain;
use thresher::{Extraction, Extractor, Page, Tuning};

use crate::args::{ExplainInput, ExplainOptions, Source};
use crate::error::Error;
use crate::input;
use crate::output::Output;
use crate::runner::Summary;

/// Reads and extracts the page; returns the extraction and, when the report
/// embeds it, the decoded text its blocks' byte ranges point into.
fn extract(options: &ExplainOptions) -> Result<(Extraction, Option<String>), Error> {
    let extractor = Extractor::new(options.config.clone(), Tuning::default());
    if let ExplainInput::WarcRecord(key) = &options.input {
        return record(options, &extractor, key);
    }
    let bytes = input::read(&options.source, options.config.max_input_bytes)?;
    if options.input == ExplainInput::Text {
        // `thresher clean` reads text the same way: lines' byte ranges
        // then point into this string.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let extraction = extractor.extract_text(&text)?;
        return Ok((extraction, options.embed_source.then_some(text)));
    }
    let mut page = Page::from_bytes(&bytes);
    if let Some(url) = &options.url {
        page = page.with_url(url);
    }
    let extraction = extractor.extract(&page)?;
    // Decoding again is cheap beside extraction, and keeps the engine's
    // Extraction free of a copy of the page that only this report wants.
    let source = options.embed_source.then(|| page.decoded_text());
    Ok((extraction, source))
}

/// Finds the record `key` in the archive and extracts its page, as
/// `thresher warc` would.
fn record(
    options: &ExplainOptions,
    extractor: &Extractor,
    key: &str,
) -> Result<(Extraction, Option<String>), Error> {
    let archive: Box<dyn Read> = match &options.source {
        Source::Stdin => Box::new(io::stdin().lock()),
        Source::Path(p) => Box::new(File::open(p).map_err(Error::Read)?),
        Source::Url(u) => {
            return Err(Error::BadUrl(format!(
                "{u}: an archive is read from a file"
            )))
        }
    };
    let unexplained = |reason: String| Error::Record {
        key: key.to_owned(),
        reason,
    };
    // A URI names its request and its response alike: the response is meant.
    let found = Records::new(BufReader::new(archive), options.config.max_input_bytes).find(|r| {
        let h = &r.header;
        h.record_id.as_deref() == Some(key)
            || (h.is_response() && h.target_uri.as_deref() == Some(key))
    });
    let Some(record) = found else {
        return Err(unexplained("not in the archive".to_owned()));
    };
    let response = record
        .into_response(extractor.config())
        .map_err(|none| match none.reason {
            Reason::Skipped(skip) => unexplained(format!("holds no HTML page ({})", skip.name())),
            Reason::Failed(e) => unexplained(format!("cannot be read: {e}")),
        })?;
    let page = response.page();
    let extraction = extractor.extract(&page)?;
    let source = options.embed_source.then(|| page.decoded_text());
    Ok((extraction, source))
}

/// Writes the report of `options.source` to `out`.
pub fn run(options: &ExplainOptions, out: &mut Output) -> Result<Summary, Error> {
    let start = Instant::now();
    let fate = match extract(options) {
        Ok((e, source)) => {
            out.line(&explain::render(&e, source.as_deref()))?;
            Fate::Extracted
        }
        Err(e) => {
            eprintln!("thresher: {}: {e}", options.source.name());
            Fate::Failed(e.name())
        }
    };
    Ok(Summary::one(fate, start.elapsed()))
}

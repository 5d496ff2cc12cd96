//! `iter_warc`: the pages of a WARC archive as dicts, over the engine's
//! reader ([`thresher::input::warc`]) and processing
//! ([`thresher::batch::warc`]).
//!
//! Each record is read and extracted with the GIL released. Every record
//! is counted in `stats` as extracted, skipped (by reason) or failed (by
//! error kind); only extracted pages are yielded unless the caller asks for
//! the others too.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use thresher::batch::warc::{self as batch, Outcome, Processed};
use thresher::batch::Tally;
use thresher::input::warc::Records;

use crate::convert;

/// The records of one WARC archive, extracted one at a time.
#[pyclass(module = "thresher")]
pub struct WarcRecords {
    records: Records<BufReader<File>>,
    extractor: thresher::Extractor,
    include_skipped: bool,
    /// The archive's path as given: the rows' `source`.
    source: String,
    /// What the pass has done so far.
    stats: Tally,
}

impl WarcRecords {
    /// The next record, read and extracted without the GIL; counted.
    fn next_record(&mut self, py: Python<'_>) -> Option<Processed> {
        let Self {
            records, extractor, ..
        } = self;
        let processed = py.detach(|| records.next().map(|r| batch::process(r, extractor)))?;
        self.stats.add(processed.outcome.fate());
        Some(processed)
    }
}

/// One record as a row, the same as `thresher warc` writes: the
/// [`batch::WARC_FIELDS`], then the JSON document's fields for an extracted page
/// (`source` is the archive). `skipped` (the reason), `error` (the message)
/// and `error_kind` are in every row, `None` when they do not apply.
fn row<'py>(py: Python<'py>, p: &Processed, source: &str) -> PyResult<Bound<'py, PyDict>> {
    let d = convert::value(py, &serde_json::Value::Object(batch::row(p, Some(source))))?
        .cast_into::<PyDict>()?;
    let (mut skipped, mut error, mut error_kind) = (None, None, None);
    match &p.outcome {
        Outcome::Extracted(_) => {}
        Outcome::Skipped(s) => skipped = Some(s.name()),
        Outcome::Failed(e) => {
            error = Some(e.to_string());
            error_kind = Some(e.kind().name());
        }
    }
    d.set_item("skipped", skipped)?;
    d.set_item("error", error)?;
    d.set_item("error_kind", error_kind)?;
    Ok(d)
}

#[pymethods]
impl WarcRecords {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        while let Some(p) = self.next_record(py) {
            if self.include_skipped || matches!(p.outcome, Outcome::Extracted(_)) {
                return row(py, &p, &self.source).map(Some);
            }
        }
        Ok(None)
    }

    /// What the pass has done so far: `records`, `extracted`, `skipped`
    /// (reason -> count) and `failed` (error kind -> count).
    #[getter]
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        Ok(convert::value(py, &self.stats.to_json())?.cast_into::<PyDict>()?)
    }
}

/// The pages of the WARC archive at `path` (plain or gzipped), as dicts.
#[pyfunction]
#[pyo3(signature = (path, *, include_skipped=false, **options))]
pub fn iter_warc(
    path: PathBuf,
    include_skipped: bool,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<WarcRecords> {
    let config = convert::config(options)?;
    let file = File::open(&path)?;
    let source = path.to_string_lossy().into_owned();
    let records = Records::new(BufReader::new(file), config.max_input_bytes);
    Ok(WarcRecords {
        records,
        extractor: thresher::Extractor::new(config, thresher::Tuning::default()),
        include_skipped,
        source,
        stats: Tally::default(),
    })
}

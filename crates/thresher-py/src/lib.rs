//! Python bindings for Thresher: the module `thresher._native`, re-exported
//! by the `thresher` package (`python/thresher/__init__.py`).
//!
//! This crate only converts: Python values in ([`convert`]), the engine's
//! calls with the GIL released, Python values out. It mirrors the engine's
//! surface: `extract` and `clean` (text mode) as functions and as methods
//! of a reusable `Extractor`, and `iter_warc` over a WARC file.

use std::borrow::Cow;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use thresher::{Config, Extraction, Tuning};

mod convert;
mod warc;

use convert::{ExtractionError, Html};

/// Extracts pages with the options it was built with; reusable, and safe
/// to share between threads (extraction releases the GIL).
#[pyclass(frozen, module = "thresher")]
struct Extractor {
    inner: thresher::Extractor,
    config: Config,
}

impl Extractor {
    fn with_options(options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let config = convert::config(options)?;
        Ok(Extractor {
            inner: thresher::Extractor::new(config.clone(), Tuning::default()),
            config,
        })
    }

    fn extract_page<'py>(
        &self,
        py: Python<'py>,
        html: &Bound<'py, PyAny>,
        url: Option<&str>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = convert::format(format)?;
        let html = Html::from_py(html)?;
        let result = py.detach(|| {
            let mut page = html.page();
            if let Some(url) = url {
                page = page.with_url(url);
            }
            self.inner.extract(&page)
        });
        output(py, result, format)
    }

    fn clean_text<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = convert::format(format)?;
        let text = Html::from_py(text)?;
        let result = py.detach(|| {
            let text = match &text {
                Html::Str(s) => Cow::Borrowed(&**s),
                Html::Bytes(b) => String::from_utf8_lossy(b),
            };
            self.inner.extract_text(&text)
        });
        output(py, result, format)
    }
}

/// The extraction in `format`, or its error as `ExtractionError`.
fn output<'py>(
    py: Python<'py>,
    result: Result<Extraction, thresher::Error>,
    format: thresher::Format,
) -> PyResult<Bound<'py, PyAny>> {
    match result {
        Ok(e) => convert::extraction(py, &e, format),
        Err(e) => Err(convert::error(py, &e)),
    }
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (**options))]
    fn new(options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        Self::with_options(options)
    }

    /// Extracts one page.
    #[pyo3(signature = (html, url=None, format="text"))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        html: &Bound<'py, PyAny>,
        url: Option<&str>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.extract_page(py, html, url, format)
    }

    /// Cleans captured text (text mode).
    #[pyo3(signature = (text, format="text"))]
    fn clean<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.clean_text(py, text, format)
    }

    /// The options this extractor was built with.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        convert::options(py, &self.config)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let options = convert::options(py, &self.config)?;
        let args: Vec<String> = options
            .iter()
            .map(|(k, v)| Ok(format!("{k}={}", v.repr()?)))
            .collect::<PyResult<_>>()?;
        Ok(format!("Extractor({})", args.join(", ")))
    }
}

/// Extracts one page: `Extractor(**options).extract(html, url, format)`.
#[pyfunction]
#[pyo3(signature = (html, url=None, format="text", **options))]
fn extract<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<&str>,
    format: &str,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    Extractor::with_options(options)?.extract_page(py, html, url, format)
}

/// Cleans captured text: `Extractor(**options).clean(text, format)`.
#[pyfunction]
#[pyo3(signature = (text, format="text", **options))]
fn clean<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    format: &str,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    Extractor::with_options(options)?.clean_text(py, text, format)
}

/// The module `thresher._native`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA", thresher::render::json::SCHEMA)?;
    m.add("OPTIONS", convert::OPTIONS.to_vec())?;
    m.add("FORMATS", convert::formats())?;
    m.add("LABELS", convert::labels())?;
    m.add("PAGE_TYPES", convert::page_types())?;
    m.add("ExtractionError", m.py().get_type::<ExtractionError>())?;
    m.add_class::<Extractor>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_class::<warc::WarcRecords>()?;
    m.add_function(wrap_pyfunction!(warc::iter_warc, m)?)?;
    m.add("WARC_FIELDS", thresher::batch::warc::WARC_FIELDS.to_vec())?;
    Ok(())
}

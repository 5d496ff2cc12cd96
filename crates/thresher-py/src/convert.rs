//! Conversions between Python values and the engine's types, in one place:
//! keyword options -> [`Config`], format names -> [`Format`], [`Error`] ->
//! `ExtractionError`, and [`Extraction`] -> `str` or `dict`.

use std::time::Duration;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use serde_json::Value;
use thresher::render::json;
use thresher::{Config, Error, Extraction, Format, Label, Page, PageType};

pyo3::create_exception!(
    thresher,
    ExtractionError,
    PyValueError,
    "A page or text that could not be extracted; `kind` names why."
);

/// The keyword options, each a field of [`Config`].
pub const OPTIONS: &[&str] = &[
    "max_input_bytes",
    "time_budget",
    "include_tables",
    "include_images",
    "include_links",
    "include_comments",
    "title_heading",
    "front_matter",
];

/// The format names, as the CLI's `-f` spells them: the engine's list
/// ([`Format::ALL`]).
pub fn formats() -> Vec<&'static str> {
    Format::ALL.into_iter().map(Format::name).collect()
}

/// The labels a block can get, from the engine's one list.
pub fn labels() -> Vec<&'static str> {
    Label::ALL.into_iter().map(Label::name).collect()
}

/// The page types, from the engine's one list.
pub fn page_types() -> Vec<&'static str> {
    PageType::ALL.into_iter().map(PageType::name).collect()
}

/// Builds a [`Config`] from keyword options; an unknown name is a
/// `TypeError`, as for any Python function.
pub fn config(options: Option<&Bound<'_, PyDict>>) -> PyResult<Config> {
    let mut config = Config::default();
    let Some(options) = options else {
        return Ok(config);
    };
    for (key, value) in options.iter() {
        let key: String = key.extract()?;
        match key.as_str() {
            "max_input_bytes" => config.max_input_bytes = value.extract()?,
            "time_budget" => config.time_budget = time_budget(&value)?,
            "include_tables" => config.include_tables = flag(&key, &value)?,
            "include_images" => config.include_images = flag(&key, &value)?,
            "include_links" => config.include_links = flag(&key, &value)?,
            "include_comments" => config.include_comments = flag(&key, &value)?,
            "title_heading" => config.title_heading = flag(&key, &value)?,
            "front_matter" => config.front_matter = flag(&key, &value)?,
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "unknown option {key:?}; the options are {}",
                    OPTIONS.join(", ")
                )))
            }
        }
    }
    Ok(config)
}

/// The keyword options that rebuild `config`, for `Extractor.options`.
pub fn options<'py>(py: Python<'py>, config: &Config) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("max_input_bytes", config.max_input_bytes)?;
    d.set_item("time_budget", config.time_budget.map(|b| b.as_secs_f64()))?;
    d.set_item("include_tables", config.include_tables)?;
    d.set_item("include_images", config.include_images)?;
    d.set_item("include_links", config.include_links)?;
    d.set_item("include_comments", config.include_comments)?;
    d.set_item("title_heading", config.title_heading)?;
    d.set_item("front_matter", config.front_matter)?;
    Ok(d)
}

/// A boolean option: only `True` or `False`, so that a misspelt string such
/// as `"no"` is not taken for true.
fn flag(key: &str, value: &Bound<'_, PyAny>) -> PyResult<bool> {
    value
        .cast::<PyBool>()
        .map(|b| b.is_true())
        .map_err(|_| PyTypeError::new_err(format!("option {key:?} takes True or False")))
}

/// `time_budget`: seconds as a number, or `None` for no limit.
fn time_budget(value: &Bound<'_, PyAny>) -> PyResult<Option<Duration>> {
    if value.is_none() {
        return Ok(None);
    }
    let secs: f64 = value.extract()?;
    Duration::try_from_secs_f64(secs).map(Some).map_err(|_| {
        PyValueError::new_err(format!(
            "time_budget must be a non-negative number of seconds or None, not {secs}"
        ))
    })
}

/// A format by its name.
pub fn format(name: &str) -> PyResult<Format> {
    Format::from_name(name).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown format {name:?}; the formats are {}",
            formats().join(", ")
        ))
    })
}

/// An engine error as an `ExtractionError` carrying its kind.
pub fn error(py: Python<'_>, e: &Error) -> PyErr {
    let err = ExtractionError::new_err(e.to_string());
    // Setting an attribute on a fresh exception object only fails when
    // memory runs out; the error then says so instead.
    match err.value(py).setattr("kind", e.kind().name()) {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// An extraction in `format`: a `dict` for JSON (the document of
/// `thresher extract -f json`), a `str` otherwise.
pub fn extraction<'py>(
    py: Python<'py>,
    e: &Extraction,
    format: Format,
) -> PyResult<Bound<'py, PyAny>> {
    match format {
        Format::Json => value(py, &json::to_value(e, None)),
        other => Ok(PyString::new(py, &e.render(other)).into_any()),
    }
}

/// A JSON value as the Python value `json.loads` would give.
pub fn value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let d = PyDict::new(py);
            for (k, item) in map {
                d.set_item(k, value(py, item)?)?;
            }
            d.into_any()
        }
    })
}

/// Page input: `bytes` in any encoding, or `str`. A `str` is Unicode, so
/// the engine is told its bytes are UTF-8, which overrides any `<meta>`.
/// Both hold the Python object rather than a copy, and may cross into a
/// thread that does not hold the GIL.
pub enum Html {
    /// `bytes` (or `bytearray`, copied).
    Bytes(PyBackedBytes),
    /// `str`.
    Str(PyBackedStr),
}

impl Html {
    /// Takes `str` or `bytes`; anything else is a `TypeError`.
    pub fn from_py(html: &Bound<'_, PyAny>) -> PyResult<Self> {
        if html.is_instance_of::<PyString>() {
            return Ok(Html::Str(html.extract()?));
        }
        html.extract().map(Html::Bytes).map_err(|_| {
            let name = html
                .get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |n| n.to_string());
            PyTypeError::new_err(format!("html must be str or bytes, not {name}"))
        })
    }

    /// The page's bytes and the charset its type declares.
    pub fn page(&self) -> Page<'_> {
        match self {
            Html::Bytes(b) => Page::from_bytes(b),
            Html::Str(s) => Page::from_bytes(s.as_bytes()).with_declared_charset("utf-8"),
        }
    }
}

//! `thresher serve`: the engine as an HTTP service (axum on tokio).
//!
//! | route | what |
//! |---|---|
//! | `POST /extract?url=&format=` | the body is the page, in any encoding (the `Content-Type` charset honoured) |
//! | `GET /extract?url=&format=` | fetches the page first; only with `--allow-fetch` |
//! | `POST /clean?format=` | the body is captured text (text mode) |
//! | `GET /health` | `{"status": "ok", "version": …}` |
//!
//! `format` is `json` (the default: the JSON document of `extract -f
//! json`), `text`, `markdown` or `html`, each answered with its media type.
//! Every error is JSON, `{"error": …, "kind": …}`, where `kind` is the
//! engine's error kind (`time_budget` …) or the service's own
//! (`too_large`, `bad_request`, `fetch_disabled`, `fetch`, `http_status`,
//! `not_html`).
//!
//! Extraction runs on tokio's blocking threads, at most `--concurrency` at
//! once; further requests wait their turn. Fetching by URL refuses
//! loopback, private and link-local addresses unless `--allow-private`, so
//! a service exposed on a network cannot be turned against the network
//! behind it. One access-log line per request goes to standard error.
//! SIGTERM (or Ctrl-C) stops accepting connections and lets the requests
//! in flight finish.

use std::net::SocketAddr;
use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, RawQuery, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use thresher::render::json;
use thresher::{Config, ErrorKind, Extraction, Extractor, Format, Tuning};
use tokio::sync::Semaphore;

use crate::error::Error;
use crate::fetch::{charset_of, page_of, FetchSettings, Fetcher};
use crate::runner::Summary;

/// `thresher serve` as typed values.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// The address to listen on.
    pub listen: SocketAddr,
    /// Request bodies larger than this are refused with 413.
    pub max_body_bytes: usize,
    /// Extractions at once.
    pub concurrency: NonZeroUsize,
    /// `GET /extract?url=` is served.
    pub allow_fetch: bool,
    /// How pages are fetched (addresses included).
    pub fetch: FetchSettings,
    /// The engine's settings.
    pub config: Config,
}

/// What every request shares.
struct Service {
    extractor: Extractor,
    fetcher: Option<Fetcher>,
    slots: Arc<Semaphore>,
}

/// A request's failure, answered as JSON with a status.
struct Failure {
    status: StatusCode,
    kind: &'static str,
    message: String,
}

impl Failure {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        Failure {
            status,
            kind,
            message: message.into(),
        }
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let status = match &e {
            Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::BadUrl(_) => StatusCode::BAD_REQUEST,
            Error::Fetch(_) | Error::HttpStatus(_) | Error::NotHtml(_) => StatusCode::BAD_GATEWAY,
            Error::Extract(inner) if inner.kind() == &ErrorKind::TimeBudgetExceeded => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            Error::Extract(inner) if matches!(inner.kind(), ErrorKind::TooLarge { .. }) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            Error::Extract(_) => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure::new(status, e.name(), e.to_string())
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message, "kind": self.kind }).to_string();
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

/// The query's `format` and `url`.
struct Params {
    format: Format,
    url: Option<String>,
}

fn params(query: Option<&str>) -> Result<Params, Failure> {
    let mut out = Params {
        format: Format::Json,
        url: None,
    };
    for (name, value) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        match &*name {
            "format" => {
                out.format = Format::from_name(&value).ok_or_else(|| {
                    Failure::bad_request(format!(
                        "unknown format {value:?}: json, text, markdown or html"
                    ))
                })?;
            }
            "url" => {
                url::Url::parse(&value)
                    .map_err(|e| Failure::bad_request(format!("bad url {value:?}: {e}")))?;
                out.url = Some(value.into_owned());
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The extraction in `format`, with its media type.
fn rendered(e: &Extraction, format: Format) -> Response {
    let (media_type, body) = match format {
        Format::Json => ("application/json", json::render(e, None)),
        Format::Text => ("text/plain; charset=utf-8", e.render(format)),
        Format::Markdown => ("text/markdown; charset=utf-8", e.render(format)),
        Format::Html => ("text/html; charset=utf-8", e.render(format)),
    };
    ([(header::CONTENT_TYPE, media_type)], body).into_response()
}

/// The request body, or the failure its reading met (413 past the cap).
fn body_of(body: Result<Bytes, BytesRejection>) -> Result<Bytes, Failure> {
    body.map_err(|r| {
        let status = r.status();
        let kind = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "bad_request"
        };
        Failure::new(status, kind, r.body_text())
    })
}

/// Runs `work` on a blocking thread once a slot is free.
async fn in_slot<T: Send + 'static>(
    service: &Service,
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Failure> {
    let slot = Arc::clone(&service.slots)
        .acquire_owned()
        .await
        .map_err(|_| {
            Failure::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "shutting_down",
                "shutting down",
            )
        })?;
    // The slot goes with the work, not the request: a client that hangs
    // up does not free it while its extraction still runs.
    let work = move || {
        let _slot = slot;
        work()
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result.map_err(Failure::from),
        Err(_) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the extraction stopped unexpectedly",
        )),
    }
}

async fn extract_posted(
    State(service): State<Arc<Service>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Failure> {
    let params = params(query.as_deref())?;
    let body = body_of(body)?;
    let charset = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(charset_of);
    let worker = Arc::clone(&service);
    let url = params.url;
    let e = in_slot(&service, move || {
        let page = page_of(&body, url.as_deref(), charset.as_deref());
        Ok(worker.extractor.extract(&page)?)
    })
    .await?;
    Ok(rendered(&e, params.format))
}

async fn extract_fetched(
    State(service): State<Arc<Service>>,
    RawQuery(query): RawQuery,
) -> Result<Response, Failure> {
    let params = params(query.as_deref())?;
    let Some(url) = params.url else {
        return Err(Failure::bad_request("GET /extract needs ?url="));
    };
    if service.fetcher.is_none() {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            "fetch_disabled",
            "fetching by URL is off; start the service with --allow-fetch",
        ));
    }
    let worker = Arc::clone(&service);
    let e = in_slot(&service, move || {
        let fetcher = worker
            .fetcher
            .as_ref()
            .ok_or_else(|| Error::BadUrl("fetching is off".to_owned()))?;
        let fetched = fetcher.fetch(&url)?;
        Ok(worker.extractor.extract(&fetched.page())?)
    })
    .await?;
    Ok(rendered(&e, params.format))
}

async fn clean_posted(
    State(service): State<Arc<Service>>,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, Failure> {
    let params = params(query.as_deref())?;
    let body = body_of(body)?;
    let worker = Arc::clone(&service);
    let e = in_slot(&service, move || {
        let text = String::from_utf8_lossy(&body);
        Ok(worker.extractor.extract_text(&text)?)
    })
    .await?;
    Ok(rendered(&e, params.format))
}

async fn health() -> Response {
    let body = serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn not_found() -> Failure {
    Failure::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "routes: POST /extract, GET /extract?url=, POST /clean, GET /health",
    )
}

/// One line per request on standard error: method, path, status, time.
async fn access_log(request: Request, next: Next) -> Response {
    let start = Instant::now();
    let method: Method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    eprintln!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1e3
    );
    response
}

/// Resolves when the process is asked to stop: SIGTERM, or Ctrl-C.
async fn stop_asked() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// The service's routes over `service`.
fn app(service: Arc<Service>, max_body_bytes: usize) -> Router {
    Router::new()
        .route("/extract", post(extract_posted).get(extract_fetched))
        .route("/clean", post(clean_posted))
        .route("/health", get(health))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(middleware::from_fn(access_log))
        .with_state(service)
}

/// Serves until SIGTERM or Ctrl-C, then lets the requests in flight finish.
pub fn run(options: &ServeOptions) -> Result<Summary, Error> {
    let service = Arc::new(Service {
        extractor: Extractor::new(options.config.clone(), Tuning::default()),
        fetcher: options.allow_fetch.then(|| Fetcher::new(&options.fetch)),
        slots: Arc::new(Semaphore::new(options.concurrency.get())),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Error::Threads)?;
    let start = Instant::now();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .map_err(|e| Error::Listen(options.listen, e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::Listen(options.listen, e))?;
        eprintln!("thresher serve: listening on http://{bound}");
        axum::serve(listener, app(service, options.max_body_bytes))
            .with_graceful_shutdown(stop_asked())
            .await
            .map_err(|e| Error::Listen(bound, e))?;
        eprintln!("thresher serve: stopped");
        Ok::<(), Error>(())
    })?;
    Ok(Summary {
        elapsed: start.elapsed(),
        ..Summary::default()
    })
}

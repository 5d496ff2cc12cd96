//! Load for `thresher serve`: posts pages to `POST /extract` from N client
//! threads at once (N requests in flight) and prints one JSON line:
//! requests, errors, requests/s, and the p50 and p99 latency in ms.
//! `bench/serve.py` runs it beside the service.
//!
//! ```text
//! cargo run --release -p thresher-cli --example serve_load -- \
//!     --base http://127.0.0.1:8080 --in-flight 16 --requests 2000 PAGE_OR_DIR...
//! ```
//!
//! Pages are `.html` files or `.html.gz` (sent decompressed); a directory
//! gives every page in it. Requests cycle through the pages in order.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    base: String,
    in_flight: usize,
    requests: usize,
    pages: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        base: "http://127.0.0.1:8080".to_owned(),
        in_flight: 16,
        requests: 2_000,
        pages: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--base" => args.base = value()?,
            "--in-flight" => {
                args.in_flight = value()?.parse().map_err(|e| format!("--in-flight: {e}"))?
            }
            "--requests" => {
                args.requests = value()?.parse().map_err(|e| format!("--requests: {e}"))?
            }
            other => args.pages.push(PathBuf::from(other)),
        }
    }
    if args.pages.is_empty() || args.in_flight == 0 {
        return Err(
            "usage: serve_load [--base URL] [--in-flight N] [--requests N] PAGE_OR_DIR...".into(),
        );
    }
    Ok(args)
}

fn read_page(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    let read = if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes)
    } else {
        let mut file = file;
        file.read_to_end(&mut bytes)
    };
    read.map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes)
}

fn pages(paths: &[PathBuf]) -> Result<Vec<Vec<u8>>, String> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(p.clone());
        }
    }
    files.iter().map(|f| read_page(f)).collect()
}

fn percentile(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1e3
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let pages = match pages(&args.pages) {
        Ok(p) if !p.is_empty() => Arc::new(p),
        Ok(_) => {
            eprintln!("serve_load: no pages");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("serve_load: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = Arc::new(format!("{}/extract?format=json", args.base));
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let clients: Vec<_> = (0..args.in_flight)
        .map(|_| {
            let (url, pages, next) = (Arc::clone(&url), Arc::clone(&pages), Arc::clone(&next));
            let total = args.requests;
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(120)))
                    .build()
                    .into();
                let mut latencies = Vec::new();
                let mut errors = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        break;
                    }
                    let page = &pages[i % pages.len()];
                    let sent = Instant::now();
                    let outcome = agent
                        .post(url.as_str())
                        .header("Content-Type", "text/html")
                        .send(&page[..])
                        .and_then(|mut r| {
                            let status = r.status().as_u16();
                            r.body_mut().read_to_vec().map(|_| status)
                        });
                    latencies.push(sent.elapsed());
                    match outcome {
                        Ok(200) => {}
                        Ok(status) => {
                            errors.push(format!("page {}: status {status}", i % pages.len()))
                        }
                        Err(e) => errors.push(format!("page {}: {e}", i % pages.len())),
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = Vec::new();
    for c in clients {
        match c.join() {
            Ok((l, e)) => {
                latencies.extend(l);
                errors.extend(e);
            }
            Err(_) => errors.push("a client thread panicked".to_owned()),
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort();
    for e in errors.iter().take(5) {
        eprintln!("serve_load: {e}");
    }
    println!(
        "{}",
        serde_json::json!({
            "requests": latencies.len(),
            "errors": errors.len(),
            "in_flight": args.in_flight,
            "seconds": elapsed,
            "requests_per_second": latencies.len() as f64 / elapsed,
            "p50_ms": percentile(&latencies, 0.50),
            "p99_ms": percentile(&latencies, 0.99),
        })
    );
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

//! dom_smoothie over a WCXB-style split, in one process.
//!
//! ```text
//! dom-smoothie-peer --data DIR --pred OUT.jsonl --timing OUT.json
//! ```
//!
//! For each `DIR/html/NNNN.html.gz` it writes `{"id","text"}` (the article's
//! `text_content` in `TextMode::Formatted`) to OUT.jsonl, then the timing JSON that
//! `bench/run.py` reads. Only `Readability::new` (which parses) and `parse()`
//! are timed, by the wall clock and by the process's CPU clock; reading,
//! gunzipping and UTF-8 decoding are not. A page that
//! errors or panics is written with empty text and counted in `failed`.

use std::fs::{self, File};
use std::io::{BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dom_smoothie::{Config, Readability, TextMode};
use flate2::read::GzDecoder;

/// The dom_smoothie release pinned in Cargo.toml, named in the report.
const DOM_SMOOTHIE_VERSION: &str = "0.19.0";

struct Args {
    data: PathBuf,
    pred: PathBuf,
    timing: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let (mut data, mut pred, mut timing) = (None, None, None);
    let mut args = std::env::args_os().skip(1);
    while let Some(flag) = args.next() {
        let slot = match flag.to_str() {
            Some("--data") => &mut data,
            Some("--pred") => &mut pred,
            Some("--timing") => &mut timing,
            _ => return Err(format!("unknown argument {flag:?}")),
        };
        *slot = Some(PathBuf::from(args.next().ok_or(format!("{flag:?} needs a value"))?));
    }
    Ok(Args {
        data: data.ok_or("--data is required")?,
        pred: pred.ok_or("--pred is required")?,
        timing: timing.ok_or("--timing is required")?,
    })
}

/// The page ids (`NNNN`) under `data/html`, in order, with their paths.
fn list_pages(data: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut pages = Vec::new();
    for entry in fs::read_dir(data.join("html"))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        if let Some(id) = name.strip_suffix(".html.gz") {
            pages.push((id.to_owned(), path.clone()));
        }
    }
    pages.sort();
    Ok(pages)
}

/// CPU time the whole process has used, which unlike the wall clock does not
/// grow while other processes hold the core.
fn process_cpu_time() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid timespec for clock_gettime to write into.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "CLOCK_PROCESS_CPUTIME_ID is always available on Linux");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

fn extract(html: &str) -> Result<String, String> {
    // Formatted keeps a break between blocks; the default Raw mode joins the
    // last word of one paragraph to the first of the next, which costs 0.01
    // word-F1 on WCXB dev (0.765 against the published 0.775).
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let mut readability = Readability::new(html, None, Some(config)).map_err(|error| error.to_string())?;
    let article = readability.parse().map_err(|error| error.to_string())?;
    Ok(article.text_content.to_string())
}

fn run(args: &Args) -> std::io::Result<()> {
    let mut pred = BufWriter::new(File::create(&args.pred)?);
    let (mut pages, mut failed, mut bytes) = (0u64, 0u64, 0u64);
    let (mut elapsed, mut elapsed_cpu) = (Duration::ZERO, Duration::ZERO);
    for (id, path) in list_pages(&args.data)? {
        let mut raw = Vec::new();
        GzDecoder::new(File::open(&path)?).read_to_end(&mut raw)?;
        let html = String::from_utf8_lossy(&raw);

        let (start, start_cpu) = (Instant::now(), process_cpu_time());
        // A panic inside the peer is one failed page, not the end of the run.
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| extract(&html)))
            .unwrap_or_else(|_| Err("panicked".to_owned()));
        elapsed += start.elapsed();
        elapsed_cpu += process_cpu_time() - start_cpu;

        let text = outcome.unwrap_or_else(|reason| {
            failed += 1;
            eprintln!("{id}: {reason}");
            String::new()
        });
        pages += 1;
        bytes += raw.len() as u64;
        serde_json::to_writer(&mut pred, &serde_json::json!({ "id": id, "text": text }))?;
        pred.write_all(b"\n")?;
    }
    pred.flush()?;

    let timing = serde_json::json!({
        "system": format!("dom_smoothie {DOM_SMOOTHIE_VERSION}"),
        "pages": pages,
        "failed": failed,
        "bytes": bytes,
        "seconds": elapsed.as_secs_f64(),
        "cpu_seconds": elapsed_cpu.as_secs_f64(),
    });
    fs::write(&args.timing, format!("{timing}\n"))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("error: {message}\nusage: dom-smoothie-peer --data DIR --pred OUT.jsonl --timing OUT.json");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

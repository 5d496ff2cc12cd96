//! Times each stage of the pipeline over a benchmark folder
//! (`html/NNNN.html[.gz]`), in this thread's CPU time, so that a speed-up
//! can be credited to the stage it came from on a loaded machine.
//!
//! ```text
//! cargo run --release -p thresher --example stage_times -- \
//!     --data ../shared/bench/wcxb-dev [--limit N] [--repeat R]
//! ```
//!
//! The stages run as `Extractor::extract` runs them (classify in its two
//! steps, `classify::prepare` and `classify::judge`; select with the page
//! type and the comments' settling). With `--repeat R` the whole folder is timed R
//! times and each stage's least total is printed: the run least disturbed
//! by other processes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use cpu_time::ThreadTime;
use thresher::internals::classify::{self, model::Model};
use thresher::internals::{confidence, decode, dom, metadata, page_type, select};
use thresher::render::{Findings, RenderOptions};
use thresher::{blocks, Config, Extraction, Page, Tuning};

const STAGES: &[&str] = &[
    "decode",
    "parse",
    "metadata",
    "segment",
    "features",
    "judge",
    "select",
    "confidence",
    "render",
    "drop",
];

fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// Runs `f`, adding its CPU time to `total`.
fn timed<T>(total: &mut Duration, f: impl FnOnce() -> T) -> T {
    let start = ThreadTime::now();
    let out = f();
    *total += start.elapsed();
    out
}

fn time_page(bytes: &[u8], model: &Model, tuning: &Tuning, t: &mut [Duration]) {
    let page = Page::from_bytes(bytes);
    let html = timed(&mut t[0], || decode::decode(&page));
    let Ok(doc) = timed(&mut t[1], || dom::parse(&html.text, None)) else {
        return;
    };
    let meta = timed(&mut t[2], || metadata::extract(&doc, None));
    let blocks = timed(&mut t[3], || blocks::segment(&doc));
    // classify::classify in its two steps: what the model reads (hidden
    // blocks, region, feature rows), then the model and the rules.
    let prepared = timed(&mut t[4], || classify::prepare(&doc, &blocks, &meta));
    let labels = timed(&mut t[5], || {
        classify::judge(&doc, &blocks, prepared, &meta, model, tuning)
    });
    let config = Config::default();
    let (selection, kind) = timed(&mut t[6], || {
        let selection = select::select(&labels, &blocks, tuning);
        let kind = page_type::classify(&doc, &blocks, &selection, &meta, None);
        (
            select::settle_comments(&labels, &blocks, selection, kind, &config),
            kind,
        )
    });
    let conf = timed(&mut t[7], || {
        confidence::assess(&blocks, &labels, &selection)
    });
    let found = Findings {
        metadata: meta,
        blocks,
        labels,
        selection,
        page_type: kind,
        confidence: conf,
    };
    let e = timed(&mut t[8], || {
        Extraction::new(
            found,
            (html.encoding, html.how_detected),
            None,
            RenderOptions::default(),
        )
    });
    timed(&mut t[9], || drop((doc, e)));
}

fn main() -> ExitCode {
    let mut data = PathBuf::from("../shared/bench/wcxb-dev");
    let (mut limit, mut repeat) = (usize::MAX, 1usize);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--data" => data = value.into(),
            "--limit" => limit = value.parse().unwrap_or(usize::MAX),
            "--repeat" => repeat = value.parse().unwrap_or(1).max(1),
            other => {
                eprintln!("unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let mut files: Vec<PathBuf> = match std::fs::read_dir(data.join("html")) {
        Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("{}: {e}", data.display());
            return ExitCode::FAILURE;
        }
    };
    files.sort();
    files.truncate(limit);
    let pages: Vec<Vec<u8>> = files.iter().filter_map(|p| read_page(p).ok()).collect();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let tuning = Tuning::default();
    let model = thresher::internals::classify::BLOCK_MODEL.clone();
    let mut best = vec![Duration::MAX; STAGES.len()];
    for _ in 0..repeat {
        let mut t = vec![Duration::ZERO; STAGES.len()];
        for p in &pages {
            time_page(p, &model, &tuning, &mut t);
        }
        for (b, t) in best.iter_mut().zip(&t) {
            *b = (*b).min(*t);
        }
    }
    let total: Duration = best.iter().sum();
    for (name, t) in STAGES.iter().zip(&best) {
        println!(
            "{name:>12} {:8.1} ms {:5.1}%",
            t.as_secs_f64() * 1e3,
            100.0 * t.as_secs_f64() / total.as_secs_f64()
        );
    }
    let s = total.as_secs_f64();
    println!(
        "{:>12} {:8.1} ms; {} pages, {:.1} pages/s, {:.1} MB/s (sum of the least stage times)",
        "total",
        s * 1e3,
        pages.len(),
        pages.len() as f64 / s,
        bytes as f64 / 1e6 / s
    );
    ExitCode::SUCCESS
}

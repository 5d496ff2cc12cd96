//! Times each stage of the pipeline over a benchmark folder
//! (`html/NNNN.html[.gz]`), in this thread's CPU time, so that a speed-up
//! can be credited to the stage it came from on a loaded machine.
//!
//! ```text
//! cargo run --release -p thresher --example stage_times -- \
//!     --data ../shared/bench/wcxb-dev [--limit N] [--repeat R]
//! ```
//!
//! The stages run as `Extractor::extract` runs them (the classify stage is
//! split into its steps). With `--repeat R` the whole folder is timed R
//! times and each stage's least total is printed: the run least disturbed
//! by other processes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use cpu_time::ThreadTime;
use thresher::internals::classify::{
    comments, decide, features, hidden, hints, learned, model::Model, region, rules,
};
use thresher::internals::{confidence, decode, dom, metadata, page_type, select};
use thresher::render::{Findings, RenderOptions};
use thresher::{blocks, Extraction, Page, Tuning};

const STAGES: &[&str] = &[
    "decode",
    "parse",
    "metadata",
    "segment",
    "region",
    "features",
    "model",
    "rules",
    "select",
    "page_type",
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
    // classify::classify, step by step.
    let (hiding, seen, region) = timed(&mut t[4], || {
        let hiding = hidden::removals(&blocks);
        let seen: Vec<&blocks::Block> = blocks
            .iter()
            .zip(&hiding)
            .filter(|(_, h)| h.is_none())
            .map(|(b, _)| b)
            .collect();
        let region = region::find(&doc, &seen, &thresher::internals::tuning::REGION);
        (hiding, seen, region)
    });
    let mut cache = hints::HintCache::new(&doc);
    let rows = timed(&mut t[5], || {
        features::compute(&doc, &seen, &region, &meta, &cache)
    });
    let p = timed(&mut t[6], || {
        learned::probabilities(&doc, &seen, &rows, model, tuning)
    });
    let labels: Vec<_> = timed(&mut t[7], || {
        let comments = comments::find(&doc, &seen, &region);
        let mut judged = seen.iter().enumerate().map(|(i, b)| {
            let v = rules::verdicts(&doc, b, &region, &comments, &mut cache, &meta, tuning);
            decide::decide(b.id, &v, p.p[i], p.threshold, learned::RULE, tuning)
        });
        blocks
            .iter()
            .zip(&hiding)
            .filter_map(|(b, h)| match h {
                Some(rule) => Some(hidden::label(b.id, rule)),
                None => judged.next(),
            })
            .collect()
    });
    drop(seen);
    let selection = timed(&mut t[8], || select::select(&labels, &blocks, tuning));
    let (kind, conf) = timed(&mut t[9], || {
        (
            page_type::classify(&doc, &blocks, &selection, &meta, None),
            confidence::assess(&blocks, &labels, &selection),
        )
    });
    let found = Findings {
        metadata: meta,
        blocks,
        labels,
        selection,
        page_type: kind,
        confidence: conf,
    };
    let e = timed(&mut t[10], || {
        Extraction::new(
            found,
            (html.encoding, html.how_detected),
            None,
            RenderOptions::default(),
        )
    });
    timed(&mut t[11], || drop((doc, e, rows, region)));
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

//! Measures the page-type classifier against a WCXB-style data set: the
//! share of pages whose type it gets right, recall and precision per type,
//! and the confusion matrix.
//!
//! ```text
//! cargo run --release -p thresher --example page_type_eval -- \
//!     [--data ../shared/bench/wcxb-dev] [--dump signals.jsonl]
//! ```
//!
//! The data folder holds `ground-truth/NNNN.json` (with `url` and
//! `_internal.page_type.primary`) and `html/NNNN.html.gz`. `--dump` writes
//! one JSON line per page with its signals, both types, the confidence and
//! the extracted text, for looking into mistakes.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thresher::blocks;
use thresher::internals::page_type::{self, PageType};
use thresher::internals::{classify, confidence, decode, dom, metadata, select};
use thresher::render::{Extraction, Findings, RenderOptions};
use thresher::{Page, Tuning};

fn main() -> ExitCode {
    let mut data = PathBuf::from("../shared/bench/wcxb-dev");
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--data", Some(v)) => data = v.into(),
            ("--dump", Some(v)) => dump = Some(v.into()),
            _ => {
                eprintln!("usage: page_type_eval [--data DIR] [--dump OUT.jsonl]");
                return ExitCode::from(2);
            }
        }
    }
    match run(&data, dump.as_deref()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("page_type_eval: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(data: &std::path::Path, dump: Option<&std::path::Path>) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("ground-truth"))
        .map_err(|e| format!("{}: {e}", data.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = match dump {
        Some(p) => Some(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?),
        None => None,
    };
    let tuning = Tuning::default();
    let n = PageType::ALL.len();
    let mut confusion = vec![vec![0u32; n]; n];
    let mut failed = 0;
    let mut stage_time = Duration::ZERO;
    for path in &files {
        let gt: Value = std::fs::read_to_string(path)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .ok_or_else(|| format!("{}: unreadable", path.display()))?;
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let truth = gt["_internal"]["page_type"]["primary"]
            .as_str()
            .map(|t| if t == "category" { "collection" } else { t })
            .and_then(PageType::from_name)
            .unwrap_or_default();
        let url = gt["url"].as_str();
        let mut bytes = Vec::new();
        let html_path = data.join("html").join(format!("{id}.html.gz"));
        let read = std::fs::File::open(&html_path)
            .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes));
        if read.is_err() {
            failed += 1;
            continue;
        }
        let page = Page {
            bytes: &bytes,
            url,
            declared_charset: None,
        };
        let html = decode::decode(&page);
        let Ok(doc) = dom::parse(&html.text, None) else {
            failed += 1;
            continue;
        };
        let meta = metadata::extract(&doc, url);
        let blocks = blocks::segment(&doc);
        let labels = classify::classify(&doc, &blocks, &meta, &classify::BLOCK_MODEL, &tuning);
        let selection = select::select(&labels, &blocks, &tuning);
        let started = Instant::now();
        let signals = page_type::signals(&doc, &blocks, &selection, &meta, url);
        let predicted = page_type::decide(&signals);
        stage_time += started.elapsed();
        confusion[truth as usize][predicted as usize] += 1;
        if let Some(out) = out.as_mut() {
            let conf = confidence::assess(&blocks, &labels, &selection);
            let found = Findings {
                metadata: meta,
                blocks,
                labels,
                selection,
                page_type: predicted,
                confidence: conf,
            };
            let e = Extraction::new(
                found,
                (html.encoding, html.how_detected),
                url,
                RenderOptions::default(),
            );
            let line = json!({
                "id": id,
                "type": truth.name(),
                "predicted": predicted.name(),
                "scores": page_type::scores(&signals),
                "signals": signals,
                "confidence": conf,
                "text": e.text,
            });
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
        }
    }
    report(&confusion, failed);
    let pages: u32 = confusion.iter().flatten().sum();
    println!(
        "\npage-type stage: {:.3} ms a page on average",
        stage_time.as_secs_f64() * 1000.0 / f64::from(pages.max(1))
    );
    Ok(())
}

fn report(confusion: &[Vec<u32>], failed: u32) {
    let total: u32 = confusion.iter().flatten().sum();
    let right: u32 = (0..confusion.len()).map(|i| confusion[i][i]).sum();
    println!(
        "page-type accuracy: {right}/{total} = {:.1} % ({failed} pages unreadable)\n",
        100.0 * right as f32 / total.max(1) as f32
    );
    print!("{:>14}", "truth \\ pred");
    for t in PageType::ALL {
        print!(" {:>6.6}", t.name());
    }
    println!(" {:>7} {:>7}", "recall", "prec.");
    for t in PageType::ALL {
        let row = &confusion[t as usize];
        print!("{:>14}", t.name());
        for c in row {
            print!(" {c:>6}");
        }
        let n: u32 = row.iter().sum();
        let predicted: u32 = confusion.iter().map(|r| r[t as usize]).sum();
        let hit = row[t as usize];
        println!(
            " {:>6.1}% {:>6.1}%",
            100.0 * hit as f32 / n.max(1) as f32,
            100.0 * hit as f32 / predicted.max(1) as f32
        );
    }
}

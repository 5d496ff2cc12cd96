//! Runs the engine over a benchmark and writes one prediction a page, for
//! `score.py`: the figures the training report quotes are the engine's
//! own, pipeline and rules included.
//!
//! ```text
//! cargo run --release -p thresher --example predict -- --html ../shared/bench/wcxb-dev --out PRED.jsonl
//! cargo run --release -p thresher --example predict -- --text CAPTURED.jsonl.gz --out PRED.jsonl
//! python3 ../shared/bench/score.py PRED.jsonl --per-type
//! ```
//!
//! * `--model FILE` runs with that model in place of the embedded one of
//!   its kind (`Extractor::with_model`).
//! * `--cv FOLDS.json` runs each page with the model of its fold, the one
//!   trained without it: `{"models": {"0": "fold-0.txt", ...}, "pages":
//!   {"0001": "0", ...}}`, model paths relative to the file. A page with no
//!   fold is an error. This is how `train/train.py` cross-validates.
//!
//! A page that fails to extract is written with empty text and counted.
//! The closing line gives the throughput of extraction alone (reading the
//! corpus aside) on the threads used (`--jobs`, default 1).

#[path = "common/mod.rs"]
mod common;

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use thresher::Model;
use thresher::{Extractor, Page};

/// Where the pages come from, and so which pipeline runs.
enum Corpus {
    Html(PathBuf),
    Text(PathBuf),
}

struct Args {
    corpus: Corpus,
    out: PathBuf,
    models: Vec<PathBuf>,
    cv: Option<PathBuf>,
    jobs: usize,
}

const USAGE: &str = "usage: predict (--html DIR | --text CAPTURED.jsonl[.gz]) --out PRED.jsonl \
                     [--model FILE]... [--cv FOLDS.json] [--jobs N]";

fn parse_args() -> Result<Args, String> {
    let (mut corpus, mut out, mut models, mut cv, mut jobs) = (None, None, Vec::new(), None, 1);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--html" => corpus = Some(Corpus::Html(value()?.into())),
            "--text" => corpus = Some(Corpus::Text(value()?.into())),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--model" => models.push(value()?.into()),
            "--cv" => cv = Some(value()?.into()),
            "--jobs" => jobs = value()?.parse().map_err(|e| format!("--jobs: {e}"))?,
            _ => return Err(USAGE.into()),
        }
    }
    Ok(Args {
        corpus: corpus.ok_or(USAGE)?,
        out: out.ok_or(USAGE)?,
        models,
        cv,
        jobs: jobs.max(1),
    })
}

fn load_model(path: &Path) -> Result<Model, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Model::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The extractor each page runs with: the caller's models, and per page
/// the fold's model when cross-validating.
struct Extractors {
    base: Extractor,
    folds: HashMap<String, Extractor>,
    page_fold: HashMap<String, String>,
}

impl Extractors {
    fn new(args: &Args) -> Result<Extractors, String> {
        let mut base = Extractor::default();
        for m in &args.models {
            base = base.with_model(load_model(m)?);
        }
        let (mut folds, mut page_fold) = (HashMap::new(), HashMap::new());
        if let Some(cv) = &args.cv {
            let text = std::fs::read_to_string(cv).map_err(|e| format!("{}: {e}", cv.display()))?;
            let spec: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", cv.display()))?;
            let dir = cv.parent().unwrap_or(Path::new("."));
            let models = spec["models"]
                .as_object()
                .ok_or("--cv: no \"models\" object")?;
            for (fold, path) in models {
                let path = dir.join(path.as_str().ok_or("--cv: a model path is not a string")?);
                folds.insert(fold.clone(), base.clone().with_model(load_model(&path)?));
            }
            let pages = spec["pages"]
                .as_object()
                .ok_or("--cv: no \"pages\" object")?;
            for (page, fold) in pages {
                let fold = fold
                    .as_str()
                    .map_or_else(|| fold.to_string(), str::to_owned);
                page_fold.insert(page.clone(), fold);
            }
        }
        Ok(Extractors {
            base,
            folds,
            page_fold,
        })
    }

    fn for_page(&self, id: &str) -> Result<&Extractor, String> {
        if self.folds.is_empty() {
            return Ok(&self.base);
        }
        self.page_fold
            .get(id)
            .and_then(|f| self.folds.get(f))
            .ok_or(format!("page {id} has no fold model"))
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let extractors = Extractors::new(&args)?;
    let (pages, text_mode) = match &args.corpus {
        Corpus::Html(dir) => (common::html_pages(dir)?, false),
        Corpus::Text(path) => (common::text_pages(path)?, true),
    };
    for p in &pages {
        extractors.for_page(&p.id)?;
    }
    let started = Instant::now();
    let chunk = pages.len().div_ceil(args.jobs).max(1);
    let texts: Vec<Vec<Option<String>>> = std::thread::scope(|s| {
        let workers: Vec<_> = pages
            .chunks(chunk)
            .map(|part| {
                let extractors = &extractors;
                s.spawn(move || {
                    part.iter()
                        .map(|p| {
                            let x = extractors.for_page(&p.id).ok()?;
                            let result = if text_mode {
                                x.extract_text(&String::from_utf8_lossy(&p.bytes))
                            } else {
                                x.extract(&Page::from_bytes(&p.bytes))
                            };
                            result.ok().map(|e| e.text)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().map_err(|_| "a worker thread panicked"))
            .collect::<Result<_, _>>()
    })?;
    let texts = texts.into_iter().flatten();
    let secs = started.elapsed().as_secs_f64();
    let mut failed = 0usize;
    let mut out = BufWriter::new(std::fs::File::create(&args.out)?);
    for (p, text) in pages.iter().zip(texts) {
        let text = text.unwrap_or_else(|| {
            failed += 1;
            String::new()
        });
        serde_json::to_writer(&mut out, &serde_json::json!({"id": p.id, "text": text}))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    eprintln!(
        "predict: {} pages ({failed} failed), {:.1} MB in {secs:.2} s on {} thread(s): {:.0} pages/s, {:.1} MB/s",
        pages.len(),
        bytes as f64 / 1e6,
        args.jobs,
        pages.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
    );
    Ok(())
}

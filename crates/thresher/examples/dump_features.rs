//! Writes the learned model's training rows: every block of every page in a
//! benchmark folder (`html/NNNN.html[.gz]`), with its feature row.
//!
//! ```text
//! cargo run --release -p thresher --example dump_features -- \
//!     --data ../shared/bench/wcxb-dev --out target/features
//! ```
//!
//! Writes three files under `--out`:
//! * `names.json` — `{"count": N, "names": [...]}`, the row layout;
//! * `rows.f32` — N little-endian `f32` a block, blocks in page order;
//! * `blocks.jsonl` — one object a block, in the same order: `page` (file
//!   stem), `i` (block index), `text`, `rule_label` (what the rules alone
//!   decide), `overrule` (the label of a rule heavy enough to overrule the
//!   model, or null) and `p` (the embedded model's probability, or null when
//!   it was trained on other features).
//!
//! It runs the pipeline's stages up to classification exactly as
//! `Extractor::extract` does, so the rows are the ones the model sees at run
//! time. Pages that fail to parse are skipped with a message. The closing
//! line gives the time the feature and model steps take per page.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use thresher::classify::{features, hints, learned, region, rules, score};
use thresher::{blocks, decode, dom, metadata, Page, Tuning};

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

fn run(data: &Path, out: &Path) -> std::io::Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("html"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    std::fs::create_dir_all(out)?;
    let names = features::names();
    std::fs::write(
        out.join("names.json"),
        serde_json::json!({"count": names.len(), "names": names}).to_string(),
    )?;
    let mut rows = std::io::BufWriter::new(std::fs::File::create(out.join("rows.f32"))?);
    let mut meta = std::io::BufWriter::new(std::fs::File::create(out.join("blocks.jsonl"))?);
    let tuning = Tuning::default();
    let (mut pages, mut total) = (0usize, 0usize);
    let (mut feature_time, mut model_time) = (Duration::ZERO, Duration::ZERO);
    for path in &files {
        let id = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('.').next())
            .unwrap_or_default();
        let bytes = read_page(path)?;
        let page = Page::from_bytes(&bytes);
        let html = decode::decode(&page);
        let doc = match dom::parse(&html.text, None) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{id}: {e}");
                continue;
            }
        };
        let meta_data = metadata::extract(&doc, page.url);
        let blocks = blocks::segment(&doc);
        let region = region::find(&doc, &blocks, &tuning);
        let t0 = Instant::now();
        let mut hint_cache = hints::HintCache::new(&doc);
        let f = features::compute(&doc, &blocks, &region, &meta_data, &hint_cache);
        let t1 = Instant::now();
        let p = learned::probabilities(&doc, &blocks, &f, &tuning).map(|m| m.p);
        feature_time += t1 - t0;
        model_time += t1.elapsed();
        for v in f.as_slice() {
            rows.write_all(&v.to_le_bytes())?;
        }
        for (i, b) in blocks.iter().enumerate() {
            let verdicts = rules::verdicts(&doc, b, &region, &mut hint_cache, &meta_data, &tuning);
            let rule_label = score::combine(b.id, &verdicts).label;
            let overrule = learned::overruling(&verdicts, &tuning).map(|v| v.label.name());
            let line = serde_json::json!({
                "page": id,
                "i": i,
                "text": b.text,
                "rule_label": rule_label.name(),
                "overrule": overrule,
                "p": p.as_ref().map(|p| p[i]),
            });
            writeln!(meta, "{line}")?;
        }
        pages += 1;
        total += blocks.len();
    }
    rows.flush()?;
    meta.flush()?;
    let per_page = |d: Duration| d.as_secs_f64() * 1e3 / pages.max(1) as f64;
    eprintln!(
        "dump_features: {pages} pages, {total} blocks, {} features; per page: features {:.2} ms, model {:.2} ms",
        names.len(),
        per_page(feature_time),
        per_page(model_time),
    );
    Ok(())
}

fn main() -> ExitCode {
    let mut data = PathBuf::from("../shared/bench/wcxb-dev");
    let mut out = PathBuf::from("target/features");
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next();
        match (flag.as_str(), value) {
            ("--data", Some(v)) => data = v.into(),
            ("--out", Some(v)) => out = v.into(),
            _ => {
                eprintln!("usage: dump_features [--data DIR] [--out DIR]");
                return ExitCode::from(2);
            }
        }
    }
    match run(&data, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dump_features: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Runs text mode over a captured-text corpus and writes one prediction a
//! page, for `score.py`; prints the throughput.
//!
//! ```text
//! cargo run --release --example text_eval -- CAPTURED.jsonl[.gz] PRED.jsonl [--cv DIR]
//! python3 ../shared/bench/score.py PRED.jsonl --per-type
//! ```
//!
//! With `--cv DIR` (written by `train/text/run.sh`), each page is cleaned
//! by the model of the fold that did not train on it — `DIR/folds.json`
//! maps page ids to folds, `DIR/fold-K.txt` holds fold K's model — so the
//! score is the whole pipeline's cross-validated F1, rules included.
//! Throughput counts the pipeline alone (segment, classify, select,
//! render), on one core, not the reading of the corpus.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::{Duration, Instant};

use thresher::classify::text::model::Model;
use thresher::Extractor;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: text_eval CAPTURED.jsonl[.gz] PRED.jsonl [--cv DIR]";
    let input_path = args.first().ok_or(usage)?;
    let output = args.get(1).ok_or(usage)?;
    let cv = match args.get(2).map(String::as_str) {
        Some("--cv") => Some(load_folds(args.get(3).ok_or(usage)?)?),
        Some(_) => return Err(usage.into()),
        None => None,
    };

    let file = std::fs::File::open(input_path)?;
    let reader: Box<dyn BufRead> = if input_path.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut pages = Vec::new();
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let obj: serde_json::Value = serde_json::from_str(&line)?;
        let id = obj["id"].as_str().ok_or("a record without an id")?.to_owned();
        let text = obj["text"].as_str().unwrap_or("").to_owned();
        pages.push((id, text));
    }

    let extractor = Extractor::default();
    let mut out = BufWriter::new(std::fs::File::create(output)?);
    let (mut bytes, mut elapsed, mut failed) = (0usize, Duration::ZERO, 0usize);
    for (id, text) in &pages {
        let started = Instant::now();
        let result = match &cv {
            Some((folds, models)) => {
                let model = folds
                    .get(id)
                    .and_then(|k| models.get(k))
                    .ok_or_else(|| format!("page {id} has no fold model"))?;
                extractor.extract_text_with(model, text).ok()
            }
            None => extractor.extract_text(text).ok(),
        };
        elapsed += started.elapsed();
        bytes += text.len();
        let cleaned = result.map(|e| e.text).unwrap_or_else(|| {
            failed += 1;
            String::new()
        });
        serde_json::to_writer(&mut out, &serde_json::json!({"id": id, "text": cleaned}))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    let secs = elapsed.as_secs_f64();
    eprintln!(
        "{} pages ({failed} empty), {:.1} MB in {secs:.2} s: {:.1} MB/s, {:.0} pages/s{}",
        pages.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs,
        pages.len() as f64 / secs,
        if cv.is_some() { " (cross-validated models)" } else { "" }
    );
    Ok(())
}

type Folds = (HashMap<String, String>, HashMap<String, Model>);

fn load_folds(dir: &str) -> Result<Folds, Box<dyn std::error::Error>> {
    let dir = std::path::Path::new(dir);
    let folds: HashMap<String, String> = serde_json::from_str::<HashMap<String, serde_json::Value>>(
        &std::fs::read_to_string(dir.join("folds.json"))?,
    )?
    .into_iter()
    .map(|(id, k)| (id, k.to_string()))
    .collect();
    let mut models = HashMap::new();
    for k in folds.values() {
        if !models.contains_key(k) {
            let text = std::fs::read_to_string(dir.join(format!("fold-{k}.txt")))?;
            models.insert(k.clone(), Model::parse(&text)?);
        }
    }
    Ok((folds, models))
}

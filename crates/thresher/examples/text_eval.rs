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
//! render), on one thread, not the reading of the corpus: by the wall clock,
//! and by the CPU time the thread was given (on Linux), which is the figure
//! to trust on a busy machine.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use thresher::classify::model::Model;
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
        let id = obj["id"]
            .as_str()
            .ok_or("a record without an id")?
            .to_owned();
        let text = obj["text"].as_str().unwrap_or("").to_owned();
        pages.push((id, text));
    }

    let extractor = Extractor::default();
    // Clean every page first, timing the whole run at once (the CPU clock
    // ticks in 10 ms), then write.
    let (started, cpu_started) = (Instant::now(), thread_cpu_seconds());
    let cleaned: Vec<Option<String>> = pages
        .iter()
        .map(|(id, text)| {
            let result = match &cv {
                Some((folds, models)) => {
                    let model = folds.get(id).and_then(|k| models.get(k))?;
                    extractor.extract_text_with(model, text).ok()
                }
                None => extractor.extract_text(text).ok(),
            };
            result.map(|e| e.text)
        })
        .collect();
    let elapsed = started.elapsed();
    let cpu = cpu_started.zip(thread_cpu_seconds()).map(|(a, b)| b - a);
    if let Some(((id, _), _)) = pages.iter().zip(&cleaned).find(|(p, c)| {
        c.is_none()
            && cv
                .as_ref()
                .is_some_and(|(folds, _)| !folds.contains_key(&p.0))
    }) {
        return Err(format!("page {id} has no fold model").into());
    }
    let bytes: usize = pages.iter().map(|(_, t)| t.len()).sum();
    let mut failed = 0usize;
    let mut out = BufWriter::new(std::fs::File::create(output)?);
    for ((id, _), text) in pages.iter().zip(cleaned) {
        let text = text.unwrap_or_else(|| {
            failed += 1;
            String::new()
        });
        serde_json::to_writer(&mut out, &serde_json::json!({"id": id, "text": text}))?;
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
        if cv.is_some() {
            " (cross-validated models)"
        } else {
            ""
        }
    );
    if let Some(cpu) = cpu {
        eprintln!(
            "CPU time {cpu:.2} s: {:.1} MB/s on one core",
            bytes as f64 / 1e6 / cpu
        );
    }
    Ok(())
}

/// CPU time this thread has been given, from `/proc` (Linux; ticks of 10
/// ms, fine over a whole corpus).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<f64>().ok());
    Some((ticks(11)? + ticks(12)?) / CLOCK_TICKS_PER_SECOND)
}

/// `sysconf(_SC_CLK_TCK)` on every Linux there is.
const CLOCK_TICKS_PER_SECOND: f64 = 100.0;

type Folds = (HashMap<String, String>, HashMap<String, Model>);

fn load_folds(dir: &str) -> Result<Folds, Box<dyn std::error::Error>> {
    let dir = std::path::Path::new(dir);
    let folds: HashMap<String, String> =
        serde_json::from_str::<HashMap<String, serde_json::Value>>(&std::fs::read_to_string(
            dir.join("folds.json"),
        )?)?
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

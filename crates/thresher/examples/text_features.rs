//! Writes the text model's training rows: the features of every line of a
//! captured-text corpus, as the engine computes them, so that training and
//! run time can never disagree on a feature.
//!
//! `cargo run --release --example text_features -- CAPTURED.jsonl.gz OUT_DIR`
//!
//! OUT_DIR gets `features.f32` (every row, little-endian `f32`, row-major),
//! `names.txt` (the feature names, one a line) and `pages.jsonl` (one
//! `{"id", "lines": [...]}` a page, the lines in row order).

use std::io::{BufRead, BufReader, BufWriter, Write};

use thresher::classify::text::features;
use thresher::input::text::segment;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: text_features CAPTURED.jsonl[.gz] OUT_DIR";
    let input = args.next().ok_or(usage)?;
    let out = std::path::PathBuf::from(args.next().ok_or(usage)?);
    std::fs::create_dir_all(&out)?;
    let file = std::fs::File::open(&input)?;
    let reader: Box<dyn BufRead> = if input.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut rows_out = BufWriter::new(std::fs::File::create(out.join("features.f32"))?);
    let mut pages_out = BufWriter::new(std::fs::File::create(out.join("pages.jsonl"))?);
    std::fs::write(out.join("names.txt"), features::NAMES.join("\n") + "\n")?;
    let (mut pages, mut rows) = (0usize, 0usize);
    for line in reader.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let obj: serde_json::Value = serde_json::from_str(&line)?;
        let id = obj["id"].as_str().ok_or("a record without an id")?;
        let text = obj["text"].as_str().unwrap_or("");
        let blocks = segment(text);
        let facts = features::facts(text, &blocks);
        let r = features::rows(&blocks, &facts);
        for v in r.values() {
            rows_out.write_all(&v.to_le_bytes())?;
        }
        let lines: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        serde_json::to_writer(
            &mut pages_out,
            &serde_json::json!({"id": id, "lines": lines}),
        )?;
        pages_out.write_all(b"\n")?;
        pages += 1;
        rows += r.len();
    }
    rows_out.flush()?;
    pages_out.flush()?;
    eprintln!(
        "{pages} pages, {rows} rows of {} features -> {}",
        features::NAMES.len(),
        out.display()
    );
    Ok(())
}

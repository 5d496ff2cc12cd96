//! Writes a model's training rows: the feature row of every block (or, in
//! text mode, every line) the model judges, computed by the engine's own
//! code, so that training and run time cannot disagree on a feature.
//!
//! ```text
//! cargo run --release -p thresher --example training_rows -- blocks ../shared/bench/wcxb-dev OUT
//! cargo run --release -p thresher --example training_rows -- lines CAPTURED.jsonl.gz OUT
//! ```
//!
//! `blocks` reads a WCXB-style folder (`html/ID.html[.gz]`) and runs the
//! pipeline up to classification as `Extractor::extract` does
//! (`classify::prepare`: blocks hidden by markup are not rows, as the model
//! never sees them). `lines` reads captured text (`{"id", "text"}` JSON
//! Lines) and cuts it into lines as `Extractor::extract_text` does.
//!
//! OUT gets:
//! * `names.json` — `{"kind", "names": [...], "settings": [[name, value], ...]}`:
//!   what a model trained on these rows must record (see `classify::model`);
//! * `rows.f32` — every row, `names.len()` little-endian `f32`s, in order;
//! * `rows.jsonl` — one `{"page", "text"}` a row, in the same order.

#[path = "common/mod.rs"]
mod common;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use thresher::internals::classify;
use thresher::internals::{decode, dom, metadata};
use thresher::ModelKind;
use thresher::{blocks, input, Page};

/// One page's rows: the texts and their feature values.
struct PageRows<'a> {
    texts: Vec<&'a str>,
    values: &'a [f32],
}

/// Where the rows go: `rows.f32` and `rows.jsonl`.
struct RowFiles {
    values: BufWriter<File>,
    texts: BufWriter<File>,
}

impl RowFiles {
    fn create(out: &Path) -> std::io::Result<RowFiles> {
        Ok(RowFiles {
            values: BufWriter::new(File::create(out.join("rows.f32"))?),
            texts: BufWriter::new(File::create(out.join("rows.jsonl"))?),
        })
    }

    /// Appends one page's rows; returns how many.
    fn write(&mut self, id: &str, rows: PageRows<'_>) -> std::io::Result<usize> {
        for v in rows.values {
            self.values.write_all(&v.to_le_bytes())?;
        }
        for text in &rows.texts {
            serde_json::to_writer(
                &mut self.texts,
                &serde_json::json!({"page": id, "text": text}),
            )?;
            self.texts.write_all(b"\n")?;
        }
        Ok(rows.texts.len())
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.values.flush()?;
        self.texts.flush()
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: training_rows blocks|lines CORPUS OUT_DIR";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, corpus, out] = args.as_slice() else {
        return Err(usage.into());
    };
    let (kind, corpus, out) = (kind.as_str(), Path::new(corpus), PathBuf::from(out));
    let kind = match kind {
        "blocks" => ModelKind::Blocks,
        "lines" => ModelKind::Lines,
        _ => return Err(usage.into()),
    };
    std::fs::create_dir_all(&out)?;
    let names = kind.feature_names();
    std::fs::write(
        out.join("names.json"),
        serde_json::json!({
            "kind": kind.name(),
            "names": names,
            "settings": kind.feature_settings(),
        })
        .to_string(),
    )?;
    let mut files = RowFiles::create(&out)?;
    let (mut pages, mut total) = (0usize, 0usize);
    match kind {
        ModelKind::Blocks => {
            for page in common::html_pages(corpus)? {
                let html = decode::decode(&Page::from_bytes(&page.bytes));
                let doc = match dom::parse(&html.text, None) {
                    Ok(d) => d,
                    Err(e) => {
                        eprintln!("{}: {e}", page.id);
                        continue;
                    }
                };
                let meta = metadata::extract(&doc, None);
                let blocks = blocks::segment(&doc);
                let prepared = classify::prepare(&doc, &blocks, &meta);
                let texts = prepared.seen.iter().map(|b| b.text.as_str()).collect();
                let values = prepared.rows.as_slice();
                total += files.write(&page.id, PageRows { texts, values })?;
                pages += 1;
            }
        }
        ModelKind::Lines => {
            for page in common::text_pages(corpus)? {
                let text = String::from_utf8_lossy(&page.bytes);
                let blocks = input::text::segment(&text);
                let facts = classify::text::features::facts(&text, &blocks);
                let rows = classify::text::features::rows(&blocks, &facts);
                let texts = blocks.iter().map(|b| b.text.as_str()).collect();
                total += files.write(
                    &page.id,
                    PageRows {
                        texts,
                        values: rows.values(),
                    },
                )?;
                pages += 1;
            }
        }
    }
    files.finish()?;
    eprintln!(
        "training_rows: {pages} pages, {total} rows of {} {} features -> {}",
        names.len(),
        kind.name(),
        out.display()
    );
    Ok(())
}

//! Runs Thresher over a benchmark data set (a folder with `html/NNNN.html.gz`)
//! on one thread, timing extraction in-process (parse included, reading and
//! decompressing files excluded), and writes predictions for `score.py`.
//!
//! ```text
//! thresher-bench --data ../shared/bench/wcxb-dev --pred preds.jsonl --timing timing.json
//! ```

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde_json::json;

struct Args {
    data: PathBuf,
    pred: PathBuf,
    timing: Option<PathBuf>,
    limit: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut data = PathBuf::from("../shared/bench/wcxb-dev");
    let mut pred = PathBuf::from("predictions.jsonl");
    let mut timing = None;
    let mut limit = usize::MAX;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => data = value()?.into(),
            "--pred" => pred = value()?.into(),
            "--timing" => timing = Some(value()?.into()),
            "--limit" => limit = value()?.parse().map_err(|e| format!("--limit: {e}"))?,
            "-h" | "--help" => {
                return Err("usage: thresher-bench [--data DIR] [--pred OUT.jsonl] [--timing OUT.json] [--limit N]".into())
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Args {
        data,
        pred,
        timing,
        limit,
    })
}

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

fn run(args: &Args) -> std::io::Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(args.data.join("html"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    files.truncate(args.limit);
    let extractor = thresher::Extractor::default();
    let mut out = std::io::BufWriter::new(std::fs::File::create(&args.pred)?);
    let (mut pages, mut failed, mut bytes) = (0usize, 0usize, 0usize);
    let mut elapsed = Duration::ZERO;
    // CPU time of this thread during extraction: on a shared machine the
    // wall clock also counts other processes' work.
    let mut cpu = Duration::ZERO;
    for path in &files {
        let id = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.split('.').next())
            .unwrap_or_default()
            .to_owned();
        let html = read_page(path)?;
        bytes += html.len();
        let start = Instant::now();
        let cpu_start = cpu_time::ThreadTime::now();
        let result = extractor.extract(&thresher::Page::from_bytes(&html));
        cpu += cpu_start.elapsed();
        elapsed += start.elapsed();
        pages += 1;
        let text = match result {
            Ok(e) => e.text,
            Err(e) => {
                failed += 1;
                eprintln!("{id}: {e}");
                String::new()
            }
        };
        writeln!(out, "{}", json!({"id": id, "text": text}))?;
    }
    out.flush()?;
    let seconds = elapsed.as_secs_f64();
    let summary = json!({
        "system": "thresher",
        "pages": pages,
        "failed": failed,
        "bytes": bytes,
        "seconds": seconds,
        "cpu_seconds": cpu.as_secs_f64(),
    });
    let cpu_seconds = cpu.as_secs_f64();
    eprintln!(
        "thresher: {pages} pages, {failed} failed, {:.1} pages/s, {:.1} MB/s (CPU time); {:.1} pages/s wall clock",
        pages as f64 / cpu_seconds,
        bytes as f64 / 1e6 / cpu_seconds,
        pages as f64 / seconds,
    );
    if let Some(t) = &args.timing {
        std::fs::write(t, summary.to_string())?;
    }
    Ok(())
}

fn main() -> ExitCode {
    thresher::process::settle_allocator();
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("thresher-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

//! Parse-only speed of the engine's parser and of html5ever over a data set
//! (a folder with `html/*.html.gz`, such as WCXB's dev split). Files are read,
//! decompressed and decoded before the clock starts; each parser then builds
//! a Document for every page, in turn, one core. Besides wall time it reports
//! the thread's CPU time (from `/proc/thread-self/schedstat`), which stays
//! meaningful when other jobs share the cores.
//!
//! ```text
//! cargo run --release -p thresher --example parse_speed -- ../shared/bench/wcxb-dev [ROUNDS [thresher|html5ever]]
//! ```

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use thresher::internals::dom::{parse, parse_html5ever, Document};
use thresher::Page;

type Parser = fn(&str, Option<Instant>) -> Result<Document, thresher::Error>;

fn load(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("html"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    files.sort();
    let mut pages = Vec::with_capacity(files.len());
    for path in files {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut bytes)?;
        pages.push(
            thresher::internals::decode::decode(&Page::from_bytes(&bytes))
                .text
                .into_owned(),
        );
    }
    Ok(pages)
}

/// CPU time this thread has run, where Linux tells it.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// The fastest of `rounds` passes over every page: wall time, CPU time,
/// nodes built.
fn time(parser: Parser, pages: &[String], rounds: usize) -> (Duration, Duration, usize) {
    let (mut best_wall, mut best_cpu) = (Duration::MAX, Duration::MAX);
    let mut nodes = 0;
    for _ in 0..rounds {
        nodes = 0;
        let cpu_start = cpu_time();
        let start = Instant::now();
        for page in pages {
            if let Ok(doc) = parser(page, None) {
                nodes += doc.len();
            }
        }
        let wall = start.elapsed();
        best_wall = best_wall.min(wall);
        let cpu = match (cpu_start, cpu_time()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => wall,
        };
        best_cpu = best_cpu.min(cpu);
    }
    (best_wall, best_cpu, nodes)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/bench/wcxb-dev".into()),
    );
    let rounds = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let pages = match load(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    let bytes: usize = pages.iter().map(String::len).sum();
    println!(
        "{} pages, {:.1} MB of decoded text, best of {rounds} rounds",
        pages.len(),
        bytes as f64 / 1e6
    );
    let parsers: [(&str, Parser); 2] = [("thresher", parse), ("html5ever", parse_html5ever)];
    let only = args.next();
    if rounds == 0 {
        // Loading only: the baseline to subtract from a `perf stat` count.
        return;
    }
    for (name, parser) in parsers {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let (wall, cpu, nodes) = time(parser, &pages, rounds);
        let (wall, cpu) = (wall.as_secs_f64(), cpu.as_secs_f64());
        println!(
            "{name:>10}: wall {wall:6.2} s {:7.1} MB/s | cpu {cpu:6.2} s {:7.1} MB/s {:7.1} pages/s | {nodes} nodes",
            bytes as f64 / 1e6 / wall,
            bytes as f64 / 1e6 / cpu,
            pages.len() as f64 / cpu
        );
    }
}

//! Differential check over a data set: builds every page with the engine's
//! parser and with html5ever and reports the pages whose trees differ
//! (elements, attributes and text; comments left out), with the first
//! differing line of each.
//!
//! ```text
//! cargo run --release -p thresher --example parse_diff -- ../shared/bench/wcxb-dev [MAX_SHOWN]
//! ```

use std::io::Read;
use std::path::PathBuf;

use thresher::internals::dom::{self, parse, parse_html5ever, Document};
use thresher::Page;

/// One line per node, indented by depth (`dom::outline`, the differential
/// tests' form).
fn outline(doc: &Document) -> Vec<String> {
    dom::outline(doc).lines().map(String::from).collect()
}

fn shorten(s: &str) -> String {
    s.chars().take(160).collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/bench/wcxb-dev".into()),
    );
    let max_shown: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir.join("html")) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    files.sort();
    let (mut same, mut differ) = (0, 0);
    for path in &files {
        let mut bytes = Vec::new();
        let Ok(file) = std::fs::File::open(path) else {
            continue;
        };
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .is_err()
        {
            continue;
        }
        let text = thresher::internals::decode::decode(&Page::from_bytes(&bytes))
            .text
            .into_owned();
        let (Ok(ours), Ok(theirs)) = (parse(&text, None), parse_html5ever(&text, None)) else {
            continue;
        };
        let (a, b) = (outline(&ours), outline(&theirs));
        if a == b {
            same += 1;
            continue;
        }
        differ += 1;
        if differ <= max_shown {
            let i = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            println!(
                "== {} ({} vs {} lines), first difference at line {i}:",
                path.display(),
                a.len(),
                b.len()
            );
            for line in &a[i.saturating_sub(3)..i] {
                println!("   {}", shorten(line));
            }
            println!(
                " - ours:      {}",
                a.get(i).map_or("<end>".into(), |s| shorten(s))
            );
            println!(
                " + html5ever: {}",
                b.get(i).map_or("<end>".into(), |s| shorten(s))
            );
        }
    }
    println!("{same} pages the same, {differ} different");
}

//! What each fuzz target checks, as plain functions of the input bytes.
//!
//! The targets in `fuzz/fuzz_targets/` are one line each, calling these;
//! `tests/replay.rs` runs the same functions over the fixtures and the
//! saved corpora, so the checks build and run in `cargo test` without
//! cargo-fuzz. A check panics when a property breaks: that is what the
//! fuzzer reports as a crash.
//!
//! | target | input | property |
//! |---|---|---|
//! | [`extract`] | any bytes as a page | a result or an error; every format renders, without NUL |
//! | [`decode`] | any bytes as a page | text decodes; valid UTF-8 without a BOM or a declared charset is kept as it is |
//! | [`warc`] | any bytes as a WARC archive | every record read is accounted for once, and no more records than the archive starts |
//! | [`text`] | any bytes as captured text | a result or an error; every format renders, without NUL |
//! | [`render`] | any bytes as a page | the HTML output holds no script, no `on*` attribute and no script address; the Markdown no NUL |
//! | [`parser_differential`] | any bytes as a page | the engine's parser builds the tree html5ever builds, and keeps to a small node budget |

pub mod adversarial;

use std::sync::OnceLock;

use thresher::batch::warc::{self as warc_batch};
use thresher::batch::Tally;
use thresher::internals::decode as decoding;
use thresher::internals::dom::{self, NodeData};
use thresher::internals::tuning::MAX_TREE_DEPTH;
use thresher::{Config, Extraction, Extractor, Format, Page};

/// Inputs longer than this are cut: the fuzzer's strength is in the shapes
/// of small inputs, and a long one costs a slow execution.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// One extractor for all executions: loading the models costs more than
/// extracting a small page. No time budget, so results do not depend on
/// the machine's load.
fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| {
        Extractor::new(
            Config {
                time_budget: None,
                ..Config::default()
            },
            Default::default(),
        )
    })
}

fn cut(data: &[u8]) -> &[u8] {
    &data[..data.len().min(MAX_INPUT_BYTES)]
}

/// Renders `e` in every format, none of which may carry a NUL.
fn renders_without_nul(e: &Extraction) {
    for format in Format::ALL {
        assert!(!e.render(format).contains('\0'), "NUL in {format:?}");
    }
}

/// Any bytes as a page: an extraction or an error, never a panic; an
/// extraction renders in every format, and no output carries a NUL.
pub fn extract(data: &[u8]) {
    if let Ok(e) = extractor().extract(&Page::from_bytes(cut(data))) {
        renders_without_nul(&e);
    }
}

/// Any bytes as a page's bytes: decoding gives text, and valid UTF-8 that
/// names no other encoding comes back unchanged.
pub fn decode(data: &[u8]) {
    let data = cut(data);
    let html = decoding::decode(&Page::from_bytes(data));
    if let Ok(s) = std::str::from_utf8(data) {
        if html.encoding == "UTF-8" && !s.starts_with('\u{feff}') {
            assert_eq!(&*html.text, s, "valid UTF-8 changed in decoding");
        }
    }
}

/// Any bytes as a WARC archive: each record read is processed into exactly
/// one outcome, the tally's sum is the count, and the reader stops: it
/// yields at most one record per `WARC/` in the input, and one failure for
/// the stretch of junk before each (a wrong `Content-Length` leaves one)
/// and at the end.
pub fn warc(data: &[u8]) {
    let data = cut(data);
    let mut tally = Tally::default();
    let mut seen = 0u64;
    let starts = data.windows(5).filter(|w| w == b"WARC/").count() as u64;
    for processed in warc_batch::extract(data, extractor()) {
        tally.add(processed.outcome.fate());
        seen += 1;
        assert!(
            seen <= 2 * starts + 1,
            "more records than the archive starts and gaps between them"
        );
    }
    assert_eq!(tally.records(), seen);
    assert_eq!(
        tally.records(),
        tally.extracted() + tally.skipped_total() + tally.failed_total()
    );
}

/// Any bytes as captured text (invalid UTF-8 replaced): a result or an
/// error; a result renders in every format, and no output carries a NUL.
pub fn text(data: &[u8]) {
    let text = String::from_utf8_lossy(cut(data));
    if let Ok(e) = extractor().extract_text(&text) {
        renders_without_nul(&e);
    }
}

/// Any bytes as a page: the HTML rendering, parsed again, holds no
/// `script`, `style`, `iframe` or `object`, no event-handler attribute, and
/// no address that runs script; the Markdown is UTF-8 without NUL.
pub fn render(data: &[u8]) {
    let Ok(e) = extractor().extract(&Page::from_bytes(cut(data))) else {
        return;
    };
    let html = e.render(Format::Html);
    let doc = dom::parse(&html, None).expect("the engine's own HTML parses");
    for n in doc.descendants(doc.root()) {
        let NodeData::Element(el) = &doc.node(n).data else {
            continue;
        };
        assert!(
            !matches!(
                &*el.name,
                "script" | "style" | "iframe" | "object" | "embed"
            ),
            "<{}> in the HTML output: {html}",
            el.name
        );
        for a in &el.attrs {
            assert!(
                !a.name.starts_with("on"),
                "event handler {} in the HTML output: {html}",
                a.name
            );
            // Text attributes (`alt`, `title`) may say anything.
            let address = !matches!(&*a.name, "alt" | "title");
            assert!(
                !(address && runs_script(&a.value)),
                "script address {:?} in the HTML output: {html}",
                a.value
            );
        }
    }
    let markdown = e.render(Format::Markdown);
    assert!(!markdown.contains('\0'), "NUL in the Markdown output");
}

/// True for an address a browser would run as script: `javascript:`,
/// `vbscript:` or `data:` (an HTML document), read as the URL standard
/// reads it: leading C0 controls and spaces stripped, tabs and newlines
/// removed anywhere, the scheme's case ignored. Other characters (a
/// no-break space) end the scheme, and the address is then relative.
fn runs_script(value: &str) -> bool {
    const SCRIPT_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];
    let longest = SCRIPT_SCHEMES.iter().map(|s| s.len()).max().unwrap_or(0);
    let scheme: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(longest)
        .collect::<String>()
        .to_ascii_lowercase();
    SCRIPT_SCHEMES.iter().any(|s| scheme.starts_with(s))
}

/// A node budget small inputs run out of, so that the fuzzer reaches the
/// parser's reading past the budget.
const SMALL_NODE_BUDGET: usize = 40;

/// Nodes the parser may make past its budget besides the clones below: the
/// body and the text node the rest goes into, and what a token
/// half-handled when the budget ran out adds (pending table text, an
/// implied element, the adoption agency's few).
const NODES_PAST_SMALL_BUDGET: usize = 40;

/// Any bytes as a page (invalid UTF-8 replaced): the engine's parser and
/// html5ever build the same elements, attributes and text, wherever
/// html5ever gives a tree and the engine did not flatten deep nesting or
/// run out of nodes. Under a small node budget, the parser keeps to it.
pub fn parser_differential(data: &[u8]) {
    let text = String::from_utf8_lossy(cut(data));
    let small = dom::parse::Limits {
        nodes: SMALL_NODE_BUDGET,
        ..Default::default()
    };
    let (capped, _) =
        dom::parse::parse_with_limits(&text, None, small).expect("the parser never fails");
    // The token that crosses the budget is handled in full, and text
    // reopens every active formatting element first: at most one clone of
    // each element made before.
    assert!(
        capped.len() <= 2 * SMALL_NODE_BUDGET + NODES_PAST_SMALL_BUDGET,
        "{} nodes past a budget of {SMALL_NODE_BUDGET} for {text:?}",
        capped.len()
    );
    let Ok(reference) = dom::parse_html5ever(&text, None) else {
        return;
    };
    let (ours, flattening) = dom::parse::parse_with_limits(&text, None, Default::default())
        .expect("the parser never fails");
    if flattening.deepest >= MAX_TREE_DEPTH || flattening.nodes_capped {
        return;
    }
    let ours = dom::outline(&ours);
    let reference = dom::outline(&reference);
    assert!(
        ours == reference,
        "trees differ for {text:?}\n--- ours\n{ours}\n--- html5ever\n{reference}"
    );
}

/// A target's check: panics when the input breaks its property.
pub type Check = fn(&[u8]);

/// Every target by name, with its check: the one list the replay, the
/// seeding and [`check`] read.
pub const TARGETS: [(&str, Check); 6] = [
    ("extract", extract),
    ("decode", decode),
    ("warc", warc),
    ("text", text),
    ("render", render),
    ("parser_differential", parser_differential),
];

/// The check the target named `target` runs.
pub fn check(target: &str) -> Option<Check> {
    TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|&(_, run)| run)
}

/// The repository's root, from this crate's folder.
fn repo_root() -> std::path::PathBuf {
    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate_dir
        .ancestors()
        .nth(2)
        .map_or_else(|| crate_dir.join("../.."), std::path::Path::to_path_buf)
}

/// The files directly under `dir`, as (name, bytes), sorted by name; none
/// when it does not exist.
pub fn files_in(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| {
            let bytes = std::fs::read(e.path()).ok()?;
            Some((e.file_name().to_string_lossy().into_owned(), bytes))
        })
        .collect();
    files.sort();
    files
}

/// Fixture inputs named `file` in each case folder under
/// `crates/thresher/tests/fixtures/<group>/`.
fn fixture_inputs(group: &str, file: &str) -> Vec<(String, Vec<u8>)> {
    let dir = repo_root()
        .join("crates/thresher/tests/fixtures")
        .join(group);
    let Ok(cases) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = cases
        .filter_map(Result::ok)
        .filter_map(|case| {
            let bytes = std::fs::read(case.path().join(file)).ok()?;
            Some((
                format!("{group}-{}", case.file_name().to_string_lossy()),
                bytes,
            ))
        })
        .collect();
    out.sort();
    out
}

/// A WARC archive of one response record per page, as a crawler writes it.
pub fn warc_of(pages: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        http.extend_from_slice(page);
        out.extend_from_slice(
            format!(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i}>\r\n\
                 WARC-Target-URI: https://example.com/{i}\r\nContent-Length: {}\r\n\r\n",
                http.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&http);
        out.extend_from_slice(b"\r\n\r\n");
    }
    out
}

/// The seed inputs of a target, from the fixtures: pages for the page
/// targets, captured texts for `text`, and small archives of fixture pages
/// for `warc`.
pub fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut pages = fixture_inputs("extract", "input.html");
    pages.extend(fixture_inputs("classify", "input.html"));
    pages.extend(fixture_inputs("metadata", "input.html"));
    match target {
        "text" => {
            // Captured texts, and the extract fixtures' expected texts: text
            // as a crawler keeps it, with and without boilerplate.
            let mut texts = fixture_inputs("text", "input.txt");
            texts.extend(fixture_inputs("extract", "expected.txt"));
            texts
        }
        "warc" => pages
            .chunks(3)
            .map(|chunk| {
                let bytes: Vec<&[u8]> = chunk.iter().map(|(_, b)| b.as_slice()).collect();
                (format!("{}.warc", chunk[0].0), warc_of(&bytes))
            })
            .collect(),
        _ => pages,
    }
}

/// Set to replay a local fuzzing run's corpus too (`fuzz/corpus/<target>`,
/// tens of thousands of inputs after a long run: minutes of `cargo test`).
pub const REPLAY_CORPUS_VAR: &str = "THRESHER_REPLAY_CORPUS";

/// Where a target's regressions (`fuzz/regressions/<target>`, minimised
/// crashes, committed) live, and its corpus (`fuzz/corpus/<target>`, grown
/// by the fuzzer and not committed) when [`REPLAY_CORPUS_VAR`] is set.
pub fn corpus_dirs(target: &str) -> Vec<std::path::PathBuf> {
    let fuzz = repo_root().join("fuzz");
    let mut dirs = vec![fuzz.join("regressions").join(target)];
    if std::env::var_os(REPLAY_CORPUS_VAR).is_some() {
        dirs.push(fuzz.join("corpus").join(target));
    }
    dirs
}

/// A target's corpus folder, grown by the fuzzer and seeded by
/// `examples/seed.rs`.
pub fn corpus_dir(target: &str) -> std::path::PathBuf {
    repo_root().join("fuzz").join("corpus").join(target)
}

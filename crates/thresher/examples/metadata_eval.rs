//! Scores the metadata stage against a WCXB-style ground truth: title,
//! authors, publication date, and restraint (no author, no date where the
//! page has none), overall and per page type, with a sample of misses.
//!
//! ```text
//! cargo run --release -p thresher --example metadata_eval -- [DATA_DIR] [--misses N] [--type T] [--no-url]
//! ```
//!
//! `DATA_DIR` holds `html/NNNN.html.gz` and `ground-truth/NNNN.json`; it
//! defaults to `../shared/bench/wcxb-dev`. The page's URL from the ground
//! truth is given to the extractor, as a crawler would (`--no-url` to
//! withhold it).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde_json::Value;
use thresher::internals::metadata::Metadata;

/// Misses listed per field unless `--misses` says otherwise.
const DEFAULT_MISSES: usize = 8;

struct Args {
    data: PathBuf,
    misses: usize,
    page_type: Option<String>,
    use_url: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        data: PathBuf::from("../shared/bench/wcxb-dev"),
        misses: DEFAULT_MISSES,
        page_type: None,
        use_url: true,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--misses" => {
                let n = it.next().ok_or("--misses needs a number")?;
                args.misses = n.parse().map_err(|e| format!("--misses: {e}"))?;
            }
            "--type" => args.page_type = Some(it.next().ok_or("--type needs a page type")?),
            "--no-url" => args.use_url = false,
            "-h" | "--help" => {
                return Err(
                    "usage: metadata_eval [DATA_DIR] [--misses N] [--type T] [--no-url]".into(),
                )
            }
            other if other.starts_with('-') => return Err(format!("unknown flag {other}")),
            dir => args.data = dir.into(),
        }
    }
    Ok(args)
}

/// One ground-truth record.
struct Truth {
    id: String,
    url: Option<String>,
    page_type: String,
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
}

fn read_truth(path: &Path) -> Option<Truth> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let gt = &v["ground_truth"];
    let text = |x: &Value| {
        x.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Some(Truth {
        id: text(&v["file_id"])?,
        url: text(&v["url"]),
        page_type: text(&v["_internal"]["page_type"]["primary"]).unwrap_or_else(|| "?".into()),
        title: text(&gt["title"]),
        author: text(&gt["author"]),
        date: text(&gt["publish_date"]),
    })
}

fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
    Ok(out)
}

/// Lower-case, whitespace collapsed, typographic quotes as typed ones:
/// "case, spacing and quote style aside". Sites print ’ “ ” and references
/// often type ' and ", so both sides are folded here, never the output.
fn norm(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}', '\u{201a}', '\u{2032}'], "'")
        .replace(['\u{201c}', '\u{201d}', '\u{201e}', '\u{2033}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Letters and digits only, lower-cased, single spaces: for name matching.
fn name_key(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    norm(&cleaned)
}

/// A part of an author string that is a credential ("MS", "Ph.D.",
/// "E-RYT 200") rather than a name.
fn is_credential(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    words.iter().all(|w| {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        w.chars().any(|c| c.is_ascii_digit())
            || (letters.len() <= 5 && letters.chars().all(char::is_uppercase))
            || (w.contains('.') && letters.len() <= 4)
    })
}

/// The names an author string holds: split on commas, "and", "&". The
/// first part is always a name (a forum handle may look like a credential).
fn names(author: &str) -> Vec<String> {
    author
        .split([',', ';', '&', '|'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
        .filter(|(i, p)| *i == 0 || !is_credential(p))
        .map(|(_, p)| name_key(p))
        .filter(|p| !p.is_empty())
        .collect()
}

fn author_ok(truth: &str, got: &[String]) -> bool {
    let got = name_key(&got.join(" ; "));
    names(truth).iter().all(|n| got.contains(n.as_str()))
}

fn day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

#[derive(Default)]
struct Tally {
    pages: usize,
    title: (usize, usize),
    author: (usize, usize),
    date: (usize, usize),
    /// Pages whose truth names no author, and those of them given none.
    author_restraint: (usize, usize),
    /// Pages whose truth has no date, and those of them given none.
    date_restraint: (usize, usize),
}

impl Tally {
    fn pct((hit, all): (usize, usize)) -> String {
        if all == 0 {
            "   -  ".into()
        } else {
            format!("{:5.1}% ({hit}/{all})", 100.0 * hit as f64 / all as f64)
        }
    }
}

struct Misses {
    title: Vec<String>,
    author: Vec<String>,
    date: Vec<String>,
    invented: Vec<String>,
    invented_authors: Vec<String>,
}

/// Counts one judged field in `pair` (right, judged), and records the miss
/// `describe` gives when it is wrong.
fn count(
    pair: &mut (usize, usize),
    ok: bool,
    misses: &mut Vec<String>,
    describe: impl FnOnce() -> String,
) {
    pair.1 += 1;
    pair.0 += usize::from(ok);
    if !ok {
        misses.push(describe());
    }
}

fn score(t: &Truth, m: &Metadata, tally: &mut Tally, misses: &mut Misses) {
    tally.pages += 1;
    let page = format!("{} [{}]", t.id, t.page_type);
    if let Some(title) = &t.title {
        let ok = m.title.as_deref().is_some_and(|g| norm(g) == norm(title));
        count(&mut tally.title, ok, &mut misses.title, || {
            format!("{page} want {title:?} got {:?}", m.title)
        });
    }
    match &t.author {
        Some(author) => count(
            &mut tally.author,
            author_ok(author, &m.authors),
            &mut misses.author,
            || format!("{page} want {author:?} got {:?}", m.authors),
        ),
        None => count(
            &mut tally.author_restraint,
            m.authors.is_empty(),
            &mut misses.invented_authors,
            || format!("{page} invented {:?}", m.authors),
        ),
    }
    match &t.date {
        Some(date) => count(
            &mut tally.date,
            m.date_published.as_deref().is_some_and(|g| day(g) == date),
            &mut misses.date,
            || {
                format!(
                    "{page} want {date} got {:?} (modified {:?})",
                    m.date_published, m.date_modified
                )
            },
        ),
        None => count(
            &mut tally.date_restraint,
            m.date_published.is_none(),
            &mut misses.invented,
            || format!("{page} invented {:?}", m.date_published),
        ),
    }
}

fn print_row(name: &str, t: &Tally) {
    println!(
        "{name:<14} {:>5}  title {:<20} author {:<20} date {:<20} restraint: author {:<20} date {}",
        t.pages,
        Tally::pct(t.title),
        Tally::pct(t.author),
        Tally::pct(t.date),
        Tally::pct(t.author_restraint),
        Tally::pct(t.date_restraint)
    );
}

fn print_misses(name: &str, list: &[String], n: usize) {
    if n == 0 || list.is_empty() {
        return;
    }
    println!(
        "\n{name} misses ({} in all, first {}):",
        list.len(),
        n.min(list.len())
    );
    for m in list.iter().take(n) {
        println!("  {m}");
    }
}

/// Time spent in the metadata stage, and in the whole pipeline.
#[derive(Default)]
struct Timing {
    metadata: Duration,
    total: Duration,
}

/// How often language detection on the main text names the language a
/// page's `<html lang>` declares: the accuracy of the detection the engine
/// falls back on when a page declares nothing (or contradicts itself).
#[derive(Default)]
struct LanguageCheck {
    declared: usize,
    detected: usize,
    agree: usize,
}

impl LanguageCheck {
    fn add(&mut self, declared: Option<String>, main_text: &str) {
        let Some(declared) = declared else { return };
        self.declared += 1;
        if let Some(detected) = thresher::internals::metadata::detected_language(main_text) {
            self.detected += 1;
            self.agree += usize::from(detected == declared);
        }
    }
}

/// The primary subtag of the page's `<html lang>`, if it declares one.
fn declared_language(doc: &thresher::internals::dom::Document) -> Option<String> {
    let html = doc
        .descendants(doc.root())
        .find(|&n| doc.tag(n) == Some(thresher::internals::dom::Tag::Html))?;
    let lang = doc.attr(html, "lang")?.trim().to_ascii_lowercase();
    let primary = lang.split(['-', '_']).next()?.to_owned();
    (primary.len() == 2).then_some(primary)
}

/// What one page gave: the metadata the user sees, the main text, and the
/// language the page declares.
struct PageResult {
    meta: Metadata,
    main_text: String,
    declared_language: Option<String>,
}

/// Runs the metadata stage alone (for its timing) and the whole pipeline
/// (for the metadata the user sees).
fn run_page(
    extractor: &thresher::Extractor,
    html: &[u8],
    url: Option<&str>,
    timing: &mut Timing,
) -> Option<PageResult> {
    let page = thresher::Page {
        bytes: html,
        url,
        declared_charset: None,
    };
    let start = Instant::now();
    let extraction = extractor.extract(&page);
    timing.total += start.elapsed();
    let decoded = thresher::internals::decode::decode(&page);
    let doc = thresher::internals::dom::parse(&decoded.text, None).ok()?;
    let start = Instant::now();
    let alone = thresher::internals::metadata::extract(&doc, url);
    timing.metadata += start.elapsed();
    let declared_language = declared_language(&doc);
    Some(match extraction {
        Ok(e) => PageResult {
            main_text: e.text,
            meta: e.metadata,
            declared_language,
        },
        Err(_) => PageResult {
            meta: alone,
            main_text: String::new(),
            declared_language,
        },
    })
}

fn run(args: &Args) -> std::io::Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(args.data.join("ground-truth"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let extractor = thresher::Extractor::default();
    let mut overall = Tally::default();
    let mut by_type: BTreeMap<String, Tally> = BTreeMap::new();
    let mut misses = Misses {
        title: vec![],
        author: vec![],
        date: vec![],
        invented: vec![],
        invented_authors: vec![],
    };
    let mut timing = Timing::default();
    let mut language = LanguageCheck::default();
    for path in &files {
        let Some(truth) = read_truth(path) else {
            eprintln!("skipping unreadable {}", path.display());
            continue;
        };
        if args
            .page_type
            .as_ref()
            .is_some_and(|t| *t != truth.page_type)
        {
            continue;
        }
        let html_path = args.data.join("html").join(format!("{}.html.gz", truth.id));
        let html = read_page(&html_path)?;
        let url = truth.url.as_deref().filter(|_| args.use_url);
        let Some(PageResult {
            meta,
            main_text,
            declared_language,
        }) = run_page(&extractor, &html, url, &mut timing)
        else {
            eprintln!("{}: did not parse", truth.id);
            continue;
        };
        language.add(declared_language, &main_text);
        score(&truth, &meta, &mut overall, &mut misses);
        let mut ignored = Misses {
            title: vec![],
            author: vec![],
            date: vec![],
            invented: vec![],
            invented_authors: vec![],
        };
        let tally = by_type.entry(truth.page_type.clone()).or_default();
        score(&truth, &meta, tally, &mut ignored);
    }
    print_row("overall", &overall);
    for (name, t) in &by_type {
        print_row(name, t);
    }
    println!(
        "\nlanguage: detection on the main text names the declared <html lang> on {} of {} pages with a reliable detection ({:.1}%; {} pages declare one)",
        language.agree,
        language.detected,
        100.0 * language.agree as f64 / language.detected.max(1) as f64,
        language.declared
    );
    let share = timing.metadata.as_secs_f64() / timing.total.as_secs_f64().max(f64::MIN_POSITIVE);
    println!(
        "\nmetadata stage {:.2} s of {:.2} s in the pipeline ({:.1}%)",
        timing.metadata.as_secs_f64(),
        timing.total.as_secs_f64(),
        100.0 * share
    );
    print_misses("title", &misses.title, args.misses);
    print_misses("author", &misses.author, args.misses);
    print_misses("date", &misses.date, args.misses);
    print_misses("invented date", &misses.invented, args.misses);
    print_misses("invented author", &misses.invented_authors, args.misses);
    Ok(())
}

fn main() -> ExitCode {
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
            eprintln!("metadata_eval: {e}");
            ExitCode::FAILURE
        }
    }
}

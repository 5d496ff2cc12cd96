//! Fixture-driven tests: one named trial per folder under `tests/fixtures/`.
//!
//! - `extract/<case>/` — `input.html` (and optionally `input.url`, the
//!   page's address, and `input.options`, the options it is extracted
//!   with) against `expected.txt` (the text), and when present
//!   `expected.md` (Markdown), `expected.html` (clean HTML) and
//!   `expected.json` (a subset of the JSON document, plus checks of removed
//!   blocks' labels; see `tests/fixtures/README.md`).
//! - `classify/<case>/` — `input.html` against `expected.labels`, one line
//!   per block: `label [rule] | start of the block's text`.
//! - `metadata/<case>/` — `input.html` (and optionally `input.url`) through
//!   decode, parse and the metadata stage alone, against `expected.json`:
//!   the `Metadata` fields to check, as the JSON document names them.
//!
//! Cases listed in `tests/fixtures/KNOWN_FAILURES` still run: while they
//! fail they are reported as ignored, with the reason, so that the suite
//! stays green and the gap stays visible; once one passes it fails, asking
//! to be taken off the list. `STRICT=1` runs them as ordinary cases, to see
//! their diffs. `BLESS=1` rewrites the expected files of the cases that run
//! from the engine's current output (a known failure only under `STRICT=1`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use serde_json::Value;
use thresher::render::{html, json, markdown};
use thresher::{Config, Extraction, Extractor, Page};

/// Characters of a block's text shown in `expected.labels`.
const LABEL_TEXT_CHARS: usize = 60;

/// Lines of unchanged text shown around each change in a diff.
const DIFF_CONTEXT: usize = 2;

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let known = known_failures(&root.join("KNOWN_FAILURES"));
    let bless = env_flag("BLESS");
    let strict = env_flag("STRICT");
    let mut trials = Vec::new();
    for (stage, run) in [
        (
            "extract",
            extract_case as fn(&Path, bool) -> Result<(), Failed>,
        ),
        ("classify", classify_case),
        ("metadata", metadata_case),
    ] {
        for dir in case_dirs(&root.join(stage)) {
            let case = dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("?")
                .to_owned();
            let name = format!("{stage}::{case}");
            let trial = match known.get(&format!("{stage}/{case}")) {
                Some(reason) if !strict => {
                    let reason = reason.clone();
                    Trial::ignorable_test(name, move || match run(&dir, false) {
                        Err(_) => Ok(Completion::ignored_with(format!("known failure: {reason}"))),
                        Ok(()) => Err("listed in tests/fixtures/KNOWN_FAILURES but passes now: \
                                       remove it from the list"
                            .into()),
                    })
                }
                _ => Trial::test(name, move || run(&dir, bless)),
            };
            trials.push(trial.with_kind(stage));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// True when the environment variable `name` is set to something other
/// than `0`.
fn env_flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0")
}

/// `stage/case -> reason` from the known-failures list: one case a line,
/// `#` starting the reason or a comment.
fn known_failures(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let (case, reason) = line.split_once('#').unwrap_or((line, ""));
            let case = case.trim();
            (!case.is_empty()).then(|| (case.to_owned(), reason.trim().to_owned()))
        })
        .collect()
}

fn case_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn read(path: &Path) -> Result<String, Failed> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn write(path: &Path, text: &str) -> Result<(), Failed> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// Extracts a case's `input.html` with its `input.url` and the options of
/// its `input.options`, if any.
fn extract(dir: &Path) -> Result<Extraction, Failed> {
    let input = dir.join("input.html");
    let bytes = fs::read(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let url = fs::read_to_string(dir.join("input.url")).ok();
    let mut page = Page::from_bytes(&bytes);
    page.url = url.as_deref().map(str::trim);
    let config = options(dir)?;
    Extractor::new(config, Default::default())
        .extract(&page)
        .map_err(|e| format!("extraction failed: {e}").into())
}

/// The configuration a case's `input.options` asks for: one option a line,
/// named as the `Config` field it turns on.
fn options(dir: &Path) -> Result<Config, Failed> {
    let mut config = Config::default();
    let Ok(text) = fs::read_to_string(dir.join("input.options")) else {
        return Ok(config);
    };
    for option in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match option {
            "title_heading" => config.title_heading = true,
            "front_matter" => config.front_matter = true,
            "include_comments" => config.include_comments = true,
            other => return Err(format!("{}: unknown option {other:?}", dir.display()).into()),
        }
    }
    Ok(config)
}

/// Collects every mismatch of a case, so one run shows them all.
#[derive(Default)]
struct Report(String);

impl Report {
    fn fail(&mut self, what: &str, detail: &str) {
        let _ = writeln!(self.0, "--- {what}\n{detail}");
    }

    /// Compares a rendered output with its expected file, or rewrites the
    /// file when blessing.
    fn compare_file(&mut self, path: &Path, actual: &str, bless: bool) -> Result<(), Failed> {
        let actual = format!("{}\n", actual.trim_end());
        if bless {
            return write(path, &actual);
        }
        let expected = read(path)?;
        if expected.trim_end() != actual.trim_end() {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            self.fail(name, &diff(&expected, &actual));
        }
        Ok(())
    }

    fn finish(self, dir: &Path) -> Result<(), Failed> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "case {} differs (BLESS=1 rewrites the expected files):\n{}",
                dir.display(),
                self.0
            )
            .into())
        }
    }
}

fn extract_case(dir: &Path, bless: bool) -> Result<(), Failed> {
    let e = extract(dir)?;
    let mut report = Report::default();
    report.compare_file(&dir.join("expected.txt"), &e.text, bless)?;
    let md = dir.join("expected.md");
    if md.exists() {
        report.compare_file(&md, &markdown::render(&e), bless)?;
    }
    let html_file = dir.join("expected.html");
    if html_file.exists() {
        report.compare_file(&html_file, &html::render(&e), bless)?;
    }
    let json_file = dir.join("expected.json");
    if json_file.exists() {
        let expected: Value = serde_json::from_str(&read(&json_file)?)
            .map_err(|err| format!("{}: {err}", json_file.display()))?;
        let actual = json::to_value(&e, None);
        if bless {
            let blessed = bless_json(&expected, &actual);
            let text = serde_json::to_string_pretty(&blessed).map_err(|err| err.to_string())?;
            write(&json_file, &format!("{text}\n"))?;
        } else {
            check_json(&expected, &actual, &e, &mut report);
        }
    }
    report.finish(dir)
}

/// Keys of `expected.json` that are checks rather than fields.
const CHECK_KEYS: &[&str] = &[
    "removed_labels",
    "must_contain",
    "must_not_contain",
    "confidence_min",
    "confidence_max",
];

fn check_json(expected: &Value, actual: &Value, e: &Extraction, report: &mut Report) {
    let Some(fields) = expected.as_object() else {
        report.fail("expected.json", "is not a JSON object");
        return;
    };
    for (key, want) in fields {
        match key.as_str() {
            "removed_labels" => {
                for (needle, label) in want.as_object().into_iter().flatten() {
                    let got = removed_label(actual, needle);
                    if got.as_deref() != label.as_str() {
                        report.fail(
                            "expected.json removed_labels",
                            &format!(
                                "the removed block containing {needle:?}: expected label {label}, got {}",
                                got.as_deref().unwrap_or("none (not removed)")
                            ),
                        );
                    }
                }
            }
            "must_contain" | "must_not_contain" => {
                let must = key == "must_contain";
                for needle in want
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if e.text.contains(needle) != must {
                        let verb = if must { "lacks" } else { "contains" };
                        report.fail(
                            &format!("expected.json {key}"),
                            &format!("the text {verb} {needle:?}"),
                        );
                    }
                }
            }
            "confidence_min" | "confidence_max" => {
                let bound = want.as_f64().unwrap_or(f64::NAN);
                let c = f64::from(e.confidence);
                let ok = if key == "confidence_min" {
                    c >= bound
                } else {
                    c <= bound
                };
                if !ok {
                    report.fail(
                        &format!("expected.json {key}"),
                        &format!("confidence {c:.3}, bound {bound}"),
                    );
                }
            }
            _ => {
                let got = actual.get(key).unwrap_or(&Value::Null);
                if let Some(path) = subset_mismatch(want, got, key) {
                    report.fail(
                        &format!("expected.json {path}"),
                        &format!("expected {}\n     got {}", short(want), short(got)),
                    );
                }
            }
        }
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        format!("{}…", s.chars().take(300).collect::<String>())
    } else {
        s
    }
}

/// The label of the first removed block whose text contains `needle`.
fn removed_label(actual: &Value, needle: &str) -> Option<String> {
    actual["removed"]
        .as_array()?
        .iter()
        .find(|r| r["text"].as_str().is_some_and(|t| t.contains(needle)))
        .and_then(|r| r["label"].as_str())
        .map(str::to_owned)
}

/// Where `got` departs from `want`: objects need only hold `want`'s keys,
/// arrays must match item by item.
fn subset_mismatch(want: &Value, got: &Value, path: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().find_map(|(k, wv)| {
            subset_mismatch(wv, g.get(k).unwrap_or(&Value::Null), &format!("{path}.{k}"))
        }),
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (wv, gv))| subset_mismatch(wv, gv, &format!("{path}[{i}]"))),
        _ => (want != got).then(|| path.to_owned()),
    }
}

/// `expected` with every field's value replaced by the actual one, keeping
/// its shape; `removed_labels` take the labels the engine gave.
fn bless_json(expected: &Value, actual: &Value) -> Value {
    fn shaped(want: &Value, got: &Value) -> Value {
        match (want, got) {
            (Value::Object(w), Value::Object(g)) => Value::Object(
                w.iter()
                    .map(|(k, wv)| (k.clone(), shaped(wv, g.get(k).unwrap_or(&Value::Null))))
                    .collect(),
            ),
            _ => got.clone(),
        }
    }
    let Some(fields) = expected.as_object() else {
        return expected.clone();
    };
    let mut out = serde_json::Map::new();
    for (key, want) in fields {
        let value = match key.as_str() {
            "removed_labels" => Value::Object(
                want.as_object()
                    .into_iter()
                    .flatten()
                    .map(|(needle, label)| {
                        let got =
                            removed_label(actual, needle).map_or(label.clone(), Value::String);
                        (needle.clone(), got)
                    })
                    .collect(),
            ),
            k if CHECK_KEYS.contains(&k) => want.clone(),
            _ => shaped(want, actual.get(key).unwrap_or(&Value::Null)),
        };
        out.insert(key.clone(), value);
    }
    Value::Object(out)
}

/// Runs a case's page through decode, parse and the metadata stage only, so
/// that a metadata case fails for metadata reasons alone.
fn metadata_case(dir: &Path, bless: bool) -> Result<(), Failed> {
    let input = dir.join("input.html");
    let bytes = fs::read(&input).map_err(|e| format!("{}: {e}", input.display()))?;
    let url = fs::read_to_string(dir.join("input.url")).ok();
    let url = url.as_deref().map(str::trim);
    let mut page = Page::from_bytes(&bytes);
    page.url = url;
    let html = thresher::internals::decode::decode(&page);
    let doc = thresher::internals::dom::parse(&html.text, None)
        .map_err(|e| format!("parse failed: {e}"))?;
    let actual = serde_json::to_value(thresher::internals::metadata::extract(&doc, url))
        .map_err(|e| e.to_string())?;
    let json_file = dir.join("expected.json");
    let expected: Value = serde_json::from_str(&read(&json_file)?)
        .map_err(|err| format!("{}: {err}", json_file.display()))?;
    if bless {
        let blessed = bless_json(&expected, &actual);
        let text = serde_json::to_string_pretty(&blessed).map_err(|err| err.to_string())?;
        return write(&json_file, &format!("{text}\n"));
    }
    let mut report = Report::default();
    for (key, want) in expected.as_object().into_iter().flatten() {
        let got = actual.get(key).unwrap_or(&Value::Null);
        if let Some(path) = subset_mismatch(want, got, key) {
            report.fail(
                &format!("expected.json {path}"),
                &format!("expected {}\n     got {}", short(want), short(got)),
            );
        }
    }
    report.finish(dir)
}

fn classify_case(dir: &Path, bless: bool) -> Result<(), Failed> {
    let e = extract(dir)?;
    let actual: Vec<String> = e
        .blocks
        .iter()
        .zip(&e.labels)
        .map(|(b, l)| {
            let text: String = b
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(LABEL_TEXT_CHARS)
                .collect();
            let rule = l.because.first().copied().unwrap_or("-");
            format!("{} {rule} | {text}", l.label.name())
        })
        .collect();
    let path = dir.join("expected.labels");
    if bless {
        return write(&path, &format!("{}\n", actual.join("\n")));
    }
    let expected_text = read(&path)?;
    let expected: Vec<&str> = expected_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    // Check the rule only where the expected line names one.
    let relaxed: Vec<String> = actual
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let names_rule = expected
                .get(i)
                .and_then(|l| l.split_once(" | "))
                .is_some_and(|(head, _)| head.split_whitespace().count() > 1);
            match line.split_once(" | ") {
                Some((head, text)) if !names_rule => {
                    format!("{} | {text}", head.split_whitespace().next().unwrap_or(""))
                }
                _ => line.clone(),
            }
        })
        .collect();
    let mut report = Report::default();
    let normal = |l: &str| l.split_whitespace().collect::<Vec<_>>().join(" ");
    let same = expected.len() == relaxed.len()
        && expected
            .iter()
            .zip(&relaxed)
            .all(|(a, b)| normal(a) == normal(b));
    if !same {
        report.fail(
            "expected.labels",
            &diff(&expected.join("\n"), &relaxed.join("\n")),
        );
    }
    report.finish(dir)
}

/// A line diff of `expected` against `actual`: `-` lines only expected,
/// `+` lines only actual, with a little unchanged context.
fn diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.trim_end().lines().collect();
    let b: Vec<&str> = actual.trim_end().lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near_change = |k: usize| {
        let lo = k.saturating_sub(DIFF_CONTEXT);
        let hi = (k + DIFF_CONTEXT + 1).min(ops.len());
        ops[lo..hi].iter().any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (op, line)) in ops.iter().enumerate() {
        if near_change(k) {
            let _ = writeln!(out, "{op} {line}");
            skipped = false;
        } else if !skipped {
            out.push_str("  …\n");
            skipped = true;
        }
    }
    out
}

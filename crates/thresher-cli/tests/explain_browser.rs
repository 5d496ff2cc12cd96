//! `thresher explain` in a real browser: the report is built with the
//! binary, then opened in Debian's headless chromium, driven by
//! `tests/browser/explain.mjs` (playwright-core from npm), which checks what
//! a reader sees, clicks the filters, and saves a screenshot to
//! `target/explain-screenshot.png`.
//!
//! Without chromium, node or the npm package the test says why on stderr
//! and skips (`.ci/run` installs all three). Set `THRESHER_CHROMIUM` to use
//! another browser binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

/// Debian's chromium.
const CHROMIUM: &str = "/usr/bin/chromium";

/// The labels issue 5 asks to see on the seed page.
const SEED_LABELS: [&str; 4] = ["subscription", "newsletter", "paywall", "author_bio"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Says why the test did not run, past the test harness's capture, so that
/// a skip is never mistaken for a pass.
fn skip(why: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED explain browser test: {why} ***\n"
    );
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("THRESHER_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let p = PathBuf::from(CHROMIUM);
    p.exists().then_some(p)
}

/// `tests/browser` with its npm dependencies installed, or why not.
fn browser_dir() -> Result<PathBuf, String> {
    let dir = repo().join("tests/browser");
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        return Err("node is not installed (apt-get install -y nodejs npm)".into());
    }
    if !dir.join("node_modules/playwright-core").exists() {
        let npm = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .output();
        match npm {
            Ok(o) if o.status.success() => {}
            Ok(o) => {
                return Err(format!(
                    "`npm ci` in tests/browser failed: {}",
                    String::from_utf8_lossy(&o.stderr)
                ))
            }
            Err(e) => return Err(format!("npm cannot run: {e}")),
        }
    }
    Ok(dir)
}

/// Writes the report of `page` to `report` with the binary.
fn explain(page: &Path, report: &Path) {
    explain_with(&[], page, report);
}

/// [`explain`] with extra flags (`--text`).
fn explain_with(flags: &[&str], page: &Path, report: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_thresher"))
        .arg("explain")
        .args(flags)
        .arg(page)
        .arg("-o")
        .arg(report)
        .output()
        .expect("runs the binary");
    assert!(
        out.status.success(),
        "thresher explain {}: {}",
        page.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs the browser checks of `spec` (see `explain.mjs`) and fails with
/// their output if any failed.
fn browse(dir: &Path, chromium: &Path, name: &str, mut spec: Value) {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("explain-{name}"));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).expect("creates a scratch directory");
    spec["chromium"] = json!(chromium);
    spec["userDataDir"] = json!(tmp.join("profile"));
    let spec_path = tmp.join("spec.json");
    std::fs::write(&spec_path, spec.to_string()).expect("writes the spec");
    let out = Command::new("node")
        .arg(dir.join("explain.mjs"))
        .arg(&spec_path)
        .current_dir(dir)
        .output()
        .expect("runs node");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("--- {name} ---\n{log}");
    assert!(
        out.status.success(),
        "browser checks of {name} failed:\n{log}"
    );
}

#[test]
fn explain_reports_read_right_in_chromium() {
    let Some(chromium) = chromium() else {
        skip(&format!(
            "{CHROMIUM} not found; install it with `apt-get install -y chromium` (or set THRESHER_CHROMIUM)"
        ));
        return;
    };
    let dir = match browser_dir() {
        Ok(dir) => dir,
        Err(why) => return skip(&why),
    };
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let screenshot = tmp.join("../explain-screenshot.png");

    // Our own fixture: a hostile page that must stay inert in the browser.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/explain/hostile.html");
    let report = tmp.join("explain-hostile.html");
    explain(&fixture, &report);
    browse(
        &dir,
        &chromium,
        "hostile",
        json!({
            "report": report,
            "kept": [
                "The harbour reopened to fishing boats on Monday morning, three weeks after the winter storm tore away the outer breakwater and sank two moorings near the lighthouse.",
                "The council expects repairs to the breakwater to cost about four million pounds, and says the work will be finished before the autumn gales return to the coast next year.",
            ],
            "labels": {
                "To continue reading this article": "paywall",
                "Sign up for our free newsletter": "newsletter",
                "Subscribe to The Coastal Courier today": "subscription",
                "has covered the coast for The Coastal Courier": "author_bio",
            },
            "filterLabel": "paywall",
            "screenshot": null,
            "ranges": true,
        }),
    );

    // Text mode, our own captured-text fixture: lines, not elements.
    let text = repo().join("crates/thresher/tests/fixtures/text/harbour-tram/input.txt");
    let report = tmp.join("explain-text.html");
    explain_with(&["--text"], &text, &report);
    browse(
        &dir,
        &chromium,
        "text-mode",
        json!({
            "report": report,
            "kept": [
                "Council members approved the plan by nine votes to four, after a session in which residents of the eastern districts argued that the route would finally connect them to the hospital and the university.",
            ],
            "labels": {
                "Subscribe to The Harbour Review": "subscription",
                "Sign up for the Harbour Review Morning Brief": "newsletter",
                "You have reached your limit of free articles": "paywall",
                "Tomas Ferreira is a reporter": "author_bio",
            },
            "filterLabel": "newsletter",
            "screenshot": null,
            "ranges": true,
        }),
    );

    // The seed page, against its expected paragraphs and labels.
    let case = repo().join("../shared/cases/the-week");
    let Ok(expected) = std::fs::read_to_string(case.join("expected.json")) else {
        return skip(&format!("the seed case is absent ({})", case.display()));
    };
    let expected: Value = serde_json::from_str(&expected).expect("expected.json parses");
    let paragraphs = &expected["body_paragraphs"];
    assert_eq!(paragraphs.as_array().map(Vec::len), Some(7));
    let labels: serde_json::Map<String, Value> = expected["removed_labels"]
        .as_object()
        .expect("removed_labels is an object")
        .iter()
        .filter(|(_, label)| SEED_LABELS.iter().any(|l| label.as_str() == Some(l)))
        .map(|(text, label)| (text.clone(), label.clone()))
        .collect();
    for l in SEED_LABELS {
        assert!(
            labels.values().any(|v| v == l),
            "expected.json names a {l} block"
        );
    }
    let report = tmp.join("explain-the-week.html");
    explain(&case.join("page.html"), &report);
    browse(
        &dir,
        &chromium,
        "the-week",
        json!({
            "report": report,
            "kept": paragraphs,
            "labels": labels,
            "filterLabel": "paywall",
            "screenshot": screenshot,
            "ranges": true,
        }),
    );

    // The seed's captured text in text mode.
    let report = tmp.join("explain-the-week-text.html");
    explain_with(&["--text"], &case.join("captured.txt"), &report);
    browse(
        &dir,
        &chromium,
        "the-week-text",
        json!({
            "report": report,
            "kept": paragraphs,
            "labels": labels,
            "filterLabel": "newsletter",
            "screenshot": null,
            "ranges": true,
        }),
    );
    assert!(screenshot.exists(), "the screenshot was saved");
}

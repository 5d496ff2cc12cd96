//! Metadata fixtures: one named trial per folder under
//! `tests/fixtures/metadata/`, each an `input.html` and an `expected.json`
//! holding the fields to check (the others are not compared). A `"url"`
//! key, if present, is the page's address handed to the extractor.
//!
//! ```text
//! cargo test -p thresher --test metadata            # every case
//! cargo test -p thresher --test metadata -- forum   # cases whose name holds "forum"
//! ```

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/metadata")
}

/// Runs one case and lists every field that differs.
fn check(dir: &Path) -> Result<(), Failed> {
    let html = std::fs::read(dir.join("input.html"))?;
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json"))?)?;
    let url = expected["url"].as_str();
    let page = thresher::Page {
        bytes: &html,
        url,
        declared_charset: None,
    };
    let decoded = thresher::decode::decode(&page);
    let doc = thresher::dom::parse(&decoded.text, None)?;
    let actual = serde_json::to_value(thresher::metadata::extract(&doc, url))?;
    let Value::Object(fields) = &expected else {
        return Err("expected.json must hold an object".into());
    };
    let diffs: Vec<String> = fields
        .iter()
        .filter(|(k, _)| k.as_str() != "url")
        .filter(|(k, v)| actual.get(k.as_str()).unwrap_or(&Value::Null) != *v)
        .map(|(k, v)| format!("  {k}: expected {v}, got {}", actual.get(k.as_str()).unwrap_or(&Value::Null)))
        .collect();
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n{}", dir.display(), diffs.join("\n")).into())
    }
}

fn main() -> std::io::Result<()> {
    let args = Arguments::from_args();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixture_dir())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let trials = dirs
        .into_iter()
        .map(|dir| {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(name, move || check(&dir))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit()
}

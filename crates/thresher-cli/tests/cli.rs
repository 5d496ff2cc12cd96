//! The `thresher` binary as a user runs it: arguments in, output and exit
//! code out. Fixtures live in `tests/fixtures/`; paths are given relative to
//! the crate, as a user in that directory would type them.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const ARTICLE: &str = "tests/fixtures/article.html";
const BATCH: &str = "tests/fixtures/batch";
const GZ_PAGE: &str = "tests/fixtures/batch/nested/c.html.gz";

fn thresher(args: &[&str]) -> Output {
    thresher_with_stdin(args, None)
}

fn thresher_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_thresher"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs the binary");
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        pipe.write_all(bytes).expect("writes stdin");
    }
    child.wait_with_output().expect("binary finishes")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

/// A fresh path in cargo's scratch directory for tests.
fn scratch(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn single_file_prints_the_article_as_text() {
    let out = thresher(&["extract", ARTICLE]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("The harbour bridge reopened to traffic on Monday morning"));
    assert!(
        text.contains("\n\nEngineers replaced"),
        "paragraphs apart: {text}"
    );
    assert!(!text.contains("Weather"), "navigation removed: {text}");
    assert!(
        !text.contains("All rights reserved"),
        "footer removed: {text}"
    );
}

#[test]
fn json_output_has_the_schema_fields() {
    let out = thresher(&["extract", "-f", "json", ARTICLE]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON document");
    for field in [
        "schema",
        "source",
        "url",
        "title",
        "authors",
        "date_published",
        "date_modified",
        "site_name",
        "language",
        "description",
        "canonical_url",
        "image",
        "categories",
        "tags",
        "text",
        "markdown",
        "removed",
    ] {
        assert!(doc.get(field).is_some(), "missing {field} in {doc}");
    }
    assert_eq!(doc["source"], ARTICLE);
    assert!(doc["text"]
        .as_str()
        .is_some_and(|t| t.contains("harbour bridge")));
    assert!(doc["removed"].as_array().is_some_and(|r| !r.is_empty()));
}

#[test]
fn markdown_and_html_formats_render_the_article() {
    let md = stdout(&thresher(&["extract", "-f", "markdown", ARTICLE]));
    // The headline is the page's title, carried in metadata, not in the text.
    assert!(md.starts_with("The harbour bridge reopened"), "{md}");
    assert!(!md.contains("# Harbour Bridge Reopens"), "{md}");
    let html = stdout(&thresher(&["extract", "--format", "html", ARTICLE]));
    assert!(html.contains("<p>The harbour bridge reopened"), "{html}");
}

#[test]
fn title_heading_and_front_matter_open_the_markdown_on_request() {
    let md = stdout(&thresher(&[
        "extract",
        "-f",
        "markdown",
        "--title-heading",
        "--front-matter",
        "--url",
        "https://gazette.example/bridge",
        ARTICLE,
    ]));
    let (front, body) = md
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n\n"))
        .unwrap_or_else(|| panic!("front matter first: {md}"));
    assert!(
        front.contains("title: \"Harbour Bridge Reopens After Repairs\""),
        "{front}"
    );
    assert!(front.contains("authors: [\"Mara Lindqvist\"]"), "{front}");
    assert!(
        front.contains("url: \"https://gazette.example/bridge\""),
        "{front}"
    );
    assert!(
        body.starts_with("# Harbour Bridge Reopens After Repairs\n\nThe harbour bridge reopened"),
        "{body}"
    );
    // Neither option touches the plain text.
    let text = stdout(&thresher(&[
        "extract",
        "--title-heading",
        "--front-matter",
        ARTICLE,
    ]));
    assert!(text.starts_with("The harbour bridge reopened"), "{text}");
}

#[test]
fn directory_batch_with_one_bad_file_exits_1_and_records_the_error() {
    let out = thresher(&["extract", BATCH]);
    assert_eq!(code(&out), Some(1), "{}", stderr(&out));
    let records = json_lines(&stdout(&out));
    let sources: Vec<&str> = records
        .iter()
        .filter_map(|r| r["source"].as_str())
        .collect();
    assert_eq!(
        sources,
        [
            "tests/fixtures/batch/a.html",
            "tests/fixtures/batch/b.htm",
            "tests/fixtures/batch/empty.html",
            "tests/fixtures/batch/nested/c.html.gz",
        ],
        "sorted by path; notes.txt skipped"
    );
    let bad = &records[2];
    assert_eq!(bad["error"], "empty input");
    assert!(bad.get("text").is_none());
    for good in [&records[0], &records[1], &records[3]] {
        assert!(good.get("error").is_none(), "{good}");
        assert!(
            good["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{good}"
        );
    }
    let err = stderr(&out);
    assert!(
        err.contains("4 pages, 1 failed,") && err.contains("pages/s"),
        "{err}"
    );
}

#[test]
fn batch_output_is_the_same_on_one_thread_and_many() {
    let one = thresher(&["extract", "-j", "1", BATCH, ARTICLE]);
    let many = thresher(&["extract", "--jobs", "4", BATCH, ARTICLE]);
    assert_eq!(stdout(&one), stdout(&many));
    assert_eq!(json_lines(&stdout(&one)).len(), 5);
}

#[test]
fn all_pages_extracted_exits_0_in_batch() {
    let out = thresher(&["extract", ARTICLE, GZ_PAGE]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&stdout(&out)).len(), 2);
}

#[test]
fn stdin_is_read_from_dash() {
    let page =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(ARTICLE)).expect("fixture");
    let out = thresher_with_stdin(&["extract", "-"], Some(&page));
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("The harbour bridge reopened"));
}

#[test]
fn gz_input_is_decompressed() {
    let out = thresher(&["extract", GZ_PAGE]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("stored compressed with gzip"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["extract", "--no-such-flag", ARTICLE][..],
        &["extract"],
        &[],
        &["frobnicate"],
        &["extract", "-f", "pdf", ARTICLE],
        &["extract", "-j", "0", ARTICLE],
        &["extract", "--time-budget", "soon", ARTICLE],
        &["extract", "--url", "not a url", ARTICLE],
        &["extract", "-f", "text", BATCH],
    ] {
        let out = thresher(args);
        assert_eq!(code(&out), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}");
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn help_and_version_exit_0() {
    let help = thresher(&["extract", "--help"]);
    assert_eq!(code(&help), Some(0));
    assert!(stdout(&help).contains("--time-budget"));
    assert_eq!(code(&thresher(&["--version"])), Some(0));
}

#[test]
fn output_file_receives_json_lines() {
    let path = scratch("cli-output.jsonl");
    let path_arg = path.to_str().expect("UTF-8 temp path");
    let out = thresher(&["extract", "-o", path_arg, ARTICLE, GZ_PAGE]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&path).expect("output written");
    assert_eq!(json_lines(&written).len(), 2);
}

#[test]
fn unwritable_output_exits_2() {
    let out = thresher(&["extract", "-o", "/nonexistent-dir/out.txt", ARTICLE]);
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot write"));
}

#[test]
fn url_flag_sets_the_page_address() {
    let url = "https://gazette.example/news/bridge";
    let out = thresher(&["extract", "-f", "json", "--url", url, ARTICLE]);
    let doc: Value = serde_json::from_str(stdout(&out).trim()).expect("JSON");
    assert_eq!(doc["url"], url);
}

#[test]
fn missing_file_exits_1_with_a_message() {
    let out = thresher(&["extract", "tests/fixtures/no-such-page.html"]);
    assert_eq!(code(&out), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("no-such-page.html: cannot read input"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn max_bytes_refuses_larger_inputs() {
    let out = thresher(&["extract", "--max-bytes", "100", ARTICLE]);
    assert_eq!(code(&out), Some(1));
    assert!(
        stderr(&out).contains("exceeds the limit of 100 bytes"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn tiny_time_budget_fails_the_page() {
    let out = thresher(&["extract", "--time-budget", "0.000000001", ARTICLE]);
    assert_eq!(code(&out), Some(1));
    assert!(
        stderr(&out).contains("time budget exceeded"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_writes_a_report_to_stdout_or_a_file() {
    let out = thresher(&["explain", ARTICLE]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.starts_with("<!DOCTYPE html>"));
    assert!(report.contains("Content-Security-Policy"));
    assert!(report.contains("data-state=\"kept\""));
    assert!(report.contains("data-state=\"removed\""));
    assert!(
        report.contains("<pre id=\"source-text\">"),
        "source embedded"
    );
    let path = scratch("explain-report.html");
    let out = thresher(&[
        "explain",
        "--no-source",
        "--url",
        "https://news.example/a",
        ARTICLE,
        "-o",
        path.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let report = std::fs::read_to_string(&path).expect("the report was written");
    assert!(report.contains("https://news.example/a"));
    assert!(!report.contains("<pre id=\"source-text\">"), "--no-source");
}

#[test]
fn explain_of_a_missing_file_exits_1() {
    let out = thresher(&["explain", "no-such-page.html"]);
    assert_eq!(code(&out), Some(1));
    assert!(stderr(&out).contains("no-such-page.html: cannot read input"));
}

/// Captured text of a short news page: a menu, the story, a sign-up.
const CAPTURED: &str = "Home\nNews\nSport\n\nThe council voted on Tuesday to rebuild the old bridge over the river, ending a debate that had gone on for years.\n\nEngineers will start work in the spring, and the council expects the new bridge to open within two years of that.\n\nResidents of the east bank, who have driven a long way round since the bridge closed, welcomed the decision at the meeting.\n\nSign up for our newsletter\n";

#[test]
fn explain_text_reports_captured_lines() {
    let out = thresher_with_stdin(&["explain", "--text", "-"], Some(CAPTURED.as_bytes()));
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("data-state=\"kept\""), "{report}");
    assert!(report.contains(">newsletter<"), "the sign-up is labelled");
    // The lines' byte ranges point into the text, which is embedded.
    let rebuild = CAPTURED.find("Engineers will start").expect("in the text");
    assert!(
        report.contains(&format!("data-start=\"{rebuild}\"")),
        "{report}"
    );
    let out = thresher(&["explain", "--text", "--url", "https://a.example/", "-"]);
    assert_eq!(code(&out), Some(2), "--url has no meaning for text");
}

/// `data` as a Zstandard frame of one raw (stored) block, which every
/// decoder reads: enough to test `.zst` input without an encoder.
fn zstd_stored(data: &[u8]) -> Vec<u8> {
    assert!(
        data.len() < 128 * 1024,
        "one raw block holds at most 128 KiB"
    );
    let mut out = vec![0x28, 0xB5, 0x2F, 0xFD];
    // Frame header: no content size, no checksum, no dictionary; a window
    // of 2^(10 + 7) bytes.
    out.extend([0x00, 7 << 3]);
    let header = ((data.len() as u32) << 3) | 1;
    out.extend(&header.to_le_bytes()[..3]);
    out.extend(data);
    out
}

#[test]
fn clean_prints_the_main_content_of_captured_text() {
    let out = thresher_with_stdin(&["clean", "-"], Some(CAPTURED.as_bytes()));
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("old bridge") && text.contains("Engineers"));
    assert!(!text.contains("newsletter") && !text.contains("Sport"));
}

#[test]
fn clean_json_lists_removed_lines_with_label_and_rule() {
    let out = thresher_with_stdin(&["clean", "-f", "json", "-"], Some(CAPTURED.as_bytes()));
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON document");
    let removed = doc["removed"].as_array().expect("removed");
    let sign_up = removed
        .iter()
        .find(|r| r["text"] == "Sign up for our newsletter")
        .expect("the sign-up is removed");
    assert_eq!(sign_up["label"], "newsletter");
    assert!(sign_up["rule"].as_str().is_some_and(|r| !r.is_empty()));
    let (start, end) = (
        sign_up["start"].as_u64().expect("start"),
        sign_up["end"].as_u64().expect("end"),
    );
    assert_eq!(
        &CAPTURED[start as usize..end as usize],
        "Sign up for our newsletter"
    );
}

#[test]
fn clean_jsonl_rewrites_the_field_and_keeps_the_rest() {
    let corpus: String = [
        serde_json::json!({"id": "a", "text": CAPTURED, "lang": "en"}),
        serde_json::json!({"id": "b", "text": ""}),
        serde_json::json!({"id": "c", "body": "no text field"}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(corpus.as_bytes()).expect("gzip");
    let inputs = [
        ("corpus.jsonl", corpus.as_bytes().to_vec()),
        ("corpus.jsonl.gz", gz.finish().expect("gzip")),
        ("corpus.jsonl.zst", zstd_stored(corpus.as_bytes())),
    ];
    for (name, bytes) in inputs {
        let input = scratch(name);
        std::fs::write(&input, bytes).expect("writes the corpus");
        let output = scratch(&format!("{name}.out"));
        let out = thresher(&[
            "clean",
            "--jsonl",
            "text",
            input.to_str().expect("path"),
            "-o",
            output.to_str().expect("path"),
            "-j",
            "2",
        ]);
        assert_eq!(
            code(&out),
            Some(1),
            "one record has no text field: {}",
            stderr(&out)
        );
        let records = json_lines(&std::fs::read_to_string(&output).expect("output"));
        assert_eq!(records.len(), 3, "{name}");
        assert_eq!(
            (records[0]["id"].as_str(), records[0]["lang"].as_str()),
            (Some("a"), Some("en"))
        );
        let text = records[0]["text"].as_str().expect("text");
        assert!(
            text.contains("old bridge") && !text.contains("newsletter"),
            "{name}: {text}"
        );
        assert!(records[0]["removed"]
            .as_array()
            .is_some_and(|r| !r.is_empty()));
        assert_eq!(records[1]["text"], "");
        assert_eq!(records[2]["body"], "no text field");
        assert!(records[2]["error"].is_string());
    }
}

#[test]
fn no_links_no_images_no_tables_leave_them_out_of_markdown() {
    let page = b"<html><body><article>\
        <p>The survey of the valley's orchards, published this week, found that most \
        growers had <a href='https://example.com/report'>changed their pruning</a> \
        after two dry summers in a row.</p>\
        <p><img src='https://example.com/orchard.jpg' alt='An orchard in bloom'></p>\
        <table><tr><th>Year</th><th>Yield</th></tr><tr><td>2024</td><td>41 tonnes</td></tr>\
        <tr><td>2025</td><td>38 tonnes</td></tr></table>\
        <p>Growers said the lower yields were offset by better prices at the autumn markets \
        in the towns along the river.</p></article></body></html>";
    let full = stdout(&thresher_with_stdin(
        &["extract", "-f", "markdown", "-"],
        Some(page),
    ));
    assert!(full.contains("](https://example.com/report)"), "{full}");
    assert!(full.contains("![An orchard in bloom]"), "{full}");
    assert!(full.contains("41 tonnes"), "{full}");
    let out = thresher_with_stdin(
        &[
            "extract",
            "-f",
            "markdown",
            "--no-links",
            "--no-images",
            "--no-tables",
            "-",
        ],
        Some(page),
    );
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let bare = stdout(&out);
    assert!(bare.contains("had changed their pruning after"), "{bare}");
    assert!(!bare.contains("example.com"), "{bare}");
    assert!(!bare.contains("41 tonnes"), "{bare}");
    assert!(bare.contains("autumn markets"), "{bare}");
}

#[test]
fn comments_are_removed_unless_asked_for() {
    let page = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../thresher/tests/fixtures/extract/blog-wordpress-comments/input.html"),
    )
    .expect("the fixture is readable");
    let comment = "The oven light trick saved my starter";
    let default = stdout(&thresher_with_stdin(&["extract", "-"], Some(&page)));
    assert!(!default.contains(comment), "{default}");
    assert!(
        default.contains("Every January my starter sulks"),
        "{default}"
    );
    let out = thresher_with_stdin(&["extract", "--comments", "-"], Some(&page));
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains(comment), "{}", stdout(&out));
}

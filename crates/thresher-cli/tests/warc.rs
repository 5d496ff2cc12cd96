//! `thresher warc` as a user runs it, on archives built here: rows,
//! `--stats`, `--skipped`, the output formats and the exit code.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::Value;

const ARTICLE: &str = "<html><head><title>Bridge</title></head><body>\
    <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
    <article><h1>Bridge reopens</h1><p>The harbour bridge reopened to traffic on Monday \
    morning after eight months of repairs to its deck and cables.</p>\
    <p>Engineers replaced more than two hundred steel cables, the city said.</p></article>\
    </body></html>";

fn record(warc_type: &str, id: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: {id}\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend(block);
    out.extend(b"\r\n\r\n");
    out
}

fn http(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    out.extend(body);
    out
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).expect("writes to a Vec");
    e.finish().expect("finishes")
}

/// Five records, gzipped one by one: a request, two pages, a 404, a PDF.
/// The last page is cut off when `truncate` is set.
fn archive(name: &str, truncate: bool) -> PathBuf {
    let mut records = vec![
        record(
            "request",
            "<urn:uuid:req>",
            "https://e.com/a",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        record(
            "response",
            "<urn:uuid:a>",
            "https://e.com/a",
            &http("200 OK", "text/html", ARTICLE.as_bytes()),
        ),
        record(
            "response",
            "<urn:uuid:404>",
            "https://e.com/x",
            &http("404 Not Found", "text/html", b"<h1>gone</h1>"),
        ),
        record(
            "response",
            "<urn:uuid:pdf>",
            "https://e.com/p.pdf",
            &http("200 OK", "application/pdf", b"%PDF-1.4"),
        ),
    ];
    let last = record(
        "response",
        "<urn:uuid:b>",
        "https://e.com/b",
        &http("200 OK", "text/html", ARTICLE.as_bytes()),
    );
    records.push(if truncate {
        last[..last.len() / 2].to_vec()
    } else {
        last
    });
    let bytes: Vec<u8> = records.iter().flat_map(|r| gz(r)).collect();
    let path = scratch(name);
    std::fs::write(&path, bytes).expect("writes the archive");
    path
}

fn scratch(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_file(&path);
    path
}

fn thresher(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thresher"))
        .args(args)
        .output()
        .expect("runs the binary")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn warc_writes_rows_stats_and_skipped_and_exits_0() {
    let warc = archive("good.warc.gz", false);
    let (out, stats, skipped) = (
        scratch("good.jsonl"),
        scratch("good.stats"),
        scratch("good.skipped"),
    );
    let run = thresher(&[
        "warc",
        s(&warc),
        "-o",
        s(&out),
        "--stats",
        s(&stats),
        "--skipped",
        s(&skipped),
        "-j",
        "2",
    ]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let rows = json_lines(&std::fs::read_to_string(&out).expect("rows"));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["warc_record_id"], "<urn:uuid:a>", "archive order");
    assert_eq!(rows[1]["warc_record_id"], "<urn:uuid:b>");
    for field in [
        "target_uri",
        "warc_date",
        "http_status",
        "content_type",
        "encoding",
        "encoding_source",
        "text",
        "title",
        "removed",
    ] {
        assert!(rows[0].get(field).is_some(), "row has {field}");
    }
    assert_eq!(rows[0]["url"], "https://e.com/a");
    assert_eq!(rows[0]["http_status"], 200);
    assert!(rows[0]["text"]
        .as_str()
        .is_some_and(|t| t.contains("harbour bridge")));
    let stats: Value =
        serde_json::from_str(&std::fs::read_to_string(&stats).expect("stats")).expect("JSON");
    assert_eq!(
        stats,
        serde_json::json!({"records": 5, "extracted": 2, "skipped": {"not_response": 1, "http_status": 1, "not_html": 1}, "failed": {}})
    );
    let skipped = json_lines(&std::fs::read_to_string(&skipped).expect("skipped"));
    assert_eq!(skipped.len(), 3);
    assert_eq!(skipped[1]["warc_record_id"], "<urn:uuid:404>");
    assert_eq!(skipped[1]["reason"], "http_status");
    assert!(String::from_utf8_lossy(&run.stderr).contains("5 records: 2 extracted"));
}

#[test]
fn warc_with_a_truncated_record_exits_1_and_lists_it() {
    let warc = archive("cut.warc.gz", true);
    let (stats, skipped) = (scratch("cut.stats"), scratch("cut.skipped"));
    let run = thresher(&[
        "warc",
        s(&warc),
        "--stats",
        s(&stats),
        "--skipped",
        s(&skipped),
    ]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        json_lines(&String::from_utf8_lossy(&run.stdout)).len(),
        1,
        "rows on stdout"
    );
    let stats: Value =
        serde_json::from_str(&std::fs::read_to_string(&stats).expect("stats")).expect("JSON");
    assert_eq!(stats["records"], 5);
    assert_eq!(stats["failed"]["truncated"], 1);
    let skipped = json_lines(&std::fs::read_to_string(&skipped).expect("skipped"));
    let failed: Vec<_> = skipped
        .iter()
        .filter(|l| l.get("error").is_some())
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["error"], "truncated");
    assert_eq!(failed[0]["warc_record_id"], "<urn:uuid:b>");
}

#[test]
fn warc_output_order_is_the_same_on_one_thread_and_many() {
    let warc = archive("order.warc.gz", false);
    let one = thresher(&["warc", s(&warc), "-j", "1"]);
    let many = thresher(&["warc", s(&warc), "-j", "4"]);
    assert_eq!(one.stdout, many.stdout);
}

#[test]
fn warc_missing_file_is_one_failed_record_and_usage_errors_exit_2() {
    let run = thresher(&["warc", "/nonexistent/x.warc.gz"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("1 failed (io 1)"));
    assert_eq!(thresher(&["warc"]).status.code(), Some(2));
    assert_eq!(thresher(&["warc", "-j", "0", "x"]).status.code(), Some(2));
}

#[test]
fn warc_writes_zstd_json_lines() {
    let warc = archive("zst.warc.gz", false);
    let out = scratch("rows.jsonl.zst");
    let run = thresher(&["warc", s(&warc), "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(0));
    let bytes = std::fs::read(&out).expect("written");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut ruzstd::StreamingDecoder::new(&bytes[..]).expect("a zstd frame"),
        &mut text,
    )
    .expect("decodes");
    assert_eq!(json_lines(&text).len(), 2);
}

#[cfg(feature = "parquet")]
#[test]
fn warc_writes_parquet_with_a_column_per_field() {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let warc = archive("pq.warc.gz", false);
    let out = scratch("rows.parquet");
    let run = thresher(&["warc", s(&warc), "-o", s(&out)]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let file = std::fs::File::open(&out).expect("written");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("a parquet file")
        .build()
        .expect("reader");
    let batches: Vec<_> = reader.map(|b| b.expect("a batch")).collect();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, 2);
    let schema = batches[0].schema();
    for field in [
        "warc_record_id",
        "target_uri",
        "http_status",
        "authors",
        "text",
        "removed",
    ] {
        assert!(schema.field_with_name(field).is_ok(), "column {field}");
    }
}

#[test]
fn explain_reports_one_record_of_an_archive() {
    let path = archive("explain.warc.gz", false);
    let out = thresher(&["explain", "--record", "<urn:uuid:b>", s(&path)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.starts_with("<!DOCTYPE html>"));
    assert!(report.contains("data-state=\"kept\""));
    assert!(
        report.contains("https://e.com/b"),
        "the record's URI is the page's"
    );
    // By target URI too.
    let out = thresher(&["explain", "--record", "https://e.com/a", s(&path)]);
    assert_eq!(out.status.code(), Some(0));
    for (key, why) in [
        ("<urn:uuid:404>", "holds no HTML page (http_status)"),
        ("<urn:uuid:req>", "holds no HTML page (not_response)"),
        ("<urn:uuid:none>", "not in the archive"),
    ] {
        let out = thresher(&["explain", "--record", key, s(&path)]);
        assert_eq!(out.status.code(), Some(1), "{key}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(why), "{key}: {err}");
    }
}

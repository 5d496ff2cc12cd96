//! WARC input: archives built here, record by record, in each layout and
//! with each kind of damage. Every test checks that the records read add up
//! to those extracted, skipped and failed.

use std::io::Write;

use flate2::write::{GzEncoder, ZlibEncoder};
use flate2::Compression;
use thresher::batch::warc::{self, Outcome, Processed};
use thresher::batch::Tally;
use thresher::input::warc::{Body, Records};
use thresher::{Config, Extractor, Tuning};

const ARTICLE: &str = "<html><head><title>Bridge</title></head><body>\
    <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
    <article><h1>Bridge reopens</h1><p>The harbour bridge reopened to traffic on Monday \
    morning after eight months of repairs to its deck and cables.</p>\
    <p>Engineers replaced more than two hundred steel cables, the city said.</p></article>\
    </body></html>";

/// One WARC record with the given header lines and block.
fn record(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.1\r\n".to_vec();
    for (k, v) in headers {
        out.extend(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend(block);
    out.extend(b"\r\n\r\n");
    out
}

fn response(id: &str, uri: &str, http: &[u8]) -> Vec<u8> {
    record(
        &[
            ("WARC-Type", "response"),
            ("WARC-Record-ID", id),
            ("WARC-Target-URI", uri),
            ("WARC-Date", "2024-05-01T12:00:00Z"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http,
    )
}

/// An HTTP response with a status line, headers and body.
fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend(b"\r\n");
    out.extend(body);
    out
}

/// A 200 response record of the test article, `<urn:uuid:NAME>` at
/// `https://example.com/NAME`.
fn article_response(name: &str) -> Vec<u8> {
    response(
        &format!("<urn:uuid:{name}>"),
        &format!("https://example.com/{name}"),
        &html_ok(ARTICLE.as_bytes()),
    )
}

fn html_ok(body: &[u8]) -> Vec<u8> {
    http(
        "200 OK",
        &[("Content-Type", "text/html; charset=utf-8")],
        body,
    )
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).expect("writes to a Vec");
    e.finish().expect("finishes")
}

fn per_record_gz(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|r| gz(r)).collect()
}

/// What became of an archive's records: the engine's counts, and each
/// record as processed.
#[derive(Debug)]
struct Run {
    /// Records the iterator gave, counted apart from the engine's tally.
    records: u64,
    extracted: u64,
    counts: Tally,
    results: Vec<Processed>,
}

impl Run {
    fn skipped(&self, reason: &str) -> u64 {
        self.counts.skipped().get(reason).copied().unwrap_or(0)
    }
    fn failed(&self, error: &str) -> u64 {
        self.counts.failed().get(error).copied().unwrap_or(0)
    }
    fn text_of(&self, id: &str) -> &str {
        self.results
            .iter()
            .find(|p| p.header.record_id.as_deref() == Some(id))
            .and_then(|p| match &p.outcome {
                Outcome::Extracted(e) => Some(e.text.as_str()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{id} was not extracted: {:#?}", self.results))
    }
}

fn tally_with(archive: &[u8], config: Config) -> Run {
    let extractor = Extractor::new(config, Tuning::default());
    let mut counts = Tally::default();
    let mut results = Vec::new();
    for p in warc::extract(archive, &extractor) {
        counts.add(p.outcome.fate());
        results.push(p);
    }
    let records = results.len() as u64;
    let accounted = counts.extracted() + counts.skipped_total() + counts.failed_total();
    assert_eq!(records, accounted, "counts add up: {counts:#?}");
    assert_eq!(records, counts.records());
    Run {
        records,
        extracted: counts.extracted(),
        counts,
        results,
    }
}

fn tally(archive: &[u8]) -> Run {
    tally_with(archive, Config::default())
}

/// warcinfo, request, response, metadata: the usual crawl order.
fn crawl() -> Vec<Vec<u8>> {
    vec![
        record(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", "<urn:uuid:info>"),
            ],
            b"software: test\r\n",
        ),
        record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Record-ID", "<urn:uuid:req>"),
            ],
            b"GET /a HTTP/1.1\r\nHost: example.com\r\n\r\n",
        ),
        article_response("a"),
        record(
            &[
                ("WARC-Type", "metadata"),
                ("WARC-Record-ID", "<urn:uuid:meta>"),
            ],
            b"fetchTimeMs: 12\r\n",
        ),
    ]
}

fn check_crawl(t: &Run) {
    assert_eq!(t.records, 4);
    assert_eq!(t.extracted, 1);
    assert_eq!(t.skipped("not_response"), 3);
    assert!(t
        .text_of("<urn:uuid:a>")
        .contains("harbour bridge reopened"));
    let a = &t.results[2];
    assert_eq!(
        a.header.target_uri.as_deref(),
        Some("https://example.com/a")
    );
    assert_eq!(a.header.date.as_deref(), Some("2024-05-01T12:00:00Z"));
    assert_eq!(a.http.as_ref().map(|h| h.status), Some(200));
}

#[test]
fn plain_archive_with_a_mix_of_record_types() {
    check_crawl(&tally(&crawl().concat()));
}

#[test]
fn gzip_per_record() {
    check_crawl(&tally(&per_record_gz(&crawl())));
}

#[test]
fn gzip_whole_file() {
    check_crawl(&tally(&gz(&crawl().concat())));
}

#[test]
fn truncated_last_record_fails_as_truncated() {
    let mut archive = crawl().concat();
    let second = article_response("b");
    archive.extend(&second[..second.len() / 2]);
    let t = tally(&archive);
    assert_eq!((t.records, t.extracted), (5, 1));
    assert_eq!(t.failed("truncated"), 1);
    assert_eq!(
        t.results[4].header.record_id.as_deref(),
        Some("<urn:uuid:b>")
    );
    // The same archive gzipped and cut off inside its last member.
    let mut records = crawl();
    records.push(second);
    let mut gzipped = per_record_gz(&records);
    gzipped.truncate(gzipped.len() - 20);
    let t = tally(&gzipped);
    assert_eq!((t.records, t.extracted), (5, 1));
    assert_eq!(t.failed("truncated"), 1);
}

#[test]
fn bad_gzip_member_fails_once_and_later_records_are_read() {
    let b = article_response("b");
    let c = article_response("c");
    let mut bad = gz(&b);
    let mid = bad.len() / 2;
    for byte in &mut bad[mid..mid + 8] {
        *byte ^= 0x5a;
    }
    let mut archive = per_record_gz(&crawl());
    archive.extend(bad);
    archive.extend(gz(&c));
    let t = tally(&archive);
    assert_eq!(t.extracted, 2, "{t:#?}");
    assert_eq!(t.skipped("not_response"), 3);
    assert_eq!(t.failed("bad_gzip"), 1, "{t:#?}");
    assert!(t.text_of("<urn:uuid:c>").contains("harbour bridge"));
}

#[test]
fn a_page_over_the_time_budget_fails_as_time_budget() {
    let archive = crawl().concat();
    let config = Config {
        time_budget: Some(std::time::Duration::from_nanos(1)),
        ..Config::default()
    };
    let t = tally_with(&archive, config);
    assert_eq!((t.records, t.extracted), (4, 0));
    assert_eq!(t.failed("time_budget"), 1, "{t:#?}");
}

#[test]
fn a_member_damaged_inside_its_block_fails_its_own_record() {
    let b = article_response("b");
    let c = article_response("c");
    let mut bad = gz(&b);
    // The stored CRC is wrong: every byte decodes, only the check fails.
    let crc = bad.len() - 8;
    bad[crc] ^= 0xff;
    let archive = [bad, gz(&c)].concat();
    let t = tally(&archive);
    assert_eq!((t.records, t.extracted), (2, 1), "{t:#?}");
    assert_eq!(t.failed("bad_gzip"), 1);
    assert_eq!(
        t.results[0].header.record_id.as_deref(),
        Some("<urn:uuid:b>")
    );
    assert!(t.text_of("<urn:uuid:c>").contains("harbour bridge"));
}

#[test]
fn missing_content_length_and_warc_type_fail_and_reading_goes_on() {
    let mut no_length =
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:nolen>\r\n\r\n".to_vec();
    no_length.extend(html_ok(ARTICLE.as_bytes()));
    no_length.extend(b"\r\n\r\n");
    let no_type = record(&[("WARC-Record-ID", "<urn:uuid:notype>")], b"something");
    let good = article_response("a");
    let archive = [no_length, no_type, good].concat();
    let t = tally(&archive);
    assert_eq!(t.records, 3, "{t:#?}");
    assert_eq!(t.failed("malformed_warc"), 2);
    assert_eq!(t.extracted, 1);
    assert_eq!(
        t.results[0].header.record_id.as_deref(),
        Some("<urn:uuid:nolen>")
    );
}

#[test]
fn junk_that_is_not_a_warc_fails_once() {
    let t = tally(b"this is not a WARC file\nat all\n");
    assert_eq!((t.records, t.failed("malformed_warc")), (1, 1));
    assert_eq!(tally(b"").records, 0);
}

#[test]
fn non_utf8_http_headers_are_tolerated() {
    let block = http(
        "200 OK",
        &[("Server", "caf\u{e9}"), ("Content-Type", "text/html")],
        ARTICLE.as_bytes(),
    );
    // Latin-1 bytes in a header value, as some servers send.
    let block = [
        b"HTTP/1.1 200 OK\r\nX-Note: gr\xfc\xdfe\r\n".to_vec(),
        block[b"HTTP/1.1 200 OK\r\n".len()..].to_vec(),
    ]
    .concat();
    let t = tally(&response("<urn:uuid:a>", "https://example.com/a", &block));
    assert_eq!(t.extracted, 1, "{t:#?}");
}

#[test]
fn oversized_record_is_skipped_as_too_large() {
    let mut big = ARTICLE.to_owned();
    big.push_str(&"<p>filler</p>".repeat(200));
    let archive = [
        response(
            "<urn:uuid:big>",
            "https://example.com/big",
            &html_ok(big.as_bytes()),
        ),
        article_response("a"),
    ]
    .concat();
    let config = Config {
        max_input_bytes: 1500,
        ..Config::default()
    };
    let t = tally_with(&archive, config.clone());
    assert_eq!((t.records, t.extracted, t.skipped("too_large")), (2, 1, 1));
    // A small block that inflates past the limit is skipped too.
    let bomb = http(
        "200 OK",
        &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
        &gz(&vec![b' '; 100_000]),
    );
    let t = tally_with(
        &response("<urn:uuid:bomb>", "https://e.com/", &bomb),
        config,
    );
    assert_eq!(t.skipped("too_large"), 1, "{t:#?}");
}

#[test]
fn non_html_payloads_are_skipped_and_untyped_ones_sniffed() {
    let archive = [
        response(
            "<urn:uuid:pdf>",
            "https://e.com/x.pdf",
            &http(
                "200 OK",
                &[("Content-Type", "application/pdf")],
                b"%PDF-1.4",
            ),
        ),
        response(
            "<urn:uuid:json>",
            "https://e.com/x.json",
            &http("200 OK", &[], b"{\"a\": 1}"),
        ),
        response(
            "<urn:uuid:untyped>",
            "https://e.com/page",
            &http("200 OK", &[], ARTICLE.as_bytes()),
        ),
        response(
            "<urn:uuid:dns>",
            "dns:example.com",
            b"20240501 example.com A 1.2.3.4",
        ),
        response(
            "<urn:uuid:empty>",
            "https://e.com/empty",
            &html_ok(b"  \r\n "),
        ),
    ]
    .concat();
    let t = tally(&archive);
    assert_eq!(t.records, 5);
    assert_eq!(t.skipped("not_html"), 2, "{t:#?}");
    assert_eq!(t.skipped("not_http"), 1);
    assert_eq!(t.skipped("empty"), 1);
    assert!(t.text_of("<urn:uuid:untyped>").contains("harbour bridge"));
}

#[test]
fn http_404_and_redirects_are_skipped() {
    let archive = [
        response(
            "<urn:uuid:404>",
            "https://e.com/gone",
            &http(
                "404 Not Found",
                &[("Content-Type", "text/html")],
                ARTICLE.as_bytes(),
            ),
        ),
        response(
            "<urn:uuid:301>",
            "https://e.com/old",
            &http("301 Moved", &[("Location", "/new")], b""),
        ),
        response(
            "<urn:uuid:bad>",
            "https://e.com/bad",
            b"HTTP/1.1 OK\r\n\r\n<p>x</p>",
        ),
    ]
    .concat();
    let t = tally(&archive);
    assert_eq!(t.skipped("http_status"), 2, "{t:#?}");
    assert_eq!(t.failed("malformed_http"), 1);
    assert_eq!(
        t.results[0].http.as_ref().map(|h| h.status),
        Some(404),
        "the status is reported"
    );
}

/// Splits `body` into HTTP chunks of `size` bytes.
fn chunked(body: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(size) {
        out.extend(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend(chunk);
        out.extend(b"\r\n");
    }
    out.extend(b"0\r\n\r\n");
    out
}

#[test]
fn chunked_and_gzip_and_deflate_codings_are_undone() {
    let gzipped = chunked(&gz(ARTICLE.as_bytes()), 100);
    let mut z = ZlibEncoder::new(Vec::new(), Compression::fast());
    z.write_all(ARTICLE.as_bytes()).expect("writes");
    let deflated = z.finish().expect("finishes");
    let archive = [
        response(
            "<urn:uuid:gz>",
            "https://e.com/gz",
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html"),
                    ("Transfer-Encoding", "chunked"),
                    ("Content-Encoding", "gzip"),
                ],
                &gzipped,
            ),
        ),
        response(
            "<urn:uuid:zlib>",
            "https://e.com/zlib",
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html"),
                    ("Content-Encoding", "deflate"),
                ],
                &deflated,
            ),
        ),
        response(
            "<urn:uuid:zstd>",
            "https://e.com/zstd",
            &http(
                "200 OK",
                &[("Content-Type", "text/html"), ("Content-Encoding", "zstd")],
                b"\x28\xb5\x2f\xfd",
            ),
        ),
    ]
    .concat();
    let t = tally(&archive);
    assert_eq!(t.extracted, 2, "{t:#?}");
    assert_eq!(t.failed("bad_content_encoding"), 1);
    assert!(t.text_of("<urn:uuid:gz>").contains("harbour bridge"));
    assert!(t.text_of("<urn:uuid:zlib>").contains("harbour bridge"));
}

#[test]
fn charset_from_http_header_beats_meta() {
    // "café" in windows-1252; the page's <meta> wrongly claims UTF-8.
    let mut page = b"<html><head><meta charset=utf-8><title>t</title></head><body><article><p>The caf\xe9 on the harbour reopened on Monday after eight months of repairs to its kitchen.</p></article></body></html>".to_vec();
    page.extend(b"\n");
    let block = http(
        "200 OK",
        &[("Content-Type", "text/html; charset=windows-1252")],
        &page,
    );
    let t = tally(&response("<urn:uuid:cafe>", "https://e.com/cafe", &block));
    let Outcome::Extracted(e) = &t.results[0].outcome else {
        panic!("extracted: {t:#?}");
    };
    assert!(e.text.contains("café"), "{}", e.text);
    assert_eq!(e.encoding, "windows-1252");
    assert_eq!(
        serde_json_name(e.encoding_source),
        "declared",
        "the HTTP header decided"
    );
}

fn serde_json_name(source: thresher::EncodingSource) -> String {
    format!("{source:?}").to_lowercase()
}

#[test]
fn records_are_read_one_at_a_time_and_blank_lines_between_them_are_fine() {
    let mut archive = b"\r\n\r\n".to_vec();
    for r in crawl() {
        archive.extend(r);
        archive.extend(b"\r\n");
    }
    let records: Vec<_> = Records::new(&archive[..], 1 << 20).collect();
    assert_eq!(records.len(), 4);
    assert!(matches!(records[2].body, Body::Block(_)));
}

#[test]
fn readers_can_move_between_threads() {
    fn send<T: Send>() {}
    send::<Records<std::fs::File>>();
    send::<warc::Processed>();
}

#[test]
fn a_whole_file_gzip_larger_than_the_read_buffer_reads_through() {
    // Letters that do not compress much, so that the one gzip member is
    // far larger than the reader's buffer, compressed.
    let mut seed = 7u32;
    let mut noise = |n: usize| -> String {
        (0..n)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(b'a' + ((seed >> 16) % 26) as u8)
            })
            .collect()
    };
    let records: Vec<Vec<u8>> = (0..6)
        .map(|i| {
            let page = format!("{ARTICLE}<!-- {} -->", noise(200_000));
            response(
                &format!("<urn:uuid:{i}>"),
                "https://example.com/a",
                &html_ok(page.as_bytes()),
            )
        })
        .collect();
    let archive = gz(&records.concat());
    assert!(archive.len() > 600_000, "{}", archive.len());
    let t = tally(&archive);
    assert_eq!((t.records, t.extracted), (6, 6));
}

//! `thresher extract URL` and `--urls FILE` against a small HTTP server on
//! 127.0.0.1 that this test runs: redirects, header charsets, content
//! encodings, error statuses, non-HTML and the size cap. The server answers
//! a bounded number of connections and the client a bounded time.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::thread;

use serde_json::Value;

/// The page the repo ships: an article with a known first paragraph.
const SAMPLE: &str = "../../examples/sample-article.html";
const SAMPLE_OPENING: &str = "Councillors in Port Amble voted on Thursday evening";

/// Connections the server answers before it stops listening: more than
/// any test here makes, so a client that loops cannot keep it forever.
const MAX_CONNECTIONS: usize = 200;

/// A page in windows-1252 with no charset of its own: only the header
/// says what it is. 0xE9 is é, 0x97 an em dash, 0x93/0x94 curly quotes.
fn cp1252_page() -> Vec<u8> {
    let mut page = b"<html><head><title>Caf\xe9 news</title></head><body><article>".to_vec();
    for _ in 0..3 {
        page.extend_from_slice(
            b"<p>The caf\xe9 on the quay \x97 the one locals call \x93the hut\x94 \x97 \
              reopened on Monday after a winter of repairs to its roof and kitchen.</p>",
        );
    }
    page.extend_from_slice(b"</article></body></html>");
    page
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn redirect(stream: &mut TcpStream, status: &str, to: &str) {
    respond(stream, status, &[("Location", to.to_owned())], b"");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzips in memory");
    enc.finish().expect("gzips in memory")
}

/// Answers one request: the path picks the case.
fn serve_one(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().expect("clones the stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {
                if let Some(v) = line
                    .strip_prefix("user-agent: ")
                    .or_else(|| line.strip_prefix("User-Agent: "))
                {
                    user_agent = v.trim().to_owned();
                }
            }
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let sample = std::fs::read(sample_path()).expect("reads the sample page");
    let html = |charset: &str| vec![("Content-Type", format!("text/html; charset={charset}"))];
    match path.as_str() {
        "/article" => respond(&mut stream, "200 OK", &html("utf-8"), &sample),
        "/seed" => match std::fs::read(seed_dir().join("page.html")) {
            Ok(page) => respond(&mut stream, "200 OK", &html("utf-8"), &page),
            Err(_) => respond(&mut stream, "404 Not Found", &[], b""),
        },
        "/to-seed" => redirect(&mut stream, "302 Found", "/seed"),
        "/moved" => redirect(&mut stream, "302 Found", "/article"),
        "/twice" => redirect(&mut stream, "301 Moved Permanently", "/moved"),
        "/loop" => redirect(&mut stream, "302 Found", "/loop"),
        "/cp1252" => respond(&mut stream, "200 OK", &html("windows-1252"), &cp1252_page()),
        "/gzip" => {
            let mut headers = html("utf-8");
            headers.push(("Content-Encoding", "gzip".into()));
            respond(&mut stream, "200 OK", &headers, &gzip(&sample));
        }
        "/image" => respond(
            &mut stream,
            "200 OK",
            &[("Content-Type", "image/png".into())],
            b"\x89PNG\r\n",
        ),
        "/agent" => {
            let page = format!(
                "<html><body><article><p>This request came from the agent called {user_agent}, \
                 as the server saw it in the request's headers today.</p></article></body></html>"
            );
            respond(&mut stream, "200 OK", &html("utf-8"), page.as_bytes());
        }
        _ => respond(
            &mut stream,
            "404 Not Found",
            &html("utf-8"),
            b"<p>no such page</p>",
        ),
    }
    let _ = stream.flush();
}

/// The seed case beside the repository (`../shared/cases/the-week`).
fn seed_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/cases/the-week")
}

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)
}

/// Starts the server; its address, as `http://127.0.0.1:PORT`.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds a local port");
    let addr = listener.local_addr().expect("has an address");
    thread::spawn(move || {
        for stream in listener.incoming().take(MAX_CONNECTIONS).flatten() {
            thread::spawn(move || serve_one(stream));
        }
    });
    format!("http://{addr}")
}

fn thresher(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thresher"))
        .args(args)
        .args(["--timeout", "20"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs the binary")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

#[test]
fn a_redirected_url_gives_the_article_and_its_final_address() {
    let base = server();
    let out = thresher(&["extract", "-f", "json", &format!("{base}/twice")]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(doc["url"], format!("{base}/article"));
    let text = doc["text"].as_str().expect("text");
    assert!(text.starts_with(SAMPLE_OPENING), "{text}");
    assert!(!text.contains("cookies"), "the cookie notice is removed");
}

#[test]
fn a_redirect_to_the_seed_page_gives_its_seven_paragraphs() {
    let Ok(expected) = std::fs::read_to_string(seed_dir().join("expected.json")) else {
        println!("skipping: the seed case is not at {}", seed_dir().display());
        return;
    };
    let expected: Value = serde_json::from_str(&expected).expect("expected.json is JSON");
    let base = server();
    let out = thresher(&["extract", "-f", "json", &format!("{base}/to-seed")]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(doc["url"], format!("{base}/seed"));
    let mut paragraphs: Vec<&str> = doc["text"]
        .as_str()
        .unwrap_or_default()
        .split("\n\n")
        .collect();
    if paragraphs.first().copied() == expected["metadata"]["title"].as_str() {
        paragraphs.remove(0);
    }
    let body: Vec<&str> = expected["body_paragraphs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(body.len(), 7);
    assert_eq!(paragraphs, body);
}

#[test]
fn the_header_charset_decodes_a_page_that_declares_none() {
    let base = server();
    let out = thresher(&["extract", &format!("{base}/cp1252")]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("The café on the quay — the one locals call “the hut” — reopened"),
        "{text}"
    );
}

#[test]
fn gzip_bodies_are_decoded_and_the_user_agent_is_thresher_unless_told() {
    let base = server();
    let out = thresher(&["extract", &format!("{base}/gzip")]);
    assert!(stdout(&out).starts_with(SAMPLE_OPENING));
    let out = thresher(&["extract", &format!("{base}/agent")]);
    assert!(
        stdout(&out).contains("called Thresher/"),
        "{}",
        stdout(&out)
    );
    let out = thresher(&[
        "extract",
        "--user-agent",
        "TestBot/2",
        &format!("{base}/agent"),
    ]);
    assert!(stdout(&out).contains("called TestBot/2"));
}

#[test]
fn every_url_of_a_list_is_accounted_for() {
    let base = server();
    let list = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("urls.txt");
    let urls = [
        "/article", "/missing", "/image", "/loop", "/moved", "/cp1252",
    ];
    let mut text = String::from("# a comment, then a blank line\n\n");
    for u in urls {
        text.push_str(&format!("{base}{u}\n"));
    }
    std::fs::write(&list, text).expect("writes the list");
    let out = thresher(&[
        "extract",
        "--urls",
        list.to_str().expect("UTF-8 path"),
        "-j",
        "4",
    ]);
    // Some URLs failed: exit code 1, and every URL has its line, in order.
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), urls.len());
    for (line, u) in lines.iter().zip(urls) {
        assert_eq!(line["source"], format!("{base}{u}"));
    }
    assert!(lines[0]["text"]
        .as_str()
        .is_some_and(|t| t.starts_with(SAMPLE_OPENING)));
    assert_eq!(lines[1]["status"], 404);
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("404")));
    assert!(lines[2]["error"]
        .as_str()
        .is_some_and(|e| e.contains("not HTML")));
    assert!(
        lines[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("redirect")),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4]["url"], format!("{base}/article"));
    assert!(lines[5]["text"]
        .as_str()
        .is_some_and(|t| t.contains("café")));
}

#[test]
fn a_body_past_the_size_cap_is_not_read() {
    let base = server();
    let out = thresher(&["extract", "--max-bytes", "1000", &format!("{base}/article")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("exceeds the limit of 1000 bytes"));
}

#[test]
fn an_unreachable_host_is_a_clear_error() {
    // A port nothing listens on: bind one, note it, free it.
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let out = thresher(&["extract", &format!("http://127.0.0.1:{port}/")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot fetch"));
}

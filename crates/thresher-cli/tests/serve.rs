//! `thresher serve` as a client meets it: the binary started on
//! 127.0.0.1 with a port of its choosing, requests over HTTP, the answers,
//! the access log, and the stop on SIGTERM. Every loop is bounded.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

const SAMPLE: &str = "../../examples/sample-article.html";
const SAMPLE_OPENING: &str = "Councillors in Port Amble voted on Thursday evening";

/// How long the service may take to say where it listens.
const START_TIMEOUT: Duration = Duration::from_secs(30);

fn sample() -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).expect("the sample page")
}

/// A running service, stopped (by its PID, which we started) when dropped.
struct Service {
    child: Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Service {
    fn start(args: &[&str]) -> Service {
        let mut child = Command::new(env!("CARGO_BIN_EXE_thresher"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts the service");
        let stderr = child.stderr.take().expect("stderr is piped");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        {
            // Drain stderr for the whole run: the access log would fill the
            // pipe and stall the service otherwise.
            let log = Arc::clone(&log);
            thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Some(addr) = line.strip_prefix("thresher serve: listening on ") {
                        let _ = tx.send(addr.to_owned());
                    }
                    log.lock().expect("log lock").push(line);
                }
            });
        }
        let base = rx
            .recv_timeout(START_TIMEOUT)
            .expect("the service says where it listens");
        Service { child, base, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn log_lines(&self) -> Vec<String> {
        self.log.lock().expect("log lock").clone()
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// Status and body of a POST.
fn post(url: &str, content_type: &str, body: &[u8]) -> (u16, String) {
    let mut response = agent()
        .post(url)
        .header("Content-Type", content_type)
        .send(body)
        .expect("the service answers");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().expect("a UTF-8 body"),
    )
}

fn get(url: &str) -> (u16, String) {
    let mut response = agent().get(url).call().expect("the service answers");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().expect("a UTF-8 body"),
    )
}

fn error_kind(body: &str) -> String {
    let v: Value = serde_json::from_str(body).expect("errors are JSON");
    v["kind"].as_str().expect("errors carry a kind").to_owned()
}

#[test]
fn extracts_posted_pages_in_each_format_and_honours_the_charset() {
    let service = Service::start(&[]);
    let (status, body) = get(&service.url("/health"));
    assert_eq!(
        (status, error_kind_or_status(&body)),
        (200, "ok".to_owned())
    );

    let url = "https://news.example.org/sea-wall";
    let (status, body) = post(
        &service.url(&format!("/extract?url={url}")),
        "text/html",
        &sample(),
    );
    assert_eq!(status, 200);
    let doc: Value = serde_json::from_str(&body).expect("the JSON document");
    assert_eq!(doc["url"], url);
    assert!(doc["text"]
        .as_str()
        .is_some_and(|t| t.starts_with(SAMPLE_OPENING)));

    let (_, text) = post(&service.url("/extract?format=text"), "text/html", &sample());
    assert!(text.starts_with(SAMPLE_OPENING));
    let (_, markdown) = post(
        &service.url("/extract?format=markdown"),
        "text/html",
        &sample(),
    );
    assert!(markdown.contains(SAMPLE_OPENING));

    // windows-1252, said only in the header: é is 0xE9.
    let page = b"<html><body><article><p>The caf\xe9 on the quay reopened on Monday after a long winter \
        of repairs to its roof, its kitchen and the terrace over the harbour.</p></article></body></html>";
    let (_, text) = post(
        &service.url("/extract?format=text"),
        "text/html; charset=windows-1252",
        page,
    );
    assert!(text.contains("The café on the quay"), "{text}");

    let (status, text) = post(
        &service.url("/clean?format=text"),
        "text/plain",
        b"Home | News | Sport\nThe council met on Tuesday and agreed, after a long debate, to rebuild the sea wall before next winter.\n",
    );
    assert_eq!(status, 200);
    assert!(text.contains("The council met on Tuesday"));
    assert!(!text.contains("Home | News"));
    // One access-log line per request.
    assert!(
        service
            .log_lines()
            .iter()
            .filter(|l| l.starts_with("POST /"))
            .count()
            >= 5
    );
}

fn error_kind_or_status(body: &str) -> String {
    let v: Value = serde_json::from_str(body).expect("JSON");
    v["status"]
        .as_str()
        .map_or_else(|| error_kind(body), str::to_owned)
}

#[test]
fn errors_are_json_with_a_kind() {
    let service = Service::start(&["--max-body-bytes", "1000", "--time-budget", "0.000001"]);
    let (status, body) = post(&service.url("/extract"), "text/html", &sample());
    assert_eq!((status, error_kind(&body)), (413, "too_large".to_owned()));
    let small = b"<p>A short page that fits under the cap.</p>";
    let (status, body) = post(&service.url("/extract?format=pdf"), "text/html", small);
    assert_eq!((status, error_kind(&body)), (400, "bad_request".to_owned()));
    let (status, body) = post(&service.url("/extract"), "text/html", small);
    assert_eq!((status, error_kind(&body)), (503, "time_budget".to_owned()));
    let (status, body) = get(&service.url("/extract?url=https://example.org/"));
    assert_eq!(
        (status, error_kind(&body)),
        (403, "fetch_disabled".to_owned())
    );
    let (status, body) = get(&service.url("/nowhere"));
    assert_eq!((status, error_kind(&body)), (404, "not_found".to_owned()));
}

/// A one-page server on 127.0.0.1 for the service to fetch from.
fn page_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
    let addr = listener.local_addr().expect("an address");
    thread::spawn(move || {
        for mut stream in listener.incoming().take(20).flatten() {
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().expect("clones"));
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let body = sample();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{addr}/article")
}

#[test]
fn fetching_refuses_internal_addresses_unless_allowed() {
    let page = page_server();
    let guarded = Service::start(&["--allow-fetch"]);
    let (status, body) = get(&guarded.url(&format!("/extract?url={page}")));
    assert_eq!((status, error_kind(&body)), (502, "fetch".to_owned()));
    assert!(body.contains("loopback, private or link-local"), "{body}");

    let open = Service::start(&["--allow-fetch", "--allow-private"]);
    let (status, body) = get(&open.url(&format!("/extract?url={page}&format=text")));
    assert_eq!(status, 200, "{body}");
    assert!(body.starts_with(SAMPLE_OPENING));
}

#[test]
fn answers_two_thousand_requests_at_sixteen_in_flight_without_error() {
    const IN_FLIGHT: usize = 16;
    const REQUESTS: usize = 2_000;
    let service = Service::start(&[]);
    let url = Arc::new(service.url("/extract?format=text"));
    let page = Arc::new(sample());
    let workers: Vec<_> = (0..IN_FLIGHT)
        .map(|_| {
            let (url, page) = (Arc::clone(&url), Arc::clone(&page));
            thread::spawn(move || {
                let agent = agent();
                let mut failures = Vec::new();
                for _ in 0..REQUESTS / IN_FLIGHT {
                    match agent
                        .post(url.as_str())
                        .header("Content-Type", "text/html")
                        .send(&page[..])
                    {
                        Ok(mut r) if r.status() == 200 => {
                            let text = r.body_mut().read_to_string().unwrap_or_default();
                            if !text.starts_with(SAMPLE_OPENING) {
                                failures.push("wrong text".to_owned());
                            }
                        }
                        Ok(r) => failures.push(format!("status {}", r.status())),
                        Err(e) => failures.push(e.to_string()),
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().expect("a client thread"))
        .collect();
    assert!(
        failures.is_empty(),
        "{} failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    let logged = service
        .log_lines()
        .iter()
        .filter(|l| l.starts_with("POST /extract 200"))
        .count();
    assert_eq!(logged, REQUESTS);
}

#[test]
fn sigterm_lets_the_request_in_flight_finish() {
    let mut service = Service::start(&["--time-budget", "0"]);
    // A page big enough to take a while, so that it is in flight when the
    // signal comes.
    let mut big = b"<html><body><article>".to_vec();
    for i in 0..20_000 {
        big.extend_from_slice(
            format!("<p>Paragraph {i} of a long report on the harbour works and their cost.</p>")
                .as_bytes(),
        );
    }
    big.extend_from_slice(b"</article></body></html>");
    let url = service.url("/extract?format=text");
    let request = thread::spawn(move || post(&url, "text/html", &big));
    // Wait until the service has the request (the body is read), then ask
    // it to stop.
    let asked = Instant::now();
    thread::sleep(Duration::from_millis(300));
    let pid = service.child.id().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("runs kill");
    assert!(killed.success());
    let (status, text) = request.join().expect("the client thread");
    assert_eq!(status, 200);
    assert!(text.contains("Paragraph 19999"));
    // The service then exits by itself, cleanly.
    loop {
        if let Some(exit) = service.child.try_wait().expect("waits") {
            assert!(exit.success(), "{exit:?}");
            break;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(60),
            "the service did not stop"
        );
        thread::sleep(Duration::from_millis(50));
    }
    assert!(service
        .log_lines()
        .iter()
        .any(|l| l == "thresher serve: stopped"));
}

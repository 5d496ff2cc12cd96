"""Builds small WARC archives from the fixtures, for the iter_warc and Spark
tests: one record of each kind the reader must extract, skip or fail."""

from __future__ import annotations

import gzip
import uuid
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
DATE = "2026-03-14T10:00:00Z"


@dataclass
class Archive:
    """An archive written to `path`, and what reading it must give."""

    path: Path
    records: int = 0
    extracted: list[str] = field(default_factory=list)  # target URIs, in order
    skipped: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)


def _record(warc_type: str, uri: str | None, block: bytes, content_type: str) -> tuple[str, bytes]:
    record_id = f"<urn:uuid:{uuid.uuid4()}>"
    lines = ["WARC/1.1", f"WARC-Type: {warc_type}", f"WARC-Record-ID: {record_id}", f"WARC-Date: {DATE}"]
    if uri is not None:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
    return record_id, head + block + b"\r\n\r\n"


def _http(status: str, content_type: str, body: bytes, extra: str = "") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {len(body)}\r\n\r\n"
    return head.encode("ascii") + body


def build(path: Path, *, gzipped: bool = True, site: str = "https://courier.example") -> Archive:
    """Writes an archive of ten records to `path`: five pages to extract,
    four records to skip and one to fail, one gzip member each when
    `gzipped`."""
    article = (FIXTURES / "article.html").read_bytes()
    cp1252 = (FIXTURES / "windows-1252.html").read_bytes()
    archive = Archive(path)
    members: list[bytes] = []

    def add(warc_type: str, uri: str | None, block: bytes, ct: str, outcome: str) -> None:
        _, record = _record(warc_type, uri, block, ct)
        members.append(record)
        archive.records += 1
        if outcome == "extracted":
            assert uri is not None
            archive.extracted.append(uri)
        else:
            kind, reason = outcome.split(":")
            counts = archive.skipped if kind == "skipped" else archive.failed
            counts[reason] = counts.get(reason, 0) + 1

    add("warcinfo", None, b"software: thresher tests\r\n", "application/warc-fields", "skipped:not_response")
    add("request", f"{site}/news/library", b"GET /news/library HTTP/1.1\r\nHost: courier.example\r\n\r\n",
        "application/http; msgtype=request", "skipped:not_response")
    http_ct = "application/http; msgtype=response"
    add("response", f"{site}/news/library", _http("200 OK", "text/html; charset=utf-8", article), http_ct, "extracted")
    # The HTTP header's charset outranks the page's own <meta>.
    add("response", f"{site}/food/cafe", _http("200 OK", "text/html; charset=windows-1252", cp1252), http_ct,
        "extracted")
    add("response", f"{site}/news/library-gz",
        _http("200 OK", "text/html", gzip.compress(article), "Content-Encoding: gzip\r\n"), http_ct, "extracted")
    add("response", f"{site}/missing", _http("404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
        http_ct, "skipped:http_status")
    add("response", f"{site}/logo.png", _http("200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)), http_ct,
        "skipped:not_html")
    add("response", f"{site}/news/library-2", _http("200 OK", "text/html", article), http_ct, "extracted")
    add("response", f"{site}/food/cafe-2", _http("200 OK", "text/html; charset=windows-1252", cp1252), http_ct,
        "extracted")

    # Last, a record cut off before its Content-Length: it fails, and is
    # counted, without ending the pass.
    _, whole = _record("response", f"{site}/cut", _http("200 OK", "text/html", article), http_ct)
    members.append(whole[: len(whole) // 2])
    archive.records += 1
    archive.failed["truncated"] = 1

    with open(path, "wb") as out:
        for m in members:
            out.write(gzip.compress(m) if gzipped else m)
    return archive

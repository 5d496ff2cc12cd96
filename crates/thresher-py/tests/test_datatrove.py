"""The datatrove step: WarcReader -> ThresherExtractor -> JsonlWriter over a
20-record WARC built here, as a FineWeb-style pipeline runs it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove", reason="datatrove is not installed")
pytest.importorskip("warcio", reason="datatrove's WarcReader needs warcio")
pytest.importorskip("magic", reason="datatrove's WarcReader needs python-magic (and libmagic)")

from datatrove.executor import LocalPipelineExecutor  # type: ignore[import-untyped]  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # type: ignore[import-untyped]  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # type: ignore[import-untyped]  # noqa: E402

from thresher.datatrove import ThresherExtractor  # noqa: E402

RECORDS = 20
BOILERPLATE = [
    "Subscribe to our newsletter",
    "Sign up for the morning briefing",
    "Accept all cookies",
    "Home | News | Sport",
]


def _page(i: int) -> bytes:
    story = [
        f"Story {i}: the harbour board met on Tuesday to decide how to pay for repairs to the old sea wall.",
        f"Story {i}: engineers told the board that the wall would not last another two winters without work.",
        f"Story {i}: the board agreed to borrow the money and to start the repairs in the spring.",
    ]
    body = "".join(f"<p>{p}</p>" for p in story)
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Harbour story {i} | The Courier</title>"
        "<meta name='author' content='Ada Marlowe'></head><body>"
        "<div class='cookie-banner'><p>We use cookies. Accept all cookies</p><button>OK</button></div>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Harbour story {i}</h1>{body}</article>"
        "<aside class='newsletter'><h2>Sign up for the morning briefing</h2>"
        "<form><input type='email'><button>Subscribe to our newsletter</button></form></aside>"
        "</body></html>"
    )
    return html.encode("utf-8")


def _warc(path: Path) -> None:
    with gzip.open(path, "wb") as out:
        for i in range(RECORDS):
            body = _page(i)
            http = (
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            head = (
                "WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
                "WARC-Date: 2026-03-14T10:00:00Z\r\n"
                f"WARC-Target-URI: https://courier.example/story/{i}\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n"
            )
            out.write(head.encode() + http + b"\r\n\r\n")


def test_a_warc_pipeline_writes_every_article_without_boilerplate(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    _warc(crawl / "sample.warc.gz")
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(crawl)),
            ThresherExtractor(format="text"),
            JsonlWriter(str(out), compression=None),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    docs = [json.loads(line) for f in sorted(out.glob("*.jsonl")) for line in f.read_text().splitlines()]
    assert len(docs) == RECORDS
    for doc in docs:
        i = int(doc["metadata"]["url"].rsplit("/", 1)[1])
        text = doc["text"]
        for n, sentence in enumerate(["the harbour board met", "would not last", "agreed to borrow"]):
            assert f"Story {i}: " in text and sentence in text, (n, text)
        for boilerplate in BOILERPLATE:
            assert boilerplate not in text, text
        meta = doc["metadata"]
        assert meta["title"] == f"Harbour story {i}"
        assert meta["authors"] == ["Ada Marlowe"]
        assert meta["language"] == "en"
        assert meta["page_type"] == "article"
        assert 0.0 <= meta["confidence"] <= 1.0


def test_the_step_survives_pickling_and_checks_its_format() -> None:
    import pickle

    step = ThresherExtractor(format="markdown", comments=True, time_budget=5.0)
    assert step.extract("<article><p>" + "A sentence of the article. " * 8 + "</p></article>")
    clone = pickle.loads(pickle.dumps(step))
    assert clone.format == "markdown" and clone.options["include_comments"] is True
    with pytest.raises(ValueError):
        ThresherExtractor(format="pdf")

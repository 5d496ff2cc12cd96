"""iter_warc over archives built by tests/warcs.py."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import warcs

import thresher


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> warcs.Archive:
    gzipped = request.param
    return warcs.build(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), gzipped=gzipped)


def test_yields_the_extracted_pages_in_order(archive: warcs.Archive) -> None:
    rows = list(thresher.iter_warc(archive.path))
    assert [r["target_uri"] for r in rows] == archive.extracted
    for r in rows:
        assert r["skipped"] is None and r["error"] is None and r["error_kind"] is None
        assert r["http_status"] == 200
        assert r["url"] == r["target_uri"]
        assert r["warc_date"] == warcs.DATE
        assert r["warc_record_id"].startswith("<urn:uuid:")
        assert r["schema"] == thresher.SCHEMA
        assert r["source"] == str(archive.path)
        assert r["encoding_source"] in {"declared", "meta", "bom", "detected"}


def test_rows_carry_the_warc_fields_then_the_json_document(archive: warcs.Archive) -> None:
    rows = list(thresher.iter_warc(archive.path))
    article = rows[0]
    assert list(article)[: len(thresher.WARC_FIELDS)] == thresher.WARC_FIELDS
    assert article["content_type"] == "text/html; charset=utf-8"
    assert article["title"] == "Library reopens after flood repairs"
    assert "twelve thousand books" in article["text"]
    assert "Sign up for our newsletter" not in article["text"]
    fixture = (warcs.FIXTURES / "article.html").read_bytes()
    expected = thresher.extract(fixture, url=article["target_uri"], format="json")
    expected["source"] = str(archive.path)
    assert {k: article[k] for k in expected} == expected


def test_the_http_charset_and_content_encoding_are_honoured(archive: warcs.Archive) -> None:
    rows = {r["target_uri"]: r for r in thresher.iter_warc(archive.path)}
    cafe = rows["https://courier.example/food/cafe"]
    assert cafe["encoding"] == "windows-1252"
    assert "crème brûlée" in cafe["text"]
    gz = rows["https://courier.example/news/library-gz"]
    assert gz["text"] == rows["https://courier.example/news/library"]["text"]


def test_stats_count_every_record(archive: warcs.Archive) -> None:
    records = thresher.iter_warc(archive.path)
    assert records.stats == {"records": 0, "extracted": 0, "skipped": {}, "failed": {}}
    rows = list(records)
    assert records.stats == {
        "records": archive.records,
        "extracted": len(archive.extracted),
        "skipped": archive.skipped,
        "failed": archive.failed,
    }
    assert len(rows) == len(archive.extracted)


def test_include_skipped_yields_every_record(archive: warcs.Archive) -> None:
    rows = list(thresher.iter_warc(archive.path, include_skipped=True))
    assert len(rows) == archive.records
    skipped: dict[str, int] = {}
    for r in rows:
        if r["skipped"]:
            skipped[r["skipped"]] = skipped.get(r["skipped"], 0) + 1
            assert "text" not in r
    assert skipped == archive.skipped
    failed = [r for r in rows if r["error"]]
    assert [r["error_kind"] for r in failed] == ["truncated"]
    assert failed[0]["error"] == "record is truncated"


def test_options_apply_to_every_page(archive: warcs.Archive) -> None:
    records = thresher.iter_warc(archive.path, max_input_bytes=400)
    assert list(records) == []
    assert records.stats["skipped"].get("too_large", 0) == len(archive.extracted)
    with pytest.raises(TypeError, match="unknown option"):
        thresher.iter_warc(archive.path, colour="blue")  # type: ignore[call-arg]


def test_a_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        thresher.iter_warc(tmp_path / "nothing.warc.gz")


@pytest.mark.skipif(not os.environ.get("THRESHER_BIN"), reason="THRESHER_BIN (the CLI) not given")
def test_rows_are_those_of_thresher_warc(archive: warcs.Archive) -> None:
    cli = subprocess.run([os.environ["THRESHER_BIN"], "warc", "-j", "1", str(archive.path)], capture_output=True)
    assert cli.returncode == 1, cli.stderr  # 1: a record failed (the truncated one)
    expected = [json.loads(line) for line in cli.stdout.splitlines()]
    rows = list(thresher.iter_warc(str(archive.path)))
    for r in rows:
        assert (r.pop("skipped"), r.pop("error"), r.pop("error_kind")) == (None, None, None)
    assert rows == expected

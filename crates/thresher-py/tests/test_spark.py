"""The Spark job examples/spark/extract_warc.py, run with Spark local[2] on
archives built by tests/warcs.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import warcs

pyspark = pytest.importorskip("pyspark")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("no Java for Spark", allow_module_level=True)

Run = tuple[Path, list[warcs.Archive], dict[str, Any]]

JOB = Path(__file__).resolve().parents[3] / "examples" / "spark" / "extract_warc.py"


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    tmp = tmp_path_factory.mktemp("spark")
    archives = [
        warcs.build(tmp / "a.warc.gz", gzipped=True, site="https://a.example"),
        warcs.build(tmp / "b.warc", gzipped=False, site="https://b.example"),
    ]
    missing = tmp / "missing.warc.gz"
    paths = tmp / "warc.paths"
    paths.write_text(f"{archives[0].path}\nfile://{archives[1].path}\n\n{missing}\n")
    out = tmp / "out"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    job = subprocess.run(
        [sys.executable, str(JOB), "--input", str(paths), "--output", str(out), "--master", "local[2]",
         "--partitions", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert job.returncode == 0, job.stdout + job.stderr[-5000:]
    printed = json.loads(job.stdout.strip().splitlines()[-1])
    return out, archives, printed


def test_accounting_counts_every_record(run: Run) -> None:
    out, archives, printed = run
    accounting = json.loads((out / "accounting.json").read_text())
    assert accounting == printed
    skipped: dict[str, int] = {}
    failed: dict[str, int] = {"open": 1}  # the missing file
    for a in archives:
        for k, n in a.skipped.items():
            skipped[k] = skipped.get(k, 0) + n
        for k, n in a.failed.items():
            failed[k] = failed.get(k, 0) + n
    assert accounting == {
        "records": sum(a.records for a in archives) + 1,
        "extracted": sum(len(a.extracted) for a in archives),
        "skipped": skipped,
        "failed": failed,
    }


def test_parquet_has_one_row_per_page(run: Run) -> None:
    out, archives, _ = run
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").appName("read-back").getOrCreate()
    try:
        rows = [r.asDict(recursive=True) for r in spark.read.parquet(str(out / "pages")).collect()]
    finally:
        spark.stop()
    uris = sorted(r["target_uri"] for r in rows)
    assert uris == sorted(u for a in archives for u in a.extracted)
    by_uri = {r["target_uri"]: r for r in rows}
    cafe = by_uri["https://b.example/food/cafe"]
    assert cafe["encoding"] == "windows-1252"
    assert cafe["http_status"] == 200
    assert cafe["warc_path"].startswith("file://")
    assert "crème brûlée" in cafe["text"]
    article = by_uri["https://a.example/news/library"]
    assert article["title"] == "Library reopens after flood repairs"
    assert article["authors"] == ["Maria Lopes"]
    assert article["warc_record_id"].startswith("<urn:uuid:")
    assert article["warc_date"] == warcs.DATE
    assert "newsletter" in {r["label"] for r in article["removed"]}
    assert "outcome" not in article

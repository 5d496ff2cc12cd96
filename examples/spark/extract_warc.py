"""Extract the main content of every page in a list of WARC files, on Spark.

    spark-submit examples/spark/extract_warc.py --input warc.paths --output out/

In the manner of Common Crawl's cc-pyspark: the input is a text file of WARC
paths, one per line; the paths are spread over partitions and each
partition reads its WARC files with ``thresher.iter_warc``, one record at a
time. The output directory gets

* ``pages/``: Parquet, one row per extracted page (the columns in
  ``PAGE_COLUMNS``: the WARC and HTTP fields, then the extraction's), and
* ``accounting.json``: every record counted once, as ``extracted``,
  ``skipped`` by reason or ``failed`` by error kind, with ``records`` their
  sum. A WARC file that cannot be opened counts as one failed record of
  kind ``open``.

Paths are local or on a file system every executor mounts (``file://``
prefix allowed). Every executor needs the ``thresher`` package: see
"Python and Spark" in the README.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

REMOVED = StructType(
    [
        StructField("label", StringType()),
        StructField("rule", StringType()),
        StructField("text", StringType()),
        StructField("start", LongType()),
        StructField("end", LongType()),
    ]
)

# One row per extracted page.
PAGE_COLUMNS = [
    StructField("warc_path", StringType()),
    StructField("warc_record_id", StringType()),
    StructField("target_uri", StringType()),
    StructField("warc_date", StringType()),
    StructField("http_status", IntegerType()),
    StructField("content_type", StringType()),
    StructField("encoding", StringType()),
    StructField("title", StringType()),
    StructField("authors", ArrayType(StringType())),
    StructField("date_published", StringType()),
    StructField("date_modified", StringType()),
    StructField("site_name", StringType()),
    StructField("language", StringType()),
    StructField("description", StringType()),
    StructField("canonical_url", StringType()),
    StructField("page_type", StringType()),
    StructField("confidence", DoubleType()),
    StructField("text", StringType()),
    StructField("removed", ArrayType(REMOVED)),
]

# What became of a record: "extracted", "skipped" or "failed", and the
# reason or error kind. Only the accounting reads them.
OUTCOME_COLUMNS = [
    StructField("outcome", StringType()),
    StructField("reason", StringType()),
]

SCHEMA = StructType(PAGE_COLUMNS + OUTCOME_COLUMNS)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", required=True, help="text file of WARC paths, one per line")
    p.add_argument("--output", required=True, help="output directory (pages/ and accounting.json)")
    p.add_argument("--partitions", type=int, default=None, help="partitions of the path list [default: Spark's]")
    p.add_argument("--master", default=None, help="Spark master when not run by spark-submit, e.g. local[2]")
    p.add_argument("--time-budget", type=float, default=None, help="seconds per page [default: the engine's]")
    return p.parse_args(argv)


def local_path(path: str) -> str:
    return path[len("file://") :] if path.startswith("file://") else path


def records(paths: Iterable[str], options: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Every record of every WARC file, as a row of SCHEMA."""
    import thresher  # imported on the executor

    names = [f.name for f in PAGE_COLUMNS]
    for line in paths:
        path = line.strip()
        if not path:
            continue
        try:
            rows = thresher.iter_warc(local_path(path), include_skipped=True, **options)
        except OSError:
            empty = dict.fromkeys(names)
            empty["warc_path"] = path
            yield tuple(empty[n] for n in names) + ("failed", "open")
            continue
        for row in rows:
            row["warc_path"] = path
            if row["skipped"]:
                outcome = ("skipped", row["skipped"])
            elif row["error"]:
                outcome = ("failed", row["error_kind"])
            else:
                outcome = ("extracted", None)
            yield tuple(row.get(n) for n in names) + outcome


def accounting(counts: Iterable[tuple[str, str | None, int]]) -> dict[str, Any]:
    """records / extracted / skipped by reason / failed by error kind."""
    out: dict[str, Any] = {"records": 0, "extracted": 0, "skipped": {}, "failed": {}}
    for outcome, reason, n in counts:
        out["records"] += n
        if outcome == "extracted":
            out["extracted"] += n
        else:
            by = out[outcome]
            by[reason] = by.get(reason, 0) + n
    return out


def run(spark: SparkSession, args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if args.time_budget is not None:
        options["time_budget"] = args.time_budget
    sc = spark.sparkContext
    paths = sc.textFile(args.input, minPartitions=args.partitions or sc.defaultParallelism)
    rows = paths.mapPartitions(lambda part: records(part, options))
    df = spark.createDataFrame(rows, SCHEMA).persist()
    pages = df.filter(F.col("outcome") == "extracted").drop("outcome", "reason")
    output = args.output.rstrip("/")
    pages.write.mode("overwrite").parquet(f"{output}/pages")
    counts = df.groupBy("outcome", "reason").count().collect()
    df.unpersist()
    summary = accounting((r["outcome"], r["reason"], r["count"]) for r in counts)
    text = json.dumps(summary, indent=2, sort_keys=True) + "\n"
    if "://" in output and not output.startswith("file://"):
        # A cluster's file system (hdfs://, s3a:// …): written by Spark.
        sc.parallelize([text], 1).saveAsTextFile(f"{output}/accounting.json")
    else:
        (Path(local_path(output)) / "accounting.json").write_text(text)
    return summary


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    builder = SparkSession.builder.appName("thresher-extract-warc")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        summary = run(spark, args)
    finally:
        spark.stop()
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

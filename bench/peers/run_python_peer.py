#!/usr/bin/env python3
"""Run one Python peer extractor over a WCXB-style split, in one process.

    run_python_peer.py --peer trafilatura|resiliparse|rs-trafilatura \
        --data DIR --pred OUT.jsonl --timing OUT.json

For each DIR/html/NNNN.html.gz it writes {"id", "text"} to OUT.jsonl and, at
the end, the timing JSON that bench/run.py reads:
{"system", "pages", "failed", "bytes", "seconds", "cpu_seconds"}.

Only the extraction call is timed (parsing included), by the wall clock and by
the process's CPU clock; reading, gunzipping and
UTF-8 decoding happen outside the timer, the same for every peer. A page that
raises is written with empty text and counted in "failed"; the run goes on.
"""
import argparse
import gzip
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path


def trafilatura_extractor():
    import trafilatura

    def extract(html):
        # Default settings; extract() returns None when it finds no content.
        return trafilatura.extract(html) or ""

    return f"trafilatura {version('trafilatura')}", extract


def resiliparse_extractor():
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    def extract(html):
        return extract_plain_text(HTMLTree.parse(html), main_content=True)

    return f"resiliparse {version('resiliparse')}", extract


def rs_trafilatura_extractor():
    import rs_trafilatura

    def extract(html):
        return rs_trafilatura.extract(html).main_content or ""

    return f"rs-trafilatura {version('rs-trafilatura')}", extract


EXTRACTORS = {
    "trafilatura": trafilatura_extractor,
    "resiliparse": resiliparse_extractor,
    "rs-trafilatura": rs_trafilatura_extractor,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", required=True, choices=sorted(EXTRACTORS))
    parser.add_argument("--data", required=True, type=Path, help="folder holding html/NNNN.html.gz")
    parser.add_argument("--pred", required=True, type=Path, help="predictions to write (JSONL)")
    parser.add_argument("--timing", required=True, type=Path, help="timing summary to write (JSON)")
    args = parser.parse_args()

    system, extract = EXTRACTORS[args.peer]()
    pages = failed = total_bytes = 0
    seconds = cpu_seconds = 0.0
    with args.pred.open("w", encoding="utf-8") as pred_file:
        for path in sorted((args.data / "html").glob("*.html.gz")):
            page_id = path.name.removesuffix(".html.gz")
            raw = gzip.decompress(path.read_bytes())
            html = raw.decode("utf-8", errors="replace")
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                text = extract(html)
            except Exception as error:  # a peer's bug on one page must not end the run
                text = ""
                failed += 1
                print(f"{page_id}: {type(error).__name__}: {error}", file=sys.stderr)
            seconds += time.perf_counter() - start
            cpu_seconds += time.process_time() - start_cpu
            pages += 1
            total_bytes += len(raw)
            pred_file.write(json.dumps({"id": page_id, "text": text}, ensure_ascii=False) + "\n")

    timing = {"system": system, "pages": pages, "failed": failed, "bytes": total_bytes, "seconds": seconds,
              "cpu_seconds": cpu_seconds}
    args.timing.write_text(json.dumps(timing) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

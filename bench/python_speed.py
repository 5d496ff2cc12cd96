#!/usr/bin/env python3
"""Speed from Python: thresher against trafilatura and resiliparse, called the same way.

    python bench/python_speed.py [--data DIR] [--limit N]

Each page of DIR/html/*.html.gz (default ../shared/bench/wcxb-dev; read in
place, never copied) is gunzipped once and decoded to a fresh `str` for each
system, outside the timers (CPython caches a `str`'s UTF-8 form, so a shared
object would let the systems after the first skip the encoding), then handed
to each system in turn, page by page, so that all three run under the same
load on a shared machine:

  thresher     thresher.extract(html)                       (plain text)
  trafilatura  trafilatura.extract(html)                    (default settings)
  resiliparse  extract_plain_text(HTMLTree.parse(html), main_content=True)

One process, one run, one core (the calls are sequential). Each call is timed
by the wall clock and by the process's CPU clock; speeds are pages per
CPU-second, and the ratios are thresher's speed over each peer's. A page that
raises is counted as failed and its time kept. Needs the three packages in
the running Python, e.g. target/bench-venv (bench/run.py makes it) after
`pip install ./crates/thresher-py`; a missing one is left out.
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "wcxb-dev"


def systems() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    try:
        import thresher

        def thresher_extract(html: str) -> str:
            return thresher.extract(html)

        found[f"thresher {thresher.__version__}"] = thresher_extract
    except ImportError as e:
        print(f"thresher left out ({e}): pip install ./crates/thresher-py")
    try:
        import trafilatura

        def trafilatura_extract(html: str) -> str:
            return trafilatura.extract(html) or ""

        found[f"trafilatura {version('trafilatura')}"] = trafilatura_extract
    except ImportError as e:
        print(f"trafilatura left out: {e}")
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        def resiliparse_extract(html: str) -> str:
            return extract_plain_text(HTMLTree.parse(html), main_content=True)

        found[f"resiliparse {version('resiliparse')}"] = resiliparse_extract
    except ImportError as e:
        print(f"resiliparse left out: {e}")
    return found


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding html/*.html.gz (default: %(default)s)")
    p.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = p.parse_args()

    paths = sorted((args.data / "html").glob("*.html.gz"))[: args.limit]
    if not paths:
        p.error(f"no html/*.html.gz under {args.data}")
    pages = [gzip.decompress(path.read_bytes()) for path in paths]
    mb = sum(len(h.decode("utf-8", errors="replace").encode("utf-8")) for h in pages) / 1e6
    found = systems()
    wall = dict.fromkeys(found, 0.0)
    cpu = dict.fromkeys(found, 0.0)
    failed = dict.fromkeys(found, 0)
    for raw in pages:
        for name, extract in found.items():
            # A fresh `str` for each system: CPython caches a str's UTF-8
            # form on the object the first time a library asks for it, so
            # a shared `str` would make the first system pay the encoding
            # for those after it (7-15 % of resiliparse's or Thresher's time).
            html = raw.decode("utf-8", errors="replace")
            w, c = time.perf_counter(), time.process_time()
            try:
                extract(html)
            except Exception:  # a peer's bug on one page must not end the run
                failed[name] += 1
            cpu[name] += time.process_time() - c
            wall[name] += time.perf_counter() - w

    print(f"{len(pages)} pages, {mb:.1f} MB, from {args.data}")
    print()
    print("| system | pages/CPU-s | MB/CPU-s | pages/s (wall) | failed | thresher's speed ÷ this |")
    print("|---|---:|---:|---:|---:|---:|")
    ours = next((n for n in found if n.startswith("thresher")), None)
    for name in found:
        rate = len(pages) / cpu[name] if cpu[name] else float("inf")
        ratio = cpu[name] / cpu[ours] if ours and cpu[ours] else float("nan")
        print(
            f"| {name} | {rate:.1f} | {mb / cpu[name]:.2f} | {len(pages) / wall[name]:.1f} | {failed[name]} | {ratio:.2f}× |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

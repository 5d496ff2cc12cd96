#!/usr/bin/env python3
"""Times each adversarial page (crates/thresher-fuzz/src/adversarial.rs)
through the release `thresher extract`, one process per page on one core,
and reports wall time, peak memory and whether the content came out.

    python3 bench/adversarial.py [--core 0] [--out runs/adversarial.md]

The bar (issue 16): exit 0 with the content, within 3 s and 160 MB.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_SECONDS = 3.0
MAX_MB = 160.0


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=ROOT, check=True, **kw)


GNU_TIME = "/usr/bin/time"


def measure(binary, page, core):
    """Wall seconds, peak RSS in MB, exit code and the JSON output of one run.

    The peak comes from GNU time when it is installed: a child forked from
    this Python process would report Python's own resident size as its peak
    (ru_maxrss survives exec), so the run is started from GNU time's small
    process instead.
    """
    cmd = ["taskset", "-c", str(core), binary, "extract", page, "-f", "json"]
    timed = os.path.exists(GNU_TIME)
    if timed:
        cmd = [GNU_TIME, "-f", "%M"] + cmd
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        err = proc.stderr.read().decode(errors="replace").strip()
        out.seek(0)
        text = out.read().decode(errors="replace")
    if timed:
        lines = err.splitlines()
        kb = float(lines[-1]) if lines and lines[-1].strip().isdigit() else usage.ru_maxrss
        err = "\n".join(lines[:-1])
    else:
        kb = usage.ru_maxrss
    return seconds, kb / 1024.0, code, text, err


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--core", type=int, default=0, help="core to pin each run to")
    ap.add_argument("--out", help="also write the table as Markdown to this file")
    args = ap.parse_args()

    run(["cargo", "build", "--release", "-q", "-p", "thresher-cli"])
    binary = os.path.join(ROOT, "target", "release", "thresher")
    with tempfile.TemporaryDirectory() as pages:
        listing = run(
            ["cargo", "run", "--release", "-q", "-p", "thresher-fuzz",
             "--example", "adversarial_pages", "--", pages],
            capture_output=True, text=True,
        ).stdout
        # The first line is the phrase every page's extraction must hold.
        marker, *pages_listed = listing.splitlines()
        rows = []
        ok = True
        for line in pages_listed:
            name, size, what = line.split("\t")
            seconds, mb, code, output, err = measure(binary, os.path.join(pages, name + ".html"), args.core)
            try:
                kept = marker in json.loads(output)["text"]
            except (ValueError, KeyError):
                kept = False
            passed = code == 0 and kept and seconds <= MAX_SECONDS and mb <= MAX_MB
            ok &= passed
            rows.append((what, int(size) / 1e6, seconds, mb, code, kept, passed, err))
            print(f"{name}: {seconds:.2f} s, {mb:.0f} MB, exit {code}, content {'kept' if kept else 'LOST'}",
                  file=sys.stderr)
    table = ["| page | MB in | seconds | peak MB | exit | content | within 3 s and 160 MB |",
             "|---|---:|---:|---:|---:|---|---|"]
    for what, size, seconds, mb, code, kept, passed, _ in rows:
        table.append(f"| {what} | {size:.1f} | {seconds:.2f} | {mb:.0f} | {code} | "
                     f"{'kept' if kept else 'lost'} | {'yes' if passed else 'no'} |")
    print("\n".join(table))
    if args.out:
        with open(args.out, "w") as f:
            f.write("\n".join(table) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Load on `thresher serve`: requests/s and p50/p99 latency of POST /extract
at 16 and 64 requests in flight, on the seed page and on the WCXB dev
pages, with the error count (which must be 0).

    python3 bench/serve.py [--data ../shared/bench/wcxb-dev] \
        [--seed ../shared/cases/the-week/page.html] [--out runs/serve.md]

The release service and the load client (the `serve_load` example, one
thread per request in flight) run on the same machine and share its cores:
the figures are for that setting, and the client's own work is in them.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IN_FLIGHT = [16, 64]
# Requests per run: the seed page is small, so many; the dev pages once each.
SEED_REQUESTS = 4000


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "bench", "wcxb-dev"))
    ap.add_argument("--seed", default=os.path.join(ROOT, "..", "shared", "cases", "the-week", "page.html"))
    ap.add_argument("--out", help="also write the table as Markdown to this file")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "-q", "-p", "thresher-cli",
                    "--bin", "thresher", "--example", "serve_load"], cwd=ROOT, check=True)
    binary = os.path.join(ROOT, "target", "release", "thresher")
    load = os.path.join(ROOT, "target", "release", "examples", "serve_load")

    sets = []
    if os.path.exists(args.seed):
        sets.append(("seed page", [args.seed], SEED_REQUESTS))
    else:
        print(f"skipping the seed page: {args.seed} not found", file=sys.stderr)
    html = os.path.join(args.data, "html")
    if os.path.isdir(html):
        sets.append(("WCXB dev pages", [html], len(os.listdir(html))))
    else:
        print(f"skipping the dev pages: {html} not found", file=sys.stderr)
    if not sets:
        sys.exit("nothing to load")

    service = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = None
        for line in service.stderr:
            if line.startswith("thresher serve: listening on "):
                base = line.split("listening on ", 1)[1].strip()
                break
        if base is None:
            sys.exit("the service did not start")
        # Keep reading the access log so that its pipe never fills.
        import threading
        threading.Thread(target=lambda: [None for _ in service.stderr], daemon=True).start()

        rows = []
        for name, pages, requests in sets:
            for n in IN_FLIGHT:
                out = subprocess.run([load, "--base", base, "--in-flight", str(n),
                                      "--requests", str(requests)] + pages,
                                     capture_output=True, text=True)
                r = json.loads(out.stdout.strip().splitlines()[-1])
                rows.append((name, r))
                print(f"{name}, {n} in flight: {r['requests_per_second']:.0f} req/s, "
                      f"p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, "
                      f"{r['errors']} errors of {r['requests']}", file=sys.stderr)
    finally:
        service.terminate()
        service.wait(timeout=60)

    table = ["| pages | in flight | requests | requests/s | p50 ms | p99 ms | errors |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in rows:
        table.append(f"| {name} | {r['in_flight']} | {r['requests']} | {r['requests_per_second']:.0f} "
                     f"| {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |")
    text = "\n".join(table)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(f"`python3 bench/serve.py`, {os.cpu_count()} cores shared by the service and the client.\n\n")
            f.write(text + "\n")
    if any(r["errors"] for _, r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()

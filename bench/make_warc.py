#!/usr/bin/env python3
"""Builds a WARC archive (gzip per record) of real-looking crawl records from
a folder of saved pages, for measuring `thresher warc`.

    python3 bench/make_warc.py ../shared/bench/wcxb-dev/html /tmp/crawl-100m.warc.gz --mb 100

Pages (`*.html` or `*.html.gz`) are used in turn, over and over, until the
archive reaches the size asked for. Each page becomes a warcinfo-less crawl
triple (request, response, metadata), as crawlers write them; its HTTP
response is sent in one of several shapes, in turn: plain, gzip
content-encoded, chunked and gzip. Now and then the archive also gets a 404, a
robots.txt (text/plain) and an image, so that skips are exercised too. The
domain comes from the data set's metadata.json when it has one.
"""

import argparse
import gzip
import json
import os
import sys
import uuid
from datetime import datetime, timedelta, timezone


def record(warc_type, uri, date, block, extra=()):
    head = [
        "WARC/1.1",
        f"WARC-Type: {warc_type}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>",
        f"WARC-Date: {date}",
        f"WARC-Target-URI: {uri}",
    ]
    head += list(extra)
    head.append(f"Content-Length: {len(block)}")
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def chunked(body, size=8192):
    out = b""
    for i in range(0, len(body), size):
        part = body[i : i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def http(status, headers, body):
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def response(page, shape):
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Server", "nginx")]
    if shape == 0:
        return http("200 OK", headers + [("Content-Length", len(page))], page)
    body = gzip.compress(page, compresslevel=6)
    headers.append(("Content-Encoding", "gzip"))
    if shape == 1:
        return http("200 OK", headers + [("Content-Length", len(body))], body)
    return http("200 OK", headers + [("Transfer-Encoding", "chunked")], chunked(body))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", help="folder of .html / .html.gz pages")
    ap.add_argument("output", help="the .warc.gz to write")
    ap.add_argument("--mb", type=float, default=100, help="size of the archive in MB")
    args = ap.parse_args()

    names = sorted(n for n in os.listdir(args.source) if n.endswith((".html", ".html.gz")))
    if not names:
        sys.exit(f"no pages in {args.source}")
    domains = {}
    meta = os.path.join(os.path.dirname(os.path.abspath(args.source)), "metadata.json")
    if os.path.exists(meta):
        with open(meta) as f:
            domains = {k: v.get("domain") for k, v in json.load(f).get("files", {}).items()}

    target = int(args.mb * 1e6)
    when = datetime(2024, 5, 1, tzinfo=timezone.utc)
    written = pages = 0
    with open(args.output, "wb") as out:
        while written < target:
            name = names[pages % len(names)]
            path = os.path.join(args.source, name)
            with open(path, "rb") as f:
                page = f.read()
            if name.endswith(".gz"):
                page = gzip.decompress(page)
            stem = name.split(".")[0]
            host = domains.get(stem) or f"site{stem}.example"
            uri = f"https://{host}/{stem}/{pages}"
            date = (when + timedelta(seconds=pages)).strftime("%Y-%m-%dT%H:%M:%SZ")
            batch = [
                record("request", uri, date, f"GET /{stem} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode(),
                       ["Content-Type: application/http; msgtype=request"]),
                record("response", uri, date, response(page, pages % 3),
                       ["Content-Type: application/http; msgtype=response"]),
                record("metadata", uri, date, b"fetchTimeMs: 120\r\n",
                       ["Content-Type: application/warc-fields"]),
            ]
            if pages % 50 == 0:
                batch.append(record("response", f"https://{host}/missing", date,
                                    http("404 Not Found", [("Content-Type", "text/html")], b"<h1>Not found</h1>"),
                                    ["Content-Type: application/http; msgtype=response"]))
                batch.append(record("response", f"https://{host}/robots.txt", date,
                                    http("200 OK", [("Content-Type", "text/plain")], b"User-agent: *\nDisallow:\n"),
                                    ["Content-Type: application/http; msgtype=response"]))
                batch.append(record("response", f"https://{host}/logo.png", date,
                                    http("200 OK", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n" + bytes(200)),
                                    ["Content-Type: application/http; msgtype=response"]))
            for r in batch:
                member = gzip.compress(r, compresslevel=6)
                out.write(member)
                written += len(member)
            pages += 1
    print(f"{args.output}: {written / 1e6:.1f} MB, {pages} pages", file=sys.stderr)


if __name__ == "__main__":
    main()

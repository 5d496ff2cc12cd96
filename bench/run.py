#!/usr/bin/env python3
"""Measure Thresher and its peers on WCXB: quality (word-F1) and speed.

    python3 bench/run.py [--data DIR] [--peers a,b,c] [--limit N] [--out DIR] [--baseline BIN]

Sets up what each system needs (a venv at target/bench-venv for the Python
peers, node_modules in bench/peers, a release build of the dom_smoothie runner
and of thresher-bench), runs every system over the split in one process pinned
to core 0, scores each prediction file with score.py, prints one Markdown table
and writes it to OUT/summary.md with the numbers behind it in OUT/raw.csv.
Predictions, timings and logs go to target/bench/<name of OUT>/.

`--baseline BIN` runs a second thresher-bench (one built from another
commit: `git worktree add`, `cargo build --release -p thresher-bench`) as
`thresher-baseline` beside the others, so that a change's speed is quoted as
a ratio to the peers measured in the same run, before and after.

A system that cannot be set up or that crashes is reported with a warning and
left out of the table; the others still run.
"""
import argparse
import csv
import datetime
import functools
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
PEERS_DIR = REPO / "bench" / "peers"
VENV = REPO / "target" / "bench-venv"
REQUIREMENTS = REPO / "bench" / "requirements-peers.txt"
PEER_TARGET_DIR = REPO / "target" / "peers"
THRESHER_BENCH = REPO / "target" / "release" / "thresher-bench"
DOM_SMOOTHIE_RUNNER = PEER_TARGET_DIR / "release" / "dom-smoothie-peer"

# score.py's page types, in the column order of every report.
PAGE_TYPES = ("article", "documentation", "service", "forum", "listing", "collection", "product")
# Every system pinned to the same single core, so speeds compare one core to one core.
PIN_TO_ONE_CORE = ["taskset", "-c", "0"]


def warn(message):
    print(f"warning: {message}", file=sys.stderr)


def step(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


# --- Setting up each system --------------------------------------------------
# Each returns True when the system is ready to run. They are cached because
# the three Python peers share one venv.


@functools.cache
def prepare_venv():
    python = VENV / "bin" / "python"
    if not python.exists():
        step(f"creating {VENV.relative_to(REPO)}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    # A copy of the requirements inside the venv records what it holds, so an
    # unchanged venv costs no pip call (and no registry access).
    installed = VENV / REQUIREMENTS.name
    if not installed.exists() or installed.read_bytes() != REQUIREMENTS.read_bytes():
        step(f"installing {REQUIREMENTS.relative_to(REPO)}")
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
        shutil.copyfile(REQUIREMENTS, installed)
    return True


@functools.cache
def prepare_node_modules():
    if shutil.which("node") is None or shutil.which("npm") is None:
        warn("node/npm not found: skipping readability")
        return False
    lock = PEERS_DIR / "package-lock.json"
    installed_lock = PEERS_DIR / "node_modules" / ".package-lock.json"
    if not installed_lock.exists() or installed_lock.stat().st_mtime < lock.stat().st_mtime:
        step("npm ci in bench/peers")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEERS_DIR, check=True)
    return True


@functools.cache
def prepare_dom_smoothie():
    step("building the dom_smoothie runner")
    manifest = PEERS_DIR / "dom_smoothie" / "Cargo.toml"
    # Its own target dir: the runner is not part of the workspace.
    env = dict(os.environ, CARGO_TARGET_DIR=str(PEER_TARGET_DIR))
    subprocess.run(["cargo", "build", "--release", "--manifest-path", str(manifest)], env=env, check=True)
    return True


@functools.cache
def prepare_thresher():
    step("building thresher-bench")
    build = subprocess.run(["cargo", "build", "--release", "-p", "thresher-bench"], cwd=REPO)
    if build.returncode != 0 or not THRESHER_BENCH.exists():
        warn("thresher-bench is missing or did not build: measuring the peers only")
        return False
    return True


# --- The systems ---------------------------------------------------------------


@dataclass(frozen=True)
class System:
    """One extractor: how to get it ready and how to run it over a split."""

    key: str
    prepare: Callable[[], bool]
    # (data dir, predictions path, timing path) -> argv of one process over the whole split
    command: Callable[[Path, Path, Path], list]


def python_peer(key):
    def command(data, pred, timing):
        return [str(VENV / "bin" / "python"), str(PEERS_DIR / "run_python_peer.py"), "--peer", key,
                "--data", str(data), "--pred", str(pred), "--timing", str(timing)]

    return System(key, prepare_venv, command)


SYSTEMS = {
    system.key: system
    for system in [
        System("thresher", prepare_thresher, lambda data, pred, timing: [
            str(THRESHER_BENCH), "--data", str(data), "--pred", str(pred), "--timing", str(timing)]),
        python_peer("rs-trafilatura"),
        python_peer("trafilatura"),
        python_peer("resiliparse"),
        System("dom_smoothie", prepare_dom_smoothie, lambda data, pred, timing: [
            str(DOM_SMOOTHIE_RUNNER), "--data", str(data), "--pred", str(pred), "--timing", str(timing)]),
        System("readability", prepare_node_modules, lambda data, pred, timing: [
            "node", str(PEERS_DIR / "readability.mjs"), "--data", str(data), "--pred", str(pred),
            "--timing", str(timing)]),
    ]
}


# The key of the thresher-bench given with --baseline.
BASELINE = "thresher-baseline"


def baseline_system(binary):
    """Another build of thresher-bench, run like the current one."""
    def prepare():
        if not binary.exists():
            warn(f"--baseline {binary} does not exist")
            return False
        return True

    return System(BASELINE, prepare, lambda data, pred, timing: [
        str(binary), "--data", str(data), "--pred", str(pred), "--timing", str(timing)])


# --- Running and scoring ------------------------------------------------------


@dataclass
class Result:
    """What one system's run produced; `timing` and `score` are None when it crashed."""

    key: str
    timing: dict | None
    score: dict | None
    empty: int = 0
    exit_code: int = 0
    # The whole process, start-up and I/O included: their ratio is the share
    # of core 0 the process got, a measure of how busy the machine was.
    process_wall_seconds: float = 0.0
    process_cpu_seconds: float = 0.0

    @property
    def name(self):
        if self.key == BASELINE:
            return "thresher (baseline)"
        return self.timing["system"] if self.timing else self.key

    @property
    def clock(self):
        """Which clock the speeds use: CPU time when the runner reports it."""
        return "cpu" if "cpu_seconds" in self.timing else "wall"

    @property
    def seconds(self):
        # CPU time, because on a shared machine the wall clock also counts the
        # time other processes held the core; wall time only as a fallback.
        return self.timing.get("cpu_seconds", self.timing["seconds"])

    @property
    def pages_per_second(self):
        return self.timing["pages"] / self.seconds

    @property
    def megabytes_per_second(self):
        return self.timing["bytes"] / 1e6 / self.seconds

    @property
    def peak_rss_mib(self):
        return self.timing["peak_rss_kb"] / 1024


def output_paths(key, work_dir):
    """Where a system's predictions, timing, process measures and log go."""
    return (work_dir / f"{key}{suffix}" for suffix in (".jsonl", ".timing.json", ".process.json", ".log"))


def run_system(system, data, work_dir):
    """Runs one system over `data` pinned to core 0; its outputs land in `work_dir`."""
    pred, timing_path, process_path, log = output_paths(system.key, work_dir)
    for stale in (pred, timing_path, process_path):
        stale.unlink(missing_ok=True)
    argv = PIN_TO_ONE_CORE + system.command(data, pred, timing_path)
    step(f"running {system.key} (log: {log.relative_to(REPO)})")
    started = time.monotonic()
    with log.open("w") as log_file:
        child = subprocess.Popen(argv, stdout=log_file, stderr=subprocess.STDOUT)
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would fold in
        # every earlier child (the builds and the other systems).
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    process = {"exit_code": child.returncode, "process_wall_seconds": time.monotonic() - started,
               "process_cpu_seconds": usage.ru_utime + usage.ru_stime,
               "peak_rss_kb": usage.ru_maxrss}  # Linux reports ru_maxrss in KiB
    process_path.write_text(json.dumps(process) + "\n", encoding="utf-8")
    if child.returncode != 0:
        warn(f"{system.key} exited with {child.returncode}: see {log}")


def collect_result(key, data, scorer, work_dir):
    """Reads and scores what one system's run left in `work_dir`."""
    pred, timing_path, process_path, _ = output_paths(key, work_dir)
    if not process_path.exists():
        warn(f"no earlier run of {key} in {work_dir} to reuse")
        return Result(key, None, None, exit_code=-1)
    process = json.loads(process_path.read_text(encoding="utf-8"))
    peak_rss_kb = process.pop("peak_rss_kb")
    if process["exit_code"] != 0 or not timing_path.exists():
        return Result(key, None, None, **process)
    timing = json.loads(timing_path.read_text(encoding="utf-8"))
    timing.setdefault("peak_rss_kb", peak_rss_kb)
    with pred.open(encoding="utf-8") as lines:
        empty = sum(1 for line in lines if line.strip() and not json.loads(line)["text"].strip())
    return Result(key, timing, score(scorer, pred, data), empty, **process)


def score(scorer, pred, data):
    out = subprocess.run([sys.executable, str(scorer), str(pred), "--gt", str(data), "--per-type", "--json"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def limited_copy_of_split(data, limit, work_dir):
    """A split of the first `limit` pages, as symlinks into `data` (no data is copied)."""
    subset = work_dir / "data"
    shutil.rmtree(subset, ignore_errors=True)
    for folder in ("html", "ground-truth"):
        (subset / folder).mkdir(parents=True)
    for html in sorted((data / "html").glob("*.html.gz"))[:limit]:
        page_id = html.name.removesuffix(".html.gz")
        (subset / "html" / html.name).symlink_to(html.resolve())
        (subset / "ground-truth" / f"{page_id}.json").symlink_to((data / "ground-truth" / f"{page_id}.json").resolve())
    return subset


# --- Reporting ------------------------------------------------------------------


def markdown_table(results):
    measured = sorted((r for r in results if r.score), key=lambda r: -r.score["f1"])
    type_pages = measured[0].score["types"] if measured else {}
    type_headers = [f"{t} ({type_pages[t]['pages']})" if t in type_pages else t for t in PAGE_TYPES]
    headers = ["system", "F1", *type_headers, "pages/s", "MB/s", "clock", "peak RSS MiB", "failures", "empty"]
    rows = [headers, ["---"] + ["---:"] * (len(headers) - 1)]
    for r in measured:
        per_type = [f"{r.score['types'][t]['f1']:.3f}" if t in r.score["types"] else "" for t in PAGE_TYPES]
        rows.append([r.name, f"{r.score['f1']:.3f}", *per_type, f"{r.pages_per_second:.1f}",
                     f"{r.megabytes_per_second:.2f}", r.clock, f"{r.peak_rss_mib:.0f}", str(r.timing["failed"]), str(r.empty)])
    for r in results:
        if not r.score:
            rows.append([r.key, "crashed", *[""] * (len(headers) - 2)])
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def speed_ratios(results):
    thresher = next((r for r in results if r.key == "thresher" and r.timing), None)
    if thresher is None:
        return ""
    lines = [f"- {r.name}: {thresher.pages_per_second / r.pages_per_second:.2f}x"
             + ("" if r.clock == thresher.clock else f" (Thresher {thresher.clock} clock, peer {r.clock} clock)")
             for r in results if r.timing and r is not thresher]
    return "Thresher's pages/s divided by each peer's:\n\n" + "\n".join(lines) if lines else ""


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def write_summary(out_dir, data, results, load_at_start, work_dir, reused):
    load_at_end = os.getloadavg()[0]
    pages = next((r.timing["pages"] for r in results if r.timing), 0)
    html_mb = next((r.timing["bytes"] / 1e6 for r in results if r.timing), 0)
    parts = [
        f"# Thresher and peers on {data.name}: {datetime.date.today()}, {socket.gethostname()}",
        f"Data: `{os.path.relpath(data, REPO)}`, {pages} pages, {html_mb:.1f} MB of HTML. "
        f"Machine: {cpu_model()}, {os.cpu_count()} cores; load average {load_at_start:.2f} at start, {load_at_end:.2f} at end.",
        "Each system ran over the whole split in one process pinned to core 0 (`taskset -c 0`). "
        "Seconds count extraction calls only (HTML parsing included; reading, gunzipping and UTF-8 "
        "decoding excluded). The clock column says which seconds the speeds divide by: the process's CPU "
        "time during those calls when the runner reports it (robust to other load on the machine), "
        "otherwise the wall clock. MB/s is uncompressed HTML in 10^6 bytes per extraction second; peak RSS is "
        "the process's ru_maxrss. F1 is score.py's word-F1 averaged over pages, per page type in the "
        "middle columns (page counts in brackets). Failures are pages where the extractor raised an error "
        "(scored as empty); empty counts every page with no text.",
        markdown_table(results),
        speed_ratios(results),
        "Share of core 0 each process got (its CPU time over its wall time, start-up and I/O included; "
        "below 1 means other load or waiting on I/O, which inflates wall-clock speeds): "
        + ", ".join(f"{r.key} {r.process_cpu_seconds / r.process_wall_seconds:.2f}" for r in results) + ".",
        f"Not run again but reused from the previous run into this folder: {', '.join(sorted(reused))}." if reused else "",
        f"Predictions, timings and logs: `{work_dir.relative_to(REPO)}/`. Re-run: `python3 bench/run.py`.",
    ]
    summary = "\n\n".join(part for part in parts if part) + "\n"
    (out_dir / "summary.md").write_text(summary, encoding="utf-8")
    return summary


def write_raw_csv(out_dir, results):
    fields = ["key", "system", "f1", "p", "r", "with", "without", *(f"f1_{t}" for t in PAGE_TYPES), "pages",
              "failed", "empty", "bytes", "seconds", "cpu_seconds", "pages_per_s", "mb_per_s", "peak_rss_kb",
              "exit_code", "process_wall_seconds", "process_cpu_seconds"]
    with (out_dir / "raw.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for r in results:
            row = {"key": r.key, "system": r.name, "exit_code": r.exit_code,
                   "process_wall_seconds": f"{r.process_wall_seconds:.2f}",
                   "process_cpu_seconds": f"{r.process_cpu_seconds:.2f}"}
            if r.score:
                row.update({k: r.score[k] for k in ("f1", "p", "r", "with", "without")})
                row.update({f"f1_{t}": r.score["types"][t]["f1"] for t in PAGE_TYPES if t in r.score["types"]})
                row.update({k: r.timing[k] for k in ("pages", "failed", "bytes", "peak_rss_kb")})
                row.update({"empty": r.empty, "seconds": f"{r.timing['seconds']:.3f}",
                            "cpu_seconds": r.timing.get("cpu_seconds", ""),
                            "pages_per_s": f"{r.pages_per_second:.2f}", "mb_per_s": f"{r.megabytes_per_second:.3f}"})
            writer.writerow(row)


# --- Entry point ----------------------------------------------------------------


def parse_args():
    default_data = REPO.parent / "shared" / "bench" / "wcxb-dev"
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=default_data,
                        help="split with html/NNNN.html.gz and ground-truth/NNNN.json (default: %(default)s)")
    parser.add_argument("--peers", default=",".join(SYSTEMS),
                        help="comma-separated systems to run, from: %(default)s (default: all)")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--out", type=Path,
                        default=REPO / "runs" / f"{datetime.date.today()}-{socket.gethostname()}",
                        help="folder for summary.md and raw.csv (default: runs/<date>-<host>)")
    parser.add_argument("--scorer", type=Path, help="score.py to use (default: score.py beside the data folder)")
    parser.add_argument("--reuse", default="",
                        help="comma-separated systems not to run again: their outputs from the last run into the "
                             "same --out are scored and reported (e.g. readability, which takes a quarter hour)")
    parser.add_argument("--baseline", type=Path,
                        help="another thresher-bench binary to run beside the others, as thresher-baseline")
    args = parser.parse_args()
    if args.baseline:
        SYSTEMS[BASELINE] = baseline_system(args.baseline.resolve())
        args.peers += f",{BASELINE}"
    args.data = args.data.resolve()
    args.scorer = (args.scorer or args.data.parent / "score.py").resolve()
    args.reuse = set(filter(None, args.reuse.split(",")))
    unknown = (set(args.peers.split(",")) | args.reuse) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown system(s) {', '.join(sorted(unknown))}; choose from {', '.join(SYSTEMS)}")
    if not (args.data / "html").is_dir():
        parser.error(f"no html/ folder under {args.data}")
    return args


def main():
    args = parse_args()
    load_at_start = os.getloadavg()[0]
    out_dir = args.out.resolve()
    work_dir = REPO / "target" / "bench" / out_dir.name
    out_dir.mkdir(parents=True, exist_ok=True)
    work_dir.mkdir(parents=True, exist_ok=True)
    data = limited_copy_of_split(args.data, args.limit, work_dir) if args.limit else args.data

    results = []
    for key in args.peers.split(","):
        if key not in args.reuse:
            try:
                ready = SYSTEMS[key].prepare()
            except (subprocess.CalledProcessError, OSError) as error:
                warn(f"could not set up {key}: {error}")
                ready = False
            if not ready:
                continue
            run_system(SYSTEMS[key], data, work_dir)
        results.append(collect_result(key, data, args.scorer, work_dir))

    reused = args.reuse & set(args.peers.split(","))
    summary = write_summary(out_dir, args.data, results, load_at_start, work_dir, reused)
    write_raw_csv(out_dir, results)
    print(summary)
    step(f"wrote {out_dir / 'summary.md'} and raw.csv")


if __name__ == "__main__":
    main()

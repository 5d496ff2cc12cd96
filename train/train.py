#!/usr/bin/env python3
"""Train Thresher's two learned models, cross-validate them through the engine
and export them.

    python3 train/train.py [--data ../shared/bench/wcxb-dev]
                           [--text ../shared/bench/wcxb-dev-text/captured.jsonl.gz]
                           [--snippets ../shared/bench/trafilatura-eval]
                           [--quick] [--only blocks|lines]

The block model judges an HTML page's blocks; text mode's line model judges
the lines of text a crawler already stripped of its tags. For each, from the
repository root or anywhere else:

1. a virtualenv under target/train-venv with the pinned packages of
   train/requirements.txt (one LightGBM for both models), re-running this
   script inside it;
2. the engine's own feature rows (examples/training_rows.rs) into
   target/train/KIND/rows, never into the repository;
3. labels and weights from the ground truth (train/labels.py); the block
   model also trains on the snippet pages (trafilatura-eval), labelled by
   their snippets where a block holds one;
4. 5-fold cross-validation, whole domains per fold (both sets, one domain
   one fold), for LightGBM seeds 7 (shipped), 1 and 2: each page is run
   through the engine (examples/predict.rs --cv) with the model trained
   without its domain, and score.py (snippets.py) scores the output;
5. the model trained on every page (seed 7), exported into the crate,
   checked against LightGBM's own scores, embedded by rebuilding predict,
   and scored in-sample the same way;
6. train/REPORT.md (blocks) and train/text/REPORT.md (lines).

`--quick` cross-validates one seed with half the trees and writes its models
and reports under target/train/ only. Training is deterministic: a rerun
reproduces the shipped trees.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / "target" / "train-venv"
BENCH = REPO.parent / "shared" / "bench"


def resolved(path):
    """A path from the command line, absolute: the steps run from the repository root."""
    return Path(path).resolve()


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=resolved, default=BENCH / "wcxb-dev",
                    help="WCXB-style folder: html/ and ground-truth/ (default: %(default)s)")
    ap.add_argument("--text", type=resolved, default=BENCH / "wcxb-dev-text" / "captured.jsonl.gz",
                    help="the same pages as captured text, {id, text} JSON Lines "
                         "(default: %(default)s)")
    ap.add_argument("--snippets", type=resolved, default=BENCH / "trafilatura-eval",
                    help="pages with snippets that must stay and must go: html/ and cases.json; "
                         "the block model trains on them too (default: %(default)s)")
    ap.add_argument("--quick", action="store_true",
                    help="one seed, half the trees; write nothing into the repository")
    ap.add_argument("--only", choices=("blocks", "lines"), help="train one of the two models")
    return ap.parse_args()


def ensure_venv():
    """Re-runs this script inside target/train-venv, creating it or
    reinstalling its packages when requirements.txt changed."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    py = VENV / "bin" / "python"
    if not py.exists():
        print(f"creating {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    req = REPO / "train" / "requirements.txt"
    stamp = VENV / ".requirements"
    if not stamp.exists() or stamp.read_text() != req.read_text():
        subprocess.run([str(py), "-m", "pip", "install", "-q", "-r", str(req)], check=True)
        stamp.write_text(req.read_text())
    os.execv(str(py), [str(py), str(Path(__file__).resolve())] + sys.argv[1:])


if __name__ == "__main__":
    arguments = parse_args()
    ensure_venv()
    import steps  # needs the venv's packages

    steps.run(arguments)

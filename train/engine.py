"""The engine's side of training, through its examples and the benchmark's
scorer: the rows it computes (`training_rows`), the text it extracts
(`predict`) and score.py's figures for that text. Every F1 the training
reports comes from here; nothing in Python re-implements the engine.
"""
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "target" / "release" / "examples"
SCORE = REPO.parent / "shared" / "bench" / "score.py"
SNIPPETS = REPO.parent / "shared" / "bench" / "snippets.py"
# predict's worker threads: the machine has two cores.
JOBS = 2


def run(cmd):
    print("+", " ".join(map(str, cmd)), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=REPO)


def build_examples():
    """Builds training_rows and predict, which embed the models in the
    crate: after a model is exported, this rebuilds predict with it."""
    run(["cargo", "build", "--release", "-q", "-p", "thresher",
         "--example", "training_rows", "--example", "predict"])


@dataclass
class Rows:
    """A model's training rows as the engine computes them."""

    kind: str
    names: list
    settings: list
    X: np.ndarray
    texts: list
    # page id -> (first row, end row); pages without rows are absent.
    spans: dict


def training_rows(kind, corpus, out):
    """Runs `training_rows KIND CORPUS OUT` and reads what it wrote."""
    run([EXAMPLES / "training_rows", kind, corpus, out])
    meta = json.loads((out / "names.json").read_text())
    assert meta["kind"] == kind, meta["kind"]
    X = np.fromfile(out / "rows.f32", dtype="<f4").reshape(-1, len(meta["names"]))
    texts, spans = [], {}
    with open(out / "rows.jsonl", encoding="utf-8") as f:
        for k, line in enumerate(f):
            row = json.loads(line)
            lo, _ = spans.get(row["page"], (k, k))
            spans[row["page"]] = (lo, k + 1)
            texts.append(row["text"])
    assert len(texts) == X.shape[0], "rows.f32 and rows.jsonl disagree"
    return Rows(kind, meta["names"], meta["settings"], X, texts, spans)


def predict(corpus_flag, corpus, out, models=(), cv=None):
    """Runs the engine over a corpus (`--html DIR` or `--text FILE`) into
    PRED.jsonl: with the embedded models, `models` in their place, or each
    page with its fold's model (`cv`, a FOLDS.json)."""
    cmd = [EXAMPLES / "predict", corpus_flag, corpus, "--out", out, "--jobs", JOBS]
    for m in models:
        cmd += ["--model", m]
    if cv:
        cmd += ["--cv", cv]
    run(cmd)


def score(pred, data):
    """score.py's summary of PRED.jsonl against the ground truth in `data`:
    f1, p, r, and per page type {pages, f1}."""
    out = subprocess.run(["python3", str(SCORE), str(pred), "--gt", str(data), "--json",
                          "--per-type"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def snippet_score(pred, cases):
    """snippets.py's summary of PRED.jsonl against a snippet set's
    cases.json: f1, p, r, tp, fn, fp."""
    out = subprocess.run(["python3", str(SNIPPETS), str(pred), "--cases", str(cases), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def write_predictions(path, texts_by_page):
    """A PRED.jsonl of given texts, for scoring something other than the
    engine's output (the labels' ceiling)."""
    with open(path, "w", encoding="utf-8") as f:
        for page, text in texts_by_page.items():
            f.write(json.dumps({"id": page, "text": text}) + "\n")

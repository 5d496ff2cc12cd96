"""The steps of a training run (see train.py), and the two models' recipes."""
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple
from urllib.parse import urlparse

import lightgbm as lgb
import numpy as np

import engine
import gbdt
import labels
import report

REPO = engine.REPO
WORK = REPO / "target" / "train"
FOLDS = 5
# The shipped models' seed comes first; the others show how far one seed's
# CV F1 is a draw (LightGBM's bagging and feature sampling).
SEEDS = (7, 1, 2)
# --quick trains this share of the trees.
QUICK_TREES = 0.5


@dataclass(frozen=True)
class Recipe:
    """How one model is trained, and where it goes."""

    kind: str  # training_rows' kind, and the model file's
    corpus_flag: str  # how predict reads its corpus
    params: dict
    rounds: int
    label: Callable  # (a page's rows as words, its main_content's words) -> labels
    weigh: Callable  # (a page's rows as words) -> training weights
    model: Path
    report: Path


COMMON_PARAMS = {
    "objective": "binary",
    "seed": SEEDS[0],
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}
RECIPES = {
    "blocks": Recipe(
        kind="blocks",
        corpus_flag="--html",
        params={**COMMON_PARAMS, "learning_rate": 0.12, "num_leaves": 63, "min_data_in_leaf": 40,
                "feature_fraction": 0.5, "bagging_fraction": 0.5, "bagging_freq": 1,
                "lambda_l2": 1.0, "max_bin": 63},
        rounds=120,
        label=labels.block_labels,
        weigh=labels.block_weights,
        model=REPO / "crates" / "thresher" / "src" / "classify" / "model.txt",
        report=REPO / "train" / "REPORT.md",
    ),
    "lines": Recipe(
        kind="lines",
        corpus_flag="--text",
        params={**COMMON_PARAMS, "learning_rate": 0.15, "num_leaves": 24, "max_depth": 6,
                "min_data_in_leaf": 60, "feature_fraction": 0.8, "bagging_fraction": 0.8,
                "bagging_freq": 1, "lambda_l2": 1.0},
        rounds=70,
        label=labels.line_labels,
        weigh=labels.line_weights,
        model=REPO / "crates" / "thresher" / "src" / "classify" / "text" / "model.txt",
        report=REPO / "train" / "text" / "REPORT.md",
    ),
}


@dataclass
class Trained:
    """What a model's training run measured: everything its report says."""

    recipe: Recipe
    corpus: Path
    rounds: int
    seeds: tuple
    rows: int
    weighted_rows: int
    content_rows: int
    names: list
    ceiling: dict
    cv: dict  # seed -> score.py summary
    auc: dict  # seed -> per-row AUC out of fold
    model: Path  # where the final model was exported
    export_gap: float
    importance: list
    in_sample: dict = None


class Truth(NamedTuple):
    """What training reads of a page's ground truth."""

    domain: str  # what a fold keeps whole
    words: list  # main_content's words, as score.py counts them


def domain_of(url):
    """The host of a page's URL, without `www.`."""
    host = urlparse(url or "").netloc.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


def ground_truth(data):
    """Every page's Truth, by page id."""
    truth = {}
    for path in sorted(Path(data, "ground-truth").glob("*.json")):
        gt = json.loads(path.read_text(encoding="utf-8"))
        ref = labels.tokens(gt["ground_truth"].get("main_content") or "")
        truth[path.stem] = Truth(domain_of(gt.get("url")), ref)
    return truth


def folds_by_domain(domains, k):
    """Each page's fold: whole domains, the largest first, each to the fold
    with the fewest pages so far (ties to the lower fold)."""
    size = Counter(domains.values())
    pages, fold_of = [0] * k, {}
    for d, n in sorted(size.items(), key=lambda x: (-x[1], x[0])):
        f = min(range(k), key=lambda i: (pages[i], i))
        fold_of[d] = f
        pages[f] += n
    return {page: fold_of[d] for page, d in domains.items()}


def label_rows(recipe, rows, truth):
    """Every row's label and training weight, page by page."""
    y = np.zeros(rows.X.shape[0], dtype=np.float32)
    w = np.zeros(rows.X.shape[0], dtype=np.float32)
    for page, (lo, hi) in rows.spans.items():
        toks = [labels.tokens(t) for t in rows.texts[lo:hi]]
        y[lo:hi] = recipe.label(toks, truth[page].words)
        w[lo:hi] = recipe.weigh(toks)
    return y, w


def score_ceiling(rows, y, data, out):
    """score.py's F1 of keeping exactly the content-labelled rows: the most
    a model of these labels could reach."""
    texts = {page: "\n".join(t for t, c in zip(rows.texts[lo:hi], y[lo:hi]) if c)
             for page, (lo, hi) in rows.spans.items()}
    engine.write_predictions(out, texts)
    return engine.score(out, data)


def cross_validate(recipe, rows, y, w, page_fold, seed, rounds, corpus, data):
    """Trains a model per fold without that fold's pages, runs each page
    through the engine with the model that did not see it, and returns
    score.py's summary and the per-row AUC out of fold."""
    out = WORK / recipe.kind / f"seed-{seed}"
    out.mkdir(parents=True, exist_ok=True)
    row_fold = np.full(rows.X.shape[0], -1)
    for page, (lo, hi) in rows.spans.items():
        row_fold[lo:hi] = page_fold[page]
    params = {**recipe.params, "seed": seed}
    oof = np.zeros(rows.X.shape[0])
    for f in range(FOLDS):
        t = time.time()
        booster = gbdt.train(rows.X, y, w, row_fold != f, params, rounds)
        gbdt.export(booster, recipe.kind, rows.names, rows.settings,
                    f"fold {f} of seed {seed}: trained without the fold's domains", out / f"fold-{f}.txt")
        held = row_fold == f
        oof[held] = booster.predict(rows.X[held])
        print(f"{recipe.kind}, seed {seed}, fold {f}: {time.time() - t:.0f}s", flush=True)
    folds = out / "folds.json"
    folds.write_text(json.dumps({
        "models": {str(f): f"fold-{f}.txt" for f in range(FOLDS)},
        "pages": {page: str(f) for page, f in page_fold.items()},
    }) + "\n")
    engine.predict(recipe.corpus_flag, corpus, out / "pred.jsonl", cv=folds)
    m = w > 0
    return engine.score(out / "pred.jsonl", data), gbdt.auc(y[m], oof[m])


def train_final(recipe, rows, y, w, rounds, path):
    """The model trained on every page with the shipped seed, exported to
    `path` and checked against LightGBM's own scores."""
    booster = gbdt.train(rows.X, y, w, np.ones(rows.X.shape[0], dtype=bool), recipe.params, rounds)
    report_path = recipe.report.relative_to(REPO)
    gbdt.export(booster, recipe.kind, rows.names, rows.settings,
                f"Trained by python3 train/train.py (LightGBM {lgb.__version__}, {rounds} trees, "
                f"seed {recipe.params['seed']}); see {report_path}.", path)
    return booster, gbdt.check_export(booster, path, rows.X)


def train(recipe, corpus, data, truth, page_fold, quick):
    """Every step of one model up to its export (see train.py)."""
    t0 = time.time()
    rows = engine.training_rows(recipe.kind, corpus, WORK / recipe.kind / "rows")
    y, w = label_rows(recipe, rows, truth)
    ceiling = score_ceiling(rows, y, data, WORK / recipe.kind / "ceiling.jsonl")
    print(f"{recipe.kind}: {len(rows.spans)} pages, {len(y)} rows, {int(y[w > 0].sum())} content; "
          f"keeping exactly those scores F1 {ceiling['f1']:.4f}", flush=True)
    rounds = round(recipe.rounds * QUICK_TREES) if quick else recipe.rounds
    seeds = SEEDS[:1] if quick else SEEDS
    cv, auc = {}, {}
    for seed in seeds:
        cv[seed], auc[seed] = cross_validate(recipe, rows, y, w, page_fold, seed, rounds, corpus, data)
        print(f"{recipe.kind}: CV F1 seed {seed} {cv[seed]['f1']:.4f} (P {cv[seed]['p']:.4f}, "
              f"R {cv[seed]['r']:.4f}), per-row AUC {auc[seed]:.4f}", flush=True)
    model = WORK / recipe.kind / "model.txt" if quick else recipe.model
    booster, gap = train_final(recipe, rows, y, w, rounds, model)
    print(f"{recipe.kind}: exported to {model}, max |score - LightGBM's| {gap:.1e} "
          f"({time.time() - t0:.0f}s for this model)", flush=True)
    return Trained(recipe=recipe, corpus=corpus, rounds=rounds, seeds=seeds, rows=len(y),
                   weighted_rows=int((w > 0).sum()), content_rows=int(y[w > 0].sum()),
                   names=rows.names, ceiling=ceiling, cv=cv, auc=auc, model=model, export_gap=gap,
                   importance=gbdt.importance(booster, rows.names))


def run(args):
    """Trains the models the arguments ask for, then scores each final model
    in-sample and writes its report."""
    t0 = time.time()
    recipes = [RECIPES[args.only]] if args.only else list(RECIPES.values())
    corpora = {"blocks": args.data, "lines": args.text}
    engine.build_examples()
    truth = ground_truth(args.data)
    page_fold = folds_by_domain({page: t.domain for page, t in truth.items()}, FOLDS)
    done = [train(r, corpora[r.kind], args.data, truth, page_fold, args.quick) for r in recipes]
    if not args.quick:
        engine.build_examples()  # predict now embeds the new models
    for t in done:
        pred = WORK / t.recipe.kind / "in-sample.jsonl"
        engine.predict(t.recipe.corpus_flag, t.corpus, pred, models=[t.model] if args.quick else [])
        t.in_sample = engine.score(pred, args.data)
        print(f"{t.recipe.kind}: in-sample F1 {t.in_sample['f1']:.4f}", flush=True)
        path = WORK / t.recipe.kind / "REPORT.md" if args.quick else t.recipe.report
        report.write(path, t, args.data, truth, page_fold, FOLDS)
        print(f"wrote {path}", flush=True)
    print(f"done in {time.time() - t0:.0f}s", flush=True)

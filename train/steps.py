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
# A labelled block of a snippet page weighs this many WCXB blocks: the
# snippet pages are 990 against WCXB's 1,358, but only their snippets'
# blocks are labelled (about 6,100 rows against 376,000). Cross-validated,
# seed 7, the same folds (train/EXPERIMENTS.md, session 6): weight 0 (WCXB
# alone) gave WCXB F1 0.8725 and trafilatura-eval F1 0.9271 (P 0.8960); 2
# gave 0.8706 / 0.9354 (P 0.9037); 5 0.8710 / 0.9374 (P 0.9050); 10 0.8709 /
# 0.9413 (P 0.9141); 20 0.8703 / 0.9414 (P 0.9152).
SNIPPET_WEIGHT = 10.0


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
    snippets: bool = False  # also trains on the snippet pages (trafilatura-eval)


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
        snippets=True,
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
    snippets: "Snippets" = None  # the snippet pages, when the model trained on them
    snippet_cv: dict = None  # seed -> snippets.py summary
    snippet_in_sample: dict = None


@dataclass
class Snippets:
    """The snippet pages' part of training: rows, labels and folds."""

    corpus: Path
    cases: dict  # page id -> case
    rows: "engine.Rows"
    y: np.ndarray
    w: np.ndarray
    page_fold: dict
    labelled: int
    content: int
    weight: float  # what one labelled row weighs (SNIPPET_WEIGHT)


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


def snippet_part(corpus, truth, page_fold):
    """The snippet pages' rows, labelled from their snippets, each page in
    the fold of its domain: WCXB's fold for a domain the two sets share,
    otherwise by folds_by_domain over the rest (a page without a URL is a
    domain of its own)."""
    cases = {c["id"]: c for c in json.loads((corpus / "cases.json").read_text(encoding="utf-8"))}
    rows = engine.training_rows("blocks", corpus, WORK / "blocks" / "rows-snippets")
    y = np.zeros(rows.X.shape[0], dtype=np.float32)
    w = np.zeros(rows.X.shape[0], dtype=np.float32)
    for page, (lo, hi) in rows.spans.items():
        c = cases[page]
        lab, known = labels.snippet_labels(rows.texts[lo:hi], c["with"], c["without"])
        y[lo:hi] = lab
        w[lo:hi] = np.where(known, SNIPPET_WEIGHT, 0.0)
    wcxb_fold = {truth[p].domain: f for p, f in page_fold.items()}
    domain = {p: domain_of(c.get("url")) or f"no-url-{p}" for p, c in cases.items()}
    fold = folds_by_domain({p: d for p, d in domain.items() if d not in wcxb_fold}, FOLDS)
    fold.update({p: wcxb_fold[d] for p, d in domain.items() if d in wcxb_fold})
    m = w > 0
    return Snippets(corpus, cases, rows, y, w, fold, int(m.sum()), int(y[m].sum()), SNIPPET_WEIGHT)


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


def row_folds(spans, page_fold, n):
    folds = np.full(n, -1)
    for page, (lo, hi) in spans.items():
        folds[lo:hi] = page_fold[page]
    return folds


class TrainingSet(NamedTuple):
    """What the trees train on: WCXB's rows, then the snippet pages' when
    they take part, with each row's label, weight and fold."""

    X: np.ndarray
    y: np.ndarray
    w: np.ndarray
    fold: np.ndarray


def training_set(rows, y, w, page_fold, snip):
    """WCXB's rows and, with `snip`, the snippet pages' rows after them:
    stacked once for every fold, seed and the final model."""
    fold = row_folds(rows.spans, page_fold, rows.X.shape[0])
    if not snip:
        return TrainingSet(rows.X, y, w, fold)
    return TrainingSet(np.vstack([rows.X, snip.rows.X]), np.concatenate([y, snip.y]),
                       np.concatenate([w, snip.w]),
                       np.concatenate([fold, row_folds(snip.rows.spans, snip.page_fold,
                                                       snip.rows.X.shape[0])]))


def write_folds(path, page_fold):
    path.write_text(json.dumps({
        "models": {str(f): f"fold-{f}.txt" for f in range(FOLDS)},
        "pages": {page: str(f) for page, f in page_fold.items()},
    }) + "\n")


def cross_validate(recipe, rows, y, w, both, page_fold, seed, rounds, corpus, data, snip=None):
    """Trains a model per fold on the training set `both` without that
    fold's pages (of both sets, when the snippet pages `snip` take part),
    runs each page through the engine with the model that did not see it,
    and returns score.py's summary, the per-row AUC out of fold (WCXB rows
    `rows`, `y`, `w`) and snippets.py's summary (or None)."""
    out = WORK / recipe.kind / f"seed-{seed}"
    out.mkdir(parents=True, exist_ok=True)
    n = rows.X.shape[0]
    params = {**recipe.params, "seed": seed}
    oof = np.zeros(n)
    for f in range(FOLDS):
        t = time.time()
        booster = gbdt.train(both.X, both.y, both.w, both.fold != f, params, rounds)
        gbdt.export(booster, recipe.kind, rows.names, rows.settings,
                    f"fold {f} of seed {seed}: trained without the fold's domains", out / f"fold-{f}.txt")
        held = both.fold[:n] == f
        oof[held] = booster.predict(rows.X[held])
        print(f"{recipe.kind}, seed {seed}, fold {f}: {time.time() - t:.0f}s", flush=True)
    write_folds(out / "folds.json", page_fold)
    engine.predict(recipe.corpus_flag, corpus, out / "pred.jsonl", cv=out / "folds.json")
    snippet_summary = None
    if snip:
        write_folds(out / "folds-snippets.json", snip.page_fold)
        engine.predict("--html", snip.corpus, out / "pred-snippets.jsonl",
                       cv=out / "folds-snippets.json")
        snippet_summary = engine.snippet_score(out / "pred-snippets.jsonl", snip.corpus / "cases.json")
    m = w > 0
    return engine.score(out / "pred.jsonl", data), gbdt.auc(y[m], oof[m]), snippet_summary


def train_final(recipe, rows, both, rounds, path):
    """The model trained on every row of the training set `both` with the
    shipped seed, exported to `path` and checked against LightGBM's own
    scores on WCXB's `rows`."""
    booster = gbdt.train(both.X, both.y, both.w, np.ones(both.X.shape[0], dtype=bool),
                         recipe.params, rounds)
    report_path = recipe.report.relative_to(REPO)
    gbdt.export(booster, recipe.kind, rows.names, rows.settings,
                f"Trained by python3 train/train.py (LightGBM {lgb.__version__}, {rounds} trees, "
                f"seed {recipe.params['seed']}); see {report_path}.", path)
    return booster, gbdt.check_export(booster, path, rows.X)


def train(recipe, corpus, data, truth, page_fold, quick, snippets=None):
    """Every step of one model up to its export (see train.py)."""
    t0 = time.time()
    rows = engine.training_rows(recipe.kind, corpus, WORK / recipe.kind / "rows")
    y, w = label_rows(recipe, rows, truth)
    snip = snippet_part(snippets, truth, page_fold) if recipe.snippets and snippets else None
    if snip:
        print(f"{recipe.kind}: {len(snip.rows.spans)} snippet pages, {snip.labelled} rows "
              f"labelled by their snippets, {snip.content} content", flush=True)
    ceiling = score_ceiling(rows, y, data, WORK / recipe.kind / "ceiling.jsonl")
    print(f"{recipe.kind}: {len(rows.spans)} pages, {len(y)} rows, {int(y[w > 0].sum())} content; "
          f"keeping exactly those scores F1 {ceiling['f1']:.4f}", flush=True)
    rounds = round(recipe.rounds * QUICK_TREES) if quick else recipe.rounds
    seeds = SEEDS[:1] if quick else SEEDS
    both = training_set(rows, y, w, page_fold, snip)
    cv, auc, snippet_cv = {}, {}, {}
    for seed in seeds:
        cv[seed], auc[seed], snippet_cv[seed] = cross_validate(
            recipe, rows, y, w, both, page_fold, seed, rounds, corpus, data, snip)
        print(f"{recipe.kind}: CV F1 seed {seed} {cv[seed]['f1']:.4f} (P {cv[seed]['p']:.4f}, "
              f"R {cv[seed]['r']:.4f}), per-row AUC {auc[seed]:.4f}", flush=True)
        if snip:
            sc = snippet_cv[seed]
            print(f"{recipe.kind}: snippet CV F1 seed {seed} {sc['f1']:.4f} (P {sc['precision']:.4f}, "
                  f"R {sc['recall']:.4f})", flush=True)
    model = WORK / recipe.kind / "model.txt" if quick else recipe.model
    booster, gap = train_final(recipe, rows, both, rounds, model)
    print(f"{recipe.kind}: exported to {model}, max |score - LightGBM's| {gap:.1e} "
          f"({time.time() - t0:.0f}s for this model)", flush=True)
    return Trained(recipe=recipe, corpus=corpus, rounds=rounds, seeds=seeds, rows=len(y),
                   weighted_rows=int((w > 0).sum()), content_rows=int(y[w > 0].sum()),
                   names=rows.names, ceiling=ceiling, cv=cv, auc=auc, model=model, export_gap=gap,
                   importance=gbdt.importance(booster, rows.names), snippets=snip,
                   snippet_cv=snippet_cv if snip else None)


def run(args):
    """Trains the models the arguments ask for, then scores each final model
    in-sample and writes its report."""
    t0 = time.time()
    recipes = [RECIPES[args.only]] if args.only else list(RECIPES.values())
    corpora = {"blocks": args.data, "lines": args.text}
    engine.build_examples()
    truth = ground_truth(args.data)
    page_fold = folds_by_domain({page: t.domain for page, t in truth.items()}, FOLDS)
    done = [train(r, corpora[r.kind], args.data, truth, page_fold, args.quick, args.snippets)
            for r in recipes]
    if not args.quick:
        engine.build_examples()  # predict now embeds the new models
    for t in done:
        pred = WORK / t.recipe.kind / "in-sample.jsonl"
        engine.predict(t.recipe.corpus_flag, t.corpus, pred, models=[t.model] if args.quick else [])
        t.in_sample = engine.score(pred, args.data)
        print(f"{t.recipe.kind}: in-sample F1 {t.in_sample['f1']:.4f}", flush=True)
        if t.snippets:
            pred = WORK / t.recipe.kind / "in-sample-snippets.jsonl"
            engine.predict("--html", t.snippets.corpus, pred,
                           models=[t.model] if args.quick else [])
            t.snippet_in_sample = engine.snippet_score(pred, t.snippets.corpus / "cases.json")
            print(f"{t.recipe.kind}: snippet in-sample F1 {t.snippet_in_sample['f1']:.4f}", flush=True)
        path = WORK / t.recipe.kind / "REPORT.md" if args.quick else t.recipe.report
        report.write(path, t, args.data, truth, page_fold, FOLDS)
        print(f"wrote {path}", flush=True)
    print(f"done in {time.time() - t0:.0f}s", flush=True)

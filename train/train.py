#!/usr/bin/env python3
"""Train Thresher's learned block classifier, cross-validate it and export it.

    python3 train/train.py [--data ../shared/bench/wcxb-dev]

One command does everything, from the repository root or anywhere else:

1. makes (or reuses) a virtualenv under target/train-venv with the pinned
   packages of train/requirements.txt, and re-runs itself inside it;
2. runs the Rust dumper (crates/thresher/examples/dump_features.rs), which
   computes every block's feature row exactly as the engine does at run
   time, into target/features/ (never into the repository);
3. labels each block against the ground truth: a block of three or more
   words is content when at least half of its word 3-grams occur in the
   page's `main_content`; a one- or two-word block is content when it occurs
   there as a phrase and a neighbouring block is content;
4. trains LightGBM with 5-fold cross-validation, folds grouped by the
   ground truth URL's domain, and reports per-block AUC and page word-F1
   computed as ../shared/bench/score.py does (the kept blocks' text of each
   page against its main_content), overall and per page type;
5. trains on every page and exports the trees to
   crates/thresher/src/classify/model.txt, checks the export against
   LightGBM's own predictions, and writes train/REPORT.md.

Training is deterministic (fixed seeds, deterministic LightGBM); `--quick`
trains smaller models for experiments and writes nothing into the repo.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / "target" / "train-venv"
FEATURES_DIR = REPO / "target" / "features"
MODEL_OUT = REPO / "crates" / "thresher" / "src" / "classify" / "model.txt"
REPORT_OUT = REPO / "train" / "REPORT.md"

PARAMS = {
    "objective": "binary",
    "learning_rate": 0.12,
    "num_leaves": 63,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.5,
    "bagging_fraction": 0.5,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "num_threads": 2,
    "seed": 7,
    "deterministic": True,
    "force_row_wise": True,
    "verbose": -1,
}
ROUNDS = 120
WEIGHTING = "none"
FOLDS = 5
# Seeds cross-validated besides PARAMS["seed"]: one seed's CV F1 is a draw,
# three show how wide the draws are.
CV_SEEDS = (1, 2)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6)
# The engine keeps blocks at a threshold of its own on each page, the one
# that maximises the page's expected word-F1, held between these two
# (Tuning::min_content_probability and max_content_probability).
MIN_PROBABILITY = 0.15
MAX_PROBABILITY = 0.4
# A kept block of this many words that repeats a kept block's text is
# dropped (Tuning::min_duplicate_words).
MIN_DUPLICATE_WORDS = 3


def ensure_venv():
    """Re-run this script inside target/train-venv, creating it if needed."""
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


# --- score.py's metric, reimplemented identically -------------------------
WORD = re.compile(r"\w+")


def tokens(text):
    return WORD.findall((text or "").lower())


def page_type(gt):
    pt = (gt.get("_internal") or {}).get("page_type", "article")
    if isinstance(pt, dict):
        pt = pt.get("primary", "article")
    return "collection" if pt == "category" else (pt or "article")


def prf_counts(overlap, np_, nr):
    if nr == 0:
        return (1.0, 1.0, 1.0) if np_ == 0 else (0.0, 0.0, 0.0)
    if np_ == 0:
        return (0.0, 0.0, 0.0)
    prec, rec = overlap / np_, overlap / nr
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


# --- data -------------------------------------------------------------------
def dump(data):
    cmd = ["cargo", "run", "--release", "-q", "-p", "thresher", "--example", "dump_features",
           "--", "--data", str(data), "--out", str(FEATURES_DIR)]
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, cwd=REPO)


def domain_of(url):
    host = urlparse(url or "").netloc.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


class Page:
    __slots__ = ("id", "type", "domain", "lo", "hi", "gt_counts", "nr", "ids", "ntok")


def load(data):
    import numpy as np

    names = json.loads((FEATURES_DIR / "names.json").read_text())["names"]
    X = np.fromfile(FEATURES_DIR / "rows.f32", dtype="<f4").reshape(-1, len(names))
    blocks = [json.loads(l) for l in open(FEATURES_DIR / "blocks.jsonl", encoding="utf-8")]
    assert len(blocks) == X.shape[0], "rows and blocks disagree"

    by_page = defaultdict(list)
    for k, b in enumerate(blocks):
        by_page[b["page"]].append(k)

    y = np.zeros(len(blocks), dtype=np.int8)
    w = np.zeros(len(blocks), dtype=np.float32)  # 0 = no words: not trained on
    pages = []
    for path in sorted(Path(data, "ground-truth").glob("*.json")):
        gt = json.loads(path.read_text(encoding="utf-8"))
        ref = tokens(gt["ground_truth"].get("main_content") or "")
        p = Page()
        p.id, p.type, p.domain = path.stem, page_type(gt), domain_of(gt.get("url"))
        ks = by_page.get(path.stem, [])
        p.lo, p.hi = (ks[0], ks[-1] + 1) if ks else (0, 0)
        vocab = {}
        for t in ref:
            vocab.setdefault(t, len(vocab))
        p.gt_counts = np.bincount([vocab[t] for t in ref], minlength=len(vocab)).astype(np.int64)
        p.nr = len(ref)
        toks = [tokens(blocks[k]["text"]) for k in ks]
        p.ids = [np.array([vocab.get(t, -1) for t in bt], dtype=np.int64) for bt in toks]
        p.ntok = np.array([len(bt) for bt in toks], dtype=np.int64)
        label_page(y, w, ks, toks, ref)
        pages.append(p)
    return names, X, blocks, y, w, pages


def label_page(y, w, ks, toks, ref):
    """Content labels of one page's blocks (see the module doc)."""
    grams = set(zip(ref, ref[1:], ref[2:]))
    joined = " " + " ".join(ref) + " "
    pos = [False] * len(ks)
    short = []
    for j, bt in enumerate(toks):
        if len(bt) >= 3:
            g = list(zip(bt, bt[1:], bt[2:]))
            pos[j] = sum(x in grams for x in g) >= 0.5 * len(g)
        elif bt:
            short.append(j)
    for _ in range(3):  # let runs of short blocks next to content join it
        changed = False
        for j in short:
            if pos[j]:
                continue
            near = (j > 0 and pos[j - 1]) or (j + 1 < len(pos) and pos[j + 1])
            if near and (" " + " ".join(toks[j]) + " ") in joined:
                pos[j] = changed = True
        if not changed:
            break
    for j, k in enumerate(ks):
        y[k] = pos[j]
        w[k] = 1.0 if toks[j] else 0.0


def page_scores(pages, keep):
    """score.py's per-page (P, R, F1) when the blocks in `keep` are kept."""
    import numpy as np

    out = []
    for p in pages:
        sel = [p.ids[j] for j in range(p.hi - p.lo) if keep[p.lo + j]]
        np_ = int(sum(len(s) for s in sel))
        if sel and np_:
            ids = np.concatenate(sel)
            ids = ids[ids >= 0]
            pred = np.bincount(ids, minlength=len(p.gt_counts))
            overlap = int(np.minimum(pred, p.gt_counts).sum())
        else:
            overlap = 0
        out.append(prf_counts(overlap, np_, p.nr))
    return out


def keep_threshold(p, words, floor, cap):
    """The engine's per-page threshold (classify::learned::keep_threshold):
    keeping the k likeliest blocks has an expected word-F1 of about
    2 S / (N + E) (S their expected content words, N their words, E the
    page's expected content words); the best k sets it."""
    import numpy as np

    m = words > 0
    p, n = p[m].astype(np.float64), words[m].astype(np.float64)
    if not len(p):
        return max(min(1.0, cap), floor)
    order = np.argsort(-p, kind="stable")
    f1 = 2 * np.cumsum(p[order] * n[order]) / (np.cumsum(n[order]) + (p * n).sum())
    return max(min(float(p[order[int(np.argmax(f1))]]), cap), floor)


def engine_keep(pages, prob, words, overrule, text_keys):
    """The blocks the engine keeps given the model's probabilities: over the
    page's threshold, not overruled, and not a repeat of a kept block's text
    (select::select)."""
    import numpy as np

    keep = np.zeros(len(prob), dtype=bool)
    for p in pages:
        if p.hi == p.lo:
            continue
        t = keep_threshold(prob[p.lo:p.hi], words[p.lo:p.hi], MIN_PROBABILITY, MAX_PROBABILITY)
        keep[p.lo:p.hi] = (prob[p.lo:p.hi] >= t) & ~overrule[p.lo:p.hi]
        seen = set()
        for k in range(p.lo, p.hi):
            if keep[k] and words[k] >= MIN_DUPLICATE_WORDS:
                keep[k] = text_keys[k] not in seen
                seen.add(text_keys[k])
    return keep


def text_key(text):
    """The text as select::text_key compares it: case and spacing aside."""
    return " ".join(text.split()).lower()


def summarise(pages, scores):
    import numpy as np

    s = np.array(scores)
    res = {"all": tuple(s.mean(axis=0))}
    types = defaultdict(list)
    for p, sc in zip(pages, scores):
        types[p.type].append(sc[2])
    res["types"] = {t: (len(v), float(np.mean(v))) for t, v in sorted(types.items())}
    return res


def auc(y, p):
    import numpy as np
    from scipy.stats import rankdata

    r = rankdata(p)
    npos = int(y.sum())
    nneg = len(y) - npos
    return float((r[y == 1].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def folds_by_domain(pages, k):
    """Assigns whole domains to k folds, largest first, to the emptiest fold."""
    size = Counter(p.domain for p in pages)
    load_, fold_of = [0] * k, {}
    for d, n in sorted(size.items(), key=lambda x: (-x[1], x[0])):
        f = min(range(k), key=lambda i: (load_[i], i))
        fold_of[d] = f
        load_[f] += n
    return [fold_of[p.domain] for p in pages]


def sample_weights(w, pages, scheme):
    """Per-block training weights. `none`: every block with words counts 1.
    `words`: sqrt(words), scaled per page so that each page weighs about the
    same (the metric averages pages, and pages differ tenfold in blocks)."""
    import numpy as np

    if scheme == "none":
        return w
    out = np.zeros_like(w)
    sums = []
    for p in pages:
        s = np.sqrt(p.ntok.astype(np.float64))
        out[p.lo:p.hi] = s
        sums.append(s.sum())
    mean = float(np.mean([x for x in sums if x > 0]))
    for p, total in zip(pages, sums):
        if total > 0:
            out[p.lo:p.hi] *= float(np.clip(mean / total, 0.2, 5.0))
    return out


def cross_validate(X, y, w, block_fold, rounds, params, page_fold):
    """Out-of-fold probabilities: each fold predicted by a model trained on the others."""
    import numpy as np

    oof = np.zeros(X.shape[0], dtype=np.float64)
    for f in range(FOLDS):
        t = time.time()
        booster = train(X, y, w, block_fold != f, rounds, params)
        held = block_fold == f
        oof[held] = booster.predict(X[held])
        print(f"fold {f} (seed {params['seed']}): {page_fold.count(f)} pages, "
              f"{time.time() - t:.0f}s", flush=True)
    return oof


def train(X, y, w, rows, rounds, params):
    import lightgbm as lgb

    m = rows & (w > 0)
    ds = lgb.Dataset(X[m], label=y[m], weight=w[m], free_raw_data=True)
    return lgb.train(params, ds, num_boost_round=rounds)


# --- export ----------------------------------------------------------------
def f32_down(t):
    """The largest float32 <= t, so that `x <= it` in f32 equals `x <= t`."""
    import numpy as np

    r = np.float32(t)
    if not np.isfinite(r):
        r = np.float32(np.finfo(np.float32).max if t > 0 else -np.finfo(np.float32).max)
    if float(r) > t:
        r = np.nextafter(r, np.float32(-np.inf), dtype=np.float32)
    return r


def export(booster, names, path):
    dumped = booster.dump_model()
    assert dumped["num_class"] == 1 and dumped["objective"].startswith("binary")
    trees = []
    for info in dumped["tree_info"]:
        splits, leaves = [], []

        def visit(node):
            if "leaf_value" in node or "split_feature" not in node:
                leaves.append(node.get("leaf_value", 0.0))
                return -len(leaves)  # -1 - leaf index
            assert node["decision_type"] == "<=", node["decision_type"]
            assert node["missing_type"] in ("None", "NaN"), node["missing_type"]
            i = len(splits)
            splits.append(None)
            left = visit(node["left_child"])
            right = visit(node["right_child"])
            splits[i] = (node["split_feature"], f32_down(node["threshold"]), left, right)
            return i

        visit(info["tree_structure"])
        trees.append((splits, leaves))
    lines = ["thresher-gbdt 1",
             "# Trained by train/train.py (LightGBM); see train/REPORT.md.",
             f"features {len(names)}"]
    lines += [f"feature {n}" for n in names]
    lines.append(f"trees {len(trees)}")
    for splits, leaves in trees:
        lines.append(f"tree {len(splits)}")
        lines += [f"{f} {float(t):.9g} {l} {r}" for f, t, l, r in splits]
        lines.append("leaves " + " ".join(f"{float(v):.9g}" for v in leaves))
    path.write_text("\n".join(lines) + "\n")
    return trees


def eval_exported(trees, X):
    """Evaluates exported trees the way model.rs does (f32 comparisons)."""
    import numpy as np

    total = np.zeros(X.shape[0], dtype=np.float64)
    for splits, leaves in trees:
        leaves32 = np.array(leaves, dtype=np.float32).astype(np.float64)
        if not splits:
            total += leaves32[0]
            continue
        feat = np.array([s[0] for s in splits])
        thr = np.array([s[1] for s in splits], dtype=np.float32)
        left = np.array([s[2] for s in splits])
        right = np.array([s[3] for s in splits])
        node = np.zeros(X.shape[0], dtype=np.int64)
        active = np.ones(X.shape[0], dtype=bool)
        while active.any():
            idx = np.nonzero(active)[0]
            n = node[idx]
            go_left = X[idx, feat[n]] <= thr[n]
            child = np.where(go_left, left[n], right[n])
            node[idx] = child
            active[idx] = child >= 0
        total += leaves32[-1 - node]
    return total


# --- report -----------------------------------------------------------------
def importance_groups(booster, names):
    gain = booster.feature_importance("gain")
    total = gain.sum() or 1.0
    per = sorted(zip(names, gain / total), key=lambda x: -x[1])
    groups = defaultdict(float)
    for n, g in zip(names, gain / total):
        groups[n.split(":")[0] if ":" in n else n] += g
    return per, sorted(groups.items(), key=lambda x: -x[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "bench" / "wcxb-dev"))
    ap.add_argument("--skip-dump", action="store_true", help="reuse target/features")
    ap.add_argument("--quick", action="store_true",
                    help="smaller models, report only; write nothing into the repo")
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    ap.add_argument("--cv-seeds", type=int, nargs="*", default=list(CV_SEEDS),
                    help="more LightGBM seeds to cross-validate with, for the spread")
    ap.add_argument("--weighting", choices=("none", "words"), default=WEIGHTING,
                    help="training weights of blocks (see sample_weights)")
    args = ap.parse_args()
    ensure_venv()
    import numpy as np

    t0 = time.time()
    if not args.skip_dump:
        dump(args.data)
    names, X, blocks, y, w, pages = load(args.data)
    print(f"{len(pages)} pages, {X.shape[0]} blocks, {X.shape[1]} features, "
          f"{int(y[w > 0].sum())} content of {int((w > 0).sum())} labelled ({time.time() - t0:.0f}s)",
          flush=True)

    rounds = 100 if args.quick else args.rounds
    tw = sample_weights(w, pages, args.weighting)
    params = dict(PARAMS)
    ceiling = summarise(pages, page_scores(pages, y.astype(bool)))
    print(f"ceiling (keep exactly the content labels): F1 {ceiling['all'][2]:.4f}", flush=True)

    overrule = np.array([b["overrule"] is not None for b in blocks])
    words = X[:, names.index("words")]
    keys = [text_key(b["text"]) for b in blocks]

    def engine_scores(prob):
        return summarise(pages, page_scores(pages, engine_keep(pages, prob, words, overrule, keys)))

    if not args.quick:
        t = time.time()
        final = train(X, y, tw, np.ones(X.shape[0], dtype=bool), rounds, params)
        trees = export(final, names, MODEL_OUT)
        sample = np.arange(0, X.shape[0], 17)
        ours = eval_exported(trees, X[sample])
        theirs = final.predict(X[sample], raw_score=True)
        diff = float(np.abs(ours - theirs).max())
        assert diff < 1e-3, f"exported trees disagree with LightGBM by {diff}"
        insample = engine_scores(final.predict(X))
        print(f"exported {len(trees)} trees to {MODEL_OUT} ({MODEL_OUT.stat().st_size / 1e6:.2f} MB), "
              f"max |raw score - LightGBM| {diff:.2e}; in-sample F1 {insample['all'][2]:.4f} "
              f"({time.time() - t:.0f}s)", flush=True)

    page_fold = folds_by_domain(pages, FOLDS)
    block_fold = np.full(X.shape[0], -1, dtype=np.int64)
    for p, f in zip(pages, page_fold):
        block_fold[p.lo:p.hi] = f
    oof = cross_validate(X, y, tw, block_fold, rounds, params, page_fold)

    m = w > 0
    cv_auc = auc(y[m], oof[m])
    cv = {}
    for th in THRESHOLDS:
        keep = oof >= th
        cv[("model", th)] = summarise(pages, page_scores(pages, keep))
        cv[("model+overrule", th)] = summarise(pages, page_scores(pages, keep & ~overrule))
    cv_engine = engine_scores(oof)
    rules_keep = np.array([b["rule_label"] == "content" for b in blocks])
    cv_rules = summarise(pages, page_scores(pages, rules_keep))
    print(f"CV AUC {cv_auc:.4f}")
    for (variant, th), r in cv.items():
        print(f"CV {variant:<15} th {th}: F1 {r['all'][2]:.4f} P {r['all'][0]:.4f} R {r['all'][1]:.4f}  "
              + " ".join(f"{t} {v[1]:.3f}" for t, v in r["types"].items()), flush=True)
    r = cv_engine
    print(f"CV engine (per-page threshold {MIN_PROBABILITY}-{MAX_PROBABILITY}, overrule, repeats dropped): "
          f"F1 {r['all'][2]:.4f} P {r['all'][0]:.4f} R {r['all'][1]:.4f}  "
          + " ".join(f"{t} {v[1]:.3f}" for t, v in r["types"].items()), flush=True)
    print(f"rules alone: F1 {cv_rules['all'][2]:.4f}")

    # One seed's CV F1 moves by +-0.0025 with LightGBM's bagging and feature
    # sampling alone; the spread over seeds says how much a change must gain
    # before it means anything.
    seed_f1 = {params["seed"]: cv_engine["all"][2]}
    for seed in [] if args.quick else args.cv_seeds:
        o = cross_validate(X, y, tw, block_fold, rounds, dict(params, seed=seed), page_fold)
        seed_f1[seed] = engine_scores(o)["all"][2]
        print(f"CV engine, seed {seed}: F1 {seed_f1[seed]:.4f}", flush=True)
    f1s = np.array(list(seed_f1.values()))
    print(f"CV engine over seeds {', '.join(map(str, seed_f1))}: mean F1 {f1s.mean():.4f}, "
          f"min {f1s.min():.4f}, max {f1s.max():.4f}", flush=True)

    if args.quick:
        return

    per, groups = importance_groups(final, names)
    write_report(args, pages, X, y, w, ceiling, cv_auc, cv, cv_engine, cv_rules, insample, per,
                 groups, page_fold, rounds, params, seed_f1)
    print(f"wrote {REPORT_OUT} ({time.time() - t0:.0f}s in all)")


def write_report(args, pages, X, y, w, ceiling, cv_auc, cv, cv_engine, cv_rules, insample, per,
                 groups, page_fold, rounds, params, seed_f1):
    types = list(ceiling["types"].keys())
    head = "| | F1 | P | R | " + " | ".join(types) + " |"
    sep = "|---" * (4 + len(types)) + "|"

    def row(name, r):
        a = r["all"]
        return (f"| {name} | {a[2]:.4f} | {a[0]:.4f} | {a[1]:.4f} | "
                + " | ".join(f"{r['types'][t][1]:.3f}" for t in types) + " |")

    domains = len({p.domain for p in pages})
    lines = [
        "# Learned block classifier: training report",
        "",
        "Written by `python3 train/train.py`; do not edit by hand.",
        "",
        f"- Data: `{Path(args.data).name}`, {len(pages)} pages from {domains} domains, "
        f"{X.shape[0]} blocks ({int((w > 0).sum())} with words), {X.shape[1]} features.",
        f"- Labels: {int(y[w > 0].sum())} content blocks. A block of 3+ words is content when "
        "at least half of its word 3-grams occur in the page's `main_content`; a 1-2 word block "
        "when it occurs there as a phrase next to a content block.",
        f"- Model: LightGBM, {rounds} trees, {params['num_leaves']} leaves, learning rate "
        f"{params['learning_rate']}, block weights `{args.weighting}`; exported to "
        "`crates/thresher/src/classify/model.txt`.",
        f"- Cross-validation: {FOLDS} folds, whole domains per fold "
        f"(pages per fold: {', '.join(str(page_fold.count(f)) for f in range(FOLDS))}).",
        "- Page F1 is score.py's word-F1 over the kept blocks' text of each page, averaged over "
        "pages; per type, the same mean over that type's pages.",
        "",
        f"**Per-block AUC (CV): {cv_auc:.4f}**",
        "",
        "## Page word-F1",
        "",
        head, sep,
        row("ceiling: keep exactly the content labels", ceiling),
        row("heuristic rules alone (no model)", cv_rules),
    ]
    for (variant, th), r in cv.items():
        label = "CV model" if variant == "model" else "CV model, strong rules overrule"
        lines.append(row(f"{label}, p >= {th}", r))
    engine = (f"per-page expected-F1 threshold within {MIN_PROBABILITY}-{MAX_PROBABILITY}, "
              "strong rules overrule, repeated text dropped")
    lines.append(row(f"**CV model, {engine} (what the engine does)**", cv_engine))
    lines.append(row(f"in-sample (trained on all pages), {engine}", insample))
    f1s = list(seed_f1.values())
    lines += [
        "",
        f"The engine row's CV F1 with other LightGBM seeds (bagging and feature sampling): "
        + ", ".join(f"seed {k} {v:.4f}" for k, v in seed_f1.items())
        + f"; mean **{sum(f1s) / len(f1s):.4f}**. A change that gains less than that spread "
        "has not been shown to gain.",
    ]
    lines += [
        "",
        "In-sample numbers are optimistic; the cross-validated rows are the honest estimate "
        "for unseen sites. The fixed-threshold rows show what a single threshold for every "
        "page would give; the engine picks one a page (`classify::learned::keep_threshold`).",
        "",
        "## What carries it (share of total gain, model trained on all pages)",
        "",
        "| feature group | gain |", "|---|---|",
    ]
    lines += [f"| {g} | {v:.3f} |" for g, v in groups[:25]]
    lines += ["", "Top single features:", "", "| feature | gain |", "|---|---|"]
    lines += [f"| {n} | {v:.3f} |" for n, v in per[:20]]
    REPORT_OUT.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

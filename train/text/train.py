#!/usr/bin/env python3
"""Train text mode's line model: gradient-boosted trees over the feature rows
the engine itself computes (examples/text_features.rs), labelled from the
benchmark's ground truth, cross-validated with folds grouped by domain.

Run through train/text/run.sh, which builds the venv and the examples first.

    train.py ROWS_DIR GT_DIR OUT_DIR

ROWS_DIR  features.f32, names.txt, pages.jsonl from text_features
GT_DIR    a WCXB-style folder with ground-truth/NNNN.json
OUT_DIR   gets model.txt (trained on every page), fold-K.txt (trained without
          fold K), folds.json (page id -> fold), cv.json (the model-only
          cross-validated scores, per threshold)

Labels: a line is content when most of its word 3-grams occur in the page's
ground truth; a line of one or two words, when it occurs there as a phrase
and a line of three or more words within two lines of it is content (a
heading or a list item of the article, not a menu word that happens to
occur in it).
"""
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

import lightgbm as lgb
import numpy as np

WORD = re.compile(r"\w+")
FOLDS = 5
SEED = 7
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.15,
    "num_leaves": 24,
    "max_depth": 6,
    "min_data_in_leaf": 60,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "seed": SEED,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 2,
    "verbose": -1,
}
ROUNDS = 70
THRESHOLDS = [round(0.30 + 0.05 * i, 2) for i in range(9)]
NEAR = 2


def tokens(text):
    return WORD.findall((text or "").lower())


def label_page(lines, gt_text):
    gt = tokens(gt_text)
    grams = {tuple(gt[i:i + 3]) for i in range(len(gt) - 2)}
    joined = " " + " ".join(gt) + " "
    toks = [tokens(l) for l in lines]
    long_label = []
    for t in toks:
        if len(t) >= 3:
            g = [tuple(t[i:i + 3]) for i in range(len(t) - 2)]
            long_label.append(sum(x in grams for x in g) * 2 > len(g))
        else:
            long_label.append(None)
    labels = []
    for i, t in enumerate(toks):
        if long_label[i] is not None:
            labels.append(long_label[i])
        elif not t:
            labels.append(False)
        else:
            phrase = (" " + " ".join(t) + " ") in joined
            lo, hi = max(0, i - NEAR), min(len(toks), i + NEAR + 1)
            near = any(long_label[j] for j in range(lo, hi) if long_label[j] is not None)
            labels.append(phrase and near)
    return labels


def prf(pred, ref):
    p, r = Counter(tokens(pred)), Counter(tokens(ref))
    np_, nr = sum(p.values()), sum(r.values())
    if nr == 0:
        return 1.0 if np_ == 0 else 0.0
    if np_ == 0:
        return 0.0
    overlap = sum((p & r).values())
    prec, rec = overlap / np_, overlap / nr
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def page_type(gt):
    pt = (gt.get("_internal") or {}).get("page_type", "article")
    if isinstance(pt, dict):
        pt = pt.get("primary", "article")
    return "collection" if pt == "category" else (pt or "article")


def domain(url):
    host = urlparse(url or "").netloc.lower()
    return host[4:] if host.startswith("www.") else host


def group_folds(groups, k):
    """GroupKFold: the largest groups first, each to the fold with fewest rows."""
    sizes = Counter(groups)
    load = [0] * k
    fold_of = {}
    for g, n in sorted(sizes.items(), key=lambda x: (-x[1], x[0])):
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[g] = f
        load[f] += n
    return fold_of


def f32_down(x):
    """The largest f32 not above x, so that `row[f] <= t` in f32 takes
    LightGBM's f64 branch."""
    v = np.float32(x)
    if float(v) > x:
        v = np.nextafter(v, np.float32(-np.inf))
    return repr(float(v))


def export(booster, names, path):
    """Writes a booster in the thresher-gbdt 1 format (see model.rs)."""
    dump = booster.dump_model()
    out = ["thresher-gbdt 1", f"# LightGBM {lgb.__version__}, {booster.num_trees()} trees",
           f"features {len(names)}"]
    out += [f"feature {n}" for n in names]
    trees = dump["tree_info"]
    out.append(f"trees {len(trees)}")
    for t in trees:
        splits, leaves = [], []

        def walk(node):
            if "leaf_value" in node:
                leaves.append(node["leaf_value"])
                return -len(leaves)
            if node.get("decision_type") != "<=":
                raise SystemExit(f"unsupported decision type {node.get('decision_type')}")
            i = len(splits)
            splits.append(None)
            left = walk(node["left_child"])
            right = walk(node["right_child"])
            splits[i] = (node["split_feature"], f32_down(node["threshold"]), left, right)
            return i

        walk(t["tree_structure"])
        out.append(f"tree {len(splits)}")
        out += [f"{f} {th} {l} {r}" for f, th, l, r in splits]
        out.append("leaves " + " ".join(repr(float(np.float32(v))) for v in leaves))
    Path(path).write_text("\n".join(out) + "\n")


def main():
    rows_dir, gt_dir, out_dir = map(Path, sys.argv[1:4])
    out_dir.mkdir(parents=True, exist_ok=True)
    names = rows_dir.joinpath("names.txt").read_text().split()
    X = np.fromfile(rows_dir / "features.f32", dtype="<f4").reshape(-1, len(names))
    pages = [json.loads(l) for l in open(rows_dir / "pages.jsonl", encoding="utf-8")]

    y, weight, page_of_row = [], [], []
    meta = []
    for pi, p in enumerate(pages):
        gt = json.loads((gt_dir / "ground-truth" / f"{p['id']}.json").read_text(encoding="utf-8"))
        ref = gt["ground_truth"].get("main_content") or ""
        labels = label_page(p["lines"], ref)
        y += labels
        # Every page weighs the same, its lines in proportion to their words:
        # the score is a per-page mean of word-F1.
        words = [max(1, len(tokens(l))) for l in p["lines"]]
        total = sum(words) or 1
        weight += [w / total for w in words]
        page_of_row += [pi] * len(labels)
        meta.append({"id": p["id"], "ref": ref, "type": page_type(gt), "domain": domain(gt.get("url"))})
    y = np.array(y, dtype=np.float32)
    weight = np.array(weight, dtype=np.float32) * 100.0
    page_of_row = np.array(page_of_row)
    assert len(y) == len(X), (len(y), len(X))

    starts = np.zeros(len(pages) + 1, dtype=int)
    np.cumsum([len(p["lines"]) for p in pages], out=starts[1:])

    def page_f1(pi, keep):
        lines = pages[pi]["lines"]
        pred = "\n".join(l for l, k in zip(lines, keep) if k)
        return prf(pred, meta[pi]["ref"])

    oracle = np.mean([page_f1(pi, y[starts[pi]:starts[pi + 1]] > 0.5) for pi in range(len(pages))])
    print(f"labels: {int(y.sum())} of {len(y)} lines content; keeping exactly them scores {oracle:.4f}")

    fold_of_domain = group_folds([m["domain"] for m in meta], FOLDS)
    page_fold = np.array([fold_of_domain[m["domain"]] for m in meta])
    row_fold = page_fold[page_of_row]
    oof = np.zeros(len(y), dtype=np.float64)
    for k in range(FOLDS):
        tr, te = row_fold != k, row_fold == k
        ds = lgb.Dataset(X[tr], y[tr], weight=weight[tr], feature_name=names, free_raw_data=False)
        b = lgb.train(PARAMS, ds, num_boost_round=ROUNDS)
        oof[te] = b.predict(X[te])
        export(b, names, out_dir / f"fold-{k}.txt")
        print(f"fold {k}: {int(te.sum())} rows, {len({m['domain'] for m, f in zip(meta, page_fold) if f == k})} domains")

    cv = {}
    for t in THRESHOLDS:
        f1s = [page_f1(pi, oof[starts[pi]:starts[pi + 1]] >= t) for pi in range(len(pages))]
        by_type = defaultdict(list)
        for pi, f in enumerate(f1s):
            by_type[meta[pi]["type"]].append(f)
        cv[str(t)] = {"f1": round(float(np.mean(f1s)), 4),
                      "types": {k: round(float(np.mean(v)), 4) for k, v in sorted(by_type.items())}}
        print(f"threshold {t:.2f}: model-only CV F1 {cv[str(t)]['f1']:.4f}")
    (out_dir / "cv.json").write_text(json.dumps({"oracle": round(float(oracle), 4), "thresholds": cv}, indent=1) + "\n")
    (out_dir / "folds.json").write_text(json.dumps({m["id"]: int(f) for m, f in zip(meta, page_fold)}) + "\n")

    full = lgb.train(PARAMS, lgb.Dataset(X, y, weight=weight, feature_name=names), num_boost_round=ROUNDS)
    export(full, names, out_dir / "model.txt")
    gain = full.feature_importance("gain")
    top = sorted(zip(names, gain), key=lambda x: -x[1])
    (out_dir / "importance.json").write_text(json.dumps([[n, round(float(g), 1)] for n, g in top], indent=0) + "\n")
    print("top features:", ", ".join(n for n, _ in top[:12]))


if __name__ == "__main__":
    main()

"""The generated training reports: train/REPORT.md and train/text/REPORT.md."""
import os
from collections import defaultdict
from pathlib import Path

import lightgbm as lgb

import engine
import gbdt
import labels

ABOUT = {
    "blocks": """\
The block model gives each block of an HTML page (paragraph, heading, list
item, table cell, …) its probability of being main content, from the feature
row the engine computes for it (`crates/thresher/src/classify/features.rs`):
the block itself, where it sits (landmarks, class/id hints, the content
region), the page around it (repeated paths and texts, neighbours, structured
data) and its wording. The engine then evens the probabilities out over the
tables, lists and paragraphs of one container (`classify::learned`), keeps
each page's blocks above the page's own threshold, the one that maximises its
expected word-F1, unless strong rules overrule the model (`classify::decide`),
drops repeated text, and empties a page whose kept blocks add up to a handful
of words (`select`).""",
    "lines": """\
Text mode cleans text that a crawler already stripped of its tags. Its lines
are judged by the line model over features that text alone gives
(`crates/thresher/src/classify/text/features.rs`). A line's own features
(length, punctuation, capitalisation, wording) say little: a short "Sign up"
and a short heading look alike. Context carries the model: the words per
line and the word density around it, relative to the page's densest stretch,
over ±2, ±5 and ±15 lines; the share of lines ending a sentence nearby;
whether it lies between the page's first and last long line; its position.
The wording rules shared with HTML mode (`classify/text/rules.rs`,
`wording.rs`) name each removed line's kind and overrule the model where a
line's words give it away (calls to action, paywall notices, credits, bare
URLs); each page keeps the lines above its own threshold, as HTML mode does.
Where it fails: 24 forum pages dump to empty text (their posts are not in
visible nodes); product and collection pages, made of short lines (names,
prices, buttons), lose much of their content, since nothing in text alone
tells a product name from a menu item.""",
}
TITLE = {"blocks": "The HTML block model", "lines": "Text mode's line model"}
CORPUS = {"blocks": "HTML pages", "lines": "pages as captured text"}
ROW = {"blocks": "block", "lines": "line"}
TOP_GROUPS = 25
TOP_FEATURES = 20


def one_line(doc):
    return " ".join(doc.split())


def table(rows, types):
    """score.py summaries as a Markdown table: F1, P, R, then F1 per type."""
    out = ["| | F1 | P | R | " + " | ".join(types) + " |", "|---" * (4 + len(types)) + "|"]
    for name, s in rows:
        out.append(f"| {name} | {s['f1']:.4f} | {s['p']:.4f} | {s['r']:.4f} | "
                   + " | ".join(f"{s['types'][t]['f1']:.3f}" for t in types) + " |")
    return out


def importance_tables(importance):
    """The top feature groups (the part of a name before `:`) and features."""
    groups = defaultdict(float)
    for name, share in importance:
        groups[name.split(":")[0]] += share
    out = ["| feature group | gain |", "|---|---|"]
    out += [f"| {g} | {v:.3f} |" for g, v in sorted(groups.items(), key=lambda x: -x[1])[:TOP_GROUPS]]
    out += ["", "Top single features:", "", "| feature | gain |", "|---|---|"]
    out += [f"| {n} | {v:.3f} |" for n, v in importance[:TOP_FEATURES]]
    return out


def seed_spread(t):
    f1 = [t.cv[s]["f1"] for s in t.seeds]
    each = ", ".join(f"seed {s} {t.cv[s]['f1']:.4f}" for s in t.seeds)
    return (f"Cross-validated F1 by LightGBM seed (bagging and feature sampling): {each}; "
            f"mean **{sum(f1) / len(f1):.4f}**, min {min(f1):.4f}, max {max(f1):.4f}. "
            "A change that gains less than that spread has not been shown to gain.")


def snippet_lines(t):
    """The snippet pages' part of the report, when the model trained on them."""
    if not t.snippets:
        return []
    sn = t.snippets
    rel = os.path.relpath(sn.corpus, engine.REPO)
    rows = [(f"**cross-validated, seed {t.seeds[0]} (the shipped model's)**", t.snippet_cv[t.seeds[0]])]
    rows += [(f"cross-validated, seed {s}", t.snippet_cv[s]) for s in t.seeds[1:]]
    rows.append(("in-sample: the final model", t.snippet_in_sample))
    f1 = [t.snippet_cv[s]["f1"] for s in t.seeds]
    return [
        "## Snippet pages (trafilatura-eval)",
        "",
        f"The block model also trains on `{rel}`: {len(sn.rows.spans):,} pages in 20+ languages "
        f"whose cases list text that must stay (`with`) and must go (`without`). "
        f"{sn.labelled:,} of their blocks are labelled ({sn.content:,} content), each weighing "
        f"{sn.weight:g} WCXB blocks. Labels: {one_line(labels.snippet_labels.__doc__)} "
        "Each page is in the fold of its domain (WCXB's fold for a domain both sets hold), and "
        "the same fold models run both sets. snippets.py scores the engine's output: "
        "`with` snippets found are true positives, `without` snippets found false positives, "
        "summed over pages.",
        "",
        "| | F1 | P | R | with found | without found |",
        "|---|---|---|---|---|---|",
        *[f"| {name} | {s['f1']:.4f} | {s['precision']:.4f} | {s['recall']:.4f} | {s['tp']} of "
          f"{s['tp'] + s['fn']} | {s['fp']} |" for name, s in rows],
        "",
        f"Cross-validated snippet F1 by seed: mean **{sum(f1) / len(f1):.4f}**, "
        f"min {min(f1):.4f}, max {max(f1):.4f}.",
        "",
    ]


def write(path, t, data, truth, page_fold, folds):
    """Writes the report of one trained model (a steps.Trained)."""
    r, shipped = t.recipe, t.seeds[0]
    types = list(t.cv[shipped]["types"])
    domains = len({g.domain for g in truth.values()})
    fold_pages = ", ".join(str(list(page_fold.values()).count(f)) for f in range(folds))
    params = ", ".join(f"`{k}={v}`" for k, v in r.params.items()
                       if k not in ("objective", "verbose", "num_threads"))
    scores = [("ceiling: keep exactly the content-labelled rows", t.ceiling),
              (f"**cross-validated, seed {shipped} (the shipped model's)**", t.cv[shipped])]
    scores += [(f"cross-validated, seed {s}", t.cv[s]) for s in t.seeds[1:]]
    scores.append(("in-sample: the final model on the pages it trained on", t.in_sample))
    lines = [
        f"# {TITLE[r.kind]}: training report",
        "",
        f"Written by `python3 train/train.py` (both models; `--only {r.kind}` for this one); "
        "do not edit by hand.",
        "",
        ABOUT[r.kind],
        "",
        f"- **Data**: `{os.path.relpath(t.corpus, engine.REPO)}`, {len(truth):,} {CORPUS[r.kind]} "
        f"from {domains:,} domains; "
        f"{t.rows:,} {ROW[r.kind]}s ({t.weighted_rows:,} trained on), {len(t.names)} features, "
        f"computed by the engine (`examples/training_rows.rs`).",
        f"- **Labels** ({t.content_rows:,} content {ROW[r.kind]}s): {one_line(r.label.__doc__)}",
        f"- **Weights**: {one_line(r.weigh.__doc__)}",
        f"- **Model**: LightGBM {lgb.__version__}, binary, {t.rounds} trees, {params}; "
        f"exported to `{t.model.relative_to(engine.REPO)}`, whose trees score every "
        f"{gbdt.CHECK_EVERY}th row within {t.export_gap:.0e} of LightGBM's raw score.",
        f"- **Folds**: {folds}, whole domains per fold (the host of the ground truth's `url`, "
        f"`www.` dropped), the largest first to the fold with the fewest pages; pages per fold: "
        f"{fold_pages}. Both models use the same folds.",
        f"- **Scores**: score.py's word-F1 against `{Path(data).name}`'s ground truth, a mean over "
        "pages, of the engine's own output (`examples/predict.rs`: the whole pipeline, rules, "
        "per-page threshold and all). Cross-validated: each page run with the model of its "
        "fold, trained without its domain (`predict --cv`). In-sample: the final model, "
        "trained on every page, embedded in the engine; optimistic, not an estimate for "
        "unseen sites.",
        "",
        "## Page word-F1",
        "",
        *table(scores, types),
        "",
        seed_spread(t),
        "",
        "Per-row AUC, out of fold: "
        + ", ".join(f"seed {s} {t.auc[s]:.4f}" for s in t.seeds) + ".",
        "",
        *snippet_lines(t),
        "## What carries it (share of the gain, final model)",
        "",
        *importance_tables(t.importance),
    ]
    path.write_text("\n".join(lines) + "\n")

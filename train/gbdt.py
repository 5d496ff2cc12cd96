"""LightGBM in, `thresher-gbdt 2` out: training, export, and a check that the
exported file scores rows as LightGBM does.

The format is documented in crates/thresher/src/classify/model.rs.
"""
import lightgbm as lgb
import numpy as np
from scipy.stats import rankdata

FORMAT = "thresher-gbdt 2"
# The exported trees may differ from LightGBM's raw score by float32
# rounding of leaves, no more.
MAX_EXPORT_ERROR = 1e-3
# The export check evaluates every this-many-th row.
CHECK_EVERY = 17


def train(X, y, w, rows, params, rounds):
    """A booster trained on `rows` (a mask) that have a weight; rows of
    weight 0 are left out, not merely zero-weighted."""
    m = rows & (w > 0)
    ds = lgb.Dataset(X[m], label=y[m], weight=w[m], free_raw_data=True)
    return lgb.train(params, ds, num_boost_round=rounds)


def f32_down(t):
    """The largest float32 <= t, so that `x <= it` in f32 equals `x <= t`
    in LightGBM's f64."""
    r = np.float32(t)
    if not np.isfinite(r):
        r = np.float32(np.finfo(np.float32).max if t > 0 else -np.finfo(np.float32).max)
    if float(r) > t:
        r = np.nextafter(r, np.float32(-np.inf), dtype=np.float32)
    return r


def tree_lines(tree):
    """One dumped tree as `tree K`, its K split lines, then its leaves."""
    splits, leaves = [], []

    def visit(node):
        if "split_feature" not in node:
            leaves.append(node.get("leaf_value", 0.0))
            return -len(leaves)  # -1 - leaf index
        assert node["decision_type"] == "<=", node["decision_type"]
        assert node["missing_type"] in ("None", "NaN"), node["missing_type"]
        i = len(splits)
        splits.append(None)
        left = visit(node["left_child"])
        right = visit(node["right_child"])
        splits[i] = f"{node['split_feature']} {float(f32_down(node['threshold'])):.9g} {left} {right}"
        return i

    visit(tree["tree_structure"])
    return [f"tree {len(splits)}", *splits, "leaves " + " ".join(f"{v:.9g}" for v in leaves)]


def export(booster, kind, names, settings, comment, path):
    """Writes the booster for the engine, recording the kind, feature names
    and settings of the rows it was trained on (training_rows' names.json),
    which the engine checks when it loads the model."""
    dumped = booster.dump_model()
    assert dumped["num_class"] == 1 and dumped["objective"].startswith("binary")
    lines = [FORMAT, f"# {comment}", f"kind {kind}"]
    lines += [f"setting {name} {value}" for name, value in settings]
    lines.append(f"features {len(names)}")
    lines += [f"feature {n}" for n in names]
    lines.append(f"trees {len(dumped['tree_info'])}")
    for tree in dumped["tree_info"]:
        lines += tree_lines(tree)
    path.write_text("\n".join(lines) + "\n")


def read_trees(path):
    """The trees of an exported file as the engine reads them: per tree, the
    splits' features, float32 thresholds, left and right children, and the
    float32 leaves."""
    trees, lines = [], iter(path.read_text().splitlines())
    for line in lines:
        if not line.startswith("tree "):
            continue
        splits = np.array([next(lines).split() for _ in range(int(line.split()[1]))]).reshape(-1, 4)
        feat, left, right = (splits[:, c].astype(np.int64) for c in (0, 2, 3))
        leaves = np.array(next(lines).split()[1:]).astype(np.float32)
        trees.append((feat, splits[:, 1].astype(np.float32), left, right, leaves))
    return trees


def raw_scores(trees, X):
    """Each row's summed leaves, walking the trees as model.rs does: f32
    comparisons, NaN to the right, a tree without splits is its one leaf."""
    total = np.zeros(X.shape[0], dtype=np.float64)
    for feat, thr, left, right, leaves in trees:
        node = np.zeros(X.shape[0], dtype=np.int64) - (len(feat) == 0)
        active = node >= 0
        while active.any():
            idx = np.nonzero(active)[0]
            n = node[idx]
            child = np.where(X[idx, feat[n]] <= thr[n], left[n], right[n])
            node[idx] = child
            active[idx] = child >= 0
        total += leaves.astype(np.float64)[-1 - node]
    return total


def check_export(booster, path, X):
    """The largest gap between the exported file's scores and LightGBM's raw
    scores over a sample of rows; fails above MAX_EXPORT_ERROR."""
    sample = X[::CHECK_EVERY]
    gap = float(np.abs(raw_scores(read_trees(path), sample)
                       - booster.predict(sample, raw_score=True)).max())
    assert gap < MAX_EXPORT_ERROR, f"{path}: exported trees disagree with LightGBM by {gap}"
    return gap


def auc(y, p):
    """The probability that a random content row outscores a random other
    row (ties count half)."""
    r = rankdata(p)
    pos = int(y.sum())
    neg = len(y) - pos
    return float((r[y == 1].sum() - pos * (pos + 1) / 2) / (pos * neg))


def importance(booster, names):
    """Each feature's share of the total gain, largest first."""
    gain = booster.feature_importance("gain")
    share = gain / (gain.sum() or 1.0)
    return sorted(zip(names, share), key=lambda x: -x[1])

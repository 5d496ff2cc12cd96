#!/usr/bin/env bash
# Retrains text mode's line model in one command, from the repository root:
#
#   bash train/text/run.sh [WCXB_DIR] [CAPTURED.jsonl.gz]
#
# 1. a venv under target/text-venv with the pinned LightGBM (requirements.txt);
# 2. the feature rows of every captured line, computed by the engine itself
#    (examples/text_features.rs), so training and run time share one definition;
# 3. train.py: labels from the ground truth, 5-fold CV grouped by domain,
#    fold models, the final model (target/text-train/model/);
# 4. the whole pipeline, rules included, scored with each page cleaned by the
#    fold model that did not see it (cross-validated), then in-sample;
# 5. the final model copied into the crate, where it is embedded.
# The numbers go to train/text/REPORT.md by hand: see the figures printed last.
set -euo pipefail
cd "$(dirname "$0")/../.."
WCXB="${1:-../shared/bench/wcxb-dev}"
CAPTURED="${2:-../shared/bench/wcxb-dev-text/captured.jsonl.gz}"
SCORE="$(dirname "$WCXB")/score.py"
OUT=target/text-train

if [ ! -x target/text-venv/bin/python ]; then
    python3 -m venv target/text-venv
fi
target/text-venv/bin/pip install -q -r train/text/requirements.txt

cargo build -q --release -p thresher --example text_features --example text_eval
target/release/examples/text_features "$CAPTURED" "$OUT/rows"
target/text-venv/bin/python train/text/train.py "$OUT/rows" "$WCXB" "$OUT/model"
cp "$OUT/model/model.txt" crates/thresher/src/classify/text/model.txt
cargo build -q --release -p thresher --example text_eval

echo "== whole pipeline, cross-validated (each page cleaned by the fold model that did not see it)"
target/release/examples/text_eval "$CAPTURED" "$OUT/pred-cv.jsonl" --cv "$OUT/model"
python3 "$SCORE" "$OUT/pred-cv.jsonl" --gt "$WCXB" --per-type
echo "== whole pipeline, final model (in-sample: it trained on these pages)"
target/release/examples/text_eval "$CAPTURED" "$OUT/pred.jsonl"
python3 "$SCORE" "$OUT/pred.jsonl" --gt "$WCXB" --per-type

//! Text mode's classify stage: lines of captured text -> labels.
//!
//! A learned model (`model.txt` beside this file, trained by
//! `train/text/run.sh`, evaluated by [`crate::classify::model::Model`] as
//! the HTML block model is) reads the feature rows of [`features`] and
//! gives each line a probability of being
//! content; it carries the decision, since on text alone density and
//! context say most. The rules of [`rules`] then name what each removed line
//! is, and overrule the model where the words give a line away: a call to
//! action, a paywall notice or a credit line reads like prose to a model of
//! density and position, but not to a reader.

pub mod features;
pub mod rules;

use std::sync::LazyLock;

use self::features::Rows;
use super::model::Model;
use super::score::{combine, Labeled};
use super::{Label, Verdict};
use crate::blocks::Block;
use crate::tuning::Tuning;

/// The embedded model's text.
const MODEL_TEXT: &str = include_str!("model.txt");

/// The embedded model, parsed on first use.
pub static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::parse(MODEL_TEXT).expect("the embedded text model is well-formed"));

/// The rule name shown for lines the model decided alone.
pub const RULE: &str = "text-model";

/// True when `model` was trained on the rows [`features::rows`] computes.
pub fn matches_features(model: &Model) -> bool {
    model
        .feature_names()
        .iter()
        .map(String::as_str)
        .eq(features::NAMES.iter().copied())
}

/// Labels every line of `text`, cut into `blocks` by
/// [`crate::input::text::segment`], with the embedded model.
pub fn classify(text: &str, blocks: &[Block], tuning: &Tuning) -> Vec<Labeled> {
    classify_with(&MODEL, text, blocks, tuning)
}

/// Labels every line with a model of the caller's (cross-validation runs
/// each page through the model that did not see it).
pub fn classify_with(model: &Model, text: &str, blocks: &[Block], tuning: &Tuning) -> Vec<Labeled> {
    let facts = features::facts(text, blocks);
    let rows = features::rows(blocks, &facts);
    let p = probabilities(model, &rows);
    let words: Vec<u32> = blocks.iter().map(|b| b.stats.words).collect();
    let threshold = super::learned::keep_threshold(
        &p,
        &words,
        tuning.text_min_content_probability,
        tuning.text_content_probability,
    );
    (0..blocks.len())
        .map(|i| {
            let cx = rules::Context {
                blocks,
                facts: &facts,
                i,
                tuning,
            };
            decide(&blocks[i], &rules::verdicts(&cx), p[i], threshold, tuning)
        })
        .collect()
}

/// The model's probability for every row; 1 for every row when the model
/// was trained on other features (a development state that the model's
/// test rejects), so that nothing is lost silently but the rules still run.
fn probabilities(model: &Model, rows: &Rows) -> Vec<f32> {
    if !matches_features(model) {
        return vec![1.0; rows.len()];
    }
    model.probabilities_of(rows.values())
}

/// One line's label from the model's probability `p` and the rules.
fn decide(b: &Block, verdicts: &[Verdict], p: f32, threshold: f32, tuning: &Tuning) -> Labeled {
    let boilerplate = || verdicts.iter().filter(|v| v.label != Label::Content);
    if p >= threshold {
        let overrule = boilerplate()
            .filter(|v| v.weight >= tuning.text_overrule_weight)
            .max_by(|a, b| a.weight.total_cmp(&b.weight));
        return match overrule {
            Some(v) => Labeled {
                block: b.id,
                label: v.label,
                score: 1.0 - p,
                because: vec![v.rule, RULE],
            },
            None => Labeled {
                block: b.id,
                label: Label::Content,
                score: p,
                because: vec![RULE],
            },
        };
    }
    if verdicts.is_empty() {
        return Labeled {
            block: b.id,
            label: Label::Other,
            score: 1.0 - p,
            because: vec![RULE],
        };
    }
    let kind = combine(b.id, &boilerplate().copied().collect::<Vec<_>>());
    let (label, mut because) = if kind.label == Label::Content {
        (Label::Other, vec![])
    } else {
        (kind.label, kind.because)
    };
    because.push(RULE);
    Labeled {
        block: b.id,
        label,
        score: 1.0 - p,
        because,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_matches_the_features() {
        assert!(
            matches_features(&MODEL),
            "model.txt was trained on other features: run train/text/run.sh"
        );
        assert!(MODEL.trees() > 0);
    }
}

//! Text mode's classify stage: lines of captured text -> labels.
//!
//! A learned line model (`model.txt` beside this file, trained by
//! `train/train.py`, read by [`crate::classify::model::Model`] as the block
//! model is) reads the feature rows of [`features`] and gives each line a
//! probability of being content; it carries the decision, since on text
//! alone density and context say most. The rules of [`rules`] then name
//! what each removed line is, and overrule the model where the words give
//! a line away: a call to action, a paywall notice or a credit line reads
//! like prose to a model of density and position, but not to a reader.
//! Both steps are the HTML mode's: [`crate::classify::decide`].

pub mod features;
pub mod rules;

use std::sync::{Arc, LazyLock};

use super::decide::{decide, keep_threshold};
use super::model::Model;
use super::Labeled;
use crate::blocks::Block;
use crate::tuning::Tuning;

/// The embedded line model's text.
pub(crate) const LINE_MODEL_TEXT: &str = include_str!("model.txt");

/// The embedded line model, read and checked on first use. Its tests
/// (`model::tests`) keep it matching the features.
pub static LINE_MODEL: LazyLock<Arc<Model>> = LazyLock::new(|| {
    Arc::new(Model::parse(LINE_MODEL_TEXT).expect("the embedded line model matches the engine"))
});

/// The rule name shown for lines the line model kept or removed.
pub const RULE: &str = "text-model";

/// Labels every line of `text`, cut into `blocks` by
/// [`crate::input::text::segment`], with a line model.
pub fn classify(model: &Model, text: &str, blocks: &[Block], tuning: &Tuning) -> Vec<Labeled> {
    let facts = features::facts(text, blocks);
    let rows = features::rows(blocks, &facts);
    let p = model.probabilities(rows.values());
    let words: Vec<u32> = blocks.iter().map(|b| b.stats.words).collect();
    let threshold = keep_threshold(
        &p,
        &words,
        tuning.text_min_content_probability,
        tuning.text_max_content_probability,
    );
    (0..blocks.len())
        .map(|i| {
            let cx = rules::Context {
                blocks,
                facts: &facts,
                i,
                tuning,
            };
            let verdicts = rules::verdicts(&cx);
            decide(blocks[i].id, &verdicts, p[i], threshold, RULE, tuning)
        })
        .collect()
}

//! Blocks -> labels: is each block the page's content, or which kind of
//! boilerplate?
//!
//! The design is model-first. A learned model ([`model`], over the feature
//! rows of [`features`]) gives each block its probability of being content,
//! and [`learned`] evens those out over tables, lists and paragraphs of one
//! container. The rules ([`rules`]) look at one kind of evidence each —
//! where the block sits (the content region found by [`region`]), how its
//! surroundings are built (landmarks, forms, link lists, class/id hints in
//! [`hints`]) and what it says (calls to action, paywall and sign-up
//! wording, credits, bios in [`wording`], comment sections in [`comments`])
//! — and give [`Verdict`]s. They
//! name what a removed block is, and overrule the model where the evidence
//! decides on its own. [`decide`] is that one decision step, shared with
//! text mode's line model ([`text`]); its doc states the policy. After it,
//! [`sections`] takes the teasers under a related-links heading that
//! follows the story with that heading, and cuts a story appended after the
//! page's own.
//!
//! Blocks hidden by markup never reach the model: [`hidden`] removes them,
//! labelled [`Label::Hidden`], unless the page hides most of its text.

pub mod comments;
pub mod decide;
pub mod features;
pub mod hidden;
pub mod hints;
pub mod learned;
pub mod model;
pub mod region;
pub mod rules;
pub mod sections;
pub mod text;

use std::sync::{Arc, LazyLock};

use crate::blocks::{Block, BlockId};
use crate::dom::Document;
use crate::metadata::Metadata;
use crate::tuning::Tuning;

pub use crate::label::Label;

use self::model::Model;

/// The embedded block model's text.
pub(crate) const BLOCK_MODEL_TEXT: &str = include_str!("model.txt");

/// The embedded block model, read and checked on first use. Its tests
/// (`model::tests`) keep it matching the features.
pub static BLOCK_MODEL: LazyLock<Arc<Model>> = LazyLock::new(|| {
    Arc::new(Model::parse(BLOCK_MODEL_TEXT).expect("the embedded block model matches the engine"))
});

/// One rule's opinion of a block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    /// What the rule thinks the block is.
    pub label: Label,
    /// How much the rule's opinion counts (see `rules::weight`).
    pub weight: f32,
    /// The rule's name, shown to users in `removed[].rule`.
    pub rule: &'static str,
}

/// A block with its label and the reasons for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Labeled {
    /// The block.
    pub block: BlockId,
    /// What the block is.
    pub label: Label,
    /// The model's probability for the side the label is on: that the
    /// block is content when it is labelled content, that it is not when
    /// it is labelled anything else (see [`decide`]). Blocks the model
    /// never judged (hidden ones) score 1.
    pub score: f32,
    /// True when the model kept the block and the rules overruled it:
    /// what a caller who keeps readers' comments gets back of the blocks
    /// labelled comments (`select::settle_comments`).
    pub overruled: bool,
    /// The rules behind the label, most specific first; the model's own
    /// name comes last when it took part.
    pub because: Vec<&'static str>,
}

/// What the block model reads of a page: the blocks a reader sees (those
/// [`hidden`] does not remove), the content region among them, and their
/// feature rows. Training reads exactly these rows (`examples/training_rows.rs`).
pub struct Prepared<'d> {
    /// For each block of the page, the rule that removes it as hidden, or
    /// `None` when the model judges it.
    pub hiding: Vec<Option<&'static str>>,
    /// The blocks the model judges, in reading order.
    pub seen: Vec<&'d Block>,
    /// The content region of the blocks seen.
    pub region: region::Region,
    /// One feature row a block seen.
    pub rows: features::Features,
    hints: hints::HintCache<'d>,
}

/// Finds what the block model reads of a page.
pub fn prepare<'d>(doc: &'d Document, blocks: &'d [Block], metadata: &Metadata) -> Prepared<'d> {
    let hiding = hidden::removals(blocks);
    // The model and the rules judge what a reader sees, as if the hidden
    // blocks were not there.
    let seen: Vec<&Block> = blocks
        .iter()
        .zip(&hiding)
        .filter(|(_, h)| h.is_none())
        .map(|(b, _)| b)
        .collect();
    let hints = hints::HintCache::new(doc);
    let region = region::find(doc, &seen, &hints, &crate::tuning::REGION);
    let rows = features::compute(doc, &seen, &region, metadata, &hints);
    Prepared {
        hiding,
        seen,
        region,
        rows,
        hints,
    }
}

/// Labels every block with the block model.
pub fn classify(
    doc: &Document,
    blocks: &[Block],
    metadata: &Metadata,
    model: &Model,
    tuning: &Tuning,
) -> Vec<Labeled> {
    let prepared = prepare(doc, blocks, metadata);
    judge(doc, blocks, prepared, metadata, model, tuning)
}

/// Labels every block from what [`prepare`] found: the model's
/// probabilities and the rules' verdicts for the blocks seen, decided
/// together ([`decide`]); the hidden blocks as hidden.
pub fn judge(
    doc: &Document,
    blocks: &[Block],
    prepared: Prepared<'_>,
    metadata: &Metadata,
    model: &Model,
    tuning: &Tuning,
) -> Vec<Labeled> {
    let Prepared {
        hiding,
        seen,
        region,
        rows,
        mut hints,
    } = prepared;
    let probabilities = learned::probabilities(doc, &seen, &rows, model, tuning);
    let comments = comments::find(doc, &seen, &region);
    let mut judged: Vec<Labeled> = seen
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let verdicts =
                rules::verdicts(doc, b, &region, &comments, &mut hints, metadata, tuning);
            let p = probabilities.p[i];
            decide::decide(
                b.id,
                &verdicts,
                p,
                probabilities.threshold,
                learned::RULE,
                tuning,
            )
        })
        .collect();
    sections::close_related(&seen, &mut judged);
    sections::cut_next_story(&seen, &mut judged);
    let mut judged = judged.into_iter();
    blocks
        .iter()
        .zip(hiding)
        .filter_map(|(b, h)| match h {
            Some(rule) => Some(hidden::label(b.id, rule)),
            None => judged.next(),
        })
        .collect()
}

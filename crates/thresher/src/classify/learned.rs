//! The learned model's verdict as the main evidence.
//!
//! The model ([`super::model`]) decides whether a block is content; the rules
//! ([`super::rules`]) only say which kind of boilerplate a removed block is,
//! and overrule the model in one case: wording or structure strong enough
//! to decide on its own (a paywall notice, a credit line, the headline)
//! names boilerplate in a block the model would keep.
//!
//! The model judges blocks one at a time and was trained on blocks with
//! words, so [`probabilities`] evens out two things it cannot see: a block
//! without words (an image) goes with its neighbours, and the cells of a
//! table or the items of a nested list that is content as a whole stay with it,
//! so that renderers never get a table with holes.

use super::features::Features;
use super::model::MODEL;
use super::score::{combine, Labeled};
use super::{Label, Verdict};
use crate::blocks::{Block, BlockId};
use crate::dom::{Document, NodeId, Tag};
use crate::tuning::Tuning;

/// A block without words (an image) takes the highest probability of this
/// many blocks on either side: a lead image sits between the headline, its
/// caption and the first paragraph.
const WORDLESS_REACH: usize = 2;

/// How far up a list item's ancestors the outermost list is looked for.
const MAX_LIST_CLIMB: usize = 64;

/// The rule name shown for blocks the model removed or kept.
pub const RULE: &str = "learned-model";

/// The model's probability that each block is content, or `None` when the
/// embedded model was trained on other features (a development state that
/// the model's tests reject).
/// Blocks without words take the highest probability of their neighbours,
/// and table cells and nested list items at least the threshold when their
/// table or outermost list, weighed by characters, reaches it.
pub fn probabilities(
    doc: &Document,
    blocks: &[Block],
    rows: &Features,
    tuning: &Tuning,
) -> Option<Vec<f32>> {
    if !MODEL.matches_features() {
        return None;
    }
    let model = MODEL.probabilities(rows);
    let mut p = model.clone();
    for (i, b) in blocks.iter().enumerate() {
        if b.stats.words == 0 {
            let lo = i.saturating_sub(WORDLESS_REACH);
            let hi = (i + WORDLESS_REACH + 1).min(blocks.len());
            p[i] = (lo..hi)
                .filter(|&j| j != i)
                .map(|j| model[j])
                .fold(0.0, f32::max);
        }
    }
    // Groups: a table, or the outermost list around a list item.
    let group = |b: &Block| -> Option<NodeId> {
        if let Some(c) = b.cell {
            return Some(c.table);
        }
        if b.list_depth == 0 {
            return None;
        }
        doc.ancestors_and_self(b.owner)
            .take(MAX_LIST_CLIMB)
            .filter(|&n| matches!(doc.tag(n), Some(Tag::Ul | Tag::Ol)))
            .last()
    };
    let groups: Vec<Option<NodeId>> = blocks.iter().map(group).collect();
    let mut sums: Vec<(NodeId, f32, f32)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let Some(g) = *g else { continue };
        let w = blocks[i].stats.chars as f32;
        match sums.iter_mut().rev().find(|s| s.0 == g) {
            Some(s) => {
                s.1 += w * p[i];
                s.2 += w;
            }
            None => sums.push((g, w * p[i], w)),
        }
    }
    for (i, g) in groups.iter().enumerate() {
        let Some(g) = *g else { continue };
        // Top-level list items are judged one by one: menus are lists too.
        if blocks[i].cell.is_none() && blocks[i].list_depth < 2 {
            continue;
        }
        if let Some(&(_, num, den)) = sums.iter().rev().find(|s| s.0 == g) {
            if den > 0.0 && num / den >= tuning.content_probability {
                p[i] = p[i].max(tuning.content_probability);
            }
        }
    }
    Some(p)
}

/// Labels one block from the model's probability `p` and the rules' verdicts.
///
/// `because` names the rules that agree with the outcome first, the most
/// specific reason a reader can be given, then [`RULE`]; when no rule
/// agrees it is [`RULE`] alone.
pub fn decide(block: BlockId, verdicts: &[Verdict], p: f32, tuning: &Tuning) -> Labeled {
    let (content, boilerplate): (Vec<Verdict>, Vec<Verdict>) =
        verdicts.iter().partition(|v| v.label == Label::Content);
    if p >= tuning.content_probability {
        let overrule = boilerplate
            .iter()
            .filter(|v| v.weight >= tuning.overrule_weight)
            .max_by(|a, b| a.weight.total_cmp(&b.weight));
        if let Some(v) = overrule {
            return Labeled {
                block,
                label: v.label,
                score: 1.0 - p,
                because: vec![v.rule, RULE],
            };
        }
        let mut because = combine(block, &content).because;
        because.push(RULE);
        return Labeled {
            block,
            label: Label::Content,
            score: p,
            because,
        };
    }
    // Which kind of boilerplate: the heaviest the rules name, else `Other`.
    let kind = combine(block, &boilerplate);
    let (label, mut because) = if kind.label == Label::Content {
        (Label::Other, Vec::new())
    } else {
        (kind.label, kind.because)
    };
    because.push(RULE);
    Labeled {
        block,
        label,
        score: 1.0 - p,
        because,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(label: Label, weight: f32, rule: &'static str) -> Verdict {
        Verdict {
            label,
            weight,
            rule,
        }
    }

    #[test]
    fn the_model_keeps_what_no_strong_rule_names() {
        let t = Tuning::default();
        let weak = [v(Label::Sidebar, 1.0, "boilerplate-container")];
        let l = decide(BlockId(0), &weak, 0.9, &t);
        assert_eq!(
            (l.label, l.because.as_slice()),
            (Label::Content, [RULE].as_slice())
        );
        let agree = [v(Label::Content, 1.0, "in-content-region")];
        let l = decide(BlockId(0), &agree, 0.9, &t);
        assert_eq!(l.because, ["in-content-region", RULE]);
    }

    #[test]
    fn strong_rules_overrule_the_model() {
        let t = Tuning::default();
        let strong = [v(Label::Paywall, t.overrule_weight, "boilerplate-wording")];
        let l = decide(BlockId(0), &strong, 0.9, &t);
        assert_eq!(
            (l.label, l.because[0]),
            (Label::Paywall, "boilerplate-wording")
        );
    }

    #[test]
    fn removed_blocks_take_the_rules_kind() {
        let t = Tuning::default();
        let l = decide(
            BlockId(0),
            &[v(Label::Content, 1.0, "in-content-region")],
            0.1,
            &t,
        );
        assert_eq!(
            (l.label, l.because.as_slice()),
            (Label::Other, [RULE].as_slice())
        );
        let l = decide(
            BlockId(0),
            &[v(Label::Footer, 1.0, "boilerplate-container")],
            0.1,
            &t,
        );
        assert_eq!(l.label, Label::Footer);
        assert_eq!(l.because, ["boilerplate-container", RULE]);
    }
}

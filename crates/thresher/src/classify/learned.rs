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
//! table, the items of a nested list or the paragraphs of one container
//! that is content as a whole stay with it, so that renderers never get a
//! table with holes or an article without its end.
//!
//! Where to cut is decided a page at a time ([`keep_threshold`]): the
//! benchmark scores pages by word-F1, and the best cut on a page of sure
//! prose is not the best on a page of uncertain cards.

use std::collections::HashMap;

use super::features::Features;
use super::model::MODEL;
use super::score::{combine, Labeled};
use super::{Label, Verdict};
use crate::blocks::{Block, BlockId, BlockKind};
use crate::dom::{Document, NodeId, Tag};
use crate::tuning::Tuning;

/// A block without words (an image) takes the highest probability of this
/// many blocks on either side: a lead image sits between the headline, its
/// caption and the first paragraph.
const WORDLESS_REACH: usize = 2;

/// How far up a list item's ancestors the outermost list is looked for.
const MAX_LIST_CLIMB: usize = 64;

/// Paragraphs go with their container's verdict when it holds at least
/// this many of them: the model judges each by its position too, and in a
/// very long article the last paragraphs look like a page's tail. Two
/// paragraphs are as likely a teaser and its footer; cross-validated F1 is
/// the same with or without (0.8644 against 0.8645).
const MIN_PARAGRAPH_SIBLINGS: u32 = 3;

/// Paragraphs more linked than this ("Edit this page", "Read more") are
/// judged alone, not lifted with their container.
const MAX_LIFTED_LINK_DENSITY: f32 = 0.5;

/// A group's character-weighted probability, gathered over its members.
#[derive(Default)]
struct GroupSum {
    weighted: f32,
    chars: f32,
    members: u32,
}

/// The rule name shown for blocks the model removed or kept.
pub const RULE: &str = "learned-model";

/// The model's verdict on one page: each block's probability of being
/// content, and the threshold this page keeps blocks at.
#[derive(Clone, Debug)]
pub struct Probabilities {
    /// One a block, in block order.
    pub p: Vec<f32>,
    /// Blocks with `p` at or above it are content (see [`keep_threshold`]).
    pub threshold: f32,
}

/// The model's probability that each block is content, and the page's keep
/// threshold; `None` when the embedded model was trained on other features
/// (a development state that the model's tests reject).
/// Blocks without words take the highest probability of their neighbours;
/// table cells, nested list items and paragraphs take at least the
/// threshold when their table, outermost list or container (of three
/// paragraphs or more), weighed by characters, reaches it.
pub fn probabilities(
    doc: &Document,
    blocks: &[Block],
    rows: &Features,
    tuning: &Tuning,
) -> Option<Probabilities> {
    if !MODEL.matches_features() {
        return None;
    }
    let model = MODEL.probabilities(rows);
    let words: Vec<u32> = blocks.iter().map(|b| b.stats.words).collect();
    let threshold = keep_threshold(
        &model,
        &words,
        tuning.min_content_probability,
        tuning.max_content_probability,
    );
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
    // Groups: a table, the outermost list around a list item, or the
    // element holding a paragraph.
    let group = |b: &Block| -> Option<NodeId> {
        if let Some(c) = b.cell {
            return Some(c.table);
        }
        if b.list_depth == 0 {
            // A paragraph that is mostly a link is a call to action.
            let prose =
                b.kind == BlockKind::Paragraph && b.stats.link_density() < MAX_LIFTED_LINK_DENSITY;
            return prose.then(|| doc.parent(b.owner)).flatten();
        }
        doc.ancestors_and_self(b.owner)
            .take(MAX_LIST_CLIMB)
            .filter(|&n| matches!(doc.tag(n), Some(Tag::Ul | Tag::Ol)))
            .last()
    };
    let groups: Vec<Option<NodeId>> = blocks.iter().map(group).collect();
    // Each block's group as an index into `sums`, found through a map: a
    // page can hold thousands of groups, one a paragraph's parent.
    let mut sums: Vec<GroupSum> = Vec::new();
    let mut index: HashMap<NodeId, usize> = HashMap::new();
    let mut member_of: Vec<Option<usize>> = vec![None; blocks.len()];
    for (i, g) in groups.iter().enumerate() {
        let Some(g) = *g else { continue };
        let k = *index.entry(g).or_insert_with(|| {
            sums.push(GroupSum::default());
            sums.len() - 1
        });
        let w = blocks[i].stats.chars as f32;
        let s = &mut sums[k];
        s.weighted += w * p[i];
        s.chars += w;
        s.members += 1;
        member_of[i] = Some(k);
    }
    for (i, k) in member_of.iter().enumerate() {
        let Some(s) = k.map(|k| &sums[k]) else {
            continue;
        };
        let b = &blocks[i];
        // Top-level list items are judged one by one: menus are lists too.
        if b.cell.is_none() && b.list_depth == 1 {
            continue;
        }
        let enough = b.list_depth > 0 || b.cell.is_some() || s.members >= MIN_PARAGRAPH_SIBLINGS;
        if enough && s.chars > 0.0 && s.weighted / s.chars >= threshold {
            p[i] = p[i].max(threshold);
        }
    }
    Some(Probabilities { p, threshold })
}

/// The probability at which keeping blocks maximises the page's expected
/// word-F1, kept between `floor` and `cap`.
///
/// The benchmark scores a page by word-F1, so one fixed threshold is wrong
/// twice: on a page whose content is a short blurb amid likely-looking text
/// it keeps too much, and on a page of uncertain cards it keeps too little.
/// Taking `p` as the chance that a block's words are content, keeping the
/// `k` likeliest blocks has an expected F1 of about `2·S / (N + E)`, where
/// `S` is their expected content words, `N` their words and `E` the page's
/// expected content words; the best `k` sets the threshold. Blocks without
/// words do not count. The floor keeps a page that has no main content from
/// keeping its least unlikely block; the cap keeps a page the model is sure
/// of from dropping its headings (see `Tuning::max_content_probability`).
pub fn keep_threshold(p: &[f32], words: &[u32], floor: f32, cap: f32) -> f32 {
    let mut scored: Vec<(f32, f64)> = p
        .iter()
        .zip(words)
        .filter(|&(_, &n)| n > 0)
        .map(|(&p, &n)| (p, f64::from(n)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let expected: f64 = scored.iter().map(|&(p, n)| f64::from(p) * n).sum();
    let (mut kept_expected, mut kept_words) = (0.0, 0.0);
    let (mut best, mut threshold) = (f64::MIN, 1.0f32);
    for &(p, n) in &scored {
        kept_expected += f64::from(p) * n;
        kept_words += n;
        let f1 = 2.0 * kept_expected / (kept_words + expected);
        if f1 > best {
            best = f1;
            threshold = p;
        }
    }
    threshold.min(cap).max(floor)
}

/// The boilerplate verdict heavy enough to overrule the model, if any: the
/// heaviest verdict of the label whose verdicts weigh most together, when
/// that sum reaches `Tuning::overrule_weight`. One strong piece of evidence
/// (decisive wording, a credit line, the headline) is enough alone; two of
/// different kinds naming the same label add up, as a bio's container and a
/// bio's wording do. The region's verdict outside it only repeats the
/// nearest hint, so it does not add to the container's.
pub fn overruling(verdicts: &[Verdict], tuning: &Tuning) -> Option<Verdict> {
    let total = |label: Label| -> f32 {
        verdicts
            .iter()
            .filter(|v| v.label == label && v.rule != super::rules::OUTSIDE_REGION)
            .map(|v| v.weight)
            .sum()
    };
    verdicts
        .iter()
        .filter(|v| v.label != Label::Content)
        .map(|v| (total(v.label), v))
        .filter(|(sum, _)| *sum >= tuning.overrule_weight)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.weight.total_cmp(&b.1.weight)))
        .map(|(_, v)| *v)
}

/// Labels one block from the model's probability `p` and the rules' verdicts.
///
/// `because` names the rules that agree with the outcome first, the most
/// specific reason a reader can be given, then [`RULE`]; when no rule
/// agrees it is [`RULE`] alone.
pub fn decide(
    block: BlockId,
    verdicts: &[Verdict],
    p: f32,
    threshold: f32,
    tuning: &Tuning,
) -> Labeled {
    let (content, boilerplate): (Vec<Verdict>, Vec<Verdict>) =
        verdicts.iter().partition(|v| v.label == Label::Content);
    if p >= threshold {
        if let Some(v) = overruling(&boilerplate, tuning) {
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
        let l = decide(BlockId(0), &weak, 0.9, 0.4, &t);
        assert_eq!(
            (l.label, l.because.as_slice()),
            (Label::Content, [RULE].as_slice())
        );
        let agree = [v(Label::Content, 1.0, "in-content-region")];
        let l = decide(BlockId(0), &agree, 0.9, 0.4, &t);
        assert_eq!(l.because, ["in-content-region", RULE]);
    }

    #[test]
    fn strong_rules_overrule_the_model() {
        let t = Tuning::default();
        let strong = [v(Label::Paywall, t.overrule_weight, "boilerplate-wording")];
        let l = decide(BlockId(0), &strong, 0.9, 0.4, &t);
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
            0.4,
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
            0.4,
            &t,
        );
        assert_eq!(l.label, Label::Footer);
        assert_eq!(l.because, ["boilerplate-container", RULE]);
    }

    #[test]
    fn a_page_the_model_is_sure_of_keeps_its_doubtful_headings() {
        // 500 words the model is sure of and five short blocks at 0.42: the
        // expected F1 alone would drop the five (about 0.955 against 0.944
        // with them), but the cap keeps them, as headings usually are.
        let p = [0.99, 0.42, 0.42, 0.42, 0.42, 0.42];
        let words = [500, 20, 20, 20, 20, 20];
        assert_eq!(keep_threshold(&p, &words, 0.15, 1.0), 0.99);
        assert_eq!(keep_threshold(&p, &words, 0.15, 0.4), 0.4);
    }

    #[test]
    fn uncertain_cards_alike_are_kept_together() {
        // A grid of cards the model is unsure of, and a menu it is sure of:
        // the cards hold most of the expected content, so all are kept.
        let mut p = vec![0.3; 20];
        p.extend([0.02; 10]);
        let words = vec![12; 30];
        let t = keep_threshold(&p, &words, 0.15, 0.4);
        assert!((0.15..=0.3).contains(&t), "threshold {t}");
    }

    #[test]
    fn a_page_with_no_likely_block_keeps_nothing_above_the_floor() {
        let t = keep_threshold(&[0.05, 0.08, 0.02], &[30, 30, 30], 0.15, 0.4);
        assert_eq!(t, 0.15);
        // Wordless blocks do not count; with no words, the cap decides.
        assert_eq!(keep_threshold(&[0.9], &[0], 0.15, 0.4), 0.4);
        assert_eq!(keep_threshold(&[], &[], 0.15, 0.4), 0.4);
    }

    #[test]
    fn container_and_wording_naming_one_label_overrule_together() {
        let t = Tuning::default();
        let container = v(Label::AuthorBio, 1.5, "boilerplate-container");
        let wording = v(Label::AuthorBio, 0.75, "boilerplate-wording");
        let l = decide(BlockId(0), &[container, wording], 0.9, 0.4, &t);
        assert_eq!(
            (l.label, l.because[0]),
            (Label::AuthorBio, "boilerplate-container")
        );
        // The region's verdict repeats the container's hint: no sum.
        let outside = v(
            Label::AuthorBio,
            1.0,
            crate::classify::rules::OUTSIDE_REGION,
        );
        let l = decide(BlockId(0), &[container, outside], 0.9, 0.4, &t);
        assert_eq!(l.label, Label::Content);
        // Different labels do not add up.
        let other = v(Label::Newsletter, 0.75, "boilerplate-wording");
        let l = decide(BlockId(0), &[container, other], 0.9, 0.4, &t);
        assert_eq!(l.label, Label::Content);
    }
}

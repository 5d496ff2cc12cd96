//! The block model's probabilities, evened out over structure.
//!
//! The model ([`super::model`]) judges blocks one at a time and was trained on blocks with
//! words, so [`probabilities`] evens out two things it cannot see: a block
//! without words (an image) goes with its neighbours, and the cells of a
//! table, the items of a nested list or the paragraphs of one container
//! that is content as a whole stay with it, so that renderers never get a
//! table with holes or an article without its end.
//!
//! Where to cut is decided a page at a time
//! ([`super::decide::keep_threshold`]), and what a block is by
//! [`super::decide::decide`].

use super::decide::keep_threshold;
use super::features::Features;
use super::model::Model;
use crate::blocks::{Block, BlockKind};
use crate::dom::{Document, NodeId, Tag};
use crate::hash::FastMap;
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

/// The rule name shown for blocks the block model removed or kept.
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
/// threshold. Blocks without words take the highest probability of their neighbours;
/// table cells, nested list items and paragraphs take at least the
/// threshold when their table, outermost list or container (of three
/// paragraphs or more), weighed by characters, reaches it.
pub fn probabilities(
    doc: &Document,
    blocks: &[&Block],
    rows: &Features,
    model: &Model,
    tuning: &Tuning,
) -> Probabilities {
    let model = model.probabilities(rows.as_slice());
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
    let groups: Vec<Option<NodeId>> = blocks.iter().map(|b| group(b)).collect();
    // Each block's group as an index into `sums`, found through a map: a
    // page can hold thousands of groups, one a paragraph's parent.
    let mut sums: Vec<GroupSum> = Vec::new();
    let mut index: FastMap<NodeId, usize> = FastMap::default();
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
    Probabilities { p, threshold }
}

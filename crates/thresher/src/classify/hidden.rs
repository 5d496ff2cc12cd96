//! Blocks hidden by markup -> removals labelled [`Label::Hidden`].
//!
//! A reader never sees what markup hides (`hidden`, `display:none`,
//! `aria-hidden="true"`, `noscript`; see [`Hiding`]), so it is not the
//! page's content, and it is removed before the model judges the rest:
//! the model was trained on what readers see. The exception is a page that
//! hides most of its text: pages that stream their server-rendered article
//! into a `hidden` container (for script to reveal) would otherwise lose
//! it, so there the hidden blocks are judged like any other.

use super::{Label, Labeled};
use crate::blocks::{Block, BlockId, Hiding};

/// Share of a page's text that visible blocks must hold for hidden blocks
/// to be removed.
///
/// ### Default
/// 0.3: pages that stream their content into a hidden container show
/// almost none of it; pages with hidden menus and dialogs show most.
pub const MIN_VISIBLE_TEXT_SHARE: f32 = 0.3;

/// For each block, the rule that removes it as hidden, or `None` when the
/// classifier judges it.
pub fn removals(blocks: &[Block]) -> Vec<Option<&'static str>> {
    let total: u32 = blocks.iter().map(|b| b.stats.chars).sum();
    let visible: u32 = blocks
        .iter()
        .filter(|b| b.hidden.is_none())
        .map(|b| b.stats.chars)
        .sum();
    if (visible as f32) < total as f32 * MIN_VISIBLE_TEXT_SHARE {
        return vec![None; blocks.len()];
    }
    blocks.iter().map(|b| b.hidden.map(Hiding::rule)).collect()
}

/// The label of a block removed as hidden by `rule`.
pub fn label(block: BlockId, rule: &'static str) -> Labeled {
    Labeled {
        block,
        label: Label::Hidden,
        score: 1.0,
        overruled: false,
        because: vec![rule],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removals_of(html: &str) -> Vec<(String, Option<&'static str>)> {
        let doc = crate::dom::parse(html, None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        let r = removals(&blocks);
        blocks.into_iter().map(|b| b.text).zip(r).collect()
    }

    #[test]
    fn hidden_blocks_are_removed_with_the_markup_that_hides_them() {
        let r = removals_of(
            "<p>The article's visible paragraph, the longest text on the page.</p>\
             <div hidden>a dialog</div><p style='display:none'>a menu</p>",
        );
        assert_eq!(r[0].1, None);
        assert_eq!(r[1].1, Some("hidden-attribute"));
        assert_eq!(r[2].1, Some("display-none"));
    }

    #[test]
    fn a_page_that_hides_most_of_its_text_is_judged_whole() {
        let r = removals_of(
            "<p>menu</p><div hidden><p>The streamed article body, much longer than the rest.</p></div>",
        );
        assert!(r.iter().all(|(_, rule)| rule.is_none()), "{r:?}");
    }
}

//! Labels -> Selection: which blocks are kept, and every removed block with
//! the label and rule that removed it. This is the only place that decides;
//! renderers read the result and never recompute it.

use crate::blocks::{Block, BlockId};
use crate::classify::{Label, Labeled};
use crate::tuning::Tuning;

/// A block that is not content, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    /// The block.
    pub block: BlockId,
    /// What it was.
    pub label: Label,
    /// The rule that weighed most for that label.
    pub rule: &'static str,
}

/// The outcome of extraction, by block.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Content blocks, in reading order.
    pub kept: Vec<BlockId>,
    /// Everything else, in reading order.
    pub removed: Vec<Removed>,
}

/// Splits labelled blocks into kept and removed. A page whose content
/// blocks add up to a handful of words has no main content (a shop's empty
/// shell, an error page): everything is removed rather than a stray label
/// passed off as the page.
pub fn select(labels: &[Labeled], blocks: &[Block], tuning: &Tuning) -> Selection {
    let content_words: u32 = labels
        .iter()
        .filter(|l| l.label == Label::Content)
        .map(|l| blocks[l.block.index()].stats.words)
        .sum();
    let no_content = content_words < tuning.min_content_words;
    let mut sel = Selection::default();
    for l in labels {
        if l.label == Label::Content && no_content {
            sel.removed.push(Removed {
                block: l.block,
                label: Label::Other,
                rule: "no-main-content",
            });
        } else if l.label == Label::Content {
            sel.kept.push(l.block);
        } else {
            sel.removed.push(Removed {
                block: l.block,
                label: l.label,
                rule: l.because.first().copied().unwrap_or("unlabelled"),
            });
        }
    }
    sel
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_with_a_few_stray_words_has_no_content() {
        // Whatever the classifier says of it, one word is no main content.
        let doc =
            crate::dom::parse("<body><main><p>Loading</p></main></body>", None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        let labels: Vec<Labeled> = blocks
            .iter()
            .map(|b| Labeled {
                block: b.id,
                label: Label::Content,
                score: 1.0,
                because: vec!["test"],
            })
            .collect();
        let sel = select(&labels, &blocks, &Tuning::default());
        assert!(sel.kept.is_empty());
        assert_eq!(sel.removed[0].rule, "no-main-content");
    }
}

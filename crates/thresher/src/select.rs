//! Labels -> Selection: which blocks are kept, and every removed block with
//! the label and rule that removed it. This is the only place that decides;
//! renderers read the result and never recompute it.

use crate::blocks::BlockId;
use crate::classify::{Label, Labeled};

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

/// Splits labelled blocks into kept and removed.
pub fn select(labels: &[Labeled]) -> Selection {
    let mut sel = Selection::default();
    for l in labels {
        if l.label == Label::Content {
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

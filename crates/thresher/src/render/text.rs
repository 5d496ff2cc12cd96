//! Plain text: headings and paragraphs separated by a blank line, list items
//! and table rows one per line.

use super::Extraction;
use crate::blocks::{Block, BlockKind};

/// Whether two consecutive kept blocks belong on adjacent lines rather than
/// in separate paragraphs.
pub(crate) fn same_group(prev: &Block, next: &Block) -> bool {
    match (prev.kind, next.kind) {
        (BlockKind::ListItem, BlockKind::ListItem) => true,
        (BlockKind::TableCell, BlockKind::TableCell) => {
            prev.cell.map(|c| c.table) == next.cell.map(|c| c.table)
        }
        _ => false,
    }
}

/// Renders the kept blocks as plain text.
pub fn render(e: &Extraction) -> String {
    let mut out = String::new();
    let mut prev: Option<&Block> = None;
    for b in e.kept_blocks() {
        if b.text.is_empty() {
            continue;
        }
        if let Some(p) = prev {
            let same_row = matches!((p.cell, b.cell), (Some(a), Some(c)) if a.row == c.row);
            if same_row {
                out.push('\t');
            } else if same_group(p, b) {
                out.push('\n');
            } else {
                out.push_str("\n\n");
            }
        }
        out.push_str(&b.text);
        prev = Some(b);
    }
    out
}

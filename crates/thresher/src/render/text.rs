//! Plain text: headings and paragraphs separated by a blank line, list items
//! one per line, table rows one per line with their cells separated by a
//! tab, preformatted text verbatim.

use super::layout::{self, Node, Table};
use super::Extraction;
use crate::blocks::Block;

/// Renders the kept blocks as plain text.
pub fn render(e: &Extraction) -> String {
    let kept: Vec<&Block> = e.kept_blocks().filter(|b| !b.text.is_empty()).collect();
    nodes(&layout::layout(&kept), "\n\n")
}

fn nodes(nodes: &[Node<'_>], separator: &str) -> String {
    nodes
        .iter()
        .map(node)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

fn node(n: &Node<'_>) -> String {
    match n {
        Node::Heading(_, b) | Node::Paragraph(b) => b.text.clone(),
        Node::Code(b) => layout::preformatted(b),
        Node::List { items, .. } => items
            .iter()
            .map(|item| nodes(item, "\n"))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        Node::Table(t) => table(t),
        Node::Quote(inner) => nodes(inner, "\n\n"),
    }
}

fn table(t: &Table<'_>) -> String {
    t.rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| {
                    cell.as_ref().map_or(String::new(), |c| {
                        c.blocks
                            .iter()
                            .map(|b| b.text.replace(['\n', '\t'], " "))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                })
                .collect::<Vec<_>>()
                .join("\t")
                .trim_end_matches('\t')
                .to_owned()
        })
        .filter(|r| !r.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

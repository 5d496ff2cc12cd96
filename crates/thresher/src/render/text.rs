//! Plain text: headings and paragraphs separated by a blank line, list items
//! one per line, table rows one per line with their cells separated by a
//! tab, preformatted text verbatim.

use super::layout::{self, Node, Table};
use super::Extraction;
use crate::blocks::{Block, BlockKind};

/// Renders the kept blocks as plain text. A figure's caption that would
/// open the text is left out: plain text has no figure for it to sit
/// under, and a reader (or a model) takes the first line for the story's.
/// Markdown and HTML keep it with its image.
pub fn render(e: &Extraction) -> String {
    let kept: Vec<&Block> = e
        .shown_blocks()
        .filter(|b| !b.text.is_empty())
        .skip_while(|b| is_figure_caption(b))
        .collect();
    crate::invisible::without_invisible(nodes(&layout::layout(&kept), "\n\n"))
}

/// A `figcaption` (a table's `caption` belongs to its table).
fn is_figure_caption(b: &Block) -> bool {
    b.kind == BlockKind::Caption && b.cell.is_none()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::all_kept;

    fn text(html: &str) -> String {
        render(&all_kept(html, None))
    }

    #[test]
    fn a_caption_never_opens_the_text() {
        let html = "<figure><img src='a.jpg'><figcaption>The old bridge at dawn. Photo: Jane Roe</figcaption></figure>\
                    <p>The council voted to rebuild the bridge.</p>\
                    <figure><img src='b.jpg'><figcaption>The new design.</figcaption></figure>";
        assert_eq!(
            text(html),
            "The council voted to rebuild the bridge.\n\nThe new design."
        );
    }

    #[test]
    fn headings_and_paragraphs_are_separated_by_blank_lines() {
        assert_eq!(
            text("<h1>Title</h1><p>One <b>bold</b> line<br>and a second.</p><p>Two.</p>"),
            "Title\n\nOne bold line\nand a second.\n\nTwo."
        );
    }

    #[test]
    fn list_items_stand_one_per_line_at_any_depth() {
        assert_eq!(
            text("<p>Before.</p><ul><li>a<ol><li>a1</li><li>a2</li></ol></li><li><p>b</p><p>b2</p></li></ul><p>After.</p>"),
            "Before.\n\na\na1\na2\nb\nb2\n\nAfter."
        );
    }

    #[test]
    fn table_rows_stand_one_per_line_with_cells_apart_by_tabs() {
        assert_eq!(
            text("<table><tr><th>k</th><th>v</th><th>note</th></tr><tr><td><p>a</p><p>b</p></td><td></td><td>x</td></tr><tr><td>c</td><td>1</td></tr></table>"),
            "k\tv\tnote\na b\t\tx\nc\t1"
        );
    }

    #[test]
    fn preformatted_text_is_kept_verbatim() {
        assert_eq!(
            text("<p>Run:</p><pre>  a\n    b</pre>"),
            "Run:\n\n  a\n    b"
        );
    }

    #[test]
    fn formulas_are_their_latex() {
        assert_eq!(
            text("<p>Mass <math alttext='{\\displaystyle m_{0}}'></math> rests.</p>"),
            "Mass m_{0} rests."
        );
    }

    #[test]
    fn image_only_blocks_add_nothing() {
        assert_eq!(
            text("<p>a</p><p><img src='x.png' alt='x'></p><p>b</p>"),
            "a\n\nb"
        );
    }
}

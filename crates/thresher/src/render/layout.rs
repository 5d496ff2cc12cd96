//! Kept blocks -> a small document tree (headings, paragraphs, code, lists,
//! tables, quotes) that every renderer walks, so that text, Markdown and
//! HTML agree on structure.
//!
//! Blocks are flat and in reading order; each carries its list, table and
//! quote context ([`ListPosition`](crate::blocks::ListPosition),
//! [`CellPosition`](crate::blocks::CellPosition), `quoted`). Consecutive
//! blocks that share a context are regrouped here.

use crate::blocks::{Block, BlockKind};
use crate::dom::NodeId;

/// A piece of the output document.
#[derive(Debug)]
pub enum Node<'a> {
    /// `h1`–`h6`.
    Heading(u8, &'a Block),
    /// A run of prose: paragraphs, captions, definitions, loose text.
    Paragraph(&'a Block),
    /// Preformatted text.
    Code(&'a Block),
    /// A list and its items.
    List {
        /// Numbered.
        ordered: bool,
        /// The items, in order.
        items: Vec<Vec<Node<'a>>>,
    },
    /// A table of at least [`MIN_TABLE_COLUMNS`] columns.
    Table(Table<'a>),
    /// A block quote.
    Quote(Vec<Node<'a>>),
}

/// A grid of cells; each cell is the blocks of one `td`/`th`, and missing
/// cells are `None`.
#[derive(Debug)]
pub struct Table<'a> {
    /// Rows, each `columns` wide.
    pub rows: Vec<Vec<Option<Cell<'a>>>>,
    /// The widest row.
    pub columns: usize,
}

/// The blocks of one table cell.
#[derive(Debug)]
pub struct Cell<'a> {
    /// A `th`.
    pub header: bool,
    /// Its blocks, in order.
    pub blocks: Vec<&'a Block>,
}

/// Tables narrower than this are laid out as their cells' blocks: a
/// one-column table is a layout device, not data.
pub const MIN_TABLE_COLUMNS: usize = 2;

/// Columns beyond this are dropped: no data table is wider, and it bounds
/// the grid a hostile `colspan` can make.
const MAX_TABLE_COLUMNS: usize = 64;

/// Lays out the kept blocks.
pub fn layout<'a>(blocks: &[&'a Block]) -> Vec<Node<'a>> {
    nodes(blocks, 0, false, None)
}

/// Lays out `blocks`, all at list depth >= `depth`; `quoted` is true when
/// they are already inside a quote. The cells of the table `flat` are laid
/// out as the blocks they hold: a table too narrow to be one, or a layout
/// table.
fn nodes<'a>(blocks: &[&'a Block], depth: u8, quoted: bool, flat: Option<NodeId>) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let b = blocks[i];
        let run_len =
            |same: &dyn Fn(&Block) -> bool| blocks[i..].iter().take_while(|x| same(x)).count();
        if b.quoted && !quoted {
            let n = run_len(&|x| x.quoted);
            out.push(Node::Quote(nodes(&blocks[i..i + n], depth, true, flat)));
            i += n;
        } else if let Some(cell) = b
            .cell
            .filter(|c| c.list_depth <= depth && Some(c.table) != flat)
        {
            // The table comes before any list in its cells, which stay in
            // their cells.
            let n =
                run_len(&|x| x.cell.is_some_and(|c| c.table == cell.table) && x.quoted == b.quoted);
            let run = &blocks[i..i + n];
            match table(run) {
                Some(t) => out.push(Node::Table(t)),
                None => out.extend(nodes(run, depth, quoted, Some(cell.table))),
            }
            i += n;
        } else if b.list_depth > depth && b.list.is_some() {
            let n = run_len(&|x| x.list_depth > depth && x.list.is_some() && x.quoted == b.quoted);
            out.extend(lists(&blocks[i..i + n], depth + 1, quoted, flat));
            i += n;
        } else {
            if !(b.cell.is_some() && is_line_number_gutter(b)) {
                out.push(leaf(b));
            }
            i += 1;
        }
    }
    out
}

/// True for the column of line numbers a code viewer lays beside its code
/// in a table: preformatted text that counts 1, 2, 3 … a line each.
fn is_line_number_gutter(b: &Block) -> bool {
    b.kind == BlockKind::Preformatted
        && b.text
            .split_whitespace()
            .enumerate()
            .all(|(i, n)| n.parse::<usize>().is_ok_and(|n| n == i + 1))
}

fn leaf(b: &Block) -> Node<'_> {
    match b.kind {
        BlockKind::Heading(level) => Node::Heading(level.clamp(1, 6), b),
        BlockKind::Preformatted => Node::Code(b),
        _ => Node::Paragraph(b),
    }
}

/// Lists at `depth` made of `blocks` (all at that depth or deeper). A new
/// list starts where the list element changes; a new item where the `li`
/// changes. Deeper blocks belong to the item before them.
fn lists<'a>(blocks: &[&'a Block], depth: u8, quoted: bool, flat: Option<NodeId>) -> Vec<Node<'a>> {
    struct Open<'a> {
        list: Option<NodeId>,
        ordered: bool,
        items: Vec<(Option<NodeId>, Vec<&'a Block>)>,
    }
    let mut done: Vec<Open<'a>> = Vec::new();
    for &b in blocks {
        let here = b.list_depth == depth;
        let pos = b.list.filter(|_| here);
        let list = pos.map(|p| p.list);
        let item = pos.and_then(|p| p.item);
        let new_list = match done.last() {
            None => true,
            Some(open) => here && open.list.is_some() && open.list != list,
        };
        if new_list {
            done.push(Open {
                list,
                ordered: here && b.ordered,
                items: Vec::new(),
            });
        }
        let Some(open) = done.last_mut() else {
            continue;
        };
        if open.list.is_none() && here {
            open.list = list;
            open.ordered = b.ordered;
        }
        let new_item = match open.items.last() {
            None => true,
            Some((last, _)) => here && (item.is_none() || *last != item),
        };
        if new_item {
            open.items.push((item, Vec::new()));
        }
        if let Some((_, members)) = open.items.last_mut() {
            members.push(b);
        }
    }
    done.into_iter()
        .map(|open| Node::List {
            ordered: open.ordered,
            items: open
                .items
                .into_iter()
                .map(|(_, members)| nodes(&members, depth, quoted, flat))
                .collect(),
        })
        .collect()
}

/// The grid of one table's kept cells, or `None` when it is too narrow to
/// be a table.
fn table<'a>(blocks: &[&'a Block]) -> Option<Table<'a>> {
    /// A cell as found: its column, its element, its blocks.
    type Found<'a> = (usize, NodeId, Cell<'a>);
    let mut rows: Vec<(NodeId, Vec<Found<'a>>)> = Vec::new();
    for &b in blocks {
        let Some(c) = b.cell else { continue };
        if !matches!(rows.last(), Some((row, _)) if *row == c.row) {
            rows.push((c.row, Vec::new()));
        }
        let Some((_, cells)) = rows.last_mut() else {
            continue;
        };
        match cells.last_mut() {
            Some((_, id, cell)) if *id == c.cell => cell.blocks.push(b),
            _ => cells.push((
                usize::from(c.column),
                c.cell,
                Cell {
                    header: c.header,
                    blocks: vec![b],
                },
            )),
        }
    }
    let columns = rows
        .iter()
        .filter_map(|(_, cells)| cells.last().map(|(col, _, _)| col + 1))
        .max()
        .unwrap_or(0)
        .min(MAX_TABLE_COLUMNS);
    // Code in a table is a code viewer's layout: the code, and the line
    // numbers beside it. Prose makes a layout table: the page's columns.
    if columns < MIN_TABLE_COLUMNS
        || blocks
            .iter()
            .any(|b| b.kind == BlockKind::Preformatted || !b.fits_data_table())
    {
        return None;
    }
    let rows = rows
        .into_iter()
        .map(|(_, cells)| {
            let mut grid: Vec<Option<Cell<'a>>> = (0..columns).map(|_| None).collect();
            for (col, _, cell) in cells {
                if let Some(slot) = grid.get_mut(col) {
                    match slot {
                        Some(existing) => existing.blocks.extend(cell.blocks),
                        None => *slot = Some(cell),
                    }
                }
            }
            grid
        })
        .collect();
    Some(Table { rows, columns })
}

/// The content of a preformatted block, verbatim: its text pieces joined,
/// with the blank line a browser drops after `<pre>` and trailing blank
/// lines removed.
pub fn preformatted(b: &Block) -> String {
    use crate::blocks::Inline;
    let mut s = String::new();
    for i in &b.inlines {
        match i {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::LineBreak => s.push('\n'),
            Inline::Image { .. } => {}
            Inline::Formula { tex, .. } => s.push_str(tex),
        }
    }
    let s = s.replace("\r\n", "\n");
    let start = s.len() - s.trim_start_matches(['\n', '\r']).len();
    s[start..].trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(html: &str) -> String {
        let doc = crate::dom::parse(html, None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        let refs: Vec<&Block> = blocks.iter().collect();
        fn show(n: &Node<'_>) -> String {
            match n {
                Node::Heading(l, b) => format!("h{l}({})", b.text),
                Node::Paragraph(b) => format!("p({})", b.text),
                Node::Code(b) => format!("code({})", b.text),
                Node::List { ordered, items } => format!(
                    "{}[{}]",
                    if *ordered { "ol" } else { "ul" },
                    items
                        .iter()
                        .map(|i| i.iter().map(show).collect::<Vec<_>>().join(" "))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Node::Table(t) => format!("table{}x{}", t.rows.len(), t.columns),
                Node::Quote(inner) => format!(
                    "quote({})",
                    inner.iter().map(show).collect::<Vec<_>>().join(" ")
                ),
            }
        }
        layout(&refs).iter().map(show).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn nested_lists_and_multi_block_items() {
        assert_eq!(
            shape("<ol><li>a<ul><li>a1</li><li>a2</li></ul></li><li><p>b</p><p>b2</p></li></ol>"),
            "ol[p(a) ul[p(a1), p(a2)], p(b) p(b2)]"
        );
    }

    #[test]
    fn adjacent_lists_stay_apart() {
        assert_eq!(
            shape("<ul><li>a</li></ul><ol><li>b</li></ol>"),
            "ul[p(a)] ol[p(b)]"
        );
    }

    #[test]
    fn tables_quotes_and_code() {
        assert_eq!(
            shape("<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>"),
            "table2x2"
        );
        assert_eq!(shape("<table><tr><td>only</td></tr></table>"), "p(only)");
        // A layout table: the page's columns, with a data table inside.
        assert_eq!(
            shape(&format!("<table><tr><td>Home</td><td><h1>Budget</h1><p>{}</p><table><tr><td>Roads</td><td>12</td></tr></table></td></tr></table>", "Spending rises. ".repeat(31))),
            format!("p(Home) h1(Budget) p({}) table1x2", "Spending rises. ".repeat(31).trim_end())
        );
        assert_eq!(
            shape("<blockquote><p>q</p><p>r</p></blockquote><pre>x</pre>"),
            "quote(p(q) p(r)) code(x)"
        );
    }

    #[test]
    fn a_list_in_a_cell_stays_in_its_table_and_a_table_in_a_list_in_its_item() {
        assert_eq!(
            shape("<table><tr><td>a</td><td><ul><li>x</li><li>y</li></ul></td></tr><tr><td>b</td><td>z</td></tr></table>"),
            "table2x2"
        );
        assert_eq!(
            shape("<ul><li>item<table><tr><td>k</td><td>v</td></tr></table></li></ul>"),
            "ul[p(item) table1x2]"
        );
        assert_eq!(
            shape("<table><tr><td><ul><li>x</li><li>y</li></ul></td></tr></table>"),
            "ul[p(x), p(y)]"
        );
    }

    #[test]
    fn a_code_viewer_table_is_its_code_without_line_numbers() {
        assert_eq!(
            shape(
                "<table><tr><td><pre>1\n2</pre></td><td><pre>a = 1\nb = 2</pre></td></tr></table>"
            ),
            "code(a = 1\nb = 2)"
        );
    }

    #[test]
    fn preformatted_text_keeps_indentation() {
        let doc =
            crate::dom::parse("<pre>\nfn main() {\n    go();\n}\n\n</pre>", None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        assert_eq!(preformatted(&blocks[0]), "fn main() {\n    go();\n}");
    }
}

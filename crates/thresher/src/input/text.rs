//! Captured text -> blocks (text mode).
//!
//! Text that a crawler already stripped of its tags (Common Crawl's WET
//! records, corpora built from them, a browser's "select all, copy") keeps
//! one visible text run per line, blank lines where blocks were apart, and
//! leading spaces where lists nested. Each non-blank line becomes one
//! [`Block`] and enters the pipeline at the blocks stage; classify, select
//! and render are shared with HTML mode.
//!
//! # How a line fits into `Block`
//! `Block` was made for HTML: it names the element that owns its text. A line
//! of captured text has no element, so:
//! - `owner` is the root of an empty document for every line: no stage of
//!   text mode looks at owners, and the HTML stages are never called with
//!   text blocks;
//! - `span` is the line's byte range in the input text, trimmed of
//!   surrounding whitespace, so `removed[].start/end` point into the text
//!   exactly as they point into the HTML source in HTML mode;
//! - `kind` is [`BlockKind::Paragraph`], the text one plain inline run.
//!
//! This keeps one `Block` type and every renderer unchanged; the layout
//! that only text has (indentation, blank lines between lines) is read back
//! from the spans by [`crate::classify::text`].

use crate::blocks::{Block, BlockId, BlockKind, BlockStats, Inline, Marks};
use crate::config::Config;
use crate::dom::{DocumentBuilder, Span};
use crate::error::{Error, ErrorKind};

/// Refuses text that cannot be cleaned: empty, or over the size limit.
pub(crate) fn check(text: &str, config: &Config) -> Result<(), Error> {
    if text.len() > config.max_input_bytes {
        return Err(Error::new(ErrorKind::TooLarge {
            bytes: text.len(),
            limit: config.max_input_bytes,
        }));
    }
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty));
    }
    Ok(())
}

/// Cuts captured text into blocks: one per non-blank line, in order.
#[doc(hidden)]
pub fn segment(text: &str) -> Vec<Block> {
    let owner = DocumentBuilder::new().root();
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let mut blocks = Vec::with_capacity(lines);
    let mut start = 0usize;
    for line in text.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let trimmed_start = line.len() - line.trim_start().len();
        let content = line.trim();
        if content.is_empty() {
            continue;
        }
        let span_start = line_start + trimmed_start;
        let span = Span {
            start: span_start as u32,
            end: (span_start + content.len()) as u32,
        };
        let inlines = vec![Inline::Text {
            text: content.to_owned(),
            marks: Marks::default(),
            href: None,
        }];
        let stats = BlockStats::of(&inlines, content);
        blocks.push(Block {
            id: BlockId(blocks.len() as u32),
            owner,
            span,
            kind: BlockKind::Paragraph,
            inlines,
            text: content.to_owned(),
            list_depth: 0,
            ordered: false,
            list: None,
            quoted: false,
            cell: None,
            stats,
            hidden: None,
            code_language: None,
        });
    }
    blocks
}

/// The text of `block` as it stands in `text`.
pub fn source<'t>(text: &'t str, block: &Block) -> &'t str {
    &text[block.span.start as usize..block.span.end as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_block_per_non_blank_line_with_its_byte_range() {
        let text = "Title\r\n\n  Indented line \nLast";
        let b = segment(text);
        let texts: Vec<_> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Title", "Indented line", "Last"]);
        for block in &b {
            assert_eq!(source(text, block), block.text);
        }
        assert_eq!(b[1].span.start, 10);
        assert_eq!(b[2].id, BlockId(2));
    }

    #[test]
    fn empty_and_oversized_text_is_refused() {
        let small = Config {
            max_input_bytes: 4,
            ..Config::default()
        };
        let kind = |t: &str| check(t, &small).map_err(|e| e.kind().clone());
        assert_eq!(kind(" \n\t"), Err(ErrorKind::Empty));
        assert!(matches!(kind("hello"), Err(ErrorKind::TooLarge { .. })));
        assert_eq!(kind("ok"), Ok(()));
    }

    #[test]
    fn counts_are_those_of_html_blocks() {
        let b = segment("Two words, then more.");
        assert_eq!(b[0].stats.words, 4);
        assert_eq!(b[0].stats.commas, 1);
        assert!(b[0].stats.ends_with_terminal);
    }
}

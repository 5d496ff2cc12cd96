//! Labels -> Selection: which blocks are kept, and every removed block with
//! the label and rule that removed it. This is the only place that decides;
//! renderers read the result and never recompute it.
//!
//! Readers' comments are decided in two steps. [`select`] keeps the blocks
//! labelled [`Label::Comments`] that the model kept with the content, so
//! that the page type is
//! worked out on the page as its posts make it (a forum thread is its
//! posts); [`settle_comments`] then removes them, unless the page is a
//! forum or Q&A thread or the caller asked for comments.
//!
//! Last, [`settle_tables`] decides each data table whole, for the
//! article's structure: renderers never get a table with holes.

use crate::blocks::{Block, BlockId};
use crate::classify::{Label, Labeled};
use crate::config::Config;
use crate::dom::NodeId;
use crate::hash::{text_hash, FastMap, FastSet};
use crate::page_type::PageType;
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

/// What became of a block, as the stages after selection see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockFate {
    /// Kept as content.
    Kept,
    /// Removed as boilerplate (of any kind but hidden).
    Removed,
    /// Removed as hidden by markup: not part of the page a reader sees,
    /// so not counted in the page's size either.
    Hidden,
}

impl Selection {
    /// Each block's label as selected, indexed by block, for `blocks`
    /// blocks: content when kept, the removal's label otherwise.
    pub fn block_labels(&self, blocks: usize) -> Vec<Label> {
        let mut labels = vec![Label::Content; blocks];
        for r in &self.removed {
            if let Some(l) = labels.get_mut(r.block.index()) {
                *l = r.label;
            }
        }
        labels
    }

    /// Each block's [`BlockFate`], indexed by block, for `blocks` blocks.
    pub fn fates(&self, blocks: usize) -> Vec<BlockFate> {
        self.block_labels(blocks)
            .into_iter()
            .map(|l| match l {
                Label::Content => BlockFate::Kept,
                Label::Hidden => BlockFate::Hidden,
                _ => BlockFate::Removed,
            })
            .collect()
    }
}

/// Splits labelled blocks into kept and removed. A page whose content
/// blocks add up to a handful of words has no main content (a shop's empty
/// shell, an error page): everything is removed rather than a stray label
/// passed off as the page. A content block that repeats the text of one
/// kept before it is removed as a duplicate: pages laid out twice (desktop
/// and mobile copies) would otherwise come out twice. Comments count as
/// content here, until [`settle_comments`] decides on them.
pub fn select(labels: &[Labeled], blocks: &[Block], tuning: &Tuning) -> Selection {
    let content_words: u32 = labels
        .iter()
        .filter(|l| provisional(l, &blocks[l.block.index()]))
        .map(|l| blocks[l.block.index()].stats.words)
        .sum();
    let no_content = content_words < tuning.min_content_words;
    let mut sel = Selection::default();
    let mut kept_texts = FastSet::default();
    let mut key_buf = String::new();
    for l in labels {
        let block = &blocks[l.block.index()];
        let content = provisional(l, block);
        if content && no_content {
            sel.removed.push(Removed {
                block: l.block,
                label: Label::Other,
                rule: "no-main-content",
            });
        } else if content
            && block.stats.words >= tuning.min_duplicate_words
            && repeats_layout(block)
            && !kept_texts.insert(text_key(&block.text, &mut key_buf))
        {
            sel.removed.push(Removed {
                block: l.block,
                label: Label::Duplicate,
                rule: "repeated-text",
            });
        } else if content {
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

/// True for a block whose repetition means the page was laid out twice:
/// not a table cell, whose value recurs in other rows and tables. (A
/// heading that a table of contents echoes is no duplicate either: the
/// contents are removed as such, `rules::in_page_contents`.)
fn repeats_layout(block: &Block) -> bool {
    block.cell.is_none()
}

/// Blocks kept by [`select`]: content, and the comments the model kept
/// until [`settle_comments`] decides on them.
fn provisional(l: &Labeled, _block: &Block) -> bool {
    l.label == Label::Content || (l.label == Label::Comments && l.overruled)
}

/// Fewest words of a sentence that makes a comment's post.
const MIN_POST_WORDS: u32 = 5;

/// True for a block labelled comments that reads as a reader's post: a
/// sentence that is not the section's policy notice. A caller who keeps
/// comments gets these back even where the model removed them; the
/// section's furniture ("Reply", names and dates, the form's labels) never
/// comes back.
pub fn is_comment_post(l: &Labeled, block: &Block) -> bool {
    l.label == Label::Comments
        && (l.overruled
            || (block.stats.words >= MIN_POST_WORDS
                && block.stats.sentence_ends > 0
                && !crate::wording::is_comment_policy(&block.text)))
}

/// A page whose other content is shorter than this many words, under
/// comments that outweigh it ([`MIN_THREAD_POSTS_RATIO`]), is a thread:
/// a question or a link and its replies, whatever the page type says.
const MAX_THREAD_LEAD_WORDS: u32 = 250;

/// How many times the words of a thread's opening its posts outweigh.
const MIN_THREAD_POSTS_RATIO: u32 = 2;

/// True when the page keeps its readers' comments: the caller asked for
/// them ([`Config::include_comments`]), the page is a forum or Q&A thread,
/// or its posts outweigh a short opening (`MAX_THREAD_LEAD_WORDS`),
/// which makes it one whatever else the page type read. `lead_words` and
/// `post_words` count the words kept of other content and of comments.
pub fn keeps_comments(
    config: &Config,
    page_type: PageType,
    lead_words: u32,
    post_words: u32,
) -> bool {
    config.include_comments
        || page_type == PageType::Forum
        || (lead_words < MAX_THREAD_LEAD_WORDS
            && post_words >= lead_words.saturating_mul(MIN_THREAD_POSTS_RATIO))
}

/// The selection with the blocks labelled [`Label::Comments`] removed
/// (labelled `comments`, with the rule that named them), unless
/// [`keeps_comments`] says the page keeps them. A caller who asked for
/// comments also gets back the posts the model removed
/// ([`is_comment_post`]); a forum or thread keeps what the model kept.
pub fn settle_comments(
    labels: &[Labeled],
    blocks: &[Block],
    selection: Selection,
    page_type: PageType,
    config: &Config,
) -> Selection {
    let label_of = |id: BlockId| {
        labels
            .get(id.index())
            .filter(|l| l.block == id)
            .or_else(|| labels.iter().find(|l| l.block == id))
    };
    let is_comment = |id: BlockId| label_of(id).is_some_and(|l| l.label == Label::Comments);
    let (mut lead_words, mut post_words) = (0u32, 0u32);
    for &id in &selection.kept {
        let words = blocks[id.index()].stats.words;
        if is_comment(id) {
            post_words = post_words.saturating_add(words);
        } else {
            lead_words = lead_words.saturating_add(words);
        }
    }
    if config.include_comments {
        // The posts the model removed come back too.
        let (mut kept, mut removed) = (selection.kept, Vec::new());
        for r in selection.removed {
            let post =
                label_of(r.block).is_some_and(|l| is_comment_post(l, &blocks[r.block.index()]));
            if post {
                kept.push(r.block);
            } else {
                removed.push(r);
            }
        }
        kept.sort_by_key(|id| id.0);
        return Selection { kept, removed };
    }
    if post_words == 0 || keeps_comments(config, page_type, lead_words, post_words) {
        return selection;
    }
    let mut out = Selection {
        kept: Vec::with_capacity(selection.kept.len()),
        removed: selection.removed,
    };
    for id in selection.kept {
        match label_of(id).filter(|l| l.label == Label::Comments) {
            Some(l) => out.removed.push(Removed {
                block: id,
                label: Label::Comments,
                rule: l.because.first().copied().unwrap_or("unlabelled"),
            }),
            None => out.kept.push(id),
        }
    }
    out.removed.sort_by_key(|r| r.block.0);
    out
}

/// The share of a data table's characters that, kept, keeps the whole
/// table: a table is data read across its rows, and a cell dropped from it
/// shifts the rest. Half: in-sample, deciding tables whole at half moved
/// WCXB by +0.0003 and trafilatura-eval by +0.0002 (runs/LAB_NOTES.md).
const MIN_KEPT_TABLE_SHARE: f64 = 0.5;

/// Tables are decided whole, for the article's structure rather than
/// cell by cell: a data table (`data_tables`) whose kept cells hold at
/// least `MIN_KEPT_TABLE_SHARE` of its text is kept whole, and one whose
/// kept cells hold less is removed whole (labelled [`Label::Other`], rule
/// `table-mostly-removed`). Hidden cells stay removed.
pub fn settle_tables(blocks: &[Block], selection: Selection) -> Selection {
    let fates = selection.fates(blocks.len());
    let mut flip = vec![false; blocks.len()];
    for members in data_tables(blocks, &fates) {
        let chars = |kept: bool| -> u64 {
            members
                .iter()
                .filter(|&&i| (fates[i] == BlockFate::Kept) == kept)
                .map(|&i| u64::from(blocks[i].stats.chars))
                .sum()
        };
        let (kept_chars, removed_chars) = (chars(true), chars(false));
        if kept_chars + removed_chars == 0 {
            // A grid of images is a gallery or a layout: its blocks decide.
            continue;
        }
        let keep = kept_chars as f64 >= MIN_KEPT_TABLE_SHARE * (kept_chars + removed_chars) as f64;
        for &i in &members {
            flip[i] = (fates[i] == BlockFate::Kept) != keep;
        }
    }
    if !flip.contains(&true) {
        return selection;
    }
    let Selection { kept, removed } = selection;
    let mut out = Selection::default();
    for id in kept {
        if flip[id.index()] {
            out.removed.push(Removed {
                block: id,
                label: Label::Other,
                rule: "table-mostly-removed",
            });
        } else {
            out.kept.push(id);
        }
    }
    for r in removed {
        if flip[r.block.index()] {
            out.kept.push(r.block);
        } else {
            out.removed.push(r);
        }
    }
    out.kept.sort_unstable_by_key(|id| id.0);
    out.removed.sort_by_key(|r| r.block.0);
    out
}

/// The data tables among the blocks a reader sees, each as its blocks'
/// indices: tables of two rows and two columns at least, of blocks that
/// fit a data table ([`Block::fits_data_table`]).
fn data_tables(blocks: &[Block], fates: &[BlockFate]) -> Vec<Vec<usize>> {
    let mut tables: Vec<Vec<usize>> = Vec::new();
    let mut index: FastMap<NodeId, usize> = FastMap::default();
    for (i, b) in blocks.iter().enumerate() {
        let Some(c) = b.cell else { continue };
        if fates[i] == BlockFate::Hidden {
            continue;
        }
        let k = *index.entry(c.table).or_insert_with(|| {
            tables.push(Vec::new());
            tables.len() - 1
        });
        tables[k].push(i);
    }
    fn distinct<T: Ord>(mut v: Vec<T>) -> usize {
        v.sort_unstable();
        v.dedup();
        v.len()
    }
    tables.retain(|members| {
        let cells = || members.iter().filter_map(|&i| blocks[i].cell);
        distinct(cells().map(|c| c.row).collect()) >= 2
            && distinct(cells().map(|c| c.column).collect()) >= 2
            && members.iter().all(|&i| blocks[i].fits_data_table())
    });
    tables
}

/// A hash of the text with case and runs of white space evened out, so
/// that two renderings of one paragraph compare equal. A page holds too few
/// blocks for a 64-bit collision to matter.
fn text_key(text: &str, buf: &mut String) -> u64 {
    crate::wording::normalise_into(buf, text);
    text_hash(buf)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every block labelled content, as if the classifier kept them all.
    pub(crate) fn content_labels(blocks: &[Block]) -> Vec<Labeled> {
        blocks
            .iter()
            .map(|b| Labeled {
                block: b.id,
                label: Label::Content,
                score: 1.0,
                overruled: false,
                because: vec!["test"],
            })
            .collect()
    }

    fn all_content(html: &str) -> (Vec<Block>, Selection) {
        let doc = crate::dom::parse(html, None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        let sel = select(&content_labels(&blocks), &blocks, &Tuning::default());
        (blocks, sel)
    }

    #[test]
    fn a_page_with_a_few_stray_words_has_no_content() {
        // Whatever the classifier says of it, one word is no main content.
        let (_, sel) = all_content("<body><main><p>Loading</p></main></body>");
        assert!(sel.kept.is_empty());
        assert_eq!(sel.removed[0].rule, "no-main-content");
    }

    #[test]
    fn a_paragraph_kept_twice_comes_out_once() {
        // The desktop and the mobile copy of one story, the second with
        // other spacing and case.
        let (blocks, sel) = all_content(
            "<body><div><p>The council met on Tuesday to vote on the budget.</p>\
             <p>It passed by nine votes to four.</p></div>\
             <div><p>The council  met on Tuesday\nto vote on the BUDGET.</p>\
             <p>It passed by nine votes to four.</p></div></body>",
        );
        assert_eq!(sel.kept.len(), 2);
        assert_eq!(sel.removed.len(), 2);
        for r in &sel.removed {
            assert_eq!(r.label, Label::Duplicate);
            assert_eq!(r.rule, "repeated-text");
        }
        assert!(blocks[sel.kept[0].index()].text.starts_with("The council"));
    }

    #[test]
    fn a_value_recurring_in_table_cells_is_no_duplicate() {
        let (_, sel) = all_content(
            "<body><table><tr><th>Station</th><th>Surveyor</th></tr>\
             <tr><td>Upper bog spring</td><td>Maria Lindqvist</td></tr>\
             <tr><td>Lower bog spring</td><td>Maria Lindqvist</td></tr></table>\
             <table><tr><th>Stretch</th><th>Walked by</th></tr>\
             <tr><td>Upper bog spring</td><td>Maria Lindqvist</td></tr></table></body>",
        );
        assert!(sel.removed.is_empty(), "{:?}", sel.removed);
    }

    /// The blocks of `html` with the blocks whose text contains one of
    /// `removed` removed (labelled other), the rest kept.
    fn with_removed(html: &str, removed: &[&str]) -> (Vec<Block>, Selection) {
        let doc = crate::dom::parse(html, None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        let mut sel = Selection::default();
        for b in &blocks {
            if removed.iter().any(|r| b.text.contains(r)) {
                sel.removed.push(Removed {
                    block: b.id,
                    label: Label::Other,
                    rule: "test",
                });
            } else {
                sel.kept.push(b.id);
            }
        }
        (blocks, sel)
    }

    const TABLE: &str = "<table><tr><th>Station</th><th>Oxygen</th></tr>\
        <tr><td>Upper bog</td><td>10.8</td></tr>\
        <tr><td>Fox bridge</td><td>10.1</td></tr></table>";

    #[test]
    fn a_mostly_kept_table_is_kept_whole() {
        let (blocks, sel) = with_removed(TABLE, &["Station", "10.1"]);
        let sel = settle_tables(&blocks, sel);
        assert!(sel.removed.is_empty(), "{:?}", sel.removed);
        assert_eq!(sel.kept.len(), blocks.len());
    }

    #[test]
    fn a_mostly_removed_table_is_removed_whole() {
        let (blocks, sel) = with_removed(TABLE, &["Station", "Oxygen", "Upper bog", "Fox"]);
        let sel = settle_tables(&blocks, sel);
        assert!(sel.kept.is_empty());
        assert!(sel.removed.iter().any(|r| r.rule == "table-mostly-removed"));
    }

    #[test]
    fn layout_tables_and_image_grids_are_decided_block_by_block() {
        let prose = "This column is a whole article of prose, laid out in a table cell the way old sites did it. ".repeat(8);
        let layout = format!(
            "<table><tr><td>Home</td><td><p>{prose}</p></td></tr><tr><td>About</td><td>x</td></tr></table>"
        );
        let (blocks, sel) = with_removed(&layout, &["Home", "About"]);
        assert_eq!(settle_tables(&blocks, sel.clone()), sel);
        let grid = "<table><tr><td><img src=a.jpg></td><td><img src=b.jpg></td></tr>\
                    <tr><td><img src=c.jpg></td><td><img src=d.jpg></td></tr></table>";
        let (blocks, sel) = with_removed(grid, &[]);
        assert_eq!(settle_tables(&blocks, sel.clone()), sel);
    }

    #[test]
    fn text_keys_ignore_case_and_spacing_in_any_script() {
        let key = |t: &str| text_key(t, &mut String::new());
        assert_eq!(key("L'ÉCOLE  ferme\nà Noël"), key("l'école ferme à noël"));
        assert_ne!(key("l'école ferme"), key("l'école fermée"));
        assert_ne!(key("ab c"), key("a bc"));
    }

    #[test]
    fn short_repeated_lines_are_not_duplicates() {
        // "Read more" under every card is content as often as not.
        let (_, sel) = all_content(
            "<body><p>The first story of the day is about the harbour.</p><p>Read more</p>\
             <p>The second story of the day is about the market.</p><p>Read more</p></body>",
        );
        assert_eq!(sel.kept.len(), 4);
        assert!(sel.removed.is_empty());
    }

    #[test]
    fn comments_are_kept_until_settled() {
        let doc = crate::dom::parse(
            "<body><p>The council met on Tuesday to vote on the budget.</p>\
             <p>It passed by nine votes to four, after a long debate.</p>\
             <p>Great news for the town.</p></body>",
            None,
        )
        .expect("parses");
        let blocks = crate::blocks::segment(&doc);
        let mut labels = content_labels(&blocks);
        labels[2].label = Label::Comments;
        labels[2].overruled = true;
        labels[2].because = vec!["comment-section"];
        let sel = select(&labels, &blocks, &Tuning::default());
        assert_eq!(sel.kept.len(), 3);
        let config = Config::default();
        let article = settle_comments(&labels, &blocks, sel.clone(), PageType::Article, &config);
        assert_eq!(article.kept.len(), 2);
        assert_eq!(
            article.removed,
            [Removed {
                block: blocks[2].id,
                label: Label::Comments,
                rule: "comment-section"
            }]
        );
        let forum = settle_comments(&labels, &blocks, sel.clone(), PageType::Forum, &config);
        assert_eq!(forum.kept.len(), 3);
        let asked = Config {
            include_comments: true,
            ..Config::default()
        };
        assert_eq!(
            settle_comments(&labels, &blocks, sel.clone(), PageType::Article, &asked)
                .kept
                .len(),
            3
        );
    }

    #[test]
    fn posts_that_outweigh_a_short_opening_make_a_thread() {
        let config = Config::default();
        // A question of 60 words and 400 words of replies: a thread.
        assert!(keeps_comments(&config, PageType::Article, 60, 400));
        // An 800-word story under 5,000 words of comments: still a story.
        assert!(!keeps_comments(&config, PageType::Article, 800, 5000));
        // A short post with a few short comments keeps its own words only.
        assert!(!keeps_comments(&config, PageType::Article, 200, 150));
    }
}

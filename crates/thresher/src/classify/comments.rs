//! Comment sections: readers' comments under a post, the comment form and
//! the notices around it, found by evidence that survives generated class
//! names.
//!
//! A section starts from an anchor that says where it begins:
//!
//! - a heading that announces comments ("12 Comments", "Leave a Reply",
//!   "Kommentare", "Comentarios (4)": `wording::announces_comments`). The
//!   section is the heading, climbed up through the containers it opens
//!   (those with no text before it), and the siblings after it;
//! - an element whose class or id names comments ([`is_comment_token`]);
//! - schema.org `Comment` / `UserComments` microdata.
//!
//! An anchor is only a section when the subtree also shows a second, different
//! sign ([`Sign`]): an announcing heading, a text box to write in, reply or
//! permalink buttons and pingbacks, two or more dates (`<time>`), comment
//! microdata, a comment class/id, or comment-policy wording ("Your email
//! address will not be published"). A section never holds the page's `<h1>`
//! nor wraps the content region's best container: those mean the anchor
//! reached past the comments into the story.
//!
//! Whether the comments are kept is decided after selection
//! (`select::settle_comments`): forum threads and callers who ask for them
//! keep them.
//!
//! The class/id tokens here are read by this module alone, not by
//! [`super::hints`], whose tokens feed the block model's features: the
//! model is trained on those and must not change under it.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::region::Region;
use crate::blocks::Block;
use crate::dom::{Document, NodeId, Tag};
use crate::wording;

/// One kind of evidence that a subtree is a comment section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Sign {
    /// A heading that announces comments.
    Heading = 1,
    /// A text box to write a comment in.
    TextBox = 1 << 1,
    /// Reply or permalink buttons, pingbacks.
    ReplyButton = 1 << 2,
    /// Two or more dates (`<time>` elements).
    Dates = 1 << 3,
    /// schema.org `Comment` or `UserComments` microdata.
    Microdata = 1 << 4,
    /// A class or id naming comments.
    ClassName = 1 << 5,
    /// Comment-policy wording.
    Policy = 1 << 6,
}

/// Not a sign: the subtree holds an `<h1>`, the page's headline.
const HEADLINE: u8 = 1 << 7;

/// Signs of different kinds a section needs, its anchor's included.
const MIN_SIGNS: u32 = 2;

/// Dates a subtree needs for [`Sign::Dates`]: a story has one.
const MIN_DATES: u16 = 2;

/// Longest comment-policy block looked at: longer text is prose that
/// mentions a policy.
const MAX_POLICY_CHARS: u32 = 300;

/// The comment sections of a page.
#[derive(Debug, Default)]
pub struct CommentSections {
    /// Whether each node is the root of a section (empty when none is).
    roots: Vec<bool>,
}

impl CommentSections {
    /// True when `node` lies in a comment section.
    pub fn contains(&self, doc: &Document, node: NodeId) -> bool {
        !self.roots.is_empty() && doc.ancestors_and_self(node).any(|n| self.roots[n.index()])
    }

    /// True when the page has a comment section.
    pub fn any(&self) -> bool {
        !self.roots.is_empty()
    }
}

/// True for a class/id word that names comments: `comments`,
/// `comment-list`, `commentlist`, `respond`, `replies`, `disqus_thread`,
/// `kommentare`, `comentarios`, `commentaires` (but not `commentary`, an
/// opinion column).
pub fn is_comment_token(word: &str) -> bool {
    // Every class and id word of the page comes through here: compared in
    // place, case aside, without a lower-cased copy.
    let starts = |part: &str, p: &str| {
        part.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    let contains = |part: &str, p: &str| {
        part.as_bytes()
            .windows(p.len())
            .any(|w| w.eq_ignore_ascii_case(p.as_bytes()))
    };
    word.split(['-', '_']).any(|part| {
        (starts(part, "comment") && !starts(part, "commentar"))
            || starts(part, "commentaire")
            || starts(part, "kommentar")
            || starts(part, "comentario")
            || starts(part, "komentarz")
            || contains(part, "disqus")
            || part.eq_ignore_ascii_case("respond")
            || part.eq_ignore_ascii_case("replies")
    })
}

/// Every word [`is_comment_token`] accepts holds one of these: a class or
/// id without any of them is passed over in one scan.
static COMMENT_TOKEN_STEMS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "comment",
            "kommentar",
            "comentario",
            "komentarz",
            "disqus",
            "respond",
            "replies",
        ])
        .expect("the stems are valid literal patterns")
});

fn has_comment_class(doc: &Document, node: NodeId) -> bool {
    let Some(e) = doc.element(node) else {
        return false;
    };
    ["class", "id"].into_iter().any(|name| {
        e.attr(name).is_some_and(|v| {
            COMMENT_TOKEN_STEMS.is_match(v) && v.split_ascii_whitespace().any(is_comment_token)
        })
    })
}

fn has_comment_microdata(doc: &Document, node: NodeId) -> bool {
    let Some(e) = doc.element(node) else {
        return false;
    };
    let typed = e.attr("itemtype").is_some_and(|t| {
        t.split_ascii_whitespace().any(|t| {
            let name = t.rsplit('/').next().unwrap_or(t);
            name.eq_ignore_ascii_case("comment") || name.eq_ignore_ascii_case("usercomments")
        })
    });
    let prop = e
        .attr("itemprop")
        .is_some_and(|p| p.split_ascii_whitespace().any(|p| p == "comment"));
    typed || prop
}

/// Each node's signs in its subtree, and its dates.
struct Tally {
    bits: Vec<u8>,
    dates: Vec<u16>,
}

impl Tally {
    fn mark(&mut self, doc: &Document, node: NodeId, bit: u8) {
        for n in doc.ancestors_and_self(node) {
            if self.bits[n.index()] & bit != 0 {
                break;
            }
            self.bits[n.index()] |= bit;
        }
    }

    fn date(&mut self, doc: &Document, node: NodeId) {
        for n in doc.ancestors_and_self(node) {
            self.dates[n.index()] = self.dates[n.index()].saturating_add(1);
        }
    }

    /// The signs of the subtrees of `roots` together.
    fn signs(&self, roots: &[NodeId]) -> u8 {
        let bits = roots.iter().fold(0, |acc, r| acc | self.bits[r.index()]);
        let dates: u16 = roots.iter().map(|r| self.dates[r.index()]).sum();
        if dates >= MIN_DATES {
            bits | Sign::Dates as u8
        } else {
            bits
        }
    }
}

fn in_link(doc: &Document, node: NodeId) -> bool {
    doc.ancestors_and_self(node)
        .any(|n| matches!(doc.tag(n), Some(Tag::A | Tag::Button)))
}

fn is_page_wrapper(doc: &Document, node: NodeId) -> bool {
    doc.element(node).is_none() || matches!(doc.tag(node), Some(Tag::Body | Tag::Html))
}

/// True when `node` lies in the subtree of `ancestor`.
fn within(doc: &Document, node: NodeId, ancestor: NodeId) -> bool {
    doc.ancestors_and_self(node).any(|n| n == ancestor)
}

/// Finds the comment sections among the blocks a reader sees.
pub fn find(doc: &Document, seen: &[&Block], region: &Region) -> CommentSections {
    let mut tally = Tally {
        bits: vec![0; doc.len()],
        dates: vec![0; doc.len()],
    };
    let mut anchors: Vec<Vec<NodeId>> = Vec::new();
    let mut walk = doc.descendants(doc.root());
    while let Some(n) = walk.next() {
        let Some(e) = doc.element(n) else { continue };
        match e.tag {
            Tag::Script | Tag::Style | Tag::Template => {
                walk.skip_subtree(n);
                continue;
            }
            Tag::Textarea => tally.mark(doc, n, Sign::TextBox as u8),
            Tag::Time => tally.date(doc, n),
            Tag::H1 => tally.mark(doc, n, HEADLINE),
            Tag::A | Tag::Button
                if doc
                    .short_text(n, wording::MAX_REPLY_WORD_BYTES)
                    .is_some_and(|t| wording::is_reply_button(&t)) =>
            {
                tally.mark(doc, n, Sign::ReplyButton as u8)
            }
            _ => {}
        }
        if has_comment_class(doc, n) {
            tally.mark(doc, n, Sign::ClassName as u8);
            anchors.push(vec![n]);
        }
        if has_comment_microdata(doc, n) {
            tally.mark(doc, n, Sign::Microdata as u8);
            anchors.push(vec![n]);
        }
    }
    for (i, b) in seen.iter().enumerate() {
        if b.stats.chars <= MAX_POLICY_CHARS && wording::is_comment_policy(&b.text) {
            tally.mark(doc, b.owner, Sign::Policy as u8);
        }
        if wording::is_pingback(&b.text) {
            tally.mark(doc, b.owner, Sign::ReplyButton as u8);
        }
        if b.stats.chars <= wording::MAX_COMMENT_HEADING_CHARS
            && !in_link(doc, b.owner)
            && wording::announces_comments(&b.text)
        {
            tally.mark(doc, b.owner, Sign::Heading as u8);
            let previous = i.checked_sub(1).map(|p| seen[p].owner);
            anchors.push(heading_section(doc, b.owner, previous));
        }
    }
    let wraps_story = |n: NodeId| {
        tally.bits[n.index()] & HEADLINE != 0
            || region
                .top
                .is_some_and(|top| top != n && within(doc, top, n))
    };
    let mut roots: Vec<bool> = Vec::new();
    for anchor in anchors {
        let anchor: Vec<NodeId> = anchor
            .into_iter()
            .take_while(|&n| !is_page_wrapper(doc, n) && !wraps_story(n))
            .collect();
        if anchor.is_empty() || tally.signs(&anchor).count_ones() < MIN_SIGNS {
            continue;
        }
        if roots.is_empty() {
            roots = vec![false; doc.len()];
        }
        for n in anchor {
            roots[n.index()] = true;
        }
    }
    CommentSections { roots }
}

/// The section an announcing heading opens: the heading, climbed up
/// through every container it is the first text of, then the siblings
/// after it. `previous` is the owner of the block before the heading's.
fn heading_section(doc: &Document, heading: NodeId, previous: Option<NodeId>) -> Vec<NodeId> {
    let mut top = heading;
    while let Some(parent) = doc.parent(top) {
        if is_page_wrapper(doc, parent) || previous.is_some_and(|p| within(doc, p, parent)) {
            break;
        }
        top = parent;
    }
    std::iter::successors(Some(top), |&n| doc.node(n).next_sibling)
        .filter(|&n| doc.element(n).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(html: &str) -> (Document, Vec<Block>, CommentSections) {
        let doc = crate::dom::parse(html, None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        let seen: Vec<&Block> = blocks.iter().collect();
        let hints = super::super::hints::HintCache::new(&doc);
        let region = super::super::region::find(&doc, &seen, &hints, &crate::tuning::REGION);
        let found = find(&doc, &seen, &region);
        (doc, blocks, found)
    }

    fn in_comments(html: &str, text: &str) -> bool {
        let (doc, blocks, found) = sections(html);
        let b = blocks
            .iter()
            .find(|b| b.text.contains(text))
            .expect("block present");
        found.contains(&doc, b.owner)
    }

    const STORY: &str = "<p>The committee met on Tuesday, and after a long debate, it agreed to publish the full report next month. It will be the first report in ten years.</p>";

    #[test]
    fn a_heading_and_reply_buttons_make_a_section_whatever_the_class_names() {
        let html = format!(
            "<body><article class='a1'><h1>Report due</h1>{STORY}{STORY}\
             <div class='x7'><div class='q2'><h2>3 Kommentare</h2></div>\
             <div class='c9'><p>Endlich, das wurde Zeit.</p><button>Antworten</button></div>\
             <div class='c9'><p>Mal sehen, was drinsteht.</p><button>Antworten</button></div>\
             </div></article></body>"
        );
        assert!(in_comments(&html, "Endlich"));
        assert!(in_comments(&html, "3 Kommentare"));
        assert!(!in_comments(&html, "committee"));
    }

    #[test]
    fn a_heading_alone_is_not_a_section() {
        let html = format!(
            "<body><article><h1>Report due</h1>{STORY}<h2>Comments</h2>{STORY}</article></body>"
        );
        assert!(!in_comments(&html, "Comments"));
    }

    #[test]
    fn a_class_name_needs_a_second_sign() {
        let html = format!(
            "<body><article><h1>Report due</h1>{STORY}\
             <div class='comments-area'><p>Nice one.</p></div>\
             <div id='respond'><h3>Leave a Reply</h3><form><textarea></textarea></form></div>\
             </article></body>"
        );
        assert!(!in_comments(&html, "Nice one"));
        assert!(in_comments(&html, "Leave a Reply"));
    }

    #[test]
    fn a_wrapper_around_the_headline_is_never_a_section() {
        let html = format!(
            "<body><div class='post comments-open'><h1>Report due</h1>{STORY}\
             <ol><li><p>Great.</p><a href='#r'>Reply</a><time>May 5</time></li>\
             <li><p>Agreed.</p><a href='#r'>Reply</a><time>May 6</time></li></ol></div></body>"
        );
        assert!(!in_comments(&html, "committee"));
    }

    #[test]
    fn every_comment_token_holds_a_stem_the_class_scan_looks_for() {
        for t in [
            "comments",
            "Comment-Box",
            "commentaire",
            "kommentare",
            "comentarios",
            "komentarze",
            "disqus_thread",
            "respond",
            "replies",
        ] {
            assert!(is_comment_token(t), "{t}");
            assert!(COMMENT_TOKEN_STEMS.is_match(t), "{t}");
        }
    }

    #[test]
    fn comment_tokens() {
        for t in [
            "comments",
            "comment-list",
            "commentlist",
            "respond",
            "disqus_thread",
            "kommentare",
        ] {
            assert!(is_comment_token(t), "{t}");
        }
        for t in ["commentary", "opinion-commentary", "response", "content"] {
            assert!(!is_comment_token(t), "{t}");
        }
    }
}

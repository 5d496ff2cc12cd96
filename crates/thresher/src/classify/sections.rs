//! Sections that end the story: a heading that names a list of other
//! stories ("Related", "Das könnte Sie auch interessieren", "Lo más
//! leído", "More from Politics"), once the story has begun, opens a
//! section whose teasers are related links too. The model judges each
//! teaser alone, and a short linked headline under such a heading looks
//! like any other headline; the heading says what they all are.
//!
//! The section ends where prose or a heading of the opener's rank starts
//! again, so that a heading of that wording inside a story ("Related
//! research" over a paragraph) takes nothing with it. Before the story has
//! begun (a section front, a listing page), such a heading introduces the
//! page's content, and nothing is taken.

use super::rules::WORDING_RULE;
use super::{Label, Labeled};
use crate::blocks::{Block, BlockKind};
use crate::wording;

/// The rule name of blocks taken with their section.
pub const RULE: &str = "related-section";

/// The rule name of blocks of a story appended after the page's own.
pub const NEXT_STORY_RULE: &str = "next-story";

/// Headings at most this long (bytes) open a section: the lead-in alone
/// ("Lesen Sie auch", "More from Politics"), not a headline that happens
/// to contain "most popular".
const MAX_OPENER_BYTES: usize = 40;

/// A kept block at least this long (characters) and at most this linked
/// is the story's prose: once one has passed, the story has begun.
/// Teasers' summaries are shorter.
const STORY_PROSE_CHARS: u32 = 150;
const STORY_PROSE_LINK_DENSITY: f32 = 0.3;

/// Inside a section, a kept heading of the opener's rank or higher, or a
/// block of [`STORY_PROSE_CHARS`] or more, that is less linked than this
/// ends it: the section's own next heading, or prose again, not a teaser.
const MAX_SECTION_END_LINK_DENSITY: f32 = 0.5;

/// The most blocks one section takes: a teaser list, not the rest of a
/// page.
const MAX_SECTION_BLOCKS: usize = 40;

/// True for a kept block of the story's prose.
fn is_story_prose(b: &Block, l: &Labeled) -> bool {
    l.label == Label::Content
        && b.stats.chars >= STORY_PROSE_CHARS
        && b.stats.link_density() < STORY_PROSE_LINK_DENSITY
}

/// Relabels a block for `rule`: a kept one is overruled, one the model
/// removed is named.
fn relabel(l: &mut Labeled, label: Label, rule: &'static str) {
    l.overruled |= l.label == Label::Content;
    l.label = label;
    l.because.insert(0, rule);
}

/// Relabels, in `labels` (one per block of `seen`, in order), the kept
/// blocks of each section a related-links heading opens after the story,
/// and names the blocks of it the model removed as unnamed `other`.
pub fn close_related(seen: &[&Block], labels: &mut [Labeled]) {
    let mut story_begun = false;
    let mut i = 0;
    while i < seen.len() {
        let b = seen[i];
        story_begun |= is_story_prose(b, &labels[i]);
        let opener = match b.kind {
            BlockKind::Heading(level)
                if story_begun
                    && b.text.trim().len() <= MAX_OPENER_BYTES
                    && ((labels[i].label == Label::RelatedLinks
                        && labels[i].because.contains(&WORDING_RULE))
                        || wording::opens_related_heading(&b.text)) =>
            {
                Some(level)
            }
            _ => None,
        };
        let Some(level) = opener else {
            i += 1;
            continue;
        };
        if labels[i].label == Label::Content {
            relabel(&mut labels[i], Label::RelatedLinks, RULE);
        }
        let mut taken = 0;
        i += 1;
        while i < seen.len() && taken < MAX_SECTION_BLOCKS {
            let c = seen[i];
            match labels[i].label {
                Label::Content => {
                    let unlinked = c.stats.link_density() < MAX_SECTION_END_LINK_DENSITY;
                    let own_heading = matches!(c.kind, BlockKind::Heading(l) if l <= level);
                    if unlinked && (own_heading || c.stats.chars >= STORY_PROSE_CHARS) {
                        break;
                    }
                    relabel(&mut labels[i], Label::RelatedLinks, RULE);
                    taken += 1;
                }
                // The model removed it without a rule naming what it is:
                // the section's heading does.
                Label::Other => relabel(&mut labels[i], Label::RelatedLinks, RULE),
                _ => {}
            }
            i += 1;
        }
    }
}

/// Removes, in `labels` (one per block of `seen`), a story appended after
/// the page's own (infinite scroll): once the page's headline (labelled
/// [`Label::Title`]) and its story's prose have passed, a heading of the
/// headline's rank or higher followed at once by a byline starts another
/// story, and every kept block from there on is removed as
/// [`Label::Other`]. Bylines in lists and tables (a credits table, a list
/// of authors) do not count.
pub fn cut_next_story(seen: &[&Block], labels: &mut [Labeled]) {
    let Some(title) = labels.iter().position(|l| l.label == Label::Title) else {
        return;
    };
    let BlockKind::Heading(title_level) = seen[title].kind else {
        return;
    };
    let mut story_begun = false;
    for i in title + 1..seen.len() {
        let b = seen[i];
        story_begun |= is_story_prose(b, &labels[i]);
        let BlockKind::Heading(level) = b.kind else {
            continue;
        };
        // The headline printed again (a sticky header) is the same story.
        if !story_begun || level > title_level || labels[i].label == Label::Title {
            continue;
        }
        let next = (i + 1..seen.len()).find(|&j| !seen[j].text.trim().is_empty());
        let bylined = next.is_some_and(|j| {
            labels[j].label == Label::Byline
                && matches!(seen[j].kind, BlockKind::Paragraph | BlockKind::Text)
        });
        if bylined {
            for l in labels[i..].iter_mut().filter(|l| l.label == Label::Content) {
                relabel(l, Label::Other, NEXT_STORY_RULE);
            }
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The council voted on Tuesday to close the harbour road for repairs, \
        after engineers found cracks in the sea wall that had widened over the winter storms. \
        Traffic will run through the old town until the work is done in the spring.";

    /// Segments `html` and labels each block as `labels` says, in order
    /// (`R` related links by wording, `T` title, `B` byline, `O` other,
    /// `C` content), then runs both section rules.
    fn run(html: &str, labels: &str) -> Vec<char> {
        let doc = crate::dom::parse(html, None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        assert_eq!(blocks.len(), labels.len(), "{blocks:#?}");
        let seen: Vec<&Block> = blocks.iter().collect();
        let mut l: Vec<Labeled> = blocks
            .iter()
            .zip(labels.chars())
            .map(|(b, c)| {
                let (label, rule) = match c {
                    'R' => (Label::RelatedLinks, crate::classify::rules::WORDING_RULE),
                    'T' => (Label::Title, "headline"),
                    'B' => (Label::Byline, "byline"),
                    'O' => (Label::Other, "learned-model"),
                    _ => (Label::Content, "in-content-region"),
                };
                Labeled {
                    block: b.id,
                    label,
                    score: 0.9,
                    overruled: false,
                    because: vec![rule],
                }
            })
            .collect();
        close_related(&seen, &mut l);
        cut_next_story(&seen, &mut l);
        l.iter()
            .map(|l| match l.label {
                Label::RelatedLinks => 'R',
                Label::Title => 'T',
                Label::Byline => 'B',
                Label::Other => 'O',
                _ => 'C',
            })
            .collect()
    }

    #[test]
    fn a_second_headline_with_a_byline_after_the_story_starts_another_story() {
        let html = format!(
            "<h1>Bridge approved</h1><p>By Maria Lopez</p><p>{STORY}</p>\
             <h1>Harbour road to close</h1><p>By Tom Reed</p><p>{STORY}</p>"
        );
        assert_eq!(run(&html, "TBCCBC"), ['T', 'B', 'C', 'O', 'B', 'O']);
    }

    #[test]
    fn the_headline_printed_again_or_a_lower_heading_is_the_same_story() {
        let html = format!(
            "<h1>Bridge approved</h1><p>By Maria Lopez</p><p>{STORY}</p>\
             <h1>Bridge approved</h1><p>By Maria Lopez</p><h2>What next</h2><p>By the way</p><p>{STORY}</p>"
        );
        assert_eq!(
            run(&html, "TBCTBCBC"),
            ['T', 'B', 'C', 'T', 'B', 'C', 'B', 'C']
        );
    }

    #[test]
    fn teasers_under_a_related_heading_after_the_story_are_related_links() {
        let html = format!(
            "<article><p>{STORY}</p><h3>Das könnte Sie auch interessieren</h3>\
             <h4><a href=/a>Hafen: Neue Fähre ab Mai</a></h4><p>Die Linie fährt zweimal täglich.</p>\
             <h4><a href=/b>Stadtrat streitet über Parkgebühren</a></h4></article>"
        );
        assert_eq!(run(&html, "CRCCC"), ['C', 'R', 'R', 'R', 'R']);
    }

    #[test]
    fn the_section_ends_where_prose_or_a_heading_of_its_rank_starts() {
        let html = format!(
            "<article><p>{STORY}</p><h2>Related</h2><ul><li><a href=/a>Harbour road to reopen</a></li></ul>\
             <h2>What happens next</h2><p>Short line.</p><h2>Related</h2><p>{STORY}</p></article>"
        );
        assert_eq!(run(&html, "CRCCCRC"), ['C', 'R', 'R', 'C', 'C', 'R', 'C']);
    }

    #[test]
    fn a_more_from_heading_opens_a_section_whatever_its_label() {
        let html = format!(
            "<article><p>{STORY}</p><h2>More from Politics</h2>\
             <h3><a href=/a>School budget passes with a narrow margin</a></h3><span>2 hours ago</span></article>"
        );
        assert_eq!(run(&html, "CCCC"), ['C', 'R', 'R', 'R']);
    }

    #[test]
    fn teasers_the_model_removed_unnamed_are_named_by_the_section() {
        let html = format!(
            "<article><p>{STORY}</p><h2>Related</h2>\
             <h3><a href=/a>School budget passes with a narrow margin</a></h3></article>"
        );
        assert_eq!(run(&html, "CRO"), ['C', 'R', 'R']);
    }

    #[test]
    fn before_the_story_a_related_heading_takes_nothing() {
        // A section front: "Latest news" introduces the page's own list.
        let html =
            "<main><h2>Latest news</h2><h3><a href=/a>Harbour road to reopen in May</a></h3>\
             <h3><a href=/b>Council sets the parking fees</a></h3></main>";
        assert_eq!(run(html, "RCC"), ['R', 'C', 'C']);
    }
}

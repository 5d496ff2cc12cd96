//! One small function per rule. Each looks at one kind of evidence and may
//! return a [`Verdict`]. The verdicts name what a block the model removes
//! is, and overrule the model when they weigh enough together (see
//! [`super::decide`]). A rule's test sits right under it.

use super::comments::CommentSections;
use super::hints::{specificity, Hint, HintCache};
use super::region::Region;
use super::{Label, Verdict};
use crate::blocks::{Block, BlockKind, Inline};
use crate::dom::{Document, Tag};
use crate::metadata::Metadata;
use crate::tuning::Tuning;
use crate::wording::{self, Strength};

/// How much each kind of evidence weighs: which label a removed block gets,
/// and whether verdicts overrule the model (`Tuning::overrule_weight`).
pub mod weight {
    /// Where the block sits relative to the content region.
    pub const REGION: f32 = 1.0;
    /// A boilerplate container around the block, backed by a second sign.
    pub const CONTAINER: f32 = 1.5;
    /// A link list rather than prose.
    pub const LINK_LIST: f32 = 1.5;
    /// Wording that decides on its own.
    pub const STRONG_WORDING: f32 = 2.0;
    /// Wording that needs support.
    pub const WEAK_WORDING: f32 = 0.75;
    /// The page's headline, matched against metadata.
    pub const TITLE: f32 = 3.0;
    /// A comment section, found by two signs of different kinds: enough
    /// alone to overrule the model.
    pub const COMMENT_SECTION: f32 = 2.0;
    /// Long prose, which outweighs a class name alone.
    pub const PROSE: f32 = 1.0;
    /// A list item that is one link to a place on the same page: how a
    /// table of contents is built, whatever it is called. Enough alone.
    pub const IN_PAGE_CONTENTS: f32 = 2.0;
}

/// Everything a rule may look at.
pub struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The block being judged.
    pub block: &'a Block,
    /// The content region.
    pub region: &'a Region,
    /// The page's comment sections.
    pub comments: &'a CommentSections,
    /// Markup hints on the block's owner and its ancestors, nearest first.
    pub hints: &'a [Hint],
    /// The page's metadata.
    pub metadata: &'a Metadata,
    /// Thresholds.
    pub tuning: &'a Tuning,
}

fn verdict(label: Label, weight: f32, rule: &'static str) -> Option<Verdict> {
    Some(Verdict {
        label,
        weight,
        rule,
    })
}

/// Runs every rule on one block.
pub fn verdicts(
    doc: &Document,
    block: &Block,
    region: &Region,
    comments: &CommentSections,
    hints: &mut HintCache<'_>,
    metadata: &Metadata,
    tuning: &Tuning,
) -> Vec<Verdict> {
    let chain = hints.chain(block.owner, None);
    let cx = Context {
        doc,
        block,
        region,
        comments,
        hints: &chain,
        metadata,
        tuning,
    };
    [
        region_position(&cx),
        long_prose(&cx),
        boilerplate_container(&cx),
        link_list(&cx),
        in_page_contents(&cx),
        wording_rule(&cx),
        platform_call(&cx),
        credit_line(&cx),
        headline(&cx),
        byline(&cx),
        author_bio(&cx),
        comment_section(&cx),
        comment_policy(&cx),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The rule name of `region_position` outside the region. Its label is the
/// nearest hint's, so it never adds to `boilerplate_container`'s.
pub const OUTSIDE_REGION: &str = "outside-content-region";

/// Inside the content region a block starts as content; outside, as the
/// boilerplate its nearest hinted ancestor names.
fn region_position(cx: &Context<'_>) -> Option<Verdict> {
    if cx.region.contains(cx.block.owner) {
        verdict(Label::Content, weight::REGION, "in-content-region")
    } else {
        let label = cx.hints.first().map_or(Label::Other, |h| h.label);
        verdict(label, weight::REGION, OUTSIDE_REGION)
    }
}

/// A long, sentence-like, link-poor block is prose whatever the class names
/// around it say.
fn long_prose(cx: &Context<'_>) -> Option<Verdict> {
    let s = &cx.block.stats;
    (s.chars >= cx.tuning.prose_chars
        && s.link_density() < cx.tuning.max_content_link_density / 2.0
        && s.sentence_ends > 0
        && cx.region.contains(cx.block.owner))
    .then_some(Verdict {
        label: Label::Content,
        weight: weight::PROSE,
        rule: "long-prose",
    })
}

/// A container holding less than the content region's characters divided
/// by this is small beside it: a box, not a column of the page.
const SMALL_CONTAINER_DIVISOR: u32 = 3;

/// A block inside a container that markup calls boilerplate, when a second
/// sign agrees: the hint is structural (a landmark, a role), the container
/// holds a form, or it is small beside the content region. Page-wide
/// wrappers (`body`, anything around the whole region) are not evidence.
/// Of several such containers, the one naming the most specific kind wins.
fn boilerplate_container(cx: &Context<'_>) -> Option<Verdict> {
    let region_chars = cx.region.region_chars();
    let backed = |h: &Hint| {
        let small =
            cx.region.chars[h.node.index()].saturating_mul(SMALL_CONTAINER_DIVISOR) < region_chars;
        h.structural || small || cx.region.forms[h.node.index()] > 0
    };
    let hint = cx
        .hints
        .iter()
        .filter(|h| !matches!(cx.doc.tag(h.node), Some(Tag::Body | Tag::Html)))
        .filter(|h| h.label != Label::Form || h.structural)
        .filter(|h| backed(h))
        .filter(|h| !cx.region.wraps_region(cx.doc, h.node))
        .enumerate()
        .max_by_key(|(i, h)| (specificity(h.label), std::cmp::Reverse(*i)))?
        .1;
    verdict(hint.label, weight::CONTAINER, "boilerplate-container")
}

/// Text that is mostly links and too short to be prose is a menu or a list
/// of other pages. Linked headings and linked sentences are teasers — the
/// content of a listing page — and are left to the region to judge.
fn link_list(cx: &Context<'_>) -> Option<Verdict> {
    let s = &cx.block.stats;
    if s.link_density() < cx.tuning.max_content_link_density || s.chars >= cx.tuning.prose_chars {
        return None;
    }
    let teaser = matches!(cx.block.kind, BlockKind::Heading(_))
        || (s.words >= cx.tuning.min_teaser_words && s.sentence_ends > 0);
    if teaser {
        return None;
    }
    let in_nav = cx
        .hints
        .iter()
        .any(|h| matches!(h.label, Label::Navigation | Label::Header | Label::Footer));
    let label = if in_nav {
        Label::Navigation
    } else {
        Label::RelatedLinks
    };
    verdict(label, weight::LINK_LIST, "link-list")
}

/// A list item whose text is all one link to a fragment of the page
/// (`#methods`) is an entry of the page's table of contents. Its headings
/// come later in the article, and stay there.
fn in_page_contents(cx: &Context<'_>) -> Option<Verdict> {
    if cx.block.kind != BlockKind::ListItem || cx.block.stats.words == 0 {
        return None;
    }
    let mut texts = cx.block.inlines.iter().filter_map(|i| match i {
        Inline::Text { text, href, .. } if !text.trim().is_empty() => Some(href.as_deref()),
        _ => None,
    });
    let first = texts.next()??;
    first
        .strip_prefix('#')
        .filter(|f| !f.is_empty() && *f != "top")?;
    texts.all(|h| h == Some(first)).then_some(Verdict {
        label: Label::TableOfContents,
        weight: weight::IN_PAGE_CONTENTS,
        rule: "in-page-contents",
    })
}

/// Longest block a related-links phrase decides alone in: a heading or a
/// label ("You may also like", "Most popular this week"). Longer, the
/// phrase is part of a sentence and weighs as weak wording. Cross-validated
/// (seeds 7 / 1 / 2), WCXB +0.0003 on each seed; trafilatura-eval +0.0001
/// to +0.0002 (40 characters: the same on WCXB, -0.0001 on
/// trafilatura-eval).
const MAX_RELATED_HEADING_CHARS: u32 = 100;

/// The rule name of [`wording_rule`].
pub const WORDING_RULE: &str = "boilerplate-wording";

/// Calls to action, sign-up, paywall and consent wording.
fn wording_rule(cx: &Context<'_>) -> Option<Verdict> {
    if cx.block.stats.chars > cx.tuning.max_phrase_rule_chars {
        return None;
    }
    let m = wording::rule_phrase(&cx.block.text)?;
    // "Most popular" heads a list; "two of the most popular exchanges" is
    // a sentence. A related-links heading inside a sentence proves little.
    let in_sentence =
        m.label == Label::RelatedLinks && cx.block.stats.chars > MAX_RELATED_HEADING_CHARS;
    match m.strength {
        Strength::Strong if in_sentence => verdict(m.label, weight::WEAK_WORDING, WORDING_RULE),
        Strength::Strong => verdict(m.label, weight::STRONG_WORDING, WORDING_RULE),
        Strength::Weak => verdict(m.label, weight::WEAK_WORDING, WORDING_RULE),
    }
}

/// The rule name of [`platform_call`], in both modes.
pub const PLATFORM_CALL_RULE: &str = "platform-call";

/// A short call to follow the site on a social network, join its channel
/// or install its app, closing so many news stories ("Follow The Gleaner
/// on Twitter …"). Steps of a list are left alone: "Download the app from
/// Google Play" is an instruction in a how-to.
fn platform_call(cx: &Context<'_>) -> Option<Verdict> {
    (matches!(
        cx.block.kind,
        BlockKind::Paragraph | BlockKind::Text | BlockKind::Heading(_)
    ) && wording::is_platform_call(&cx.block.text))
    .then_some(Verdict {
        label: Label::SocialShare,
        weight: weight::STRONG_WORDING,
        rule: PLATFORM_CALL_RULE,
    })
}

/// Photo credits, and captions that carry one: a line that is a credit,
/// or a caption or paragraph that ends with one ("… (Foto: dpa)", "…
/// © Pferderevue"). A caption without a credit describes its figure and
/// stays with it (removing every short caption cost nothing on WCXB and
/// 0.0002 on trafilatura-eval).
fn credit_line(cx: &Context<'_>) -> Option<Verdict> {
    let captioned = matches!(
        cx.block.kind,
        BlockKind::Paragraph | BlockKind::Text | BlockKind::Caption
    ) && wording::ends_with_credit(&cx.block.text);
    (wording::is_credit_line(&cx.block.text) || captioned).then_some(Verdict {
        label: Label::ImageCredit,
        weight: weight::STRONG_WORDING,
        rule: "image-credit",
    })
}

/// The heading that repeats the page's title is the headline, which the
/// metadata carries; a list item that repeats it is the last step of a
/// breadcrumb trail ("Home › Blog › Title"), the page naming itself.
/// (Titles in lists, in-sample: WCXB +0.0001, trafilatura-eval level.)
fn headline(cx: &Context<'_>) -> Option<Verdict> {
    let rule = match cx.block.kind {
        BlockKind::Heading(_) => "headline",
        BlockKind::ListItem => "title-in-list",
        _ => return None,
    };
    let title = cx.metadata.title_as_matched()?;
    (wording::normalise(&cx.block.text) == wording::normalise(&title)).then_some(Verdict {
        label: Label::Title,
        weight: weight::TITLE,
        rule,
    })
}

/// Most characters a byline adds to the author's name it gives ("Jane
/// Doe, Staff Writer | May 5, 2024").
const MAX_BYLINE_EXTRA_CHARS: usize = 40;

/// Bylines ([`wording::byline`]), and short lines that give the page's
/// author with little else. Never in a table: a cell that opens with "By"
/// heads a column ("By region", "By changesets"), and a cell that names the
/// author is data about them.
fn byline(cx: &Context<'_>) -> Option<Verdict> {
    if cx.block.cell.is_some() {
        return None;
    }
    let t = cx.block.text.trim();
    let names_author = cx.metadata.authors.first().is_some_and(|a| {
        t.len() <= wording::MAX_BYLINE_CHARS
            && t.contains(a.as_str())
            && t.len() <= a.len() + MAX_BYLINE_EXTRA_CHARS
    });
    (wording::byline(t).is_some() || names_author).then_some(Verdict {
        label: Label::Byline,
        weight: weight::STRONG_WORDING,
        rule: "byline",
    })
}

/// A short paragraph that opens with the name of the page's author and a
/// verb is the author's biography, whatever its class names say.
fn author_bio(cx: &Context<'_>) -> Option<Verdict> {
    if cx.block.stats.chars > cx.tuning.max_phrase_rule_chars
        || matches!(cx.block.kind, BlockKind::Heading(_))
    {
        return None;
    }
    let about_the_author = cx
        .metadata
        .authors
        .iter()
        .any(|name| wording::opens_about(&cx.block.text, name));
    about_the_author.then_some(Verdict {
        label: Label::AuthorBio,
        weight: weight::STRONG_WORDING,
        rule: "author-bio",
    })
}

/// A block inside a comment section ([`super::comments`]).
fn comment_section(cx: &Context<'_>) -> Option<Verdict> {
    cx.comments
        .contains(cx.doc, cx.block.owner)
        .then_some(Verdict {
            label: Label::Comments,
            weight: weight::COMMENT_SECTION,
            rule: "comment-section",
        })
}

/// A short notice of a comment section's rules, or that it is closed
/// ("Your email address will not be published", "Comments are closed"),
/// wherever it stands.
fn comment_policy(cx: &Context<'_>) -> Option<Verdict> {
    (cx.block.stats.chars <= cx.tuning.max_phrase_rule_chars
        && wording::is_comment_policy(&cx.block.text))
    .then_some(Verdict {
        label: Label::Comments,
        weight: weight::STRONG_WORDING,
        rule: "comment-policy",
    })
}

#[cfg(test)]
mod tests {
    use crate::classify::Label;

    fn labels(html: &str) -> Vec<(String, Label)> {
        let page = crate::Page::from_bytes(html.as_bytes());
        let out = crate::Extractor::default()
            .extract(&page)
            .expect("extracts");
        out.blocks
            .iter()
            .zip(&out.labels)
            .map(|(b, l)| (b.text.clone(), l.label))
            .collect()
    }

    const PROSE: &str = "The committee met on Tuesday, and after a long debate, it agreed to publish the full report next month. ";

    fn page(extra: &str) -> String {
        format!(
            "<html><head><title>T</title></head><body><article class='post'><p>{p}</p>{extra}<p>{p}</p><p>{p}</p></article></body></html>",
            p = PROSE.repeat(3)
        )
    }

    fn label_of(html: &str, text: &str) -> Label {
        labels(html)
            .into_iter()
            .find(|(t, _)| t.contains(text))
            .map(|(_, l)| l)
            .expect("block present")
    }

    #[test]
    fn newsletter_box_inside_the_article_is_removed() {
        let html = page("<div class='x1'><p>Get our briefing</p><form><input type=email><button>Go</button></form></div><p>Sign up for our daily newsletter.</p>");
        assert_eq!(
            label_of(&html, "Sign up for our daily newsletter"),
            Label::Newsletter
        );
    }

    #[test]
    fn class_name_alone_does_not_remove_prose() {
        let html = page(&format!(
            "<div class='promo'><p>{}</p></div>",
            PROSE.repeat(4)
        ));
        assert_eq!(label_of(&html, "committee"), Label::Content);
    }

    #[test]
    fn paywall_wording_is_removed_without_class_names() {
        let html = page("<div class='css-1x2y3z'><p>To continue reading this article, register for free.</p></div>");
        assert_eq!(label_of(&html, "continue reading"), Label::Paywall);
    }

    #[test]
    fn a_related_links_heading_inside_a_sentence_does_not_decide() {
        let html = page("<p>Coinbase and Kraken are two of the most popular exchanges in the country, and both of them let you buy coins with a debit card.</p><h2>Most popular</h2><ul><li><a href='/a'>Rates hold</a></li></ul>");
        assert_eq!(label_of(&html, "two of the most popular"), Label::Content);
        assert_ne!(label_of(&html, "Most popular"), Label::Content);
    }

    #[test]
    fn a_column_heading_that_opens_with_by_is_no_byline() {
        let html = page(
            "<table><tr><th>By changesets</th><th>Entries</th></tr><tr><td>Maria Lindqvist</td><td>42</td></tr></table><p>By Jane Doe</p>",
        );
        assert_ne!(label_of(&html, "By changesets"), Label::Byline);
        assert_eq!(label_of(&html, "By Jane Doe"), Label::Byline);
    }

    #[test]
    fn entries_linking_to_the_page_itself_are_its_table_of_contents() {
        let html = page(
            "<ul><li><a href='#history'>Early history</a></li><li><a href='#trade'>The wool trade</a></li></ul>\
             <ul><li><a href='/history'>History of the county</a></li></ul>",
        );
        assert_eq!(label_of(&html, "Early history"), Label::TableOfContents);
        assert_ne!(
            label_of(&html, "History of the county"),
            Label::TableOfContents
        );
    }

    #[test]
    fn a_breadcrumb_ending_in_the_title_is_the_page_naming_itself() {
        let html = format!(
            "<html><head><title>Harbour reopens</title></head><body><ol><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li>Harbour reopens</li></ol><article><h1>Harbour reopens</h1><p>{p}</p><p>{p}</p></article></body></html>",
            p = PROSE.repeat(3)
        );
        let out = crate::Extractor::default()
            .extract(&crate::Page::from_bytes(html.as_bytes()))
            .expect("extracts");
        assert!(!out.text.contains("Harbour reopens"), "{}", out.text);
        assert!(out
            .selection
            .removed
            .iter()
            .any(|r| r.rule == "title-in-list" && r.label == Label::Title));
    }

    #[test]
    fn a_caption_stays_unless_it_carries_a_credit() {
        let html = page(
            "<figure><img src=a.jpg><figcaption>The harbour at dawn, before the boats go out.</figcaption></figure>\
             <figure><img src=b.jpg><figcaption>The market square. (Photo: Jane Doe/AFP)</figcaption></figure>",
        );
        assert_eq!(label_of(&html, "The harbour at dawn"), Label::Content);
        assert_eq!(label_of(&html, "The market square"), Label::ImageCredit);
    }

    #[test]
    fn a_call_to_follow_the_site_is_removed_and_a_report_is_not() {
        let html = page(
            "<p>Follow The Daily Ledger on Twitter and Instagram @ledger, or send us a message on WhatsApp.</p>\
             <p>The minister said she would follow the case. Protesters posted videos to TikTok.</p>",
        );
        assert_eq!(
            label_of(&html, "Follow The Daily Ledger"),
            Label::SocialShare
        );
        assert_eq!(label_of(&html, "The minister said"), Label::Content);
    }

    #[test]
    fn credit_lines_are_removed() {
        let html = page("<p>(Image credit: JANE DOE/AFP via Getty Images)</p>");
        assert_eq!(label_of(&html, "Image credit"), Label::ImageCredit);
    }

    #[test]
    fn a_paragraph_opening_with_the_authors_name_is_the_bio() {
        let html = format!(
            "<html><head><title>T</title><meta name='author' content='Ana Ribeiro'></head><body>\
             <article class='post'><p>{p}</p><p>{p}</p><p>{p}</p>\
             <div class='x9'><p>Ana Ribeiro has covered the coast since 2015 and previously \
             worked at a regional radio station.</p></div></article></body></html>",
            p = PROSE.repeat(3)
        );
        assert_eq!(label_of(&html, "has covered the coast"), Label::AuthorBio);
        // Prose that merely names the author stays.
        assert_eq!(label_of(&html, "committee"), Label::Content);
    }
}

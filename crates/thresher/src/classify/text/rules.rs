//! Text-mode rules: what a line says, and what the lines around it say.
//!
//! Density and position cannot tell a call to action from prose — "Escape
//! your echo chamber. Get the facts behind the news." reads like a
//! sentence — so these rules name the boilerplate the words give away. The
//! phrases are those of HTML mode (`crate::wording`); the
//! weights are those of [`crate::classify::rules::weight`]. A rule's test
//! sits right under it.

use super::features::LineFacts;
use crate::blocks::Block;
use crate::classify::rules::{weight, PLATFORM_CALL_RULE, WORDING_RULE};
use crate::classify::{Label, Verdict};
use crate::tuning::Tuning;
use crate::wording::{self, Strength};

/// Everything a text rule may look at.
pub struct Context<'a> {
    /// Every line.
    pub blocks: &'a [Block],
    /// Every line's facts, parallel to `blocks`.
    pub facts: &'a [LineFacts],
    /// The line being judged.
    pub i: usize,
    /// Thresholds.
    pub tuning: &'a Tuning,
}

impl Context<'_> {
    fn block(&self) -> &Block {
        &self.blocks[self.i]
    }

    fn facts(&self) -> &LineFacts {
        &self.facts[self.i]
    }

    fn neighbour(&self, offset: isize) -> Option<(&Block, &LineFacts)> {
        let j = self.i.checked_add_signed(offset)?;
        Some((self.blocks.get(j)?, self.facts.get(j)?))
    }
}

fn verdict(label: Label, weight: f32, rule: &'static str) -> Option<Verdict> {
    Some(Verdict {
        label,
        weight,
        rule,
    })
}

/// Runs every text rule on one line.
pub fn verdicts(cx: &Context<'_>) -> Vec<Verdict> {
    [
        wording_rule(cx),
        platform_call(cx),
        credit_line(cx),
        caption_of_credit(cx),
        bare_url(cx),
        name_above_bio(cx),
        call_to_action_run(cx),
        byline(cx),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A strong phrase only counts in a line that could be a call to action:
/// short enough, and not a run of several sentences.
fn strong_phrase_counts(b: &Block, tuning: &Tuning) -> bool {
    b.stats.chars <= tuning.max_phrase_rule_chars
}

/// Calls to action, sign-up, paywall, consent and bio wording.
fn wording_rule(cx: &Context<'_>) -> Option<Verdict> {
    let b = cx.block();
    if !strong_phrase_counts(b, cx.tuning) {
        return None;
    }
    let m = cx.facts().rule_phrase?;
    match m.strength {
        Strength::Strong => verdict(m.label, weight::STRONG_WORDING, WORDING_RULE),
        Strength::Weak => verdict(m.label, weight::WEAK_WORDING, WORDING_RULE),
    }
}

/// "Follow us on Instagram", "Download our app for iOS and Android"
/// (`wording::is_platform_call`), as in HTML mode.
fn platform_call(cx: &Context<'_>) -> Option<Verdict> {
    wording::is_platform_call(&cx.block().text)
        .then_some(())
        .and_then(|_| {
            verdict(
                Label::SocialShare,
                weight::STRONG_WORDING,
                PLATFORM_CALL_RULE,
            )
        })
}

/// "(Image credit: NAME/AGENCY via Getty Images)", "Photo: NAME/Reuters".
fn credit_line(cx: &Context<'_>) -> Option<Verdict> {
    cx.facts()
        .credit
        .then_some(())
        .and_then(|_| verdict(Label::ImageCredit, weight::STRONG_WORDING, "image-credit"))
}

/// Most words a caption may have.
const MAX_CAPTION_WORDS: u32 = 40;

/// The short line right above (or below) a credit line is the photo's
/// caption.
fn caption_of_credit(cx: &Context<'_>) -> Option<Verdict> {
    let f = cx.facts();
    if f.credit || cx.block().stats.words > MAX_CAPTION_WORDS {
        return None;
    }
    let beside_credit = |o: isize| cx.neighbour(o).is_some_and(|(_, nf)| nf.credit);
    // Only a caption line directly above, or one directly below a credit
    // that opens the text, belongs to the photo.
    (beside_credit(1) || (cx.i == 1 && beside_credit(-1)))
        .then_some(())
        .and_then(|_| {
            verdict(
                Label::ImageCredit,
                weight::STRONG_WORDING,
                "caption-of-credit",
            )
        })
}

/// A line that is nothing but a URL is a link or an image the crawler
/// printed in place of its element.
fn bare_url(cx: &Context<'_>) -> Option<Verdict> {
    cx.facts()
        .bare_url
        .then_some(())
        .and_then(|_| verdict(Label::Other, weight::STRONG_WORDING, "bare-url"))
}

/// The author's name printed above their bio ("Jane Doe" / "Jane Doe is a
/// staff writer…").
fn name_above_bio(cx: &Context<'_>) -> Option<Verdict> {
    let b = cx.block();
    if !wording::is_name(&b.text) {
        return None;
    }
    let (next, nf) = cx.neighbour(1)?;
    let bio = nf.rule_phrase.is_some_and(|p| p.label == Label::AuthorBio);
    (bio && next.text.starts_with(&b.text))
        .then_some(())
        .and_then(|_| verdict(Label::AuthorBio, weight::STRONG_WORDING, "name-above-bio"))
}

/// A line between two calls to action of the same kind belongs to them:
/// the pitch between "Subscribe to …" and "SUBSCRIBE & SAVE".
fn call_to_action_run(cx: &Context<'_>) -> Option<Verdict> {
    if !strong_phrase_counts(cx.block(), cx.tuning) {
        return None;
    }
    let strong = |o: isize| {
        cx.neighbour(o).and_then(|(b, f)| {
            f.rule_phrase
                .filter(|p| p.strength == Strength::Strong && strong_phrase_counts(b, cx.tuning))
                .map(|p| p.label)
        })
    };
    match (strong(-1), strong(1)) {
        (Some(a), Some(b)) if a == b => verdict(a, weight::STRONG_WORDING, "call-to-action-run"),
        _ => None,
    }
}

/// Bylines ([`wording::byline`]) that give a name. They only name the
/// label of a line the model drops.
fn byline(cx: &Context<'_>) -> Option<Verdict> {
    wording::byline_name(&cx.block().text)
        .and_then(|_| verdict(Label::Byline, weight::WEAK_WORDING, "byline"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::text::features::facts;
    use crate::input::text::segment;

    /// The label and rule of each line's strongest verdict.
    fn strongest(text: &str) -> Vec<Option<(Label, &'static str)>> {
        let blocks = segment(text);
        let facts = facts(text, &blocks);
        let tuning = Tuning::default();
        (0..blocks.len())
            .map(|i| {
                let cx = Context {
                    blocks: &blocks,
                    facts: &facts,
                    i,
                    tuning: &tuning,
                };
                verdicts(&cx)
                    .into_iter()
                    .max_by(|a, b| a.weight.total_cmp(&b.weight))
                    .map(|v| (v.label, v.rule))
            })
            .collect()
    }

    #[test]
    fn caption_and_credit() {
        let v = strongest(
            "A harbour at dawn.\n(Photo credit: Jane Roe/Agency)\n\nThe story starts here.",
        );
        assert_eq!(v[0], Some((Label::ImageCredit, "caption-of-credit")));
        assert_eq!(v[1], Some((Label::ImageCredit, "image-credit")));
        assert_eq!(v[2], None);
    }

    #[test]
    fn a_call_to_follow_the_site() {
        let v = strongest(
            "The council met on Monday.\n\nFollow The Daily Ledger on Twitter and Instagram.",
        );
        assert_eq!(v[0], None);
        assert_eq!(v[1], Some((Label::SocialShare, PLATFORM_CALL_RULE)));
    }

    #[test]
    fn a_pitch_between_two_calls_to_action() {
        let v = strongest("Subscribe to the Gazette\nAll the news, for less.\nSubscribe now");
        assert_eq!(v[1], Some((Label::Subscription, "call-to-action-run")));
    }

    #[test]
    fn bare_urls_and_bios() {
        let v = strongest("https://cdn.example.org/img/1.jpg\nJohn Smith\nJohn Smith is a staff writer covering science.");
        assert_eq!(v[0], Some((Label::Other, "bare-url")));
        assert_eq!(v[1], Some((Label::AuthorBio, "name-above-bio")));
        assert_eq!(v[2], Some((Label::AuthorBio, "boilerplate-wording")));
    }

    #[test]
    fn prose_gets_no_verdict() {
        let v = strongest("The council voted on Tuesday to close the bridge for repairs.");
        assert_eq!(v[0], None);
    }
}

//! Probabilities and verdicts -> labels: the one decision step of both
//! learned classifiers, the block model (HTML) and the line model (text).
//!
//! The policy, in order:
//!
//! 1. **Where to cut** is decided a page at a time ([`keep_threshold`]):
//!    the probability at which keeping blocks maximises the page's
//!    expected word-F1, held between a floor and a cap from [`Tuning`].
//! 2. **At or above the cut, the model keeps the block** unless the rules
//!    overrule it ([`overruling`]): verdicts naming one kind of boilerplate
//!    whose weights add up to [`Tuning::overrule_weight`] — one piece of
//!    evidence strong enough alone (decisive wording, a credit line, the
//!    headline), or two of different kinds that agree (a bio's container
//!    and a bio's wording). A verdict that only repeats another's evidence
//!    (`REPEATS_EVIDENCE`) does not add.
//! 3. **Below the cut, the block is removed**, labelled with the kind of
//!    boilerplate the rules weigh heaviest, else [`Label::Other`].
//!
//! A [`Labeled`]'s `score` is the model's probability for the side its label
//! is on: `p` for content, `1 - p` for anything removed. An overruled block
//! therefore has a low score: the model and the rules disagreed.

use super::{Label, Labeled, Verdict};
use crate::blocks::BlockId;
use crate::tuning::Tuning;

/// Rules whose verdict repeats evidence another verdict already gives, so
/// that it does not add to an overrule: the region's verdict on a block
/// outside it names the nearest container hint, which the container rule
/// names too.
const REPEATS_EVIDENCE: &[&str] = &[super::rules::OUTSIDE_REGION];

/// The probability at which keeping blocks maximises the page's expected
/// word-F1, kept between `floor` and `cap`.
///
/// Word-F1 is scored a page at a time, so one fixed threshold is wrong
/// twice: on a page whose content is a short blurb amid likely-looking text
/// it keeps too much, and on a page of uncertain cards it keeps too little.
/// Taking `p` as the chance that a block's words are content, keeping the
/// `k` likeliest blocks has an expected F1 of about `2·S / (N + E)`, where
/// `S` is their expected content words, `N` their words and `E` the page's
/// expected content words; the best `k` sets the threshold. Blocks without
/// words do not count. The floor keeps a page that has no main content from
/// keeping its least unlikely block; the cap keeps a page the model is sure
/// of from dropping its headings (see `Tuning::max_content_probability`).
pub fn keep_threshold(p: &[f32], words: &[u32], floor: f32, cap: f32) -> f32 {
    let mut scored: Vec<(f32, f64)> = p
        .iter()
        .zip(words)
        .filter(|&(_, &n)| n > 0)
        .map(|(&p, &n)| (p, f64::from(n)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let expected: f64 = scored.iter().map(|&(p, n)| f64::from(p) * n).sum();
    let (mut kept_expected, mut kept_words) = (0.0, 0.0);
    let (mut best, mut threshold) = (f64::MIN, 1.0f32);
    for &(p, n) in &scored {
        kept_expected += f64::from(p) * n;
        kept_words += n;
        let f1 = 2.0 * kept_expected / (kept_words + expected);
        if f1 > best {
            best = f1;
            threshold = p;
        }
    }
    threshold.min(cap).max(floor)
}

/// The boilerplate verdict heavy enough to overrule the model, if any: the
/// heaviest verdict of the label whose verdicts weigh most together, when
/// that sum reaches `Tuning::overrule_weight`.
pub fn overruling(verdicts: &[Verdict], tuning: &Tuning) -> Option<Verdict> {
    let total = |label: Label| -> f32 {
        verdicts
            .iter()
            .filter(|v| v.label == label && !REPEATS_EVIDENCE.contains(&v.rule))
            .map(|v| v.weight)
            .sum()
    };
    verdicts
        .iter()
        .filter(|v| v.label != Label::Content)
        .map(|v| (total(v.label), v))
        .filter(|(sum, _)| *sum >= tuning.overrule_weight)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.weight.total_cmp(&b.1.weight)))
        .map(|(_, v)| *v)
}

/// The label the verdicts that `side` accepts weigh most for. Content wins
/// ties, so that evidence must outweigh the region before a kind of
/// boilerplate is named; no verdict at all is content. Among other labels
/// of equal weight, the first named wins.
fn heaviest(verdicts: &[Verdict], side: impl Fn(&Verdict) -> bool) -> Label {
    // Totals by label, and the labels in the order first named: a block has
    // a handful of verdicts, and this runs for every block.
    let mut totals = [0.0f32; Label::ALL.len()];
    let mut named = [Label::Content; Label::ALL.len()];
    let mut count = 0;
    for v in verdicts.iter().filter(|v| side(v)) {
        if !named[..count].contains(&v.label) {
            named[count] = v.label;
            count += 1;
        }
        totals[v.label as usize] += v.weight;
    }
    named[..count]
        .iter()
        .fold((Label::Content, 0.0f32), |acc, &l| {
            let w = totals[l as usize];
            if w > acc.1 || (w == acc.1 && l == Label::Content) {
                (l, w)
            } else {
                acc
            }
        })
        .0
}

/// The rules of the verdicts that `side` accepts and that name `label`,
/// heaviest first (equal weights in the verdicts' order), then `last`.
fn rules_heaviest_first(
    verdicts: &[Verdict],
    side: impl Fn(&Verdict) -> bool,
    label: Label,
    last: &'static str,
) -> Vec<&'static str> {
    use std::cmp::Ordering;
    let matching = verdicts.iter().filter(|v| side(v) && v.label == label);
    let mut out = Vec::with_capacity(matching.clone().count() + 1);
    // One pass per distinct weight, heaviest first: the order a stable sort
    // by weight gives, without a list to sort.
    let mut below: Option<f32> = None;
    while let Some(w) = matching
        .clone()
        .map(|v| v.weight)
        .filter(|w| below.map_or(true, |b| w.total_cmp(&b) == Ordering::Less))
        .max_by(f32::total_cmp)
    {
        out.extend(
            matching
                .clone()
                .filter(|v| v.weight.total_cmp(&w) == Ordering::Equal)
                .map(|v| v.rule),
        );
        below = Some(w);
    }
    out.push(last);
    out
}

/// Labels one block from the model's probability `p`, the page's
/// `threshold` and the rules' verdicts. `model_rule` names the model in
/// `because` (`learned-model`, `text-model`).
///
/// `because` names the rules that agree with the outcome first, the most
/// specific reason a reader can be given, then `model_rule`; when no rule
/// agrees it is `model_rule` alone.
pub fn decide(
    block: BlockId,
    verdicts: &[Verdict],
    p: f32,
    threshold: f32,
    model_rule: &'static str,
    tuning: &Tuning,
) -> Labeled {
    let is_content = |v: &Verdict| v.label == Label::Content;
    let is_boilerplate = |v: &Verdict| v.label != Label::Content;
    if p >= threshold {
        if let Some(v) = overruling(verdicts, tuning) {
            return Labeled {
                block,
                label: v.label,
                score: 1.0 - p,
                overruled: true,
                because: vec![v.rule, model_rule],
            };
        }
        return Labeled {
            block,
            label: Label::Content,
            score: p,
            overruled: false,
            because: rules_heaviest_first(verdicts, is_content, Label::Content, model_rule),
        };
    }
    let (label, because) = match heaviest(verdicts, is_boilerplate) {
        Label::Content => (Label::Other, vec![model_rule]),
        named => (
            named,
            rules_heaviest_first(verdicts, is_boilerplate, named, model_rule),
        ),
    };
    Labeled {
        block,
        label,
        score: 1.0 - p,
        overruled: false,
        because,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: &str = "learned-model";

    fn v(label: Label, weight: f32, rule: &'static str) -> Verdict {
        Verdict {
            label,
            weight,
            rule,
        }
    }

    fn decide(verdicts: &[Verdict], p: f32) -> Labeled {
        super::decide(BlockId(0), verdicts, p, 0.4, RULE, &Tuning::default())
    }

    #[test]
    fn the_model_keeps_what_no_strong_rule_names() {
        let weak = [v(Label::Sidebar, 1.0, "boilerplate-container")];
        let l = decide(&weak, 0.9);
        assert_eq!(
            (l.label, l.because.as_slice(), l.score),
            (Label::Content, [RULE].as_slice(), 0.9)
        );
        let agree = [v(Label::Content, 1.0, "in-content-region")];
        assert_eq!(decide(&agree, 0.9).because, ["in-content-region", RULE]);
    }

    #[test]
    fn a_removed_block_names_its_heaviest_label_and_rules_heaviest_first() {
        let verdicts = [
            v(Label::Sidebar, 1.0, "a"),
            v(Label::Footer, 1.5, "b"),
            v(Label::Sidebar, 0.5, "c"),
            v(Label::Sidebar, 0.5, "d"),
            v(Label::Content, 5.0, "e"),
        ];
        let l = decide(&verdicts, 0.1);
        // Sidebar 2.0 against footer 1.5; equal weights keep their order.
        assert_eq!(l.label, Label::Sidebar);
        assert_eq!(l.because, ["a", "c", "d", RULE]);
        // Of two labels equally heavy, the first named wins.
        let tie = [v(Label::Footer, 1.0, "f"), v(Label::Sidebar, 1.0, "s")];
        assert_eq!(decide(&tie, 0.1).label, Label::Footer);
        // A kept block names the content rules, heaviest first.
        let kept = [v(Label::Content, 0.5, "x"), v(Label::Content, 1.0, "y")];
        assert_eq!(decide(&kept, 0.9).because, ["y", "x", RULE]);
    }

    #[test]
    fn strong_rules_overrule_the_model() {
        let t = Tuning::default();
        let strong = [v(Label::Paywall, t.overrule_weight, "boilerplate-wording")];
        let l = decide(&strong, 0.9);
        assert_eq!(
            (l.label, l.because[0]),
            (Label::Paywall, "boilerplate-wording")
        );
        // The score is the model's, for the side the label is on.
        assert!((l.score - 0.1).abs() < 1e-6);
    }

    #[test]
    fn removed_blocks_take_the_rules_kind() {
        let l = decide(&[v(Label::Content, 1.0, "in-content-region")], 0.1);
        assert_eq!(
            (l.label, l.because.as_slice()),
            (Label::Other, [RULE].as_slice())
        );
        let l = decide(&[v(Label::Footer, 1.0, "boilerplate-container")], 0.1);
        assert_eq!(l.label, Label::Footer);
        assert_eq!(l.because, ["boilerplate-container", RULE]);
        let l = decide(&[], 0.1);
        assert_eq!(
            (l.label, l.because.as_slice()),
            (Label::Other, [RULE].as_slice())
        );
    }

    #[test]
    fn container_and_wording_naming_one_label_overrule_together() {
        let container = v(Label::AuthorBio, 1.5, "boilerplate-container");
        let wording = v(Label::AuthorBio, 0.75, "boilerplate-wording");
        let l = decide(&[container, wording], 0.9);
        assert_eq!(
            (l.label, l.because[0]),
            (Label::AuthorBio, "boilerplate-container")
        );
        // The region's verdict repeats the container's hint: no sum.
        let outside = v(
            Label::AuthorBio,
            1.0,
            crate::classify::rules::OUTSIDE_REGION,
        );
        assert_eq!(decide(&[container, outside], 0.9).label, Label::Content);
        // Different labels do not add up.
        let other = v(Label::Newsletter, 0.75, "boilerplate-wording");
        assert_eq!(decide(&[container, other], 0.9).label, Label::Content);
    }

    #[test]
    fn a_page_the_model_is_sure_of_keeps_its_doubtful_headings() {
        // 500 words the model is sure of and five short blocks at 0.42: the
        // expected F1 alone would drop the five (about 0.955 against 0.944
        // with them), but the cap keeps them, as headings usually are.
        let p = [0.99, 0.42, 0.42, 0.42, 0.42, 0.42];
        let words = [500, 20, 20, 20, 20, 20];
        assert_eq!(keep_threshold(&p, &words, 0.15, 1.0), 0.99);
        assert_eq!(keep_threshold(&p, &words, 0.15, 0.4), 0.4);
    }

    #[test]
    fn uncertain_cards_alike_are_kept_together() {
        // A grid of cards the model is unsure of, and a menu it is sure of:
        // the cards hold most of the expected content, so all are kept.
        let mut p = vec![0.3; 20];
        p.extend([0.02; 10]);
        let words = vec![12; 30];
        let t = keep_threshold(&p, &words, 0.15, 0.4);
        assert!((0.15..=0.3).contains(&t), "threshold {t}");
    }

    #[test]
    fn a_page_with_no_likely_block_keeps_nothing_above_the_floor() {
        let t = keep_threshold(&[0.05, 0.08, 0.02], &[30, 30, 30], 0.15, 0.4);
        assert_eq!(t, 0.15);
        // Wordless blocks do not count; with no words, the cap decides.
        assert_eq!(keep_threshold(&[0.9], &[0], 0.15, 0.4), 0.4);
        assert_eq!(keep_threshold(&[], &[], 0.15, 0.4), 0.4);
    }
}

//! The learned model's verdict as the main evidence.
//!
//! The model ([`super::model`]) decides whether a block is content; the rules
//! ([`super::rules`]) only say which kind of boilerplate a removed block is,
//! and overrule the model in one case: wording or structure strong enough
//! to decide on its own (a paywall notice, a credit line, the headline)
//! names boilerplate in a block the model would keep.

use super::features::Features;
use super::model::MODEL;
use super::score::{combine, Labeled};
use super::{Label, Verdict};
use crate::blocks::BlockId;
use crate::tuning::Tuning;

/// The rule name shown for blocks the model removed or kept.
pub const RULE: &str = "learned-model";

/// The model's probability that each block is content, or `None` when the
/// embedded model was trained on other features (a development state that
/// the model's tests reject).
pub fn probabilities(rows: &Features) -> Option<Vec<f32>> {
    MODEL.matches_features().then(|| MODEL.probabilities(rows))
}

/// Labels one block from the model's probability `p` and the rules' verdicts.
pub fn decide(block: BlockId, verdicts: &[Verdict], p: f32, tuning: &Tuning) -> Labeled {
    let boilerplate: Vec<Verdict> = verdicts
        .iter()
        .copied()
        .filter(|v| v.label != Label::Content)
        .collect();
    if p >= tuning.content_probability {
        let overrule = boilerplate
            .iter()
            .filter(|v| v.weight >= tuning.overrule_weight)
            .max_by(|a, b| a.weight.total_cmp(&b.weight));
        return match overrule {
            Some(v) => Labeled {
                block,
                label: v.label,
                score: 1.0 - p,
                because: vec![v.rule, RULE],
            },
            None => Labeled {
                block,
                label: Label::Content,
                score: p,
                because: vec![RULE],
            },
        };
    }
    // Which kind of boilerplate: the heaviest the rules name, else `Other`.
    let kind = combine(block, &boilerplate);
    let label = if kind.label == Label::Content {
        Label::Other
    } else {
        kind.label
    };
    let mut because = vec![RULE];
    if label != Label::Other || kind.label == Label::Other {
        because.extend(kind.because);
    }
    Labeled {
        block,
        label,
        score: 1.0 - p,
        because,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(label: Label, weight: f32, rule: &'static str) -> Verdict {
        Verdict {
            label,
            weight,
            rule,
        }
    }

    #[test]
    fn the_model_keeps_what_no_strong_rule_names() {
        let t = Tuning::default();
        let weak = [v(Label::Sidebar, 1.0, "boilerplate-container")];
        let l = decide(BlockId(0), &weak, 0.9, &t);
        assert_eq!((l.label, l.because[0]), (Label::Content, RULE));
    }

    #[test]
    fn strong_rules_overrule_the_model() {
        let t = Tuning::default();
        let strong = [v(Label::Paywall, t.overrule_weight, "boilerplate-wording")];
        let l = decide(BlockId(0), &strong, 0.9, &t);
        assert_eq!(
            (l.label, l.because[0]),
            (Label::Paywall, "boilerplate-wording")
        );
    }

    #[test]
    fn removed_blocks_take_the_rules_kind() {
        let t = Tuning::default();
        let l = decide(
            BlockId(0),
            &[v(Label::Content, 1.0, "in-content-region")],
            0.1,
            &t,
        );
        assert_eq!(l.label, Label::Other);
        let l = decide(
            BlockId(0),
            &[v(Label::Footer, 1.0, "boilerplate-container")],
            0.1,
            &t,
        );
        assert_eq!(l.label, Label::Footer);
        assert_eq!(l.because, [RULE, "boilerplate-container"]);
    }
}

//! Verdicts -> one label per block.

use super::Label;
use crate::blocks::BlockId;

/// One rule's opinion of a block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Verdict {
    /// What the rule thinks the block is.
    pub label: Label,
    /// How much the rule's opinion counts.
    pub weight: f32,
    /// The rule's name, shown to users in `removed[].rule`.
    pub rule: &'static str,
}

/// A block with its label and the rules that decided it.
#[derive(Clone, Debug, PartialEq)]
pub struct Labeled {
    /// The block.
    pub block: BlockId,
    /// The winning label.
    pub label: Label,
    /// The winning label's share of all the weight cast, 0 to 1.
    pub score: f32,
    /// The rules that voted for the winning label, strongest first.
    pub because: Vec<&'static str>,
}

/// The label with the most weight wins; content wins ties, so that evidence
/// must outweigh the region before text is dropped.
pub fn combine(block: BlockId, verdicts: &[Verdict]) -> Labeled {
    let mut totals: Vec<(Label, f32)> = Vec::new();
    for v in verdicts {
        match totals.iter_mut().find(|(l, _)| *l == v.label) {
            Some((_, w)) => *w += v.weight,
            None => totals.push((v.label, v.weight)),
        }
    }
    let all: f32 = totals.iter().map(|t| t.1).sum();
    let (label, best) = totals
        .iter()
        .copied()
        .fold((Label::Content, 0.0f32), |acc, (l, w)| {
            if w > acc.1 || (w == acc.1 && l == Label::Content) {
                (l, w)
            } else {
                acc
            }
        });
    let mut because: Vec<&Verdict> = verdicts.iter().filter(|v| v.label == label).collect();
    because.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    Labeled {
        block,
        label,
        score: if all > 0.0 { best / all } else { 1.0 },
        because: because.into_iter().map(|v| v.rule).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heaviest_label_wins_and_ties_go_to_content() {
        let v = |label, weight| Verdict {
            label,
            weight,
            rule: "r",
        };
        let l = combine(
            BlockId(0),
            &[v(Label::Content, 1.0), v(Label::Paywall, 2.0)],
        );
        assert_eq!(l.label, Label::Paywall);
        let l = combine(
            BlockId(0),
            &[v(Label::Content, 1.0), v(Label::Paywall, 1.0)],
        );
        assert_eq!(l.label, Label::Content);
    }
}

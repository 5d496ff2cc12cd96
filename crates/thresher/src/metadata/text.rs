//! Text mode's metadata: what captured text says of its author and its
//! lead image, read from the lines the classifier labelled.
//!
//! Captured text has no markup to declare a title or a date; what it can
//! give is printed in the lines themselves: a "By NAME" byline or the name
//! above an author's bio, and a photo's caption beside its credit line.
//! So text mode reads its metadata after selection, from the lines removed
//! as bylines, bios and credits.

use super::{Image, Metadata};
use crate::blocks::Block;
use crate::label::Label;
use crate::select::Selection;
use crate::wording;

/// Reads the metadata the selected lines give.
pub fn extract(blocks: &[Block], selection: &Selection) -> Metadata {
    let labels = selection.block_labels(blocks.len());
    Metadata {
        authors: author(blocks, &labels).into_iter().collect(),
        image: image(blocks, &labels),
        ..Metadata::default()
    }
}

/// The first byline's name, else the name above (or opening) a bio.
fn author(blocks: &[Block], labels: &[Label]) -> Option<String> {
    let byline = blocks
        .iter()
        .zip(labels)
        .filter(|(_, &l)| l == Label::Byline)
        .find_map(|(b, _)| wording::byline_name(&b.text));
    if let Some(name) = byline {
        return Some(name.to_owned());
    }
    let bio = |l: &&Label| **l == Label::AuthorBio;
    let named = blocks
        .iter()
        .zip(labels)
        .filter(|(_, l)| bio(l))
        .find(|(b, _)| wording::is_name(&b.text))
        .map(|(b, _)| b.text.trim().to_owned());
    named.or_else(|| {
        blocks
            .iter()
            .zip(labels)
            .filter(|(_, l)| bio(l))
            .find_map(|(b, _)| name_opening(&b.text))
    })
}

/// "Jane Roe is a staff writer …" -> "Jane Roe": the capitalised words
/// before the first lower-case one, when they make a name.
fn name_opening(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let name = words.join(" ");
    wording::is_name(&name).then_some(name)
}

/// The first credit line's credit, with the caption labelled beside it.
fn image(blocks: &[Block], labels: &[Label]) -> Option<Image> {
    let credited =
        |i: usize| labels[i] == Label::ImageCredit && wording::is_credit_line(&blocks[i].text);
    let i = (0..blocks.len()).find(|&i| credited(i))?;
    let caption = [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .filter(|&j| j < blocks.len())
        .find(|&j| labels[j] == Label::ImageCredit && !credited(j))
        .map(|j| blocks[j].text.clone());
    let credit = wording::credit_of(&blocks[i].text);
    Some(Image {
        url: None,
        caption,
        credit: (!credit.is_empty()).then(|| credit.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_bios() {
        assert_eq!(
            name_opening("Jane Roe is a staff writer."),
            Some("Jane Roe".into())
        );
        assert_eq!(name_opening("She writes about food."), None);
    }
}

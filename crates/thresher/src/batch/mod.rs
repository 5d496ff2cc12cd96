//! Many pages through one [`Extractor`](crate::Extractor), each accounted
//! for: the layer above the pipeline and the renderers.
//!
//! A source of many pages is read by [`crate::input`] (a WARC archive's
//! records become pages, or the reason a record holds none), extracted by
//! the pipeline and rendered by [`crate::render`]. This module is the one
//! that calls the pipeline on what was read and builds the rows from what
//! it gives, so `input` and `render` never import each other.
//!
//! - [`warc`]: a WARC archive's records, processed one by one into
//!   extracted, skipped or failed ([`warc::Processed`]), and the row
//!   `thresher warc` writes for each.
//! - [`Tally`]: the one count of a run, kept by every caller that runs
//!   many inputs (the command line's runs and the Python binding's WARC
//!   reader alike).

pub mod warc;

use std::collections::BTreeMap;

use serde_json::{json, Value};

/// What became of one input, as a [`Tally`] counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Its page was extracted.
    Extracted,
    /// It holds no page; the reason's stable snake_case name
    /// ([`crate::input::warc::Skip::name`] for WARC records).
    Skipped(&'static str),
    /// It could not be read or extracted; the error's stable snake_case
    /// name ([`crate::ErrorKind::name`] for the engine's errors).
    Failed(&'static str),
}

/// Counts of a run: every input counted once, as extracted, skipped (by
/// reason) or failed (by error). The number of inputs is their sum, so
/// `records = extracted + skipped + failed` holds by construction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    extracted: u64,
    skipped: BTreeMap<&'static str, u64>,
    failed: BTreeMap<&'static str, u64>,
}

impl Tally {
    /// Counts one input.
    pub fn add(&mut self, fate: Fate) {
        match fate {
            Fate::Extracted => self.extracted += 1,
            Fate::Skipped(reason) => *self.skipped.entry(reason).or_default() += 1,
            Fate::Failed(error) => *self.failed.entry(error).or_default() += 1,
        }
    }

    /// Inputs counted.
    pub fn records(&self) -> u64 {
        self.extracted + self.skipped_total() + self.failed_total()
    }

    /// Inputs whose page was extracted.
    pub fn extracted(&self) -> u64 {
        self.extracted
    }

    /// Inputs skipped, by reason.
    pub fn skipped(&self) -> &BTreeMap<&'static str, u64> {
        &self.skipped
    }

    /// Inputs that failed, by error.
    pub fn failed(&self) -> &BTreeMap<&'static str, u64> {
        &self.failed
    }

    /// Inputs skipped, whatever the reason.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Inputs that failed, whatever the error.
    pub fn failed_total(&self) -> u64 {
        self.failed.values().sum()
    }

    /// The counts as JSON: `records`, `extracted`, `skipped` (reason ->
    /// count) and `failed` (error -> count), in that order.
    pub fn to_json(&self) -> Value {
        json!({
            "records": self.records(),
            "extracted": self.extracted,
            "skipped": self.skipped,
            "failed": self.failed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_the_sum_of_extracted_skipped_and_failed() {
        let mut t = Tally::default();
        let fates = [
            Fate::Extracted,
            Fate::Skipped("not_html"),
            Fate::Failed("truncated"),
            Fate::Skipped("not_html"),
            Fate::Extracted,
            Fate::Skipped("empty"),
        ];
        for f in fates {
            t.add(f);
        }
        assert_eq!(t.records(), fates.len() as u64);
        assert_eq!(
            (t.extracted(), t.skipped_total(), t.failed_total()),
            (2, 3, 1)
        );
        assert_eq!(
            t.to_json().to_string(),
            r#"{"records":6,"extracted":2,"skipped":{"empty":1,"not_html":2},"failed":{"truncated":1}}"#
        );
    }
}

//! The stages in order, and nothing else.

use std::time::Instant;

use crate::error::{Error, ErrorKind};
use crate::render::Findings;
use crate::{blocks, classify, confidence, decode, dom, input, metadata, page_type, select};
use crate::{Config, Extraction, Page, Tuning};

/// Runs the pipeline. Build one and reuse it across pages and threads.
#[derive(Clone, Debug, Default)]
pub struct Extractor {
    config: Config,
    tuning: Tuning,
}

impl Extractor {
    /// An extractor with the caller's choices and the engine's weights.
    pub fn new(config: Config, tuning: Tuning) -> Self {
        Extractor { config, tuning }
    }

    /// Extracts one page.
    pub fn extract(&self, page: &Page<'_>) -> Result<Extraction, Error> {
        let deadline = self.config.time_budget.map(|b| Instant::now() + b);
        input::check(page, &self.config)?;
        let html = decode::decode(page);
        input::check_markup(&html.text)?;
        let doc = dom::parse(&html.text, deadline)?;
        let metadata = metadata::extract(&doc, page.url);
        let blocks = blocks::segment(&doc);
        let labels = classify::classify(&doc, &blocks, &metadata, &self.tuning);
        let selection = select::select(&labels, &blocks, &self.tuning);
        let page_type = page_type::classify(&doc, &blocks, &labels, page.url);
        let confidence = confidence::assess(&blocks, &labels, &selection);
        if deadline.is_some_and(|d| Instant::now() > d) {
            return Err(Error::new(ErrorKind::TimeBudgetExceeded));
        }
        let found = Findings {
            metadata,
            blocks,
            labels,
            selection,
            page_type,
            confidence,
        };
        Ok(Extraction::new(
            found,
            (html.encoding, html.how_detected),
            page.url,
        ))
    }
}

//! The stages in order, and nothing else.

use std::sync::Arc;
use std::time::Instant;

use crate::classify::model::{Model, ModelKind};
use crate::decode::EncodingSource;
use crate::error::{Error, ErrorKind};
use crate::render::{Findings, RenderOptions};
use crate::{blocks, classify, confidence, decode, dom, input, metadata, page_type, select};
use crate::{Config, Extraction, Page, Tuning};

/// Runs the pipeline. Build one and reuse it across pages and threads.
#[derive(Clone, Debug)]
pub struct Extractor {
    config: Config,
    tuning: Tuning,
    /// A caller's models; `None` is the embedded one, read on first use,
    /// so that an extractor given both models never reads the embedded
    /// ones (training runs the engine while those are being replaced).
    block_model: Option<Arc<Model>>,
    line_model: Option<Arc<Model>>,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new(Config::default(), Tuning::default())
    }
}

impl Extractor {
    /// An extractor with the caller's choices, the engine's weights and
    /// the embedded models.
    pub fn new(config: Config, tuning: Tuning) -> Self {
        Extractor {
            config,
            tuning,
            block_model: None,
            line_model: None,
        }
    }

    /// The same extractor with a model of the caller's in place of the
    /// embedded one of its kind ([`Model::kind`]): cross-validation runs
    /// each held-out page through the model trained without it.
    pub fn with_model(mut self, model: Model) -> Self {
        match model.kind() {
            ModelKind::Blocks => self.block_model = Some(Arc::new(model)),
            ModelKind::Lines => self.line_model = Some(Arc::new(model)),
        }
        self
    }

    fn block_model(&self) -> &Model {
        self.block_model
            .as_deref()
            .unwrap_or_else(|| &classify::BLOCK_MODEL)
    }

    fn line_model(&self) -> &Model {
        self.line_model
            .as_deref()
            .unwrap_or_else(|| &classify::text::LINE_MODEL)
    }

    /// The caller's choices this extractor runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Extracts one page.
    pub fn extract(&self, page: &Page<'_>) -> Result<Extraction, Error> {
        let deadline = self.config.time_budget.map(|b| Instant::now() + b);
        input::check(page, &self.config)?;
        let html = decode::decode(page);
        let doc = dom::parse(&html.text, deadline)?;
        let metadata = metadata::extract(&doc, page.url);
        let blocks = blocks::segment(&doc);
        let labels = classify::classify(&doc, &blocks, &metadata, self.block_model(), &self.tuning);
        let selection = select::select(&labels, &blocks, &self.tuning);
        let page_type = page_type::classify(&doc, &blocks, &selection, &metadata, page.url);
        let mut metadata = metadata;
        if !page_type.is_authored() {
            metadata.restrain_to_items();
        }
        let selection =
            select::settle_comments(&labels, &blocks, selection, page_type, &self.config);
        let selection = select::settle_tables(&blocks, selection);
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
            RenderOptions::from(&self.config),
        ))
    }

    /// Cleans captured text (text mode): the lines of text a crawler kept
    /// of a page enter the pipeline at the blocks stage, and come out as
    /// the same [`Extraction`] an HTML page gives, the removed lines listed
    /// with their label and rule.
    pub fn extract_text(&self, text: &str) -> Result<Extraction, Error> {
        input::text::check(text, &self.config)?;
        // NUL is dropped, as the HTML parser drops it from a page's text:
        // no output of either mode carries one.
        let text = dom::without_nul(text.into());
        let text = text.as_ref();
        // Text has no markup: an empty document stands for it where a
        // shared stage reads one.
        let doc = dom::DocumentBuilder::new().finish();
        let blocks = input::text::segment(text);
        let labels = classify::text::classify(self.line_model(), text, &blocks, &self.tuning);
        let selection = select::select(&labels, &blocks, &self.tuning);
        let metadata = metadata::text::extract(&blocks, &selection);
        let page_type = page_type::classify(&doc, &blocks, &selection, &metadata, None);
        let mut metadata = metadata;
        if !page_type.is_authored() {
            metadata.restrain_to_items();
        }
        let selection =
            select::settle_comments(&labels, &blocks, selection, page_type, &self.config);
        let selection = select::settle_tables(&blocks, selection);
        let confidence = confidence::assess(&blocks, &labels, &selection);
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
            ("UTF-8", EncodingSource::Declared),
            None,
            RenderOptions::from(&self.config),
        ))
    }
}

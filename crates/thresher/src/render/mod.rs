//! Selection -> output: plain text, Markdown, HTML and JSON, each a function
//! of an [`Extraction`] alone.

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use crate::blocks::Block;
use crate::classify::Labeled;
use crate::decode::EncodingSource;
use crate::metadata::Metadata;
use crate::select::Selection;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text: headings and paragraphs separated by blank lines, list
    /// items one per line.
    Text,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// Clean, sanitised article HTML.
    Html,
    /// One JSON document (see the README for its schema).
    Json,
}

/// Everything extraction found out about a page.
#[derive(Clone, Debug)]
pub struct Extraction {
    /// The page's metadata.
    pub metadata: Metadata,
    /// Every block, in reading order.
    pub blocks: Vec<Block>,
    /// Each block's label, parallel to `blocks`.
    pub labels: Vec<Labeled>,
    /// What was kept and what was removed.
    pub selection: Selection,
    /// The main content as plain text.
    pub text: String,
    /// The encoding the page was decoded with.
    pub encoding: &'static str,
    /// How that encoding was chosen.
    pub encoding_source: EncodingSource,
    /// The page's address, if known.
    pub url: Option<String>,
}

impl Extraction {
    /// Assembles an extraction; renders the plain text once, since every
    /// caller wants it.
    pub fn new(
        metadata: Metadata,
        blocks: Vec<Block>,
        labels: Vec<Labeled>,
        selection: Selection,
        encoding: (&'static str, EncodingSource),
        url: Option<&str>,
    ) -> Self {
        let mut e = Extraction {
            metadata,
            blocks,
            labels,
            selection,
            text: String::new(),
            encoding: encoding.0,
            encoding_source: encoding.1,
            url: url.map(str::to_owned),
        };
        e.text = text::render(&e);
        e
    }

    /// The kept blocks, in reading order.
    pub fn kept_blocks(&self) -> impl Iterator<Item = &Block> + '_ {
        self.selection.kept.iter().map(|id| &self.blocks[id.index()])
    }

    /// The extraction in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text.clone(),
            Format::Markdown => markdown::render(self),
            Format::Html => html::render(self),
            Format::Json => json::render(self, None),
        }
    }
}

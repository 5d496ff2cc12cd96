//! Thresher separates a web page's main content from its boilerplate.
//!
//! The engine is a pipeline of stages, each turning one typed value into the
//! next (see `pipeline.rs`):
//!
//! 1. **decode** — [`Page`] bytes in any encoding -> [`decode::Html`] text
//! 2. **parse** — text -> [`dom::Document`], a read-only node arena
//! 3. **metadata** — Document -> [`metadata::Metadata`]
//! 4. **blocks** — Document -> [`blocks::Block`]s, runs of text in reading order
//! 5. **classify** — blocks -> [`classify::Labeled`] blocks: content or a kind of boilerplate
//! 6. **select** — labels -> [`select::Selection`]: what is kept, what was removed and why
//! 7. **page type** — labels -> [`page_type::PageType`]: article, forum, product …
//! 8. **confidence** — Selection -> how sure the engine is that it found the content
//! 9. **render** — Selection -> text, Markdown, HTML or JSON
//!
//! Above the pipeline, [`batch`] runs many pages through one [`Extractor`]
//! and accounts for each: it calls the pipeline on what [`input`] read and
//! hands the result to [`render`], so that those two never import each
//! other.
//!
//! Text that a crawler already stripped of its tags (text mode,
//! [`Extractor::extract_text`]) enters at the blocks stage: its lines become
//! blocks ([`input::text`]), labelled by a line model and the same wording
//! rules ([`classify::text`]), then selected and rendered like a page.
//!
//! A WARC archive is only another source of [`Page`]s: [`input::warc`]
//! reads its records from any reader, one at a time, and gives each
//! `response` record's HTML payload as a page, or the reason it has none;
//! [`batch::warc`] extracts them, counts them and builds their rows.
//!
//! ```
//! let html = b"<html><body><nav><a href='/'>Home</a></nav>\
//!     <article><p>The article's first paragraph, long enough to count as prose.</p></article>\
//!     </body></html>";
//! let extraction = thresher::extract(html).expect("a small page extracts");
//! assert!(extraction.text.contains("first paragraph"));
//! assert!(!extraction.text.contains("Home"));
//! ```
#![deny(missing_docs)]

pub mod batch;
pub mod blocks;
pub mod classify;
pub mod confidence;
pub mod config;
pub mod decode;
pub mod dom;
pub mod error;
mod hash;
pub mod input;
pub mod label;
pub mod metadata;
pub mod page_type;
mod pipeline;
pub mod render;
pub mod select;
pub mod tuning;
pub mod wording;

pub use config::Config;
pub use error::{Error, ErrorKind};
pub use input::Page;
pub use page_type::PageType;
pub use pipeline::Extractor;
pub use render::{Extraction, Format};
pub use tuning::Tuning;

/// Extracts a page with the default [`Config`] and [`Tuning`].
pub fn extract(bytes: &[u8]) -> Result<Extraction, Error> {
    Extractor::default().extract(&Page::from_bytes(bytes))
}

/// Cleans captured text (text mode) with the default [`Config`] and
/// [`Tuning`].
///
/// ```
/// let text = "Home\nNews\n\n\
///     The council voted on Tuesday to rebuild the old bridge over the river, ending a debate \
///     that had gone on for years.\n\n\
///     Engineers will start work in the spring, and the council expects the new bridge to \
///     open within two years of that.\n\n\
///     Residents of the east bank, who have driven a long way round since the bridge closed, \
///     welcomed the decision at the meeting.\n\n\
///     Sign up for our newsletter\n";
/// let cleaned = thresher::extract_text(text).expect("text cleans");
/// assert!(cleaned.text.contains("old bridge"));
/// assert!(!cleaned.text.contains("newsletter"));
/// ```
pub fn extract_text(text: &str) -> Result<Extraction, Error> {
    Extractor::default().extract_text(text)
}

//! Thresher separates a web page's main content from its boilerplate.
//!
//! # The API
//!
//! - [`extract`] and [`extract_text`]: one page, or captured text, with the
//!   defaults; [`Extractor`] (built from a [`Config`], [`Tuning`] and,
//!   optionally, a [`Model`] of the caller's) for many.
//! - [`Extraction`]: what comes out — the text, its [`Metadata`], the
//!   [`PageType`], the [`Selection`] of kept blocks and [`Removed`] ones,
//!   each removed block's [`Label`] and rule — rendered in any [`Format`]
//!   ([`render`]).
//! - [`Error`] and its [`ErrorKind`]: why a page gave no extraction.
//! - [`input::warc`] reads WARC archives into [`Page`]s, and [`batch::warc`]
//!   extracts their records and accounts for each.
//!
//! # The pipeline
//!
//! The engine is a pipeline of stages, each turning one typed value into the
//! next (`pipeline.rs` is the whole sequence):
//!
//! 1. **decode** — [`Page`] bytes in any encoding -> text
//! 2. **parse** — text -> a read-only node arena
//! 3. **metadata** — the tree -> [`Metadata`]
//! 4. **blocks** — the tree -> [`blocks::Block`]s, runs of text in reading order
//! 5. **classify** — blocks -> [`Labeled`] blocks: content or a kind of boilerplate
//! 6. **select** — labels -> [`Selection`]: what is kept, what was removed and why
//! 7. **page type** — Selection -> [`PageType`]: article, forum, product …
//! 8. **confidence** — Selection -> how sure the engine is that it found the content
//! 9. **render** — Selection -> text, Markdown, HTML or JSON
//!
//! The stages are internal; examples and benchmarks that time or train them
//! reach them through the hidden `internals` module, which is not part of
//! the API.
//!
//! Above the pipeline, [`batch`] runs many pages through one [`Extractor`]
//! and accounts for each: it calls the pipeline on what [`input`] read and
//! hands the result to [`render`], so that those two never import each
//! other.
//!
//! Text that a crawler already stripped of its tags (text mode,
//! [`Extractor::extract_text`]) enters at the blocks stage: its lines become
//! blocks, labelled by a line model and the same wording rules, then
//! selected and rendered like a page.
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
mod classify;
mod confidence;
mod config;
mod decode;
mod dom;
mod error;
mod hash;
pub mod input;
mod invisible;
mod label;
mod metadata;
mod page_type;
mod pipeline;
pub mod process;
pub mod render;
mod select;
mod tuning;
mod wording;

pub use classify::model::{Model, ModelKind};
pub use classify::Labeled;
pub use config::Config;
pub use decode::EncodingSource;
pub use error::{Error, ErrorKind};
pub use input::Page;
pub use label::Label;
pub use metadata::{Image, Metadata};
pub use page_type::PageType;
pub use pipeline::Extractor;
pub use render::{Extraction, Format};
pub use select::{Removed, Selection};
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

/// The stages, for the examples and benchmarks that time them one by one or
/// dump what the models read. Not part of the API: anything here may change
/// without notice.
#[doc(hidden)]
pub mod internals {
    #![allow(missing_docs)]
    pub mod classify {
        pub use crate::classify::*;
    }
    pub mod confidence {
        pub use crate::confidence::*;
    }
    pub mod decode {
        pub use crate::decode::*;
    }
    pub mod dom {
        pub use crate::dom::*;
    }
    pub mod metadata {
        pub use crate::metadata::*;
    }
    pub mod page_type {
        pub use crate::page_type::*;
    }
    pub mod select {
        pub use crate::select::*;
    }
    pub mod tuning {
        pub use crate::tuning::*;
    }
}

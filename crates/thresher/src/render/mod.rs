//! Selection -> output: plain text, Markdown, HTML, JSON and the explain
//! report, each a function of an [`Extraction`] alone.

pub mod explain;
pub mod html;
pub mod json;
pub(crate) mod layout;
pub mod markdown;
pub mod text;
pub(crate) mod url;

use crate::blocks::Block;
use crate::classify::Labeled;
use crate::decode::EncodingSource;
use crate::metadata::Metadata;
use crate::page_type::PageType;
use crate::select::Selection;

/// Output formats. [`Format::ALL`] is the one list of them: the command
/// line's `-f`, the Python binding's `format=` (and its checked stub) take
/// their names from it, so a new format is a renderer, a variant here and
/// its entry in `ALL`, [`Format::name`], [`Format::about`] and
/// [`Extraction::render`].
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

impl Format {
    /// Every format, in the order they are listed to users.
    pub const ALL: [Format; 4] = [Format::Text, Format::Markdown, Format::Html, Format::Json];

    /// The format's name, as `-f` and `format=` spell it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
        }
    }

    /// What the format is, in a few words, for help texts.
    pub fn about(self) -> &'static str {
        match self {
            Format::Text => "Plain text",
            Format::Markdown => "GitHub-flavoured Markdown",
            Format::Html => "Clean, sanitised article HTML",
            Format::Json => "One JSON document",
        }
    }

    /// The format named `name` ([`Format::name`]), if there is one.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// What the caller chose to show of the kept content (from
/// [`crate::Config`]'s `include_*` choices). Leaving something out here
/// does not make it boilerplate: it stays kept, and is not listed as
/// removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RenderOptions {
    /// Tables' cells are rendered.
    pub tables: bool,
    /// Images are rendered (Markdown and HTML).
    pub images: bool,
    /// Links keep their addresses (Markdown and HTML); without, a link is
    /// its text.
    pub links: bool,
    /// Markdown opens with the title as a heading.
    pub title_heading: bool,
    /// Markdown opens with YAML front matter.
    pub front_matter: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions::from(&crate::Config::default())
    }
}

impl From<&crate::Config> for RenderOptions {
    fn from(c: &crate::Config) -> Self {
        RenderOptions {
            tables: c.include_tables,
            images: c.include_images,
            links: c.include_links,
            title_heading: c.title_heading,
            front_matter: c.front_matter,
        }
    }
}

/// Writes an image's `markup` into `out`, the Markdown's or the HTML's.
/// Segmentation folds the spaces on both sides of an image into the one
/// before it, so when that one is there and the inline after the image
/// (`next`) starts without one, it is put back.
pub(crate) fn push_image(out: &mut String, markup: &str, next: Option<&crate::blocks::Inline>) {
    use crate::blocks::Inline;
    let spaced = out.ends_with(char::is_whitespace);
    out.push_str(markup);
    let glued = match next {
        Some(Inline::Text { text, .. }) => !text.starts_with(char::is_whitespace),
        Some(Inline::Formula { .. }) => true,
        _ => false,
    };
    if spaced && glued {
        out.push(' ');
    }
}

/// True for the link of the run `items[i..]` when it points to a place on
/// the same page and its text (up to the next other address) has no
/// letter or digit: the `¶` or `#` a documentation page puts beside each
/// heading, a footnote's `↩`. Markdown and HTML leave it out, as page
/// furniture; the plain text keeps the block's text as it was classified.
pub(crate) fn is_symbol_anchor(items: &[crate::blocks::Inline], i: usize) -> bool {
    use crate::blocks::Inline;
    let Some(Inline::Text { href: Some(h), .. }) = items.get(i) else {
        return false;
    };
    h.trim_start().starts_with('#')
        && !items[i..]
            .iter()
            .map_while(|it| match it {
                Inline::Text {
                    text,
                    href: Some(h2),
                    ..
                } if h2 == h => Some(text),
                _ => None,
            })
            .any(|t| t.chars().any(char::is_alphanumeric))
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
    /// What kind of page it is.
    pub page_type: PageType,
    /// How sure the engine is that it found the page's main content, 0 to 1.
    pub confidence: f32,
    /// The main content as plain text.
    pub text: String,
    /// The encoding the page was decoded with.
    pub encoding: &'static str,
    /// How that encoding was chosen.
    pub encoding_source: EncodingSource,
    /// The page's address, if known.
    pub url: Option<String>,
    /// What of the kept content the renderers show.
    pub options: RenderOptions,
}

/// What the stages found about a page, before anything is rendered.
#[derive(Clone, Debug)]
#[doc(hidden)]
pub struct Findings {
    /// The page's metadata.
    pub metadata: Metadata,
    /// Every block, in reading order.
    pub blocks: Vec<Block>,
    /// Each block's label, parallel to `blocks`.
    pub labels: Vec<Labeled>,
    /// What was kept and what was removed.
    pub selection: Selection,
    /// What kind of page it is.
    pub page_type: PageType,
    /// How sure the engine is that it found the main content.
    pub confidence: f32,
}

impl Extraction {
    /// Assembles an extraction; renders the plain text once, since every
    /// caller wants it.
    #[doc(hidden)]
    pub fn new(
        found: Findings,
        encoding: (&'static str, EncodingSource),
        url: Option<&str>,
        options: RenderOptions,
    ) -> Self {
        let Findings {
            metadata,
            blocks,
            labels,
            selection,
            page_type,
            confidence,
        } = found;
        let mut e = Extraction {
            metadata,
            blocks,
            labels,
            selection,
            page_type,
            confidence,
            text: String::new(),
            encoding: encoding.0,
            encoding_source: encoding.1,
            url: url.map(str::to_owned),
            options,
        };
        e.text = text::render(&e);
        e
    }

    /// The kept blocks, in reading order.
    pub fn kept_blocks(&self) -> impl Iterator<Item = &Block> + '_ {
        self.selection
            .kept
            .iter()
            .map(|id| &self.blocks[id.index()])
    }

    /// The kept blocks the renderers show: without table cells when the
    /// caller left tables out.
    pub fn shown_blocks(&self) -> impl Iterator<Item = &Block> + '_ {
        let tables = self.options.tables;
        self.kept_blocks()
            .filter(move |b| tables || b.cell.is_none())
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn every_format_is_listed_once_and_found_by_its_name() {
        for (i, f) in Format::ALL.into_iter().enumerate() {
            assert_eq!(Format::from_name(f.name()), Some(f));
            assert!(!Format::ALL[..i].contains(&f), "{f:?} listed twice");
            assert!(!f.about().is_empty());
        }
        assert_eq!(Format::from_name("pdf"), None);
    }

    /// An extraction of `html` in which every block is kept, so renderers
    /// can be tested apart from the classifier.
    pub(crate) fn all_kept(html: &str, url: Option<&str>) -> Extraction {
        let doc = crate::dom::parse(html, None).expect("parses");
        let blocks = crate::blocks::segment(&doc);
        let labels = crate::select::tests::content_labels(&blocks);
        let selection = Selection {
            kept: blocks.iter().map(|b| b.id).collect(),
            removed: Vec::new(),
        };
        let found = Findings {
            metadata: Metadata::default(),
            blocks,
            labels,
            selection,
            page_type: PageType::Article,
            confidence: 1.0,
        };
        Extraction::new(
            found,
            ("UTF-8", EncodingSource::Detected),
            url,
            RenderOptions::default(),
        )
    }
}

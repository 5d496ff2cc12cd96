//! What the caller chooses. How the engine weighs evidence lives in
//! [`crate::Tuning`], not here.

use std::time::Duration;

/// The caller's choices for an extraction.
#[derive(Clone, Debug)]
pub struct Config {
    /// Pages larger than this are refused rather than parsed.
    ///
    /// ### Default
    /// [`Config::DEFAULT_MAX_INPUT_BYTES`] (64 MiB): far above any real page,
    /// low enough that a run over junk input keeps bounded memory.
    pub max_input_bytes: usize,
    /// Extraction gives up with an error once this much time has passed.
    ///
    /// ### Default
    /// [`Config::DEFAULT_TIME_BUDGET`] (10 s); `None` means no limit.
    pub time_budget: Option<Duration>,
    /// Keep tables in the content.
    ///
    /// ### Default
    /// `true`.
    pub include_tables: bool,
    /// Keep images (as Markdown `![alt](src)` and in HTML output).
    ///
    /// ### Default
    /// `true`.
    pub include_images: bool,
    /// Keep links in Markdown and HTML output.
    ///
    /// ### Default
    /// `true`.
    pub include_links: bool,
    /// Keep readers' comments. Without it they are removed (labelled
    /// `comments`) on every page but forum and Q&A threads, whose posts
    /// are the content.
    ///
    /// ### Default
    /// `false`.
    pub include_comments: bool,
    /// Markdown starts with the page's title as a `# ` heading (unless the
    /// content already opens with that heading).
    ///
    /// ### Default
    /// `false`: the title is metadata, and the content is the article.
    pub title_heading: bool,
    /// Markdown starts with YAML front matter: `title`, `authors`, `date`,
    /// `url` and `site`, those the page has, as static-site generators and
    /// RAG loaders read it.
    ///
    /// ### Default
    /// `false`.
    pub front_matter: bool,
}

impl Config {
    /// Default for [`Config::max_input_bytes`].
    pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
    /// Default for [`Config::time_budget`].
    pub const DEFAULT_TIME_BUDGET: Duration = Duration::from_secs(10);
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_input_bytes: Self::DEFAULT_MAX_INPUT_BYTES,
            time_budget: Some(Self::DEFAULT_TIME_BUDGET),
            include_tables: true,
            include_images: true,
            include_links: true,
            include_comments: false,
            title_heading: false,
            front_matter: false,
        }
    }
}

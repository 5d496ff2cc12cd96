//! Blocks -> labels: is each block the page's content, or which kind of
//! boilerplate?
//!
//! Evidence comes from three places, so that no single one decides alone:
//! where the block sits (the content region found by [`region`]), how its
//! surroundings are built (landmarks, forms, link lists, class/id hints in
//! [`hints`]), and what it says (calls to action, paywall and sign-up
//! wording, credits, bios in [`wording`]). [`rules`] turns that evidence into
//! verdicts and [`score`] combines them.

pub mod features;
pub mod hints;
pub mod learned;
pub mod model;
pub mod region;
pub mod rules;
pub mod score;
pub mod text;
pub mod wording;

use crate::blocks::Block;
use crate::dom::Document;
use crate::metadata::Metadata;
use crate::tuning::Tuning;

pub use score::{Labeled, Verdict};

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// The page's main content.
    Content,
    /// The page's headline, given in metadata rather than in the text.
    Title,
    /// Author and date line.
    Byline,
    /// Site menus, pagination, skip links.
    Navigation,
    /// "Home › Section › Page" trails.
    Breadcrumb,
    /// The site's masthead.
    Header,
    /// The site's footer: copyright, address, footer links.
    Footer,
    /// Side columns and widgets.
    Sidebar,
    /// Advertisements and their "Advertisement" labels.
    Advertisement,
    /// Cookie and consent notices.
    CookieBanner,
    /// Pitches to buy a subscription.
    Subscription,
    /// Newsletter sign-ups.
    Newsletter,
    /// Paywall and metering notices.
    Paywall,
    /// Share and follow buttons.
    SocialShare,
    /// The author's biography.
    AuthorBio,
    /// Lists of other articles.
    RelatedLinks,
    /// Readers' comments and comment forms.
    Comments,
    /// Image captions and credits.
    ImageCredit,
    /// Forms and their controls' labels.
    Form,
    /// Log-in and account prompts.
    Login,
    /// A table of contents.
    TableOfContents,
    /// Terms, privacy and legal notices.
    Legal,
    /// Content whose text (case and spacing aside) was already kept higher
    /// up the page: the second copy of a page laid out twice (desktop and
    /// mobile), a repeated pitch or notice.
    Duplicate,
    /// Boilerplate of no more specific kind.
    Other,
}

impl Label {
    /// The label's name as it appears in JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Label::Content => "content",
            Label::Title => "title",
            Label::Byline => "byline",
            Label::Navigation => "navigation",
            Label::Breadcrumb => "breadcrumb",
            Label::Header => "header",
            Label::Footer => "footer",
            Label::Sidebar => "sidebar",
            Label::Advertisement => "advertisement",
            Label::CookieBanner => "cookie_banner",
            Label::Subscription => "subscription",
            Label::Newsletter => "newsletter",
            Label::Paywall => "paywall",
            Label::SocialShare => "social_share",
            Label::AuthorBio => "author_bio",
            Label::RelatedLinks => "related_links",
            Label::Comments => "comments",
            Label::ImageCredit => "image_credit",
            Label::Form => "form",
            Label::Login => "login",
            Label::TableOfContents => "table_of_contents",
            Label::Legal => "legal",
            Label::Duplicate => "duplicate",
            Label::Other => "other",
        }
    }
}

/// Labels every block.
pub fn classify(
    doc: &Document,
    blocks: &[Block],
    metadata: &Metadata,
    tuning: &Tuning,
) -> Vec<Labeled> {
    let region = region::find(doc, blocks, tuning);
    // The learned model decides content; the rules name the boilerplate.
    let mut hints = hints::HintCache::new(doc);
    let rows = features::compute(doc, blocks, &region, metadata, &hints);
    let probabilities = learned::probabilities(doc, blocks, &rows, tuning);
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let verdicts = rules::verdicts(doc, b, &region, &mut hints, metadata, tuning);
            match &probabilities {
                Some(m) => learned::decide(b.id, &verdicts, m.p[i], m.threshold, tuning),
                None => score::combine(b.id, &verdicts),
            }
        })
        .collect()
}

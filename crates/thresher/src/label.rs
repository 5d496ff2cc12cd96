//! What a block is: content, or one kind of boilerplate. Classification
//! gives each block a label, selection keeps the content and lists the
//! rest by label, and every output names them as [`Label::name`] does.

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
    /// Share and follow buttons, and calls to follow the site on a network
    /// or install its app.
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
    /// Hidden from readers by markup (`hidden`, `display:none`,
    /// `aria-hidden`, `noscript` …): what a reader of the page never sees.
    Hidden,
    /// Boilerplate of no more specific kind.
    Other,
}

impl Label {
    /// Every label, in the order of the enum: the one list the outputs and
    /// the bindings name labels from.
    pub const ALL: [Label; 25] = [
        Label::Content,
        Label::Title,
        Label::Byline,
        Label::Navigation,
        Label::Breadcrumb,
        Label::Header,
        Label::Footer,
        Label::Sidebar,
        Label::Advertisement,
        Label::CookieBanner,
        Label::Subscription,
        Label::Newsletter,
        Label::Paywall,
        Label::SocialShare,
        Label::AuthorBio,
        Label::RelatedLinks,
        Label::Comments,
        Label::ImageCredit,
        Label::Form,
        Label::Login,
        Label::TableOfContents,
        Label::Legal,
        Label::Duplicate,
        Label::Hidden,
        Label::Other,
    ];

    /// The label named `name`, as written by [`Label::name`].
    pub fn from_name(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.name() == name)
    }

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
            Label::Hidden => "hidden",
            Label::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_listed_once_and_named_back() {
        for (i, l) in Label::ALL.iter().enumerate() {
            assert_eq!(*l as usize, i, "{l:?} is out of place in Label::ALL");
            assert_eq!(Label::from_name(l.name()), Some(*l));
        }
    }

    #[test]
    fn the_readme_documents_every_removed_label() {
        // The JSON document's section lists the labels a `removed` entry
        // can carry: all but content.
        let readme = include_str!("../../../README.md");
        for l in Label::ALL.iter().filter(|l| **l != Label::Content) {
            assert!(
                readme.contains(&format!("`{}`", l.name())),
                "README omits `{}`",
                l.name()
            );
        }
    }
}

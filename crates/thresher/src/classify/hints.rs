//! What an element's markup says about it: landmark tags, ARIA roles, forms,
//! and class/id tokens. Class names are only a hint — many sites generate
//! them — so rules weigh a hint together with how the block is built and what
//! it says.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::Label;
use crate::dom::{Document, NodeId, Tag};

/// A hint from markup: the label it suggests and how it was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hint {
    /// The suggested label.
    pub label: Label,
    /// True when the evidence is structural (a landmark tag, an ARIA role, a
    /// form) rather than a class/id token.
    pub structural: bool,
    /// The element it came from.
    pub node: NodeId,
}

/// Class/id tokens naming content containers.
const CONTENT_TOKENS: &[&str] = &[
    "article",
    "articlebody",
    "article-body",
    "body",
    "content",
    "entry",
    "entry-content",
    "main",
    "post",
    "post-body",
    "post-content",
    "story",
    "story-body",
    "text",
    "prose",
    "blog",
    "page-content",
    "main-content",
    "richtext",
    "rich-text",
];

/// Class/id tokens naming boilerplate, and the label each suggests. A token
/// matches a whole class/id word (split on `-`, `_`, spaces) or, for the
/// long ones marked `true`, any word that contains it.
const BOILERPLATE_TOKENS: &[(&str, Label, bool)] = &[
    ("nav", Label::Navigation, false),
    ("navbar", Label::Navigation, true),
    ("navigation", Label::Navigation, true),
    ("menu", Label::Navigation, false),
    ("pagination", Label::Navigation, true),
    ("pager", Label::Navigation, false),
    ("skip", Label::Navigation, false),
    ("breadcrumb", Label::Breadcrumb, true),
    ("breadcrumbs", Label::Breadcrumb, true),
    ("masthead", Label::Header, true),
    ("footer", Label::Footer, true),
    ("copyright", Label::Footer, true),
    ("colophon", Label::Footer, false),
    ("sidebar", Label::Sidebar, true),
    ("widget", Label::Sidebar, false),
    ("rail", Label::Sidebar, false),
    ("ad", Label::Advertisement, false),
    ("ads", Label::Advertisement, false),
    ("advert", Label::Advertisement, true),
    ("advertisement", Label::Advertisement, true),
    ("sponsor", Label::Advertisement, false),
    ("sponsored", Label::Advertisement, false),
    ("promo", Label::Advertisement, false),
    ("dfp", Label::Advertisement, false),
    ("cookie", Label::CookieBanner, true),
    ("consent", Label::CookieBanner, true),
    ("gdpr", Label::CookieBanner, true),
    ("subscribe", Label::Subscription, true),
    ("subscription", Label::Subscription, true),
    ("paywall", Label::Paywall, true),
    ("metered", Label::Paywall, true),
    ("newsletter", Label::Newsletter, true),
    ("signup", Label::Newsletter, false),
    ("optin", Label::Newsletter, false),
    ("share", Label::SocialShare, false),
    ("sharing", Label::SocialShare, false),
    ("social", Label::SocialShare, false),
    ("bio", Label::AuthorBio, false),
    ("author-bio", Label::AuthorBio, true),
    ("related", Label::RelatedLinks, true),
    ("recommended", Label::RelatedLinks, true),
    ("popular", Label::RelatedLinks, true),
    ("trending", Label::RelatedLinks, true),
    ("comment", Label::Comments, true),
    ("comments", Label::Comments, true),
    ("disqus", Label::Comments, true),
    ("credit", Label::ImageCredit, false),
    ("login", Label::Login, true),
    ("signin", Label::Login, true),
    ("toc", Label::TableOfContents, false),
    ("disclaimer", Label::Legal, true),
];

/// How precisely a label names a kind of boilerplate: when one element's
/// class names suggest several (`inline-promo subscribe-promo`), the most
/// specific wins.
pub fn specificity(label: Label) -> u8 {
    match label {
        Label::Subscription | Label::Newsletter | Label::Paywall | Label::CookieBanner => 3,
        Label::AuthorBio | Label::Comments | Label::Breadcrumb | Label::Login => 3,
        Label::ImageCredit | Label::TableOfContents | Label::SocialShare => 2,
        Label::Advertisement | Label::RelatedLinks | Label::Legal => 2,
        _ => 1,
    }
}

/// The content/boilerplate weight of an element's class and id: +1 for each
/// content token, -1 for each boilerplate token.
pub fn class_weight(doc: &Document, node: NodeId) -> i32 {
    let mut w = 0;
    for_each_token(doc, node, |t| {
        if CONTENT_TOKENS.contains(&t) {
            w += 1;
        }
        if token_label(t).is_some() {
            w -= 1;
        }
    });
    w.clamp(-1, 1)
}

/// The long tokens that also match inside a word, as one automaton: class
/// attributes are scanned for every element, so this is a hot path.
static PARTIAL_TOKENS: LazyLock<(AhoCorasick, Vec<Label>)> = LazyLock::new(|| {
    let partial: Vec<(&str, Label)> = BOILERPLATE_TOKENS
        .iter()
        .filter(|t| t.2)
        .map(|t| (t.0, t.1))
        .collect();
    let automaton = AhoCorasick::new(partial.iter().map(|p| p.0))
        .expect("the token list is a valid set of literal patterns");
    (automaton, partial.into_iter().map(|p| p.1).collect())
});

fn token_label(token: &str) -> Option<Label> {
    if let Some(&(_, label, _)) = BOILERPLATE_TOKENS.iter().find(|t| t.0 == token) {
        return Some(label);
    }
    let (automaton, labels) = &*PARTIAL_TOKENS;
    automaton
        .find(token)
        .map(|m| labels[m.pattern().as_usize()])
}

fn for_each_token(doc: &Document, node: NodeId, mut f: impl FnMut(&str)) {
    let Some(e) = doc.element(node) else { return };
    let mut buf = String::new();
    for name in ["class", "id"] {
        if let Some(v) = e.attr(name) {
            for word in v.split_ascii_whitespace() {
                buf.clear();
                buf.push_str(word);
                buf.make_ascii_lowercase();
                // Whole word first ("author-bio"), then its parts ("bio").
                f(&buf);
                for part in buf.split(['-', '_']).filter(|p| !p.is_empty() && *p != buf) {
                    f(part);
                }
            }
        }
    }
}

/// The hint of one element, ignoring its ancestors.
pub fn element_hint(doc: &Document, node: NodeId) -> Option<Hint> {
    let e = doc.element(node)?;
    let structural = |label| {
        Some(Hint {
            label,
            structural: true,
            node,
        })
    };
    let mut found: Option<Label> = None;
    for_each_token(doc, node, |t| {
        if CONTENT_TOKENS.contains(&t) {
            return;
        }
        if let Some(l) = token_label(t) {
            if found.map_or(true, |f| specificity(l) > specificity(f)) {
                found = Some(l);
            }
        }
    });
    if let Some(role) = e.attr("role") {
        let by_role = match role.to_ascii_lowercase().as_str() {
            "navigation" | "menu" | "menubar" => Some(Label::Navigation),
            "banner" => Some(Label::Header),
            "contentinfo" => Some(Label::Footer),
            "complementary" => Some(Label::Sidebar),
            "dialog" | "alertdialog" => Some(Label::Other),
            _ => None,
        };
        if let Some(l) = by_role {
            return structural(found.unwrap_or(l));
        }
    }
    // A landmark's class names its kind more precisely than its tag does
    // (`<aside class="subscribe-promo">` is a subscription pitch).
    let landmark = match e.tag {
        Tag::Nav => Some(Label::Navigation),
        Tag::Footer => Some(Label::Footer),
        Tag::Aside => Some(Label::Sidebar),
        Tag::Form => Some(Label::Form),
        Tag::Header => Some(Label::Header),
        _ => None,
    };
    if let Some(l) = landmark {
        return structural(found.unwrap_or(l));
    }
    found.map(|label| Hint {
        label,
        structural: false,
        node,
    })
}

/// Memoised hints of ancestors: the nearest hinted ancestor of each node.
pub struct HintCache<'d> {
    doc: &'d Document,
    nearest: Vec<Option<Option<Hint>>>,
}

impl<'d> HintCache<'d> {
    /// An empty cache over `doc`.
    pub fn new(doc: &'d Document) -> Self {
        HintCache {
            doc,
            nearest: vec![None; doc.len()],
        }
    }

    /// The hints on `node` and its ancestors, nearest first, stopping below
    /// `stop` (exclusive) when given.
    pub fn chain(&mut self, node: NodeId, stop: Option<NodeId>) -> Vec<Hint> {
        let mut out = Vec::new();
        let mut cur = Some(node);
        while let Some(n) = cur {
            if Some(n) == stop {
                break;
            }
            if let Some(h) = self.hint(n) {
                out.push(h);
            }
            cur = self.doc.parent(n);
        }
        out
    }

    fn hint(&mut self, n: NodeId) -> Option<Hint> {
        if let Some(cached) = self.nearest[n.index()] {
            return cached;
        }
        let h = element_hint(self.doc, n);
        self.nearest[n.index()] = Some(h);
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::parse;

    fn hint_of(html: &str) -> Option<Label> {
        let doc = parse(html, None).expect("parses");
        let div = doc.find(Tag::Div).expect("has a div");
        element_hint(&doc, div).map(|h| h.label)
    }

    #[test]
    fn class_tokens_suggest_labels() {
        assert_eq!(
            hint_of("<div class='newsletter-signup'></div>"),
            Some(Label::Newsletter)
        );
        assert_eq!(
            hint_of("<div class='paywall-prompt'></div>"),
            Some(Label::Paywall)
        );
        assert_eq!(
            hint_of("<div id='sidebar-right'></div>"),
            Some(Label::Sidebar)
        );
    }

    #[test]
    fn short_tokens_match_whole_words_only() {
        assert_eq!(hint_of("<div class='header-add shadow'></div>"), None);
        assert_eq!(
            hint_of("<div class='ad-slot'></div>"),
            Some(Label::Advertisement)
        );
    }

    #[test]
    fn roles_are_structural() {
        let doc = parse("<div role='navigation'></div>", None).expect("parses");
        let div = doc.find(Tag::Div).expect("has a div");
        let h = element_hint(&doc, div).expect("hinted");
        assert!(h.structural && h.label == Label::Navigation);
    }
}

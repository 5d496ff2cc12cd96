//! What an element's markup says about it: landmark tags, ARIA roles, forms,
//! and class/id tokens. Class names are only a hint — many sites generate
//! them — so rules weigh a hint together with how the block is built and what
//! it says.

use std::cell::{OnceCell, RefCell};
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::Label;
use crate::dom::{Document, Element, NodeId, Tag};
use crate::hash::{FastMap, FastSet};

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
    i32::from(Own::of(doc, node).class_weight)
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

/// What one class/id token names: content, or the label of a kind of
/// boilerplate. Exact tokens come from a table built once per process (a
/// list scan per token was a measurable share of the run); the first entry
/// of a repeated token wins, as in the list.
static EXACT_TOKENS: LazyLock<FastMap<&'static str, Label>> = LazyLock::new(|| {
    let mut table = FastMap::default();
    for &(token, label, _) in BOILERPLATE_TOKENS {
        table.entry(token).or_insert(label);
    }
    table
});

/// [`CONTENT_TOKENS`] as a set, looked up once per token as the table is.
static CONTENT_TOKEN_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| CONTENT_TOKENS.iter().copied().collect());

fn token_label(token: &str) -> Option<Label> {
    if let Some(&label) = EXACT_TOKENS.get(token) {
        return Some(label);
    }
    let (automaton, labels) = &*PARTIAL_TOKENS;
    automaton
        .find(token)
        .map(|m| labels[m.pattern().as_usize()])
}

fn for_each_token(class: &str, id: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    for v in [class, id] {
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

/// The hint of one element, ignoring its ancestors.
pub fn element_hint(doc: &Document, node: NodeId) -> Option<Hint> {
    Own::of(doc, node).hint
}

/// What one element's own markup says: its hint and its class weight,
/// worked out in one pass over its class/id tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Own {
    hint: Option<Hint>,
    /// -1, 0 or 1: see [`class_weight`].
    class_weight: i8,
}

/// What an element's class and id tokens say, before its tag and role are
/// read: the most specific boilerplate label among the tokens that do not
/// name content (the first of equals winning), and the sum of content (+1)
/// and boilerplate (-1) tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Tokens {
    label: Option<Label>,
    weight: i32,
}

impl Tokens {
    const NONE: Tokens = Tokens {
        label: None,
        weight: 0,
    };

    fn of(class: &str, id: &str) -> Tokens {
        let mut found: Option<Label> = None;
        let mut weight = 0i32;
        for_each_token(class, id, |t| {
            let content = CONTENT_TOKEN_SET.contains(t);
            let label = token_label(t);
            weight += i32::from(content) - i32::from(label.is_some());
            if let (false, Some(l)) = (content, label) {
                if found.map_or(true, |f| specificity(l) > specificity(f)) {
                    found = Some(l);
                }
            }
        });
        Tokens {
            label: found,
            weight,
        }
    }
}

impl Own {
    fn of(doc: &Document, node: NodeId) -> Own {
        let Some(e) = doc.element(node) else {
            return Own::NONE;
        };
        let tokens = Tokens::of(e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
        Own::from_tokens(e, node, tokens)
    }

    const NONE: Own = Own {
        hint: None,
        class_weight: 0,
    };

    fn from_tokens(e: &Element, node: NodeId, tokens: Tokens) -> Own {
        Own {
            hint: hint_of(e, node, tokens.label),
            class_weight: tokens.weight.clamp(-1, 1) as i8,
        }
    }
}

/// The hint of element `e` (node `node`), given the label its class/id
/// tokens suggest.
fn hint_of(e: &Element, node: NodeId, found: Option<Label>) -> Option<Hint> {
    let structural = |label| {
        Some(Hint {
            label,
            structural: true,
            node,
        })
    };
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

/// Each element's own hint and class weight, worked out once per page on
/// first use, and the hints of its ancestors. Region, features and rules
/// all ask about the same elements, so classification builds one cache and
/// passes it to each.
pub struct HintCache<'d> {
    doc: &'d Document,
    own: Vec<OnceCell<Own>>,
    /// What each distinct class and id pair says: pages repeat the same
    /// class on every card, row and item.
    tokens: RefCell<FastMap<(&'d str, &'d str), Tokens>>,
}

impl<'d> HintCache<'d> {
    /// An empty cache over `doc`.
    pub fn new(doc: &'d Document) -> Self {
        HintCache {
            doc,
            own: vec![OnceCell::new(); doc.len()],
            tokens: RefCell::default(),
        }
    }

    fn own(&self, n: NodeId) -> Own {
        *self.own[n.index()].get_or_init(|| {
            let Some(e) = self.doc.element(n) else {
                return Own::NONE;
            };
            let (class, id) = (e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
            let tokens = if class.is_empty() && id.is_empty() {
                Tokens::NONE
            } else {
                *self
                    .tokens
                    .borrow_mut()
                    .entry((class, id))
                    .or_insert_with(|| Tokens::of(class, id))
            };
            Own::from_tokens(e, n, tokens)
        })
    }

    /// [`element_hint`] of `n`.
    pub fn hint(&self, n: NodeId) -> Option<Hint> {
        self.own(n).hint
    }

    /// [`class_weight`] of `n`.
    pub fn class_weight(&self, n: NodeId) -> i32 {
        i32::from(self.own(n).class_weight)
    }

    /// The hints on `node` and its ancestors, nearest first, stopping below
    /// `stop` (exclusive) when given.
    pub fn chain(&self, node: NodeId, stop: Option<NodeId>) -> Vec<Hint> {
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

    #[test]
    fn elements_sharing_a_class_keep_their_own_tag_and_role() {
        // The cache reads a (class, id) pair once; the tag and the role
        // still decide per element.
        let doc = parse(
            "<div class='plain-card'></div><nav class='plain-card'></nav>\
             <div class='plain-card' role='contentinfo'></div>",
            None,
        )
        .expect("parses");
        let cache = HintCache::new(&doc);
        let hints: Vec<(Option<Label>, bool)> = doc
            .descendants(doc.root())
            .filter(|&n| doc.attr(n, "class") == Some("plain-card"))
            .map(|n| {
                cache
                    .hint(n)
                    .map_or((None, false), |h| (Some(h.label), h.structural))
            })
            .collect();
        assert_eq!(
            hints,
            [
                (None, false),
                (Some(Label::Navigation), true),
                (Some(Label::Footer), true)
            ]
        );
    }

    #[test]
    fn the_cache_gives_each_element_its_own_hint_and_weight() {
        let doc = parse(
            "<div class='post-content sidebar-ad'><nav id='main'><aside class='subscribe-promo'>\
             <p class='article'>x</p></aside></nav></div>",
            None,
        )
        .expect("parses");
        let cache = HintCache::new(&doc);
        for n in doc.descendants(doc.root()) {
            assert_eq!(cache.hint(n), element_hint(&doc, n));
            assert_eq!(cache.class_weight(n), class_weight(&doc, n));
        }
        let div = doc.find(Tag::Div).expect("has a div");
        // `post-content`, `post` and `content` +1 each; `sidebar-ad`,
        // `sidebar` and `ad` -1 each. The hint skips the content tokens and
        // takes the most specific of the others.
        assert_eq!(cache.class_weight(div), 0);
        assert_eq!(cache.hint(div).map(|h| h.label), Some(Label::Advertisement));
        let aside = doc.find(Tag::Aside).expect("has an aside");
        let chain: Vec<Label> = cache.chain(aside, None).iter().map(|h| h.label).collect();
        assert_eq!(
            chain,
            [Label::Subscription, Label::Navigation, Label::Advertisement]
        );
    }
}

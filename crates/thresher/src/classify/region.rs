//! The content region: the container that holds most of the page's prose,
//! found the way Readability finds it — blocks vote for their ancestors,
//! link-heavy containers lose their votes, and siblings that score close to
//! the winner join it.

use super::hints::HintCache;
use crate::blocks::Block;
use crate::dom::{Document, NodeId, Tag};
use crate::tuning::RegionSettings;

/// Per-node text totals and the region that holds the content.
#[derive(Debug)]
pub struct Region {
    /// Element whose subtree scored best, if any block scored at all.
    pub top: Option<NodeId>,
    /// Whether each node lies inside the region.
    inside: Vec<bool>,
    /// Characters in each node's subtree.
    pub chars: Vec<u32>,
    /// Link characters in each node's subtree.
    pub link_chars: Vec<u32>,
    /// `form` elements in each node's subtree.
    pub forms: Vec<u32>,
    /// The elements whose subtrees make up the region.
    pub roots: Vec<NodeId>,
    /// Each node's content score before the link-density discount (tag
    /// prior, class weight and its blocks' votes); NaN where no block voted.
    pub score: Vec<f32>,
}

impl Region {
    /// True when `node` lies in the content region.
    pub fn contains(&self, node: NodeId) -> bool {
        self.inside[node.index()]
    }

    /// Characters in the region.
    pub fn region_chars(&self) -> u32 {
        self.roots.iter().map(|r| self.chars[r.index()]).sum()
    }

    /// True when `node` wraps a whole region root: a page-wide container
    /// whose class names say nothing about the blocks in it.
    pub fn wraps_region(&self, doc: &Document, node: NodeId) -> bool {
        self.roots
            .iter()
            .any(|&r| doc.ancestors_and_self(r).any(|a| a == node))
    }

    /// Share of link text in the subtree of `node`.
    pub fn link_density(&self, node: NodeId) -> f32 {
        let c = self.chars[node.index()];
        if c == 0 {
            0.0
        } else {
            self.link_chars[node.index()] as f32 / c as f32
        }
    }
}

/// Readability's priors of a node as a container, before any block votes:
/// sections hold prose, cells and quotes may, lists and forms seldom do,
/// headings never.
mod prior {
    /// `div`, `article`, `main`, `section`.
    pub const SECTION: f32 = 5.0;
    /// `pre`, `td`, `blockquote`.
    pub const CELL_OR_QUOTE: f32 = 3.0;
    /// Lists, their items, `address`, `form`.
    pub const LIST_OR_FORM: f32 = -3.0;
    /// Headings and `th`.
    pub const HEADING: f32 = -5.0;
}

/// The node's prior as a container (see [`prior`]).
fn tag_prior(tag: Option<Tag>) -> f32 {
    match tag {
        Some(Tag::Div | Tag::Article | Tag::Main | Tag::Section) => prior::SECTION,
        Some(Tag::Pre | Tag::Td | Tag::Blockquote) => prior::CELL_OR_QUOTE,
        Some(
            Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form,
        ) => prior::LIST_OR_FORM,
        Some(Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th) => prior::HEADING,
        _ => 0.0,
    }
}

/// Finds the content region of a document.
pub fn find(
    doc: &Document,
    blocks: &[&Block],
    hints: &HintCache<'_>,
    settings: &RegionSettings,
) -> Region {
    let n = doc.len();
    let mut chars = vec![0u32; n];
    let mut link_chars = vec![0u32; n];
    let mut forms = vec![0u32; n];
    for b in blocks {
        chars[b.owner.index()] += b.stats.chars;
        link_chars[b.owner.index()] += b.stats.link_chars;
    }
    // Reverse pre-order visits every child before its parent.
    let order: Vec<NodeId> = doc.descendants(doc.root()).collect();
    for &node in order.iter().rev() {
        if doc.tag(node) == Some(Tag::Form) {
            forms[node.index()] += 1;
        }
        if let Some(p) = doc.parent(node) {
            chars[p.index()] += chars[node.index()];
            link_chars[p.index()] += link_chars[node.index()];
            forms[p.index()] += forms[node.index()];
        }
    }

    let mut score = vec![f32::NAN; n];
    for b in blocks {
        if b.stats.chars < settings.min_scored_chars {
            continue;
        }
        let points = 1.0
            + b.stats.commas as f32
            + (b.stats.chars as f32 / settings.chars_per_length_point)
                .min(settings.max_length_points);
        let ancestors = doc.ancestors_and_self(b.owner).skip(1);
        for (node, divisor) in ancestors.zip(settings.ancestor_divisors) {
            if doc.element(node).is_none() {
                break;
            }
            let s = &mut score[node.index()];
            if s.is_nan() {
                *s = tag_prior(doc.tag(node))
                    + hints.class_weight(node) as f32 * settings.class_weight;
            }
            *s += points / divisor;
        }
    }
    let density = |node: NodeId| {
        let c = chars[node.index()];
        if c == 0 {
            0.0
        } else {
            link_chars[node.index()] as f32 / c as f32
        }
    };
    let mut candidates: Vec<(NodeId, f32)> = order
        .iter()
        .filter(|id| !score[id.index()].is_nan())
        .map(|&id| (id, score[id.index()] * (1.0 - density(id))))
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1));

    let mut inside = vec![false; n];
    let Some(&(mut top, top_score)) = candidates.first() else {
        inside.iter_mut().for_each(|i| *i = true);
        return Region {
            top: None,
            inside,
            chars,
            link_chars,
            forms,
            roots: vec![doc.root()],
            score,
        };
    };

    // Several near-equal candidates under one ancestor (posts, cards) mean
    // the content is their common container.
    let alternatives: Vec<NodeId> = candidates
        .iter()
        .skip(1)
        .take(settings.alternative_candidates)
        .filter(|c| c.1 >= top_score * settings.alternative_candidate_share)
        .map(|c| c.0)
        .collect();
    if alternatives.len() >= settings.min_alternative_candidates {
        let mut parent = doc.parent(top);
        while let Some(p) = parent {
            if doc.tag(p) == Some(Tag::Body) || doc.element(p).is_none() {
                break;
            }
            let agreeing = alternatives
                .iter()
                .filter(|&&a| doc.ancestors_and_self(a).any(|x| x == p))
                .count();
            if agreeing >= settings.min_alternative_candidates {
                top = p;
                break;
            }
            parent = doc.parent(p);
        }
    }
    // A container that is its parent's only element child says nothing the
    // parent does not; the parent may hold the title and byline too.
    while let Some(p) = doc.parent(top) {
        let element_children = doc
            .children(p)
            .filter(|&c| doc.element(c).is_some())
            .count();
        if element_children != 1 || doc.tag(p) == Some(Tag::Body) || doc.element(p).is_none() {
            break;
        }
        top = p;
    }

    let final_score = |id: NodeId| {
        let s = score[id.index()];
        if s.is_nan() {
            0.0
        } else {
            s * (1.0 - density(id))
        }
    };
    let best = final_score(top).max(top_score);
    let threshold = (best * settings.sibling_score_share).max(settings.sibling_min_score);
    let mut roots = vec![top];
    if let Some(parent) = doc.parent(top) {
        for sib in doc.children(parent).filter(|&s| s != top) {
            let text_chars = chars[sib.index()];
            let joins = final_score(sib) >= threshold
                || (doc.tag(sib) == Some(Tag::P)
                    && text_chars > settings.min_joining_paragraph_chars
                    && density(sib) < settings.max_joining_link_density);
            if joins {
                roots.push(sib);
            }
        }
    }
    // Pages made of many short items (listings, shops, forums) have no
    // prose container that holds most of their text: widen the region to
    // the page's main landmark, else its body, and let the block rules
    // remove what is boilerplate.
    let prose = |id: NodeId| chars[id.index()].saturating_sub(link_chars[id.index()]) as f32;
    let region_prose: f32 = roots.iter().map(|&r| prose(r)).sum();
    let body = doc.find(Tag::Body).unwrap_or(doc.root());
    if region_prose < prose(body) * settings.min_region_text_share {
        let main = doc
            .ancestors_and_self(top)
            .find(|&a| doc.tag(a) == Some(Tag::Main) || doc.attr(a, "role") == Some("main"));
        let wide = match main {
            Some(m) if prose(m) >= prose(body) * settings.min_region_text_share => m,
            _ => body,
        };
        roots = vec![wide];
    }
    for &root in &roots {
        inside[root.index()] = true;
        for d in doc.descendants(root) {
            inside[d.index()] = true;
        }
    }
    Region {
        top: Some(top),
        inside,
        chars,
        link_chars,
        forms,
        roots,
        score,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::segment;
    use crate::dom::parse;

    #[test]
    fn prose_container_wins_over_link_lists() {
        let prose =
            "A sentence of real prose, with commas, clauses, and enough length to score well. ";
        let html = format!(
            "<body><div id='menu'><ul><li><a href='/a'>Section one of the site menu here</a></li>\
             <li><a href='/b'>Section two of the site menu here</a></li></ul></div>\
             <div id='story'><p>{p}</p><p>{p}</p><p>{p}</p></div></body>",
            p = prose.repeat(3)
        );
        let doc = parse(&html, None).expect("parses");
        let blocks = segment(&doc);
        let seen: Vec<&crate::blocks::Block> = blocks.iter().collect();
        let hints = HintCache::new(&doc);
        let region = find(&doc, &seen, &hints, &crate::tuning::REGION);
        let top = region.top.expect("found a region");
        assert_eq!(doc.attr(top, "id"), Some("story"));
        assert!(region.contains(blocks.last().expect("blocks").owner));
        assert!(!region.contains(blocks[0].owner));
    }
}

//! The list of active formatting elements (§13.2.4.3) and the adoption
//! agency algorithm (§13.2.6.4.7, "an end tag whose tag name is one of a,
//! b, …"). Together they make `<b>one<p>two</b>three` and
//! `<p><b>bold</p>still bold` come out as browsers show them: a formatting
//! element left open across a block is reopened inside the next one, and an
//! end tag that closes one out of order is repaired, not dropped.

use super::tag_sets::is_special;
use super::{Ns, Open, TreeBuilder};
use crate::dom::tokenizer::{EndTag, StartTag};
use crate::dom::{Attr, NodeData, NodeId, Tag};

/// An entry in the list of active formatting elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Entry {
    /// Set by cells, captions, templates and `applet`/`marquee`/`object`:
    /// formatting never reopens across it.
    Marker,
    /// A formatting element, and its tag.
    Element(NodeId, Tag),
}

/// The "Noah's Ark" clause: at most this many identical formatting
/// elements (same tag and attributes) are remembered after the last marker.
const NOAHS_ARK_LIMIT: usize = 3;

/// A cap on the formatting elements remembered after the last marker.
/// Not in the standard: with distinct attributes the list could otherwise
/// grow with the input and make each new element cost as much as the list.
/// Real pages stay far below it.
const MAX_ACTIVE_FORMATTING: usize = 64;

/// How many times the adoption agency repairs one end tag (standard: 8).
const ADOPTION_OUTER_LOOPS: usize = 8;

/// After this many steps up from the furthest block, the adoption agency
/// stops reopening formatting elements (standard: 3).
const ADOPTION_INNER_REOPEN: usize = 3;

impl<'a> TreeBuilder<'a> {
    pub(super) fn push_marker(&mut self) {
        self.afe.push(Entry::Marker);
    }

    fn mark_in_afe(&mut self, id: NodeId, on: bool) {
        let i = id.index();
        if self.in_afe.len() <= i {
            self.in_afe.resize(i + 1, false);
        }
        self.in_afe[i] = on;
    }

    fn afe_push(&mut self, id: NodeId, tag: Tag) {
        self.afe.push(Entry::Element(id, tag));
        self.afe_counts[tag as usize] += 1;
        self.mark_in_afe(id, true);
    }

    fn afe_insert(&mut self, i: usize, id: NodeId, tag: Tag) {
        self.afe.insert(i, Entry::Element(id, tag));
        self.afe_counts[tag as usize] += 1;
        self.mark_in_afe(id, true);
    }

    /// Puts `id` in the place of the element at position `i` (same tag).
    fn afe_replace(&mut self, i: usize, id: NodeId, tag: Tag) {
        if let Entry::Element(old, _) = self.afe[i] {
            self.mark_in_afe(old, false);
        }
        self.afe[i] = Entry::Element(id, tag);
        self.mark_in_afe(id, true);
    }

    fn afe_remove(&mut self, i: usize) {
        if let Entry::Element(id, tag) = self.afe.remove(i) {
            self.afe_counts[tag as usize] -= 1;
            self.mark_in_afe(id, false);
        }
    }

    /// Drops entries up to and including the last marker.
    pub(super) fn clear_formatting_to_marker(&mut self) {
        while let Some(e) = self.afe.pop() {
            match e {
                Entry::Marker => break,
                Entry::Element(id, tag) => {
                    self.afe_counts[tag as usize] -= 1;
                    self.mark_in_afe(id, false);
                }
            }
        }
    }

    fn is_in_afe(&self, id: NodeId) -> bool {
        self.in_afe.get(id.index()).copied().unwrap_or(false)
    }

    /// Where element `id` is in the list. The per-node flag answers "not
    /// there" at once, so a list cut by thousands of nested cells is only
    /// walked for elements it holds.
    fn formatting_position(&self, id: NodeId) -> Option<usize> {
        if !self.is_in_afe(id) {
            return None;
        }
        self.afe
            .iter()
            .rposition(|e| matches!(e, Entry::Element(n, _) if *n == id))
    }

    /// The last formatting element `tag` after the last marker.
    pub(super) fn formatting_after_marker(&self, tag: Tag) -> Option<NodeId> {
        if self.afe_counts[tag as usize] == 0 {
            return None;
        }
        for e in self.afe.iter().rev() {
            match *e {
                Entry::Marker => return None,
                Entry::Element(id, t) if t == tag => return Some(id),
                Entry::Element(..) => {}
            }
        }
        None
    }

    pub(super) fn remove_formatting_entry(&mut self, id: NodeId) {
        if let Some(i) = self.formatting_position(id) {
            self.afe_remove(i);
        }
    }

    fn attrs_of(&self, id: NodeId) -> &[Attr] {
        match &self.b.node(id).data {
            NodeData::Element(e) => &e.attrs,
            _ => &[],
        }
    }

    /// Inserts a formatting element and remembers it.
    pub(super) fn insert_formatting(&mut self, t: StartTag<'a>) {
        let tag = t.tag;
        let mut same = 0;
        let mut earliest_same = None;
        let mut earliest = None;
        let mut remembered = 0;
        for (i, e) in self.afe.iter().enumerate().rev() {
            let Entry::Element(id, old_tag) = *e else {
                break;
            };
            remembered += 1;
            earliest = Some(i);
            if old_tag == tag && same_attributes(self.attrs_of(id), &t.attrs) {
                same += 1;
                earliest_same = Some(i);
            }
        }
        if same >= NOAHS_ARK_LIMIT {
            if let Some(i) = earliest_same {
                self.afe_remove(i);
            }
        } else if remembered >= MAX_ACTIVE_FORMATTING {
            if let Some(i) = earliest {
                self.afe_remove(i);
            }
        }
        let id = self.insert_start(t);
        self.afe_push(id, tag);
    }

    /// A detached copy of element `id`, starting at the current token.
    fn clone_element(&mut self, id: NodeId) -> NodeId {
        let data = self.b.node(id).data.clone();
        let copy = self.b.create(data);
        self.b.set_span(copy, self.tok);
        copy
    }

    /// Reopens the formatting elements that a closed block left behind, so
    /// that `<b>x<p>y` makes `y` bold too.
    pub(super) fn reconstruct_formatting(&mut self) {
        match self.afe.last() {
            None | Some(Entry::Marker) => return,
            Some(Entry::Element(id, _)) if self.is_on_stack(*id) => return,
            Some(Entry::Element(..)) => {}
        }
        let mut i = self.afe.len() - 1;
        while i > 0 {
            let open = match self.afe[i - 1] {
                Entry::Marker => true,
                Entry::Element(id, _) => self.is_on_stack(id),
            };
            if open {
                break;
            }
            i -= 1;
        }
        for j in i..self.afe.len() {
            let Entry::Element(old, tag) = self.afe[j] else {
                continue;
            };
            let new = self.clone_element(old);
            let place = self.element_place();
            self.insert_at(place, new);
            self.push(new, tag, Ns::Html, 0);
            self.afe_replace(j, new, tag);
        }
    }

    /// Replaces the element at stack position `i` by `new` (same tag).
    fn replace_on_stack(&mut self, i: usize, new: NodeId) {
        let old = self.stack[i];
        self.forget(&old);
        self.stack[i].id = new;
        self.mark_on_stack(new, true);
        if old.is_html() {
            // `forget` uncounted it; the copy takes its place.
            self.open_counts[old.tag as usize] += 1;
            if old.tag == Tag::Other {
                self.other_buckets[old.bucket as usize] += 1;
            }
        }
    }

    /// The adoption agency for an end tag `subject` (a formatting element).
    /// When the list holds no such element (after the last marker), the end
    /// tag is handled like any other.
    pub(super) fn adoption_agency(&mut self, subject: Tag) {
        if !self.adopt(subject) {
            self.any_other_end_tag(&EndTag {
                name: subject.name().into(),
                tag: subject,
            });
        }
    }

    /// The adoption agency proper; false when there is no formatting
    /// element `subject` to repair.
    fn adopt(&mut self, subject: Tag) -> bool {
        if let Some(cur) = self.current().copied() {
            if cur.is(subject) && !self.is_in_afe(cur.id) {
                self.pop();
                return true;
            }
        }
        for _ in 0..ADOPTION_OUTER_LOOPS {
            let Some(fe) = self.formatting_after_marker(subject) else {
                return false;
            };
            let fe_index = if self.is_on_stack(fe) {
                self.stack.iter().rposition(|e| e.id == fe)
            } else {
                None
            };
            let Some(fe_index) = fe_index else {
                self.remove_formatting_entry(fe);
                return true;
            };
            if !self.node_in_scope(fe) {
                return true;
            }
            let furthest = (fe_index + 1..self.stack.len())
                .find(|&i| self.stack[i].is_html() && is_special(self.stack[i].tag));
            let Some(furthest_index) = furthest else {
                // Nothing block-like inside: just close up to the element.
                while let Some(e) = self.pop() {
                    if e.id == fe {
                        break;
                    }
                }
                self.remove_formatting_entry(fe);
                return true;
            };
            // `html` is always below a formatting element, so there is one.
            let Some(common_ancestor) = fe_index.checked_sub(1).map(|i| self.stack[i].id) else {
                return true;
            };
            let furthest_block = self.stack[furthest_index].id;
            // Where the formatting element's copy goes in the list: in its
            // place, or after the copy of the node just above the block.
            let mut insert_after: Option<NodeId> = None;
            let mut node_index = furthest_index;
            let mut last_node = furthest_block;
            let mut inner = 0;
            loop {
                inner += 1;
                node_index -= 1;
                let node = self.stack[node_index];
                if node.id == fe {
                    break;
                }
                let position = self.formatting_position(node.id);
                if inner > ADOPTION_INNER_REOPEN {
                    if let Some(p) = position {
                        self.afe_remove(p);
                    }
                    self.remove_stack_at(node_index);
                    continue;
                }
                let Some(position) = position else {
                    self.remove_stack_at(node_index);
                    continue;
                };
                let copy = self.clone_element(node.id);
                self.replace_on_stack(node_index, copy);
                self.afe_replace(position, copy, node.tag);
                if last_node == furthest_block {
                    insert_after = Some(copy);
                }
                self.b.append(copy, last_node);
                last_node = copy;
            }
            self.b.detach(last_node);
            let place = self.place(Some(common_ancestor));
            self.insert_at(place, last_node);

            let copy = self.clone_element(fe);
            self.b.reparent_children(furthest_block, copy);
            self.b.append(furthest_block, copy);

            match insert_after.and_then(|n| self.formatting_position(n)) {
                Some(p) => {
                    self.afe_insert(p + 1, copy, subject);
                    self.remove_formatting_entry(fe);
                }
                None => {
                    if let Some(p) = self.formatting_position(fe) {
                        self.afe_replace(p, copy, subject);
                    }
                }
            }

            self.remove_from_stack(fe);
            if let Some(i) = self.stack.iter().rposition(|e| e.id == furthest_block) {
                self.stack.insert(
                    i + 1,
                    Open {
                        id: copy,
                        tag: subject,
                        ns: Ns::Html,
                        flags: 0,
                        bucket: 0,
                    },
                );
                self.open_counts[subject as usize] += 1;
                self.mark_on_stack(copy, true);
            }
        }
        true
    }

    /// Removes the element at stack position `i`.
    fn remove_stack_at(&mut self, i: usize) {
        let e = self.stack.remove(i);
        self.forget(&e);
    }
}

/// True when two attribute lists hold the same names and values, in any
/// order (both are free of duplicate names).
fn same_attributes(a: &[Attr], b: &[Attr]) -> bool {
    a.len() == b.len()
        && a.iter()
            .all(|x| b.iter().any(|y| x.name == y.name && x.value == y.value))
}

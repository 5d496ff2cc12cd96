//! The named tag sets of the tree-construction rules, as html5ever's
//! `tree_builder/tag_sets.rs` names them. They apply to HTML elements only:
//! callers check the namespace first.

use crate::dom::Tag;

/// Elements with special parsing rules: an end tag for another element
/// never closes past them, and they are the "furthest block" of the
/// adoption agency.
pub(super) fn is_special(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Address
            | Applet
            | Area
            | Article
            | Aside
            | Base
            | Basefont
            | Bgsound
            | Blockquote
            | Body
            | Br
            | Button
            | Caption
            | Center
            | Col
            | Colgroup
            | Dd
            | Details
            | Dir
            | Div
            | Dl
            | Dt
            | Embed
            | Fieldset
            | Figcaption
            | Figure
            | Footer
            | Form
            | Frame
            | Frameset
            | H1
            | H2
            | H3
            | H4
            | H5
            | H6
            | Head
            | Header
            | Hgroup
            | Hr
            | Html
            | Iframe
            | Img
            | Input
            | Li
            | Link
            | Listing
            | Main
            | Marquee
            | Menu
            | Meta
            | Nav
            | Noembed
            | Noframes
            | Noscript
            | Object
            | Ol
            | P
            | Param
            | Plaintext
            | Pre
            | Script
            | Section
            | Select
            | Source
            | Style
            | Summary
            | Table
            | Tbody
            | Td
            | Template
            | Textarea
            | Tfoot
            | Th
            | Thead
            | Title
            | Tr
            | Track
            | Ul
            | Wbr
            | Xmp
    )
}

/// Elements that bound the default scope (HTML ones; the SVG and MathML
/// integration points are flagged on the open element).
pub(super) fn is_default_scope_boundary(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Applet | Caption | Html | Table | Td | Th | Marquee | Object | Select | Template
    )
}

/// The scopes an element can be looked for in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scope {
    /// Bounded by tables, cells, captions, objects, templates and the
    /// foreign integration points.
    Default,
    /// Default, and also lists: where an `li` can be closed.
    ListItem,
    /// Default, and also buttons: where a `p` can be closed.
    Button,
    /// Only `html`, `table` and `template`.
    Table,
}

impl Scope {
    /// True when an HTML element `tag` bounds this scope.
    pub(super) fn bounded_by(self, tag: Tag) -> bool {
        match self {
            Scope::Default => is_default_scope_boundary(tag),
            Scope::ListItem => is_default_scope_boundary(tag) || matches!(tag, Tag::Ol | Tag::Ul),
            Scope::Button => is_default_scope_boundary(tag) || tag == Tag::Button,
            Scope::Table => matches!(tag, Tag::Html | Tag::Table | Tag::Template),
        }
    }
}

/// Elements whose end tag may be left out when their parent closes.
pub(super) fn is_implied_end(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Dd | Dt | Li | Option | Optgroup | P | Rb | Rp | Rt | Rtc
    )
}

/// [`is_implied_end`] plus the table parts, closed when a template ends.
pub(super) fn is_thoroughly_implied_end(tag: Tag) -> bool {
    use Tag::*;
    is_implied_end(tag)
        || matches!(
            tag,
            Caption | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr
        )
}

/// Formatting elements: remembered in the list of active formatting
/// elements and reopened after a block closes them.
pub(super) fn is_formatting(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        A | B | Big | Code | Em | Font | I | Nobr | S | Small | Strike | Strong | Tt | U
    )
}

/// `h1` to `h6`.
pub(super) fn is_heading(tag: Tag) -> bool {
    crate::dom::tags::heading_level(tag).is_some()
}

/// Elements under which misplaced content is foster-parented out of the table.
pub(super) fn is_foster_target(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Table | Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Tr
    )
}

/// Where "clear the stack back to a table context" stops.
pub(super) fn is_table_context(tag: Tag) -> bool {
    matches!(tag, Tag::Html | Tag::Table | Tag::Template)
}

/// Where "clear the stack back to a table body context" stops.
pub(super) fn is_table_body_context(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Tbody | Tag::Tfoot | Tag::Thead | Tag::Template | Tag::Html
    )
}

/// Where "clear the stack back to a table row context" stops.
pub(super) fn is_table_row_context(tag: Tag) -> bool {
    matches!(tag, Tag::Tr | Tag::Template | Tag::Html)
}

/// Start tags that end a table section (`tbody`, `thead`, `tfoot`).
pub(super) fn is_table_section(tag: Tag) -> bool {
    matches!(tag, Tag::Tbody | Tag::Tfoot | Tag::Thead)
}

/// Elements that belong in `head` wherever they appear before `body`.
pub(super) fn is_head_content(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Base | Basefont | Bgsound | Link | Meta | Noframes | Script | Style | Template | Title
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_nest_as_the_standard_says() {
        assert!(Scope::Default.bounded_by(Tag::Table));
        assert!(!Scope::Default.bounded_by(Tag::Ul));
        assert!(Scope::ListItem.bounded_by(Tag::Ul));
        assert!(Scope::Button.bounded_by(Tag::Button));
        assert!(!Scope::Table.bounded_by(Tag::Td));
    }

    #[test]
    fn special_and_formatting_do_not_overlap() {
        assert!(is_special(Tag::Div) && !is_formatting(Tag::Div));
        assert!(is_formatting(Tag::B) && !is_special(Tag::B));
    }
}

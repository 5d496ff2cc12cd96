//! The table modes (§13.2.6.4.9–15): implied `tbody`, `tr` and `colgroup`,
//! cells and rows closing one another, and foster parenting, which moves
//! text and elements misplaced between table parts to just before the table.

use super::tag_sets::{
    is_foster_target, is_table_body_context, is_table_context, is_table_row_context,
    is_table_section, Scope,
};
use super::{Flow, Mode, TreeBuilder};
use crate::dom::tokenizer::Token;
use crate::dom::Tag;

/// The table sections, for "is any section open" checks.
const SECTIONS: [Tag; 3] = [Tag::Tbody, Tag::Thead, Tag::Tfoot];
/// The cells.
const CELLS: [Tag; 2] = [Tag::Td, Tag::Th];

fn is_cell(tag: Tag) -> bool {
    matches!(tag, Tag::Td | Tag::Th)
}

impl<'a> TreeBuilder<'a> {
    /// Handles a token by the "in body" rules, with misplaced content
    /// foster-parented out of the table.
    fn foster_in_body(&mut self, token: Token<'a>) -> Flow<'a> {
        self.foster_parenting = true;
        let flow = self.in_body(token);
        self.foster_parenting = false;
        flow
    }

    pub(super) fn in_table(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        match token {
            Token::Text(_) if self.current_in(is_foster_target) => {
                self.pending_table_text.clear();
                self.orig_mode = self.mode;
                Flow::Reprocess(Mode::InTableText, token)
            }
            Token::Comment => {
                self.insert_comment();
                Flow::Done
            }
            Token::Doctype(_) => Flow::Done,
            Token::Eof => self.in_body(token),
            Token::Start(t) => match t.tag {
                Caption => {
                    self.clear_back_to(is_table_context);
                    self.push_marker();
                    self.insert_start(t);
                    self.mode = Mode::InCaption;
                    Flow::Done
                }
                Colgroup => {
                    self.clear_back_to(is_table_context);
                    self.insert_start(t);
                    self.mode = Mode::InColumnGroup;
                    Flow::Done
                }
                Col => {
                    self.clear_back_to(is_table_context);
                    self.insert_implied(Colgroup);
                    Flow::Reprocess(Mode::InColumnGroup, Token::Start(t))
                }
                Tbody | Tfoot | Thead => {
                    self.clear_back_to(is_table_context);
                    self.insert_start(t);
                    self.mode = Mode::InTableBody;
                    Flow::Done
                }
                Td | Th | Tr => {
                    self.clear_back_to(is_table_context);
                    self.insert_implied(Tbody);
                    Flow::Reprocess(Mode::InTableBody, Token::Start(t))
                }
                Table => {
                    // A table start inside a table closes the first one.
                    if self.in_scope(Table, Scope::Table) {
                        self.pop_until(Table);
                        let mode = self.reset_mode();
                        return Flow::Reprocess(mode, Token::Start(t));
                    }
                    Flow::Done
                }
                Style | Script | Template => self.in_head(Token::Start(t)),
                Input
                    if t.attrs
                        .iter()
                        .any(|a| &*a.name == "type" && a.value.eq_ignore_ascii_case("hidden")) =>
                {
                    self.insert_void(t);
                    Flow::Done
                }
                Form => {
                    if !self.is_open(Template) && self.form.is_none() {
                        self.form = Some(self.insert_void(t));
                    }
                    Flow::Done
                }
                _ => self.foster_in_body(Token::Start(t)),
            },
            Token::End(t) => match t.tag {
                Table => {
                    if self.in_scope(Table, Scope::Table) {
                        self.pop_until(Table);
                        self.mode = self.reset_mode();
                    }
                    Flow::Done
                }
                Body | Caption | Col | Colgroup | Html | Tbody | Td | Tfoot | Th | Thead | Tr => {
                    Flow::Done
                }
                Template => self.in_head(Token::End(t)),
                _ => self.foster_in_body(Token::End(t)),
            },
            Token::Text(_) => self.foster_in_body(token),
        }
    }

    /// Text right inside a table part is gathered: whitespace stays where it
    /// is, anything else is foster-parented, all of it together.
    pub(super) fn in_table_text(&mut self, token: Token<'a>) -> Flow<'a> {
        if let Token::Text(t) = token {
            let t = crate::dom::without_nul(t);
            if !t.is_empty() {
                self.pending_table_text.push((t, self.tok));
            }
            return Flow::Done;
        }
        let pending = std::mem::take(&mut self.pending_table_text);
        let misplaced = pending
            .iter()
            .any(|(t, _)| t.contains(|c| !super::is_space(c)));
        let tok = self.tok;
        for (text, span) in pending {
            self.tok = span;
            if misplaced {
                self.foster_in_body(Token::Text(text));
            } else {
                self.insert_text(&text);
            }
        }
        self.tok = tok;
        Flow::Reprocess(self.orig_mode, token)
    }

    /// Closes the caption for a token that cannot be in it; false when no
    /// caption is open.
    fn close_caption(&mut self) -> bool {
        if !self.in_scope(Tag::Caption, Scope::Table) {
            return false;
        }
        self.generate_implied_end_tags(None);
        self.pop_until(Tag::Caption);
        self.clear_formatting_to_marker();
        true
    }

    pub(super) fn in_caption(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        match &token {
            Token::Start(t)
                if matches!(
                    t.tag,
                    Caption | Col | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr
                ) =>
            {
                if self.close_caption() {
                    return Flow::Reprocess(Mode::InTable, token);
                }
                Flow::Done
            }
            Token::End(t) if t.tag == Table => {
                if self.close_caption() {
                    return Flow::Reprocess(Mode::InTable, token);
                }
                Flow::Done
            }
            Token::End(t) if t.tag == Caption => {
                if self.close_caption() {
                    self.mode = Mode::InTable;
                }
                Flow::Done
            }
            Token::End(t)
                if matches!(
                    t.tag,
                    Body | Col | Colgroup | Html | Tbody | Td | Tfoot | Th | Thead | Tr
                ) =>
            {
                Flow::Done
            }
            _ => self.in_body(token),
        }
    }

    pub(super) fn in_column_group(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        let token = match token {
            Token::Text(t) => {
                let (space, rest) = super::split_leading_space(t);
                self.insert_text(&space);
                if rest.is_empty() {
                    return Flow::Done;
                }
                if !self.current_is(Colgroup) {
                    // Text is dropped here (a `template` holds the columns),
                    // but its whitespace is kept, run by run.
                    self.only_space(&rest, Self::insert_text);
                    return Flow::Done;
                }
                Token::Text(rest)
            }
            Token::Comment => {
                self.insert_comment();
                return Flow::Done;
            }
            Token::Doctype(_) => return Flow::Done,
            Token::Start(t) if t.tag == Html => return self.in_body(Token::Start(t)),
            Token::Start(t) if t.tag == Col => {
                self.insert_void(t);
                return Flow::Done;
            }
            Token::End(t) if t.tag == Colgroup => {
                if self.current_is(Colgroup) {
                    self.pop();
                    self.mode = Mode::InTable;
                }
                return Flow::Done;
            }
            Token::End(t) if t.tag == Col => return Flow::Done,
            Token::Start(t) if t.tag == Template => return self.in_head(Token::Start(t)),
            Token::End(t) if t.tag == Template => return self.in_head(Token::End(t)),
            Token::Eof => return self.in_body(Token::Eof),
            other => other,
        };
        if self.current_is(Colgroup) {
            self.pop();
            return Flow::Reprocess(Mode::InTable, token);
        }
        Flow::Done
    }

    pub(super) fn in_table_body(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        match &token {
            Token::Start(t) if t.tag == Tr => {
                self.clear_back_to(is_table_body_context);
                if let Token::Start(t) = token {
                    self.insert_start(t);
                }
                self.mode = Mode::InRow;
                Flow::Done
            }
            Token::Start(t) if is_cell(t.tag) => {
                self.clear_back_to(is_table_body_context);
                self.insert_implied(Tr);
                Flow::Reprocess(Mode::InRow, token)
            }
            Token::End(t) if is_table_section(t.tag) => {
                if self.in_scope(t.tag, Scope::Table) {
                    self.clear_back_to(is_table_body_context);
                    self.pop();
                    self.mode = Mode::InTable;
                }
                Flow::Done
            }
            Token::Start(t)
                if matches!(t.tag, Caption | Col | Colgroup | Tbody | Tfoot | Thead) =>
            {
                self.end_table_section(token)
            }
            Token::End(t) if t.tag == Table => self.end_table_section(token),
            Token::End(t)
                if matches!(t.tag, Body | Caption | Col | Colgroup | Html | Td | Th | Tr) =>
            {
                Flow::Done
            }
            _ => self.in_table(token),
        }
    }

    /// Closes the open table section and hands `token` back to the table.
    fn end_table_section(&mut self, token: Token<'a>) -> Flow<'a> {
        if !self.in_scope_any(is_table_section, &SECTIONS, Scope::Table) {
            return Flow::Done;
        }
        self.clear_back_to(is_table_body_context);
        self.pop();
        Flow::Reprocess(Mode::InTable, token)
    }

    /// Closes the open row; false when there is none.
    fn close_row(&mut self) -> bool {
        if !self.in_scope(Tag::Tr, Scope::Table) {
            return false;
        }
        self.clear_back_to(is_table_row_context);
        self.pop();
        true
    }

    pub(super) fn in_row(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        match &token {
            Token::Start(t) if is_cell(t.tag) => {
                self.clear_back_to(is_table_row_context);
                if let Token::Start(t) = token {
                    self.insert_start(t);
                }
                self.mode = Mode::InCell;
                self.push_marker();
                Flow::Done
            }
            Token::End(t) if t.tag == Tr => {
                if self.close_row() {
                    self.mode = Mode::InTableBody;
                }
                Flow::Done
            }
            Token::Start(t)
                if matches!(t.tag, Caption | Col | Colgroup | Tbody | Tfoot | Thead | Tr) =>
            {
                if self.close_row() {
                    return Flow::Reprocess(Mode::InTableBody, token);
                }
                Flow::Done
            }
            Token::End(t) if t.tag == Table => {
                if self.close_row() {
                    return Flow::Reprocess(Mode::InTableBody, token);
                }
                Flow::Done
            }
            Token::End(t) if is_table_section(t.tag) => {
                if self.in_scope(t.tag, Scope::Table) && self.close_row() {
                    return Flow::Reprocess(Mode::InTableBody, token);
                }
                Flow::Done
            }
            Token::End(t) if matches!(t.tag, Body | Caption | Col | Colgroup | Html | Td | Th) => {
                Flow::Done
            }
            _ => self.in_table(token),
        }
    }

    /// Closes the open cell.
    fn close_cell(&mut self) {
        self.generate_implied_end_tags(None);
        self.pop_until_any(is_cell);
        self.clear_formatting_to_marker();
    }

    pub(super) fn in_cell(&mut self, token: Token<'a>) -> Flow<'a> {
        use Tag::*;
        match &token {
            Token::End(t) if is_cell(t.tag) => {
                if self.in_scope(t.tag, Scope::Table) {
                    self.generate_implied_end_tags(None);
                    self.pop_until(t.tag);
                    self.clear_formatting_to_marker();
                    self.mode = Mode::InRow;
                }
                Flow::Done
            }
            Token::Start(t)
                if matches!(
                    t.tag,
                    Caption | Col | Colgroup | Tbody | Td | Tfoot | Th | Thead | Tr
                ) =>
            {
                if self.in_scope_any(is_cell, &CELLS, Scope::Table) {
                    self.close_cell();
                    return Flow::Reprocess(Mode::InRow, token);
                }
                Flow::Done
            }
            Token::End(t) if matches!(t.tag, Body | Caption | Col | Colgroup | Html) => Flow::Done,
            Token::End(t) if matches!(t.tag, Table | Tbody | Tfoot | Thead | Tr) => {
                if self.in_scope(t.tag, Scope::Table) {
                    self.close_cell();
                    return Flow::Reprocess(Mode::InRow, token);
                }
                Flow::Done
            }
            _ => self.in_body(token),
        }
    }
}

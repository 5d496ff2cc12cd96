//! Counts about a block, computed once when the block is made.

use super::Inline;

/// Counts every later stage reads instead of recounting.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BlockStats {
    /// Characters, whitespace excluded.
    pub chars: u32,
    /// Whitespace-separated words.
    pub words: u32,
    /// Characters inside links, whitespace excluded.
    pub link_chars: u32,
    /// Links in the block.
    pub links: u32,
    /// Images in the block.
    pub images: u32,
    /// Commas (ASCII and CJK).
    pub commas: u32,
    /// Sentence-ending punctuation marks.
    pub sentence_ends: u32,
    /// The text ends with sentence-ending punctuation.
    pub ends_with_terminal: bool,
}

impl BlockStats {
    /// Counts for a block's inline content and its joined text.
    pub fn of(inlines: &[Inline], text: &str) -> Self {
        let mut s = BlockStats::default();
        let mut last_href: Option<&str> = None;
        for i in inlines {
            match i {
                Inline::Text { text, href, .. } => {
                    if let Some(h) = href {
                        s.link_chars += count_chars(text);
                        if last_href != Some(h) {
                            s.links += 1;
                        }
                        last_href = Some(h);
                    } else {
                        last_href = None;
                    }
                }
                Inline::Image { .. } => s.images += 1,
                // A formula counts as text, through the block's text.
                Inline::LineBreak | Inline::Formula { .. } => {}
            }
        }
        // One pass for characters, words and punctuation; most text is
        // ASCII, whose bytes need no decoding.
        let mut in_word = false;
        let mut rest = text;
        while let Some(&b) = rest.as_bytes().first() {
            let (c, len) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                match rest.chars().next() {
                    Some(c) => (c, c.len_utf8()),
                    None => break,
                }
            };
            rest = &rest[len..];
            if c.is_whitespace() {
                in_word = false;
                continue;
            }
            s.chars += 1;
            if !in_word {
                s.words += 1;
                in_word = true;
            }
            match c {
                ',' | '，' | '、' => s.commas += 1,
                '.' | '!' | '?' | '。' | '！' | '？' => s.sentence_ends += 1,
                _ => {}
            }
        }
        s.ends_with_terminal = text
            .trim_end_matches(['"', '\'', ')', '”', '’', '»'])
            .ends_with(['.', '!', '?', '。', '！', '？', ':']);
        s
    }

    /// Share of the text that is link text, 0 to 1.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

fn count_chars(s: &str) -> u32 {
    s.chars().filter(|c| !c.is_whitespace()).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_characters_and_punctuation_in_any_script() {
        let text = "Hello, world.\u{a0}Ça va?  東京、大阪。\u{3000}end";
        let s = BlockStats::of(&[], text);
        assert_eq!(s.words, text.split_whitespace().count() as u32);
        assert_eq!(
            s.chars,
            text.chars().filter(|c| !c.is_whitespace()).count() as u32
        );
        assert_eq!(s.commas, 2);
        assert_eq!(s.sentence_ends, 3);
        assert_eq!(BlockStats::of(&[], "").words, 0);
    }
}

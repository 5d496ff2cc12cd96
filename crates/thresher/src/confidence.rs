//! Selection -> confidence: how sure the engine is that what it kept is the
//! page's main content, from 0 (no real content found) to 1.
//!
//! Four things lower it, each a factor between 0 and 1:
//! - **little kept text** — a few words are rarely a page's content;
//! - **a small share of the page kept** — a sliver of a large page is more
//!   likely a stray block than the content;
//! - **links in the kept text** — content is mostly prose, menus are links;
//! - **close calls** — blocks the model was unsure of: the model's
//!   probability for the side each block's label is on ([`Labeled::score`]),
//!   counted by their characters.
//!
//! Blocks hidden by markup are not part of the page a reader sees, and
//! count nowhere.

use crate::blocks::Block;
use crate::classify::Labeled;
use crate::select::{BlockFate, Selection};

/// Kept characters at which the length factor reaches 1 − 1/e (≈ 0.63);
/// it is ≈ 0.92 at two and a half times this.
///
/// ### Default
/// 400: about two short paragraphs.
pub const LENGTH_SCALE_CHARS: f32 = 400.0;

/// Share of the page's text kept below which the share factor falls off
/// linearly to 0.
///
/// ### Default
/// 0.05: even boilerplate-heavy news pages keep more than this.
pub const MIN_KEPT_SHARE: f32 = 0.05;

/// Link density of the kept text at which the link factor starts to fall.
///
/// ### Default
/// 0.25: prose with generous inline citations stays under it.
pub const LINK_DENSITY_FREE: f32 = 0.25;

/// Link density of the kept text at which the link factor reaches 0.
///
/// ### Default
/// 0.85: such text is a menu or a list of links.
pub const LINK_DENSITY_ZERO: f32 = 0.85;

/// How sure the engine is that the kept blocks are the main content.
pub fn assess(blocks: &[Block], labels: &[Labeled], selection: &Selection) -> f32 {
    let fates = selection.fates(blocks.len());
    let seen = || {
        blocks
            .iter()
            .zip(labels)
            .zip(&fates)
            .filter(|(_, &f)| f != BlockFate::Hidden)
            .map(|(bl, _)| bl)
    };
    let total: f32 = seen().map(|(b, _)| b.stats.chars as f32).sum();
    let (mut kept, mut kept_links) = (0.0f32, 0.0f32);
    for id in &selection.kept {
        let s = &blocks[id.index()].stats;
        kept += s.chars as f32;
        kept_links += s.link_chars as f32;
    }
    if kept == 0.0 || total == 0.0 {
        return 0.0;
    }
    let length = 1.0 - (-kept / LENGTH_SCALE_CHARS).exp();
    let share = (kept / total / MIN_KEPT_SHARE).min(1.0);
    let density = kept_links / kept;
    let links = 1.0
        - ((density - LINK_DENSITY_FREE) / (LINK_DENSITY_ZERO - LINK_DENSITY_FREE)).clamp(0.0, 1.0);
    let weighed: f32 = seen()
        .map(|(b, l)| b.stats.chars as f32 * l.score.clamp(0.0, 1.0))
        .sum();
    let decisive = weighed / total;
    (length * share * links * decisive).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    fn confidence(html: &str) -> f32 {
        crate::extract(html.as_bytes())
            .expect("extracts")
            .confidence
    }

    #[test]
    fn real_articles_score_high_and_empty_pages_low() {
        // Six different paragraphs: a repeated one would be kept once.
        let paragraphs: String = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
            .iter()
            .map(|day| format!("<p>The committee met on {day} and, after a long debate about the budget, agreed to publish the full report next month, its chair said.</p>"))
            .collect();
        let article = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav><article>{paragraphs}</article></body></html>"
        );
        let menu = "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/a'>About</a></li></ul></nav></body></html>";
        let high = confidence(&article);
        let low = confidence(menu);
        assert!(high > 0.7, "article: {high}");
        assert!(low < 0.2, "menu only: {low}");
    }
}

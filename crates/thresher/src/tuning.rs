//! The engine's numbers, named, each with its default and the reason for it.
//!
//! Two kinds live here:
//!
//! - [`Tuning`]: how the classifier's evidence turns into a selection —
//!   keep thresholds, the overrule weight, the rules' length limits. A
//!   caller may change them; stages receive a `&Tuning`.
//! - [`RegionSettings`] ([`REGION`]): how the content region is scored.
//!   They are not tunables: the region feeds the block model's features, so
//!   the model records the values it was trained with (`setting` lines in
//!   `classify/model.txt`) and a model trained with other values does not
//!   load. Change one and retrain (`python3 train/train.py`).
//! - Input limits ([`MAX_TREE_DEPTH`], [`MAX_ATTRIBUTES_PER_ELEMENT`],
//!   [`MAX_NODES`], [`MAX_BLOCKS`]): how far the parser and the segmenter
//!   follow hostile or broken markup before they flatten or join what is
//!   past them, keeping the page's text.
//! - The allocator's setting for the commands
//!   ([`ALLOCATOR_MMAP_THRESHOLD_BYTES`]).
//!
//! The figures quoted for the block-model defaults were measured before
//! `train/train.py` cross-validated through the engine (with a Python copy of
//! the selection that left out the table, list and paragraph lifting); they
//! justify the choice, and `train/EXPERIMENTS.md` has their history.
//!
//! Constants that define a single rule or feature (a word list's length
//! cap, a window's width) are named beside the rule they belong to, with
//! the same kind of doc; the feature constants among them are recorded in
//! the models too (see `classify::features::settings`).

/// How deep the tree the parser builds may nest. Past it a new element is
/// attached beside the current node instead of inside it, as Blink does
/// (at 512, the same figure): markup of any depth still gives the page's
/// text, in time linear in the input, and no later stage walks more than
/// this many ancestors. Real pages stay in the low hundreds even with
/// unclosed tags.
pub const MAX_TREE_DEPTH: usize = 512;

/// Attributes kept on one element, in source order; the rest are read
/// past and dropped, the element and its content kept. Real tags carry a
/// few dozen; a tag with a million (a generator's bug or an attack) would
/// otherwise cost a million allocations.
pub const MAX_ATTRIBUTES_PER_ELEMENT: usize = 1_000;

/// Nodes the parser builds for one page; past them it reads the rest of
/// the markup as text at the current node ([`crate::dom::parse`]), so a
/// page of a million tiny elements costs the memory of its text, not of a
/// million nodes and the tables kept for each. The token that crosses the
/// budget is still handled in full, so a tree can end at about twice this
/// (text reopening every formatting element made before it). The largest
/// of the 2,348 dev and trafilatura-eval pages has 34,450 nodes: about a
/// sixth.
pub const MAX_NODES: usize = 200_000;

/// Blocks of a page made one a run by the segmenter; past them, runs join
/// into blocks of [`OVERFLOW_BLOCK_CHARS`], so that a page of a million
/// paragraphs costs the memory of its text, not of a million blocks (about
/// two kilobytes each with the classifier's rows). The most of the 2,348
/// dev and trafilatura-eval pages is 6,228.
pub const MAX_BLOCKS: usize = 20_000;

/// The size past [`MAX_BLOCKS`] at which joined runs make a block: a few
/// paragraphs' worth, so that a long tail still has parts to judge.
pub const OVERFLOW_BLOCK_CHARS: usize = 4_000;

/// Allocations at least this large get pages of their own from the kernel,
/// returned when freed (glibc's default, pinned: `process::settle_allocator`).
/// glibc otherwise raises the figure to the largest block it has freed, up
/// to 32 MiB, and a page's big buffers (its bytes, text, tree) then stay in
/// the heap, scattered, for the rest of a batch: over the 1,358 dev pages
/// one core peaked at 34 MiB with the moving figure and 24 MiB pinned, at
/// the same speed (runs/LAB_NOTES.md, session 10).
pub const ALLOCATOR_MMAP_THRESHOLD_BYTES: usize = 128 * 1024;

/// How the engine weighs evidence.
#[derive(Clone, Debug)]
pub struct Tuning {
    /// A block whose link text is at least this share of its text is a list
    /// of links rather than prose.
    ///
    /// ### Default
    /// 0.5: prose with inline citations stays well under it.
    pub max_content_link_density: f32,
    /// Blocks at least this long (characters) are prose whatever their
    /// class names say, unless their wording is boilerplate.
    ///
    /// ### Default
    /// 200: longer than any call to action or menu seen in the fixtures.
    pub prose_chars: u32,
    /// Phrases that mark boilerplate only count in blocks up to this long:
    /// a long paragraph that mentions "subscribe" is still prose.
    ///
    /// ### Default
    /// 300.
    pub max_phrase_rule_chars: u32,
    /// A page whose content blocks hold fewer words than this has no main
    /// content, and nothing is kept.
    ///
    /// ### Default
    /// 10: on the WCXB dev split this empties 0.2 % more pages correctly
    /// than it harms; 50 words starts to cost.
    pub min_content_words: u32,
    /// A kept block of at least this many words whose text (case and
    /// spacing aside) was already kept higher up the page is a duplicate
    /// and is removed: the metric, like a reader, counts the second copy
    /// of a page laid out twice as noise.
    ///
    /// ### Default
    /// 3: on the WCXB dev split, cross-validated with three model seeds,
    /// mean F1 0.8639 -> 0.8700 (2 words 0.8696, 5 words 0.8695); shorter
    /// blocks ("Read more", "Reply") repeat legitimately in lists.
    pub min_duplicate_words: u32,
    /// A fully linked block with at least this many words and a sentence
    /// in it is a teaser (a card's summary), not a menu entry.
    ///
    /// ### Default
    /// 8: menu entries and link labels are shorter.
    pub min_teaser_words: u32,
    /// The lowest probability a block the learned model judges can be kept
    /// with. Above it, each page gets its own threshold: the one that
    /// maximises the page's expected word-F1 given the model's
    /// probabilities (see `classify::decide::keep_threshold`).
    ///
    /// ### Default
    /// 0.15: cross-validated page F1 is flat from 0.1 to 0.2 (0.8645,
    /// 0.8650, 0.8638); below 0.1 pages with no main content keep the least
    /// unlikely block and score 0 (0.8616 at 0.05). See `train/REPORT.md`.
    pub min_content_probability: f32,
    /// The highest a page's keep threshold goes. On a page the model is
    /// sure of, the expected-F1 threshold climbs towards the prose's own
    /// probability and would drop the headings and table headers between
    /// the paragraphs; they cost few words and carry the structure.
    ///
    /// ### Default
    /// 0.4, the fixed threshold used before per-page thresholds: 0.8645 in
    /// cross-validation against 0.8649 uncapped.
    pub max_content_probability: f32,
    /// Rule verdicts naming one kind of boilerplate whose weights add up to
    /// this name it even in a block (or, in text mode, a line) the model
    /// would keep: wording that decides on its own, credit lines, the
    /// headline given in metadata (see `classify::decide`).
    ///
    /// ### Default
    /// 2.0, the weight of strong wording (`rules::weight::STRONG_WORDING`).
    pub overrule_weight: f32,
    /// Text mode: the highest a page's own line threshold goes (see
    /// `max_content_probability`).
    ///
    /// ### Default
    /// 0.4: the line model's cross-validated F1 on the WCXB dev text peaks
    /// there as a fixed threshold (0.809; 0.806 at 0.5, 0.805 at 0.3); see
    /// `train/text/REPORT.md`.
    pub text_max_content_probability: f32,
    /// Text mode: the lowest a page's own line threshold goes (see
    /// `min_content_probability`).
    ///
    /// ### Default
    /// 0.25: cross-validated F1 on the WCXB dev text 0.8097 at 0.15, 0.8115
    /// at 0.25, 0.8118 at 0.3, against 0.8088 for the fixed 0.4.
    pub text_min_content_probability: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            max_content_link_density: 0.5,
            prose_chars: 200,
            max_phrase_rule_chars: 300,
            min_content_words: 10,
            min_duplicate_words: 3,
            min_teaser_words: 8,
            min_content_probability: 0.15,
            max_content_probability: 0.4,
            overrule_weight: 2.0,
            text_max_content_probability: 0.4,
            text_min_content_probability: 0.25,
        }
    }
}

/// How the content region ([`crate::classify::region`]) scores containers,
/// after Mozilla Readability. These shape the block model's features, so
/// they are fixed by the model: see the module doc.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RegionSettings {
    /// Blocks shorter than this (in characters) add nothing to their
    /// container's content score.
    ///
    /// ### Default
    /// 25: Readability's floor; shorter runs are labels and buttons.
    pub min_scored_chars: u32,
    /// Characters of a block that earn one point of container score, up to
    /// [`RegionSettings::max_length_points`].
    ///
    /// ### Default
    /// 100, as in Readability.
    pub chars_per_length_point: f32,
    /// Cap on the length points one block contributes.
    ///
    /// ### Default
    /// 3, as in Readability: one very long block must not outvote many paragraphs.
    pub max_length_points: f32,
    /// How many ancestor levels a block's score reaches, and the divisor of
    /// each level (level 0 is the owner's parent).
    ///
    /// ### Default
    /// `[1, 2, 6, 9]`: Readability's parent, grandparent/2 and level×3 decay.
    pub ancestor_divisors: [f32; 4],
    /// Container score added or removed for a class/id that names content
    /// (`article`, `post-body`) or boilerplate (`sidebar`, `comments`).
    ///
    /// ### Default
    /// 25, as in Readability.
    pub class_weight: f32,
    /// A sibling of the best container joins the content region when its
    /// score reaches this share of the best score...
    ///
    /// ### Default
    /// 0.2, as in Readability.
    pub sibling_score_share: f32,
    /// ...and at least this absolute score.
    ///
    /// ### Default
    /// 10, as in Readability.
    pub sibling_min_score: f32,
    /// A sibling paragraph longer than this (characters) joins the region
    /// whatever its score, when it is prose
    /// ([`RegionSettings::max_joining_link_density`]).
    ///
    /// ### Default
    /// 80, as in Readability.
    pub min_joining_paragraph_chars: u32,
    /// ...and its link density is below this.
    ///
    /// ### Default
    /// 0.25, as in Readability.
    pub max_joining_link_density: f32,
    /// How many of the next best candidates are weighed against the best
    /// one for a common ancestor.
    ///
    /// ### Default
    /// 4: Readability keeps its top five candidates.
    pub alternative_candidates: usize,
    /// Candidates within this share of the best score that share an
    /// ancestor pull the region up to that ancestor.
    ///
    /// ### Default
    /// 0.75, as in Readability.
    pub alternative_candidate_share: f32,
    /// How many such alternatives must agree before the region moves up.
    ///
    /// ### Default
    /// 3, as in Readability.
    pub min_alternative_candidates: usize,
    /// When the region found holds less than this share of the page's
    /// non-link text, the page has no dominant prose container (listings,
    /// shops, forums) and the region widens to `main` or `body`.
    ///
    /// ### Default
    /// 0.5: on the WCXB dev split, F1 rises from 0.709 (never widen) to
    /// 0.774 at 0.5–0.55 and falls past 0.7 (rules alone, before the model).
    pub min_region_text_share: f32,
}

/// The region settings the engine and its block model use.
pub const REGION: RegionSettings = RegionSettings {
    min_scored_chars: 25,
    chars_per_length_point: 100.0,
    max_length_points: 3.0,
    ancestor_divisors: [1.0, 2.0, 6.0, 9.0],
    class_weight: 25.0,
    sibling_score_share: 0.2,
    sibling_min_score: 10.0,
    min_joining_paragraph_chars: 80,
    max_joining_link_density: 0.25,
    alternative_candidates: 4,
    alternative_candidate_share: 0.75,
    min_alternative_candidates: 3,
    min_region_text_share: 0.5,
};

impl RegionSettings {
    /// The settings as `(name, value)` pairs, as a model records them.
    pub fn recorded(&self) -> Vec<(String, String)> {
        let divisors: Vec<String> = self.ancestor_divisors.iter().map(f32::to_string).collect();
        [
            ("min_scored_chars", self.min_scored_chars.to_string()),
            (
                "chars_per_length_point",
                self.chars_per_length_point.to_string(),
            ),
            ("max_length_points", self.max_length_points.to_string()),
            ("ancestor_divisors", divisors.join(",")),
            ("class_weight", self.class_weight.to_string()),
            ("sibling_score_share", self.sibling_score_share.to_string()),
            ("sibling_min_score", self.sibling_min_score.to_string()),
            (
                "min_joining_paragraph_chars",
                self.min_joining_paragraph_chars.to_string(),
            ),
            (
                "max_joining_link_density",
                self.max_joining_link_density.to_string(),
            ),
            (
                "alternative_candidates",
                self.alternative_candidates.to_string(),
            ),
            (
                "alternative_candidate_share",
                self.alternative_candidate_share.to_string(),
            ),
            (
                "min_alternative_candidates",
                self.min_alternative_candidates.to_string(),
            ),
            (
                "min_region_text_share",
                self.min_region_text_share.to_string(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (format!("region.{k}"), v))
        .collect()
    }
}

//! The learned models: gradient-boosted decision trees over feature rows,
//! evaluated in pure Rust.
//!
//! Two models run. The block model reads the rows of [`super::features`]
//! and is embedded from `model.txt` beside this file; text mode's line model
//! reads the rows of [`super::text::features`] and is embedded from
//! `text/model.txt`. Both are trained by `train/train.py` (LightGBM, binary
//! objective) and parsed once, on first use. A caller may bring a model of
//! its own ([`Model::parse`], [`crate::Extractor::with_model`]):
//! cross-validation runs each held-out page through the model trained
//! without it.
//!
//! # The contract
//! A model is only valid for the features it was trained on. The file
//! records its kind, every feature's name in row order, and every engine
//! setting that shapes those features; [`Model::parse`] refuses a model
//! whose names or settings differ from the engine's, so a feature changed
//! without retraining is a load error, never a silent change of output.
//!
//! # The `model.txt` format
//! Plain text, one item a line, `#` lines ignored:
//!
//! ```text
//! thresher-gbdt 2
//! kind blocks           or `lines` (text mode)
//! setting NAME VALUE    any number: the feature settings it was trained with
//! features N            the row length the trees were trained on
//! feature NAME          N lines: the feature names, in row order
//! trees T
//! tree K                then K split lines and one leaves line
//! F THRESHOLD LEFT RIGHT    go LEFT when row[F] <= THRESHOLD, else RIGHT;
//!                           a child >= 0 is a split, -1-i is leaf i
//! leaves V0 V1 ...
//! ```
//!
//! A tree with no split (`tree 0`) is a single leaf. The sum of every tree's
//! leaf is a log-odds score, turned into a probability by `logistic`.
//! Thresholds are `f32` values rounded down from LightGBM's `f64` ones, so
//! that comparing an `f32` feature gives the branch LightGBM takes. A
//! feature value that is NaN fails every `<=` and goes right; the feature
//! builders never produce one (their tests check).

use crate::error::{Error, ErrorKind};

/// Which classifier a model is for, and so which features it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModelKind {
    /// The HTML block model: rows of [`super::features`].
    Blocks,
    /// Text mode's line model: rows of [`super::text::features`].
    Lines,
}

impl ModelKind {
    /// The name the `kind` line gives.
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Blocks => "blocks",
            ModelKind::Lines => "lines",
        }
    }

    fn from_name(name: &str) -> Option<ModelKind> {
        [ModelKind::Blocks, ModelKind::Lines]
            .into_iter()
            .find(|k| k.name() == name)
    }

    /// The feature names the engine computes for this kind, in row order.
    pub fn feature_names(self) -> Vec<String> {
        match self {
            ModelKind::Blocks => super::features::names(),
            ModelKind::Lines => super::text::features::names(),
        }
    }

    /// The engine settings that shape this kind's features, as
    /// `(name, value)` pairs in the order a model records them.
    pub fn feature_settings(self) -> Vec<(String, String)> {
        match self {
            ModelKind::Blocks => super::features::settings(),
            ModelKind::Lines => super::text::features::settings(),
        }
    }
}

/// A boosted ensemble of regression trees, checked against the features
/// the engine computes.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    kind: ModelKind,
    names: Vec<String>,
    settings: Vec<(String, String)>,
    flat: Flat,
}

/// Rows walked through a tree together by [`Flat`]: their walks do not
/// depend on each other, so the processor overlaps them instead of waiting
/// on each step of one walk.
const ROWS_AT_ONCE: usize = 8;

/// A node of [`Flat`]: a split, or a leaf that leads to itself.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FlatNode {
    feature: u32,
    /// A split's threshold; a leaf's value.
    threshold: f32,
    /// The next node when `row[feature] <= threshold` is false (`[0]`, the
    /// right child) or true (`[1]`, the left child), as indices into
    /// [`Flat::nodes`]. A leaf's children are the leaf itself.
    children: [u32; 2],
}

/// Where a tree starts in [`Flat::nodes`] and how many steps reach any of
/// its leaves.
#[derive(Clone, Copy, Debug, PartialEq)]
struct FlatTree {
    root: u32,
    depth: u32,
    /// Nodes from this index on are the tree's leaves.
    first_leaf: u32,
}

/// Every tree in one array, walked without branching on the row: a walk
/// takes exactly its tree's depth in steps (a leaf steps to itself), and
/// each step picks the next index from the comparison. [`ROWS_AT_ONCE`]
/// rows walk each tree side by side, and each row adds its trees' leaves
/// in tree order, in `f64`: a row's score does not depend on the rows
/// walked beside it. Both models use it: through [`CompactTree`]s when
/// their trees fit one, through these arrays otherwise.
#[derive(Clone, Debug, Default, PartialEq)]
struct Flat {
    trees: Vec<FlatTree>,
    nodes: Vec<FlatNode>,
    /// The same trees in [`CompactTree`]s, when every tree fits one and
    /// every feature index fits a [`PaddedRow`]; `None` otherwise.
    compact: Option<Vec<CompactTree>>,
}

/// Nodes a [`CompactTree`] holds: a tree of up to 64 leaves (63 splits).
const COMPACT_NODES: usize = 128;

/// Values a row is padded to for [`CompactTree`]s: any `u8` feature index
/// reads inside it.
const PADDED_WIDTH: usize = 256;

/// A row of feature values padded to [`PADDED_WIDTH`].
type PaddedRow = [f32; PADDED_WIDTH];

/// A node of a [`CompactTree`]: as [`FlatNode`], with indices local to the
/// tree. Eight bytes, so a tree sits in 1 KiB.
#[derive(Clone, Copy, Debug, PartialEq)]
struct CompactNode {
    threshold: f32,
    feature: u8,
    children: [u8; 2],
}

/// One tree in a fixed array, walked as [`Flat`] walks its trees. The array
/// sizes make every index provably in range (a node index is masked to
/// the array, a feature index is a `u8` into a [`PaddedRow`]), so the walk
/// checks no bounds: the walk's instructions fell by two fifths
/// (callgrind, runs/LAB_NOTES.md, session 8).
#[derive(Clone, Debug, PartialEq)]
struct CompactTree {
    nodes: [CompactNode; COMPACT_NODES],
    depth: u32,
    first_leaf: u8,
}

/// A node index of [`Flat`] as an index local to its tree at `root`.
fn local_index(node: u32, root: u32) -> Option<u8> {
    node.checked_sub(root).and_then(|d| u8::try_from(d).ok())
}

impl CompactTree {
    /// The tree `t` in compact form, if it fits; `flat_nodes` are its nodes
    /// in [`Flat::nodes`], from its root to the next tree's.
    fn of(flat_nodes: &[FlatNode], t: &FlatTree) -> Option<CompactTree> {
        if flat_nodes.len() > COMPACT_NODES {
            return None;
        }
        let leaf = CompactNode {
            threshold: 0.0,
            feature: 0,
            children: [0, 0],
        };
        let mut nodes = [leaf; COMPACT_NODES];
        for (slot, n) in nodes.iter_mut().zip(flat_nodes) {
            *slot = CompactNode {
                threshold: n.threshold,
                feature: u8::try_from(n.feature).ok()?,
                children: [
                    local_index(n.children[0], t.root)?,
                    local_index(n.children[1], t.root)?,
                ],
            };
        }
        Some(CompactTree {
            nodes,
            depth: t.depth,
            first_leaf: local_index(t.first_leaf, t.root)?,
        })
    }
}

impl Flat {
    /// Adds every tree's leaf to the sum of each of `N` rows (`rows` holds
    /// `N` rows of `width` values).
    #[inline(always)]
    fn add<const N: usize>(&self, rows: &[f32], width: usize, sums: &mut [f64]) {
        for t in &self.trees {
            let mut at = [t.root; N];
            for _ in 0..t.depth {
                for (r, a) in at.iter_mut().enumerate() {
                    let n = self.nodes[*a as usize];
                    let x = rows[r * width + n.feature as usize];
                    *a = n.children[usize::from(x <= n.threshold)];
                }
                if at.iter().all(|&a| a >= t.first_leaf) {
                    break;
                }
            }
            for (sum, &a) in sums.iter_mut().zip(&at) {
                *sum += f64::from(self.nodes[a as usize].threshold);
            }
        }
    }

    /// Adds every compact tree's leaf to the sum of each of `N` rows.
    #[inline(always)]
    fn add_compact<const N: usize>(
        trees: &[CompactTree],
        rows: &[PaddedRow; N],
        sums: &mut [f64; N],
    ) {
        for t in trees {
            let mut at = [0u8; N];
            for _ in 0..t.depth {
                for (a, row) in at.iter_mut().zip(rows) {
                    let n = t.nodes[usize::from(*a) % COMPACT_NODES];
                    let x = row[usize::from(n.feature)];
                    *a = n.children[usize::from(x <= n.threshold)];
                }
                if at.iter().all(|&a| a >= t.first_leaf) {
                    break;
                }
            }
            for (sum, &a) in sums.iter_mut().zip(&at) {
                *sum += f64::from(t.nodes[usize::from(a) % COMPACT_NODES].threshold);
            }
        }
    }

    /// [`Flat::raw_scores`] through the compact trees: rows are copied into
    /// padded arrays, [`ROWS_AT_ONCE`] at a time.
    fn raw_scores_compact(trees: &[CompactTree], values: &[f32], width: usize) -> Vec<f64> {
        let rows = values.len() / width;
        let mut sums = vec![0.0f64; rows];
        let mut padded = [[0.0f32; PADDED_WIDTH]; ROWS_AT_ONCE];
        for (chunk, s) in values
            .chunks(width * ROWS_AT_ONCE)
            .zip(sums.chunks_mut(ROWS_AT_ONCE))
        {
            for (p, row) in padded.iter_mut().zip(chunk.chunks_exact(width)) {
                p[..width].copy_from_slice(row);
            }
            let mut batch = [0.0f64; ROWS_AT_ONCE];
            Self::add_compact::<ROWS_AT_ONCE>(trees, &padded, &mut batch);
            // A partial batch's spare rows hold the rows before them; their
            // sums are dropped here.
            s.copy_from_slice(&batch[..s.len()]);
        }
        sums
    }

    /// The log-odds score of every row of `values`.
    fn raw_scores(&self, values: &[f32], width: usize) -> Vec<f64> {
        if let Some(trees) = self.compact.as_deref().filter(|_| width <= PADDED_WIDTH) {
            return Self::raw_scores_compact(trees, values, width);
        }
        self.raw_scores_flat(values, width)
    }

    /// The log-odds score of every row of `values`, from the flat arrays.
    fn raw_scores_flat(&self, values: &[f32], width: usize) -> Vec<f64> {
        let mut sums = vec![0.0f64; values.len() / width];
        let batch = width * ROWS_AT_ONCE;
        let full = sums.len() / ROWS_AT_ONCE * ROWS_AT_ONCE;
        let (head, tail) = sums.split_at_mut(full);
        for (rows, s) in values
            .chunks_exact(batch)
            .zip(head.chunks_exact_mut(ROWS_AT_ONCE))
        {
            self.add::<ROWS_AT_ONCE>(rows, width, s);
        }
        let rest = &values[full * width..];
        for (row, s) in rest.chunks_exact(width).zip(tail.chunks_exact_mut(1)) {
            self.add::<1>(row, width, s);
        }
        sums
    }
}

impl Flat {
    /// Appends one tree, given as read: its splits, then its leaves.
    fn push_tree(&mut self, splits: &[Split], leaves: &[f32]) {
        let root = self.nodes.len() as u32;
        let first_leaf = root + splits.len() as u32;
        let node = |c: i32| {
            if c >= 0 {
                root + c as u32
            } else {
                first_leaf + (-1 - c) as u32
            }
        };
        for s in splits {
            self.nodes.push(FlatNode {
                feature: s.feature,
                threshold: s.threshold,
                children: [node(s.right), node(s.left)],
            });
        }
        for (l, &value) in leaves.iter().enumerate() {
            let at = first_leaf + l as u32;
            self.nodes.push(FlatNode {
                feature: 0,
                threshold: value,
                children: [at, at],
            });
        }
        let root_child = if splits.is_empty() { -1 } else { 0 };
        self.trees.push(FlatTree {
            root,
            depth: depth(splits, root_child),
            first_leaf,
        });
    }
}

/// A log-odds score as a probability.
pub(crate) fn logistic(score: f64) -> f32 {
    (1.0 / (1.0 + (-score).exp())) as f32
}

/// Why a model text could not be read, before it is checked against the
/// engine.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ParseError {
    /// 1-based line number.
    line: usize,
    message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

struct Lines<'a> {
    inner: std::iter::Peekable<std::iter::Enumerate<std::str::Lines<'a>>>,
    line: usize,
}

impl<'a> Lines<'a> {
    fn err(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            line: self.line,
            message: message.into(),
        }
    }

    fn skip_comments(&mut self) {
        while let Some((_, l)) = self.inner.peek() {
            let l = l.trim();
            if !(l.is_empty() || l.starts_with('#')) {
                break;
            }
            self.inner.next();
        }
    }

    /// True when the next non-comment line starts with `keyword`.
    fn next_is(&mut self, keyword: &str) -> bool {
        self.skip_comments();
        self.inner
            .peek()
            .is_some_and(|(_, l)| l.split_whitespace().next() == Some(keyword))
    }

    /// The next non-comment line's words, after checking its keyword.
    fn expect(&mut self, keyword: &str) -> Result<std::str::SplitWhitespace<'a>, ParseError> {
        self.skip_comments();
        let Some((i, l)) = self.inner.next() else {
            return Err(self.err(format!("unexpected end, expected `{keyword}`")));
        };
        self.line = i + 1;
        let mut words = l.split_whitespace();
        if !keyword.is_empty() && words.next() != Some(keyword) {
            return Err(self.err(format!("expected `{keyword}`")));
        }
        Ok(words)
    }

    fn number<T: std::str::FromStr>(&self, w: Option<&str>) -> Result<T, ParseError> {
        w.and_then(|w| w.parse().ok())
            .ok_or_else(|| self.err("expected a number"))
    }

    fn word(&self, w: Option<&'a str>, what: &str) -> Result<&'a str, ParseError> {
        w.ok_or_else(|| self.err(format!("expected {what}")))
    }
}

/// One split as written: children are split indices, or `-1 - leaf`.
#[derive(Clone, Copy, Debug)]
struct Split {
    feature: u32,
    threshold: f32,
    left: i32,
    right: i32,
}

/// Depth of the subtree under child `c`; a leaf has depth 0. Children
/// point forwards (checked when read), so the recursion ends.
fn depth(splits: &[Split], c: i32) -> u32 {
    if c < 0 {
        return 0;
    }
    let s = &splits[c as usize];
    1 + depth(splits, s.left).max(depth(splits, s.right))
}

impl Model {
    /// Reads a model in the `model.txt` format and checks it against the
    /// engine: its feature names and settings must be the ones the engine
    /// computes for its kind.
    pub fn parse(text: &str) -> Result<Model, Error> {
        let model = Model::read(text)
            .map_err(|e| Error::new(ErrorKind::Model(format!("not a model: {e}"))))?;
        model.check_contract()?;
        Ok(model)
    }

    /// Reads a model without checking it against the engine.
    fn read(text: &str) -> Result<Model, ParseError> {
        let mut l = Lines {
            inner: text.lines().enumerate().peekable(),
            line: 0,
        };
        let mut w = l.expect("thresher-gbdt")?;
        if w.next() != Some("2") {
            return Err(l.err("unsupported format version (this engine reads 2)"));
        }
        let kind = {
            let mut w = l.expect("kind")?;
            let name = l.word(w.next(), "a model kind")?;
            ModelKind::from_name(name).ok_or_else(|| l.err(format!("unknown kind `{name}`")))?
        };
        let mut settings = Vec::new();
        while l.next_is("setting") {
            let mut w = l.expect("setting")?;
            let name = l.word(w.next(), "a setting name")?;
            let value = l.word(w.next(), "a setting value")?;
            settings.push((name.to_owned(), value.to_owned()));
        }
        let n_features: usize = {
            let mut w = l.expect("features")?;
            l.number(w.next())?
        };
        let mut names = Vec::with_capacity(n_features.min(1 << 16));
        for _ in 0..n_features {
            let mut w = l.expect("feature")?;
            names.push(l.word(w.next(), "a feature name")?.to_owned());
        }
        let n_trees: usize = {
            let mut w = l.expect("trees")?;
            l.number(w.next())?
        };
        let mut flat = Flat::default();
        for _ in 0..n_trees {
            let k: usize = {
                let mut w = l.expect("tree")?;
                l.number(w.next())?
            };
            let mut splits = Vec::with_capacity(k.min(1 << 16));
            for _ in 0..k {
                let mut w = l.expect("")?;
                let split = Split {
                    feature: l.number(w.next())?,
                    threshold: l.number(w.next())?,
                    left: l.number(w.next())?,
                    right: l.number(w.next())?,
                };
                if split.feature as usize >= n_features {
                    return Err(l.err("feature index out of range"));
                }
                splits.push(split);
            }
            let w = l.expect("leaves")?;
            let leaves: Vec<f32> = w
                .map(|v| v.parse().map_err(|_| l.err("expected a leaf value")))
                .collect::<Result<_, _>>()?;
            if leaves.len() != k + 1 {
                return Err(l.err(format!("a tree with {k} splits needs {} leaves", k + 1)));
            }
            let in_range = |c: i32| {
                if c >= 0 {
                    (c as usize) < k
                } else {
                    ((-1 - c) as usize) < leaves.len()
                }
            };
            if !splits.iter().all(|s| in_range(s.left) && in_range(s.right)) {
                return Err(l.err("a child index is out of range"));
            }
            // Children must point forwards, so evaluation always ends.
            if splits.iter().enumerate().any(|(i, s)| {
                (s.left >= 0 && s.left as usize <= i) || (s.right >= 0 && s.right as usize <= i)
            }) {
                return Err(l.err("a child points backwards"));
            }
            flat.push_tree(&splits, &leaves);
        }
        let ends = flat.trees.iter().skip(1).map(|t| t.root as usize);
        flat.compact = flat
            .trees
            .iter()
            .zip(ends.chain([flat.nodes.len()]))
            .map(|(t, end)| CompactTree::of(&flat.nodes[t.root as usize..end], t))
            .collect();
        Ok(Model {
            kind,
            names,
            settings,
            flat,
        })
    }

    /// Refuses a model trained on other features than the engine computes.
    fn check_contract(&self) -> Result<(), Error> {
        let retrain = "retrain it with `python3 train/train.py`";
        let expected = self.kind.feature_names();
        if self.names != expected {
            let at = self
                .names
                .iter()
                .zip(&expected)
                .position(|(a, b)| a != b)
                .unwrap_or(self.names.len().min(expected.len()));
            let found = self.names.get(at).map_or("nothing", String::as_str);
            let wanted = expected.get(at).map_or("nothing", String::as_str);
            return Err(Error::new(ErrorKind::Model(format!(
                "the {} model was trained on other features ({} against the engine's {}; \
                 feature {at} is `{found}`, the engine computes `{wanted}`): {retrain}",
                self.kind.name(),
                self.names.len(),
                expected.len(),
            ))));
        }
        let settings = self.kind.feature_settings();
        if self.settings != settings {
            let differs = settings
                .iter()
                .find(|s| !self.settings.contains(s))
                .or_else(|| self.settings.iter().find(|s| !settings.contains(s)));
            let what = differs.map_or(String::new(), |(k, _)| {
                let value = |list: &[(String, String)]| {
                    list.iter()
                        .find(|(name, _)| name == k)
                        .map_or("unset".to_owned(), |(_, v)| v.clone())
                };
                format!(
                    " (`{k}`: model {}, engine {})",
                    value(&self.settings),
                    value(&settings)
                )
            });
            return Err(Error::new(ErrorKind::Model(format!(
                "the {} model was trained with other feature settings{what}: {retrain}",
                self.kind.name()
            ))));
        }
        Ok(())
    }

    /// Which classifier the model is for.
    pub fn kind(&self) -> ModelKind {
        self.kind
    }

    /// The feature names the model was trained with, in row order.
    pub fn feature_names(&self) -> &[String] {
        &self.names
    }

    /// Number of trees.
    pub fn trees(&self) -> usize {
        self.flat.trees.len()
    }

    /// The probability of every row of `values` (rows of
    /// [`Model::feature_names`]`().len()` values, one after another).
    pub fn probabilities(&self, values: &[f32]) -> Vec<f32> {
        let width = self.names.len().max(1);
        self.flat
            .raw_scores(values, width)
            .into_iter()
            .map(logistic)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "thresher-gbdt 2
kind lines
features 2
feature a
feature b
trees 2
# row[0] <= 0.5 ? (row[1] <= 2 ? leaf 0 : leaf 1) : leaf 2
tree 2
0 0.5 1 -3
1 2 -1 -2
leaves -1 0.5 2
tree 0
leaves 0.25
";

    fn raw(m: &Model, row: &[f32]) -> f64 {
        m.flat.raw_scores(row, row.len())[0]
    }

    #[test]
    fn a_hand_made_ensemble_evaluates_as_written() {
        let m = Model::read(TINY).expect("reads");
        assert_eq!(raw(&m, &[0.0, 1.0]), -0.75);
        assert_eq!(raw(&m, &[0.5, 3.0]), 0.75);
        assert_eq!(raw(&m, &[0.6, 0.0]), 2.25);
        // NaN fails `<=`: it goes right.
        assert_eq!(raw(&m, &[f32::NAN, 0.0]), 2.25);
        let p = m.probabilities(&[0.6, 0.0])[0];
        assert!((p - 1.0 / (1.0 + (-2.25f32).exp())).abs() < 1e-6);
    }

    #[test]
    fn many_rows_at_once_score_as_one_by_one() {
        // 8k+3 rows, so that a batch is partial.
        let m = Model::read(TINY).expect("reads");
        let rows: Vec<f32> = (0..(8 * 3 + 3) * 2)
            .map(|i| (i * 7 % 11) as f32 / 4.0)
            .collect();
        let one_by_one: Vec<f64> = rows.chunks(2).map(|r| raw(&m, r)).collect();
        assert_eq!(m.flat.raw_scores(&rows, 2), one_by_one);
    }

    #[test]
    fn compact_trees_score_as_the_flat_arrays() {
        let m = Model::parse(super::super::BLOCK_MODEL_TEXT).expect("loads");
        assert!(
            m.flat.compact.is_some(),
            "the shipped model fits compact trees"
        );
        let width = m.names.len();
        // 21 rows: two full batches and a partial one.
        let rows: Vec<f32> = (0..width * 21)
            .map(|i| ((i * 7919) % 1000) as f32 / 37.0 - 5.0)
            .collect();
        assert_eq!(
            m.flat.raw_scores(&rows, width),
            m.flat.raw_scores_flat(&rows, width)
        );
    }

    #[test]
    fn a_tree_too_big_for_compact_form_is_walked_flat() {
        // A chain of 64 splits: 129 nodes, one more than a compact tree holds.
        // Split i sends values up to i to leaf i and the rest on.
        let k = 64;
        let mut text =
            String::from("thresher-gbdt 2\nkind lines\nfeatures 1\nfeature a\ntrees 1\n");
        text += &format!("tree {k}\n");
        for i in 0..k {
            let right = if i + 1 < k {
                (i + 1) as i64
            } else {
                -1 - k as i64
            };
            text += &format!("0 {i} {} {right}\n", -1 - i as i64);
        }
        let leaves: Vec<String> = (0..=k).map(|i| i.to_string()).collect();
        text += &format!("leaves {}\n", leaves.join(" "));
        let m = Model::read(&text).expect("reads");
        assert!(m.flat.compact.is_none());
        assert_eq!(raw(&m, &[2.5]), 3.0);
        assert_eq!(raw(&m, &[100.0]), k as f64);
    }

    #[test]
    fn malformed_models_are_rejected() {
        assert!(Model::read("").is_err());
        assert!(Model::read(&TINY.replace("0 0.5 1 -3", "0 0.5 0 -3")).is_err());
        assert!(Model::read(&TINY.replace("0 0.5 1 -3", "7 0.5 1 -3")).is_err());
        assert!(Model::read(&TINY.replace("leaves -1 0.5 2", "leaves -1 0.5")).is_err());
        assert!(Model::read(&TINY.replace("kind lines", "kind pages")).is_err());
        assert!(Model::read(&TINY.replace("thresher-gbdt 2", "thresher-gbdt 1")).is_err());
    }

    #[test]
    fn a_model_of_other_features_does_not_load() {
        // Structurally sound, but trained on two features the engine does
        // not compute.
        let err = Model::parse(TINY).expect_err("refused");
        assert_eq!(err.kind().name(), "model");
        assert!(err.to_string().contains("other features"), "{err}");
    }

    #[test]
    fn a_model_with_other_feature_settings_does_not_load() {
        let text = super::super::BLOCK_MODEL_TEXT;
        let (name, value) = ModelKind::Blocks.feature_settings()[0].clone();
        let changed = text.replacen(
            &format!("setting {name} {value}\n"),
            &format!("setting {name} {value}1\n"),
            1,
        );
        assert_ne!(changed, text, "the embedded model records `{name}`");
        let err = Model::parse(&changed).expect_err("refused");
        assert!(err.to_string().contains(&name), "{err}");
        let dropped = text.replacen(&format!("setting {name} {value}\n"), "", 1);
        assert!(Model::parse(&dropped).is_err());
    }

    #[test]
    fn the_embedded_models_match_the_engine() {
        for (text, kind) in [
            (super::super::BLOCK_MODEL_TEXT, ModelKind::Blocks),
            (super::super::text::LINE_MODEL_TEXT, ModelKind::Lines),
        ] {
            let m = Model::parse(text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(m.kind(), kind);
            assert!(m.trees() > 0);
        }
    }
}

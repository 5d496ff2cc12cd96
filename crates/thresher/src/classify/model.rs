//! The learned block model: gradient-boosted decision trees over the rows of
//! [`super::features`], evaluated in pure Rust.
//!
//! The trees are trained by `train/train.py` (LightGBM, binary objective) on
//! the development pages and exported to `model.txt` beside this file, which
//! is embedded in the binary and parsed once, on first use.
//!
//! # The `model.txt` format
//! Plain text, one item a line, `#` lines ignored:
//!
//! ```text
//! thresher-gbdt 1
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
//! leaf is a log-odds score; [`Model::probability`] passes it through the
//! logistic function. Thresholds are `f32` values rounded down from
//! LightGBM's `f64` ones, so that comparing an `f32` feature gives the same
//! branch LightGBM takes.
//!
//! Text mode's line model (`classify/text/model.txt`, trained by
//! `train/text/run.sh`) is in the same format and evaluated by the same
//! [`Model`], many rows at a time with [`Model::probabilities_of`].

use std::sync::LazyLock;

use super::features::{self, Features};

/// The text of the embedded model.
const MODEL_TEXT: &str = include_str!("model.txt");

/// The embedded model, parsed on first use.
pub static MODEL: LazyLock<Model> =
    LazyLock::new(|| Model::parse(MODEL_TEXT).expect("the embedded model.txt is well-formed"));

/// One split of a tree.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Split {
    feature: u32,
    threshold: f32,
    /// Child taken when `row[feature] <= threshold`: a split index, or
    /// `-1 - leaf`.
    left: i32,
    /// The other child.
    right: i32,
}

/// Where one tree's splits and leaves start in the shared arrays.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Tree {
    first_split: u32,
    splits: u32,
    first_leaf: u32,
}

/// A boosted ensemble of regression trees.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    names: Vec<String>,
    trees: Vec<Tree>,
    splits: Vec<Split>,
    leaves: Vec<f32>,
    /// The same trees padded to complete trees of one depth, for
    /// [`Model::probabilities_of`]; `None` when a tree is deeper than
    /// [`MAX_COMPLETE_DEPTH`].
    complete: Option<Complete>,
    /// The same trees laid out for walking many rows at once, for
    /// [`Model::probabilities`].
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
/// rows walk each tree side by side. Each row adds its trees' leaves in
/// tree order, in `f64`, as [`Model::raw_score`] does, so the sums are the
/// same to the bit.
#[derive(Clone, Debug, Default, PartialEq)]
struct Flat {
    trees: Vec<FlatTree>,
    nodes: Vec<FlatNode>,
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

    /// The log-odds score of every row of `values`.
    fn raw_scores(&self, values: &[f32], width: usize) -> Vec<f64> {
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

/// Trees deeper than this are walked split by split instead of padded.
const MAX_COMPLETE_DEPTH: u32 = 9;

/// A split of a complete tree. Padding splits compare against `+inf`, so
/// that they always go left.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Node {
    feature: u32,
    threshold: f32,
}

/// Every tree as a complete binary tree of `depth` levels, stored
/// breadth-first (node `i` has children `2i + 1` and `2i + 2`): a walk takes
/// exactly `depth` steps whose next index is computed, not branched on, so
/// the processor overlaps the walks of many rows.
#[derive(Clone, Debug, PartialEq)]
struct Complete {
    depth: u32,
    /// `2^depth - 1` nodes a tree.
    nodes: Vec<Node>,
    /// `2^depth` leaves a tree.
    leaves: Vec<f32>,
}

impl Complete {
    /// Adds every tree's leaf to each row's sum, for trees of depth `D`
    /// (known at compile time, so the walk unrolls).
    fn add<const D: u32>(&self, values: &[f32], width: usize, sums: &mut [f64]) {
        self.add_any(D, values, width, sums);
    }

    /// Adds every tree's leaf to each row's sum, tree by tree, so that each
    /// tree stays in cache while every row walks it.
    #[inline(always)]
    fn add_any(&self, depth: u32, values: &[f32], width: usize, sums: &mut [f64]) {
        let inner = (1usize << depth) - 1;
        let trees = self
            .nodes
            .chunks_exact(inner.max(1))
            .zip(self.leaves.chunks_exact(inner + 1));
        for (nodes, leaves) in trees {
            for (sum, row) in sums.iter_mut().zip(values.chunks_exact(width)) {
                let mut i = 0usize;
                for _ in 0..depth {
                    let node = nodes[i];
                    i = 2 * i + 1 + usize::from(row[node.feature as usize] > node.threshold);
                }
                *sum += f64::from(leaves[i - inner]);
            }
        }
    }
}

/// A log-odds score as a probability.
fn logistic(score: f64) -> f32 {
    (1.0 / (1.0 + (-score).exp())) as f32
}

/// Why a model text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "model.txt line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

struct Lines<'a> {
    inner: std::iter::Enumerate<std::str::Lines<'a>>,
    line: usize,
}

impl<'a> Lines<'a> {
    fn err(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            line: self.line,
            message: message.into(),
        }
    }

    /// The next non-comment line's words, after checking its keyword.
    fn expect(&mut self, keyword: &str) -> Result<std::str::SplitWhitespace<'a>, ParseError> {
        for (i, l) in self.inner.by_ref() {
            self.line = i + 1;
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let mut words = l.split_whitespace();
            if !keyword.is_empty() && words.next() != Some(keyword) {
                return Err(self.err(format!("expected `{keyword}`")));
            }
            return Ok(words);
        }
        Err(self.err(format!("unexpected end, expected `{keyword}`")))
    }

    fn number<T: std::str::FromStr>(&self, w: Option<&str>) -> Result<T, ParseError> {
        w.and_then(|w| w.parse().ok())
            .ok_or_else(|| self.err("expected a number"))
    }
}

impl Model {
    /// Reads a model in the `model.txt` format.
    pub fn parse(text: &str) -> Result<Model, ParseError> {
        let mut l = Lines {
            inner: text.lines().enumerate(),
            line: 0,
        };
        let mut w = l.expect("thresher-gbdt")?;
        if w.next() != Some("1") {
            return Err(l.err("unsupported format version"));
        }
        let n_features: usize = {
            let mut w = l.expect("features")?;
            l.number(w.next())?
        };
        let mut names = Vec::with_capacity(n_features);
        for _ in 0..n_features {
            let mut w = l.expect("feature")?;
            let name = w.next().ok_or_else(|| l.err("expected a feature name"))?;
            names.push(name.to_owned());
        }
        let n_trees: usize = {
            let mut w = l.expect("trees")?;
            l.number(w.next())?
        };
        let mut model = Model {
            names,
            trees: Vec::with_capacity(n_trees),
            splits: Vec::new(),
            leaves: Vec::new(),
            complete: None,
            flat: Flat::default(),
        };
        for _ in 0..n_trees {
            let k: usize = {
                let mut w = l.expect("tree")?;
                l.number(w.next())?
            };
            let tree = Tree {
                first_split: model.splits.len() as u32,
                splits: k as u32,
                first_leaf: model.leaves.len() as u32,
            };
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
                model.splits.push(split);
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
            let splits = &model.splits[tree.first_split as usize..];
            if !splits.iter().all(|s| in_range(s.left) && in_range(s.right)) {
                return Err(l.err("a child index is out of range"));
            }
            // Children must point forwards, so evaluation always ends.
            if splits.iter().enumerate().any(|(i, s)| {
                (s.left >= 0 && s.left as usize <= i) || (s.right >= 0 && s.right as usize <= i)
            }) {
                return Err(l.err("a child points backwards"));
            }
            model.leaves.extend(leaves);
            model.trees.push(tree);
        }
        model.complete = model.completed();
        model.flat = model.flattened();
        Ok(model)
    }

    /// Depth of the subtree under local child `c` of tree `t`; a leaf has
    /// depth 0.
    fn depth(&self, t: &Tree, c: i32) -> u32 {
        if c < 0 {
            return 0;
        }
        let s = &self.splits[t.first_split as usize + c as usize];
        1 + self.depth(t, s.left).max(self.depth(t, s.right))
    }

    /// The trees padded to complete trees, when they are shallow enough.
    fn completed(&self) -> Option<Complete> {
        let root = |t: &Tree| if t.splits == 0 { -1 } else { 0 };
        let depth = self
            .trees
            .iter()
            .map(|t| self.depth(t, root(t)))
            .max()
            .unwrap_or(0);
        if depth > MAX_COMPLETE_DEPTH {
            return None;
        }
        let inner = (1usize << depth) - 1;
        let mut c = Complete {
            depth,
            nodes: Vec::with_capacity(inner * self.trees.len()),
            leaves: Vec::with_capacity((inner + 1) * self.trees.len()),
        };
        let pad = Node {
            feature: 0,
            threshold: f32::INFINITY,
        };
        for t in &self.trees {
            let (nodes, leaves) = (c.nodes.len(), c.leaves.len());
            c.nodes.resize(nodes + inner, pad);
            c.leaves.resize(leaves + inner + 1, 0.0);
            let mut stack = vec![(root(t), 0usize, 0u32)];
            while let Some((child, pos, level)) = stack.pop() {
                if level == depth {
                    let leaf = (-1 - child) as usize;
                    c.leaves[leaves + pos - inner] = self.leaves[t.first_leaf as usize + leaf];
                } else if child < 0 {
                    // A leaf above the bottom: both sides lead to it.
                    stack.push((child, 2 * pos + 1, level + 1));
                    stack.push((child, 2 * pos + 2, level + 1));
                } else {
                    let s = &self.splits[t.first_split as usize + child as usize];
                    c.nodes[nodes + pos] = Node {
                        feature: s.feature,
                        threshold: s.threshold,
                    };
                    stack.push((s.left, 2 * pos + 1, level + 1));
                    stack.push((s.right, 2 * pos + 2, level + 1));
                }
            }
        }
        Some(c)
    }

    /// The trees in [`Flat`]'s layout: each tree's splits, then its leaves.
    fn flattened(&self) -> Flat {
        let mut f = Flat::default();
        for t in &self.trees {
            let root = f.nodes.len() as u32;
            let first_leaf = root + t.splits;
            let node = |c: i32| {
                if c >= 0 {
                    root + c as u32
                } else {
                    first_leaf + (-1 - c) as u32
                }
            };
            let splits = &self.splits[t.first_split as usize..(t.first_split + t.splits) as usize];
            for s in splits {
                f.nodes.push(FlatNode {
                    feature: s.feature,
                    threshold: s.threshold,
                    children: [node(s.right), node(s.left)],
                });
            }
            for l in 0..=t.splits {
                let at = first_leaf + l;
                f.nodes.push(FlatNode {
                    feature: 0,
                    threshold: self.leaves[(t.first_leaf + l) as usize],
                    children: [at, at],
                });
            }
            let root_child = if t.splits == 0 { -1 } else { 0 };
            f.trees.push(FlatTree {
                root,
                depth: self.depth(t, root_child),
                first_leaf,
            });
        }
        f
    }

    /// The feature names the model was trained with, in row order.
    pub fn feature_names(&self) -> &[String] {
        &self.names
    }

    /// Number of trees.
    pub fn trees(&self) -> usize {
        self.trees.len()
    }

    /// The log-odds score of one row.
    pub fn raw_score(&self, row: &[f32]) -> f64 {
        let mut sum = 0.0f64;
        for t in &self.trees {
            let splits = &self.splits[t.first_split as usize..(t.first_split + t.splits) as usize];
            let leaf = if splits.is_empty() {
                0
            } else {
                let mut i = 0usize;
                loop {
                    let s = &splits[i];
                    let child = if row[s.feature as usize] <= s.threshold {
                        s.left
                    } else {
                        s.right
                    };
                    if child < 0 {
                        break (-1 - child) as usize;
                    }
                    i = child as usize;
                }
            };
            sum += f64::from(self.leaves[t.first_leaf as usize + leaf]);
        }
        sum
    }

    /// The probability that a row's block is content, 0 to 1.
    pub fn probability(&self, row: &[f32]) -> f32 {
        logistic(self.raw_score(row))
    }

    /// The probability of every row: what [`Model::probability`] gives
    /// each, computed [`ROWS_AT_ONCE`] rows at a time.
    pub fn probabilities(&self, rows: &Features) -> Vec<f32> {
        self.flat
            .raw_scores(rows.as_slice(), features::COUNT)
            .into_iter()
            .map(logistic)
            .collect()
    }

    /// The probability of every row of `values` (rows of
    /// [`Model::feature_names`]`().len()` values, row-major): what
    /// [`Model::probability`] gives each row, computed tree by tree.
    pub fn probabilities_of(&self, values: &[f32]) -> Vec<f32> {
        let width = self.names.len().max(1);
        let Some(c) = &self.complete else {
            return self
                .flat
                .raw_scores(values, width)
                .into_iter()
                .map(logistic)
                .collect();
        };
        let mut sums = vec![0.0f64; values.len() / width];
        match c.depth {
            4 => c.add::<4>(values, width, &mut sums),
            5 => c.add::<5>(values, width, &mut sums),
            6 => c.add::<6>(values, width, &mut sums),
            7 => c.add::<7>(values, width, &mut sums),
            8 => c.add::<8>(values, width, &mut sums),
            _ => c.add_any(c.depth, values, width, &mut sums),
        }
        sums.into_iter()
            .map(|s| (1.0 / (1.0 + (-s).exp())) as f32)
            .collect()
    }

    /// True when the model was trained on the rows [`features`] computes.
    pub fn matches_features(&self) -> bool {
        self.names == features::names()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads_and_matches_the_features() {
        let m = Model::parse(MODEL_TEXT).expect("model.txt parses");
        assert_eq!(m.feature_names().len(), features::COUNT);
        assert!(
            m.matches_features(),
            "model.txt was trained on other features: run `python3 train/train.py`"
        );
        assert!(m.trees() > 0);
    }

    const TINY: &str = "thresher-gbdt 1
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

    #[test]
    fn a_hand_made_ensemble_evaluates_as_written() {
        let m = Model::parse(TINY).expect("parses");
        assert_eq!(m.raw_score(&[0.0, 1.0]), -0.75);
        assert_eq!(m.raw_score(&[0.5, 3.0]), 0.75);
        assert_eq!(m.raw_score(&[0.6, 0.0]), 2.25);
        let p = m.probability(&[0.6, 0.0]);
        assert!((p - 1.0 / (1.0 + (-2.25f32).exp())).abs() < 1e-6);
    }

    #[test]
    fn many_rows_at_once_score_as_one_by_one() {
        let m = Model::parse(TINY).expect("parses");
        let rows = [0.0, 1.0, 0.6, 0.0, 0.5, 3.0, 0.5, 2.0];
        let one_by_one: Vec<f32> = rows.chunks(2).map(|r| m.probability(r)).collect();
        assert!(m.complete.is_some());
        assert_eq!(m.probabilities_of(&rows), one_by_one);
        let walked = Model {
            complete: None,
            ..m.clone()
        };
        assert_eq!(walked.probabilities_of(&rows), one_by_one);
    }

    #[test]
    fn walking_rows_side_by_side_scores_as_one_by_one() {
        // Rows from a small generator, with the values the features take
        // (zeros, absent distances, fractions, NaN), on the embedded model
        // whose trees are deep and uneven; 8k+3 rows so a batch is partial.
        let m = &*MODEL;
        let width = features::COUNT;
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let rows: Vec<f32> = (0..(8 * 5 + 3) * width)
            .map(|_| match next() % 6 {
                0 => 0.0,
                1 => features::ABSENT,
                2 => f32::NAN,
                3 => (next() % 1000) as f32 / 1000.0,
                _ => (next() % 400) as f32,
            })
            .collect();
        let one_by_one: Vec<f64> = rows.chunks(width).map(|r| m.raw_score(r)).collect();
        assert_eq!(m.flat.raw_scores(&rows, width), one_by_one);
    }

    #[test]
    fn malformed_models_are_rejected() {
        assert!(Model::parse("").is_err());
        assert!(Model::parse(&TINY.replace("0 0.5 1 -3", "0 0.5 0 -3")).is_err());
        assert!(Model::parse(&TINY.replace("0 0.5 1 -3", "7 0.5 1 -3")).is_err());
        assert!(Model::parse(&TINY.replace("leaves -1 0.5 2", "leaves -1 0.5")).is_err());
    }
}

//! Gradient-boosted trees, evaluated in pure Rust.
//!
//! The trees are trained by `train/text/run.sh` (LightGBM, binary objective)
//! and exported to `model.txt` beside this file, which is embedded in the
//! binary and parsed once, on first use.
//!
//! # The `model.txt` format
//! The format the HTML block model uses, so that one evaluator can serve
//! both. Plain text, one item a line, `#` lines ignored:
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
//! The sum of every tree's leaf is a log-odds score. Thresholds are `f32`
//! values rounded down from LightGBM's `f64` ones, so that comparing an
//! `f32` feature takes the branch LightGBM takes.

/// One split, its children as absolute indices: `>= 0` a split in
/// [`Model::splits`], `< 0` the leaf `-1 - child` in [`Model::leaves`].
#[derive(Clone, Copy, Debug, PartialEq)]
struct Split {
    feature: u32,
    threshold: f32,
    left: i32,
    right: i32,
}

/// A boosted ensemble of regression trees.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    names: Vec<String>,
    /// Each tree's first node: a split index, or `-1 - leaf` for a stump.
    roots: Vec<i32>,
    splits: Vec<Split>,
    leaves: Vec<f32>,
    /// The same trees, each padded to a complete tree of one depth, for
    /// [`Model::probabilities`]; `None` when a tree is deeper than
    /// [`MAX_COMPLETE_DEPTH`].
    complete: Option<Complete>,
}

/// Trees deeper than this are walked node by node instead of padded.
const MAX_COMPLETE_DEPTH: u32 = 9;

/// A split of a complete tree. Padding splits compare against `+inf`, so
/// that they always go left.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Node {
    feature: u32,
    threshold: f32,
}

/// Every tree as a complete binary tree of `depth` levels, stored
/// breadth-first (node `i` has children `2i + 1` and `2i + 2`): walking one
/// takes exactly `depth` steps whose next index is computed, not branched
/// on, so the processor can overlap the walks of many rows.
#[derive(Clone, Debug, PartialEq)]
struct Complete {
    depth: u32,
    /// `2^depth - 1` nodes a tree.
    nodes: Vec<Node>,
    /// `2^depth` leaves a tree.
    leaves: Vec<f32>,
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
        write!(f, "model line {}: {}", self.line, self.message)
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

    /// The next non-comment line's words, after its keyword.
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
        let mut m = Model {
            names,
            roots: Vec::with_capacity(n_trees),
            splits: Vec::new(),
            leaves: Vec::new(),
            complete: None,
        };
        for _ in 0..n_trees {
            let k: usize = {
                let mut w = l.expect("tree")?;
                l.number(w.next())?
            };
            let mut local = Vec::with_capacity(k);
            for _ in 0..k {
                let mut w = l.expect("")?;
                let s = Split {
                    feature: l.number(w.next())?,
                    threshold: l.number(w.next())?,
                    left: l.number(w.next())?,
                    right: l.number(w.next())?,
                };
                if s.feature as usize >= n_features {
                    return Err(l.err("feature index out of range"));
                }
                local.push(s);
            }
            let leaves: Vec<f32> = l
                .expect("leaves")?
                .map(|v| v.parse().map_err(|_| l.err("expected a leaf value")))
                .collect::<Result<_, _>>()?;
            if leaves.len() != k + 1 {
                return Err(l.err(format!("a tree with {k} splits needs {} leaves", k + 1)));
            }
            // Children must be in range and point forwards, so that
            // evaluation always ends.
            for (i, s) in local.iter().enumerate() {
                for c in [s.left, s.right] {
                    let ok = if c >= 0 {
                        (c as usize) > i && (c as usize) < k
                    } else {
                        ((-1 - c) as usize) < leaves.len()
                    };
                    if !ok {
                        return Err(l.err("a child index is out of range or points backwards"));
                    }
                }
            }
            let (split_base, leaf_base) = (m.splits.len() as i32, m.leaves.len() as i32);
            let absolute = |c: i32| {
                if c >= 0 {
                    c + split_base
                } else {
                    c - leaf_base
                }
            };
            m.roots
                .push(if k == 0 { -1 - leaf_base } else { split_base });
            m.splits.extend(local.iter().map(|s| Split {
                left: absolute(s.left),
                right: absolute(s.right),
                ..*s
            }));
            m.leaves.extend(leaves);
        }
        m.complete = m.completed();
        Ok(m)
    }

    /// Depth of the subtree under `node`; a leaf has depth 0.
    fn depth(&self, node: i32) -> u32 {
        if node < 0 {
            return 0;
        }
        let s = &self.splits[node as usize];
        1 + self.depth(s.left).max(self.depth(s.right))
    }

    /// The trees padded to complete trees, when they are shallow enough.
    fn completed(&self) -> Option<Complete> {
        let depth = self.roots.iter().map(|&r| self.depth(r)).max().unwrap_or(0);
        if depth > MAX_COMPLETE_DEPTH {
            return None;
        }
        let inner = (1usize << depth) - 1;
        let mut c = Complete {
            depth,
            nodes: Vec::with_capacity(inner * self.roots.len()),
            leaves: Vec::with_capacity((inner + 1) * self.roots.len()),
        };
        let pad = Node {
            feature: 0,
            threshold: f32::INFINITY,
        };
        for &root in &self.roots {
            let (nodes, leaves) = (c.nodes.len(), c.leaves.len());
            c.nodes.resize(nodes + inner, pad);
            c.leaves.resize(leaves + inner + 1, 0.0);
            let mut stack = vec![(root, 0usize, 0u32)];
            while let Some((node, pos, level)) = stack.pop() {
                if level == depth {
                    c.leaves[leaves + pos - inner] = self.leaves[(-1 - node) as usize];
                } else if node < 0 {
                    // A leaf above the bottom: both sides lead to it.
                    stack.push((node, 2 * pos + 1, level + 1));
                    stack.push((node, 2 * pos + 2, level + 1));
                } else {
                    let s = &self.splits[node as usize];
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

    /// The feature names the model was trained with, in row order.
    pub fn feature_names(&self) -> &[String] {
        &self.names
    }

    /// Number of trees.
    pub fn trees(&self) -> usize {
        self.roots.len()
    }

    /// The log-odds score of one row.
    pub fn raw_score(&self, row: &[f32]) -> f32 {
        let mut sum = 0.0f32;
        for &root in &self.roots {
            let mut node = root;
            while node >= 0 {
                let s = &self.splits[node as usize];
                node = if row[s.feature as usize] <= s.threshold {
                    s.left
                } else {
                    s.right
                };
            }
            sum += self.leaves[(-1 - node) as usize];
        }
        sum
    }

    /// The probability that a row's line is content, 0 to 1.
    pub fn probability(&self, row: &[f32]) -> f32 {
        logistic(self.raw_score(row))
    }

    /// The probability of every row of `values` (rows of
    /// `feature_names().len()`, row-major). Tree by tree rather than row by
    /// row, so that each tree stays in cache while every row walks it.
    pub fn probabilities(&self, values: &[f32]) -> Vec<f32> {
        let width = self.names.len().max(1);
        let n = values.len() / width;
        let mut sums = vec![0.0f32; n];
        if let Some(c) = &self.complete {
            // A depth known at compile time unrolls the walk.
            match c.depth {
                4 => c.add::<4>(values, width, &mut sums),
                5 => c.add::<5>(values, width, &mut sums),
                6 => c.add::<6>(values, width, &mut sums),
                7 => c.add::<7>(values, width, &mut sums),
                8 => c.add::<8>(values, width, &mut sums),
                _ => c.add_any(c.depth, values, width, &mut sums),
            }
            return sums.into_iter().map(logistic).collect();
        }
        for &root in &self.roots {
            for (sum, row) in sums.iter_mut().zip(values.chunks_exact(width)) {
                let mut node = root;
                while node >= 0 {
                    let s = &self.splits[node as usize];
                    node = if row[s.feature as usize] <= s.threshold {
                        s.left
                    } else {
                        s.right
                    };
                }
                *sum += self.leaves[(-1 - node) as usize];
            }
        }
        sums.into_iter().map(logistic).collect()
    }
}

impl Complete {
    /// Adds every tree's leaf to each row's sum, for trees of depth `D`.
    fn add<const D: u32>(&self, values: &[f32], width: usize, sums: &mut [f32]) {
        self.add_any(D, values, width, sums);
    }

    /// Adds every tree's leaf to each row's sum.
    #[inline(always)]
    fn add_any(&self, depth: u32, values: &[f32], width: usize, sums: &mut [f32]) {
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
                *sum += leaves[i - inner];
            }
        }
    }
}

fn logistic(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(m.trees(), 2);
        assert_eq!(m.raw_score(&[0.0, 1.0]), -0.75);
        assert_eq!(m.raw_score(&[0.5, 3.0]), 0.75);
        assert_eq!(m.raw_score(&[0.6, 0.0]), 2.25);
        let p = m.probability(&[0.6, 0.0]);
        assert!((p - 1.0 / (1.0 + (-2.25f32).exp())).abs() < 1e-6);
        let rows = [0.0, 1.0, 0.6, 0.0, 0.5, 3.0, 0.5, 2.0];
        let walked: Vec<f32> = rows.chunks(2).map(|r| m.probability(r)).collect();
        assert!(m.complete.is_some());
        assert_eq!(m.probabilities(&rows), walked);
        let flat = Model {
            complete: None,
            ..m.clone()
        };
        assert_eq!(flat.probabilities(&rows), walked);
    }

    #[test]
    fn malformed_models_are_rejected() {
        assert!(Model::parse("").is_err());
        assert!(Model::parse(&TINY.replace("0 0.5 1 -3", "0 0.5 0 -3")).is_err());
        assert!(Model::parse(&TINY.replace("0 0.5 1 -3", "7 0.5 1 -3")).is_err());
        assert!(Model::parse(&TINY.replace("leaves -1 0.5 2", "leaves -1 0.5")).is_err());
        assert!(Model::parse(&TINY.replace("1 2 -1 -2", "1 2 -1 -9")).is_err());
    }
}

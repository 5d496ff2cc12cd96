//! FNV-1a: the cheap, stable 64-bit hash the stages use to compare short
//! keys (tag paths, block texts) without keeping the keys themselves; and
//! the hash tables the stages build per page.

/// A hash map for the tables built per page (class names, line texts, node
/// ids): foldhash, several times cheaper than the standard SipHash on short
/// keys. It is seeded per process, so a page cannot carry keys chosen
/// against a seed known in advance; the input size cap and the time budget
/// bound what is left. No output depends on a table's order.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A fixed 64-bit hash of a string, to count or recognise repeats of a
/// page's texts without keeping them: foldhash with a fixed seed, so that a
/// run's output never depends on a seed (a collision between two texts of
/// one page is not a practical concern), and several times faster than
/// [`fnv`] on long texts.
pub(crate) fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(text)
}

/// The set form of [`FastMap`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// The hash of nothing; start every key from it.
pub(crate) const FNV_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// Extends the hash `h` with `bytes`, so keys can be hashed piece by piece.
pub(crate) fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_in_pieces_equals_hashing_at_once() {
        assert_eq!(fnv(fnv(FNV_SEED, b"ab"), b"c"), fnv(FNV_SEED, b"abc"));
        assert_ne!(fnv(FNV_SEED, b"abc"), fnv(FNV_SEED, b"acb"));
    }
}

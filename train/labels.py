"""What each model learns: a row's label from the ground truth, and its weight.

The two models label their rows by different rules, each the one its model
was tuned with. The docstrings of the four functions below are quoted by the
training reports, so they state each rule exactly.
"""
import re

import numpy as np

WORD = re.compile(r"\w+")
# A line of one or two words counts as content only near a content line of
# three or more words, at most this many lines away.
NEAR_LINES = 2
# Each page's line weights sum to this.
PAGE_WEIGHT = 100.0
# Snippets shorter than this (characters, whitespace folded) are not used:
# a word or two occurs in too many blocks to say which one it came from.
MIN_SNIPPET_CHARS = 8
# A block at least this long (characters) that lies inside a snippet is
# labelled by it; a shorter one could be any repeated word.
MIN_BLOCK_IN_SNIPPET_CHARS = 15


def tokens(text):
    """score.py's words: lower-cased `\\w+` runs."""
    return WORD.findall((text or "").lower())


def trigrams(words):
    return list(zip(words, words[1:], words[2:]))


def phrase_in(words, joined_ref):
    return " " + " ".join(words) + " " in joined_ref


def block_labels(toks, ref):
    """A block of three or more words is content when at least half of its
    word 3-grams occur in the page's `main_content`; a block of one or two
    words is content when it occurs there as a phrase and a neighbouring
    block is content (three passes, so that a run of short blocks next to
    content joins it)."""
    grams = set(trigrams(ref))
    joined = " " + " ".join(ref) + " "
    labels = [False] * len(toks)
    short = []
    for j, words in enumerate(toks):
        if len(words) >= 3:
            g = trigrams(words)
            labels[j] = sum(x in grams for x in g) >= 0.5 * len(g)
        elif words:
            short.append(j)
    for _ in range(3):
        changed = False
        for j in short:
            near = (j > 0 and labels[j - 1]) or (j + 1 < len(labels) and labels[j + 1])
            if not labels[j] and near and phrase_in(toks[j], joined):
                labels[j] = changed = True
        if not changed:
            break
    return labels


def block_weights(toks):
    """Every block with words weighs 1; a block without words is left out of
    training."""
    return np.array([1.0 if words else 0.0 for words in toks], dtype=np.float32)


def fold(text):
    """Whitespace folded, as snippets.py compares."""
    return " ".join(str(text).split())


def snippet_labels(texts, with_, without):
    """A block of a snippet page (trafilatura-eval) is content when it
    contains one of the page's `with` snippets or, 15 characters or longer,
    lies inside one; boilerplate when the same holds for a `without`
    snippet; and left out of training when neither or both hold. Snippets
    shorter than 8 characters are not used; whitespace is folded on both
    sides."""
    keep = [fold(s) for s in with_ if len(fold(s)) >= MIN_SNIPPET_CHARS]
    drop = [fold(s) for s in without if len(fold(s)) >= MIN_SNIPPET_CHARS]

    def holds(t, snippets):
        return any(s in t or (len(t) >= MIN_BLOCK_IN_SNIPPET_CHARS and t in s) for s in snippets)

    labels, known = [], []
    for text in texts:
        t = fold(text)
        content, boilerplate = holds(t, keep), holds(t, drop)
        labels.append(content)
        known.append(content != boilerplate)
    return labels, known


def line_labels(toks, ref):
    """A line of three or more words is content when more than half of its
    word 3-grams occur in the page's `main_content`; a line of one or two
    words when it occurs there as a phrase and a line of three or more words
    within two lines of it is content (a heading or list item of the
    article, not a menu word that happens to occur in it)."""
    grams = set(trigrams(ref))
    joined = " " + " ".join(ref) + " "
    long_label = [None] * len(toks)
    for i, words in enumerate(toks):
        if len(words) >= 3:
            g = trigrams(words)
            long_label[i] = sum(x in grams for x in g) * 2 > len(g)
    labels = []
    for i, words in enumerate(toks):
        if long_label[i] is not None:
            labels.append(long_label[i])
            continue
        near = long_label[max(0, i - NEAR_LINES):i + NEAR_LINES + 1]
        labels.append(bool(words) and phrase_in(words, joined) and any(near))
    return labels


def line_weights(toks):
    """Every page weighs the same (the score is a mean over pages), its lines
    in proportion to their words (a line without words as one)."""
    words = np.array([max(1, len(t)) for t in toks], dtype=np.float64)
    share = (words / (words.sum() or 1.0)).astype(np.float32)
    return share * np.float32(PAGE_WEIGHT)

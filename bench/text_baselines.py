#!/usr/bin/env python3
"""Line-filtering baselines for text mode, beside which Thresher is measured.

Reads a captured-text corpus (lines of {"id", "text"}), cleans every page with
each baseline, writes PRED files and prints their word-F1 from score.py.

    python3 bench/text_baselines.py [--captured FILE] [--score SCORE.py] [--out DIR]

The rules are the published ones, written here from their descriptions:

c4-lines      C4's line rules (Raffel et al. 2020, "Exploring the Limits of
              Transfer Learning", §2.2; TFDS c4_utils.clean_page): keep a line
              only if it ends in terminal punctuation (. ? ! ") and not in an
              ellipsis, has at least 3 words, no word over 1000 characters, no
              "javascript", and none of the policy phrases; citation markers
              ([1], [edit], [citation needed]) are removed first.
c4-page       c4-lines plus C4's page rules: a page with "lorem ipsum" or a
              curly brace, or with fewer than 5 sentences left, is dropped.
fineweb-lines The same line rules as FineWeb configures them (datatrove's
              C4QualityFilter with filter_no_terminal_punct=False): no terminal
              punctuation needed.
gopher-lines  Gopher's quality rules (Rae et al. 2021, "Scaling Language
              Models", appendix A.1.1) that are stated over lines, applied to
              each line: drop a line that starts with a bullet, ends with an
              ellipsis, repeats an earlier line, has a symbol-to-word ratio
              over 0.1 (# and ellipses), or fewer than 80% of words with a
              letter.
fineweb-page  FineWeb's whole filter chain applied to a page: Gopher
              repetition and quality filters, C4 (no punctuation rule),
              FineWeb's own (lines ending in punctuation >= 0.12, short lines
              <= 0.67, duplicated-line characters <= 0.01, newlines per word
              <= 0.3); a page that fails any is dropped (empty).

A dropped page counts as an empty extraction: these filters were made to pick
documents for a corpus, not to find a page's main content, and the page
rules show what that costs. No bad-words list is applied (C4 also drops pages
with a word from a list of obscene words).
"""
import argparse
import gzip
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "bench"

# --- C4 ---------------------------------------------------------------------
END_MARKS = (".", "?", "!", '"')
ELLIPSIS = "..."
POLICY = ["terms of use", "privacy policy", "cookie policy", "uses cookies",
          "use of cookies", "use cookies"]
CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
MIN_WORDS_PER_LINE = 3
MAX_WORD_LENGTH = 1000
MIN_SENTENCES = 5
SENTENCE = re.compile(r"[^.!?]+[.!?]+")


def c4_line(line, terminal_punct=True):
    """The cleaned line, or None when C4 drops it."""
    line = line.strip()
    if any(len(w) > MAX_WORD_LENGTH for w in line.split()):
        return None
    line = CITATION.sub("", line)
    if terminal_punct and (not line.endswith(END_MARKS) or line.endswith(ELLIPSIS)):
        return None
    if len(line.split()) < MIN_WORDS_PER_LINE:
        return None
    low = line.lower()
    if "javascript" in low or any(p in low for p in POLICY):
        return None
    return line


def c4_page_fails(text):
    low = text.lower()
    return "lorem ipsum" in low or "{" in text


def c4(text, terminal_punct=True, page_rules=False):
    if page_rules and c4_page_fails(text):
        return ""
    kept = [l for l in (c4_line(x, terminal_punct) for x in text.splitlines()) if l]
    if page_rules and sum(len(SENTENCE.findall(l)) or 1 for l in kept) < MIN_SENTENCES:
        return ""
    return "\n".join(kept)


# --- Gopher -----------------------------------------------------------------
BULLETS = ("•", "●", "◦", "▪", "‣", "-", "*", "·", "➢", "►")
STOP_WORDS = {"the", "be", "to", "of", "and", "that", "have", "with"}
WORD = re.compile(r"\w+")


def gopher_line_ok(line, seen):
    s = line.strip()
    if not s:
        return False
    if s.startswith(BULLETS) or s.endswith((ELLIPSIS, "…")):
        return False
    if s in seen:
        return False
    seen.add(s)
    words = s.split()
    symbols = s.count("#") + s.count(ELLIPSIS) + s.count("…")
    if symbols / len(words) > 0.1:
        return False
    if sum(any(c.isalpha() for c in w) for w in words) < 0.8 * len(words):
        return False
    return True


def gopher_lines(text):
    seen = set()
    return "\n".join(l.strip() for l in text.splitlines() if gopher_line_ok(l, seen))


def gopher_quality_fails(text):
    words = text.split()
    n = len(words)
    if n < 50 or n > 100_000:
        return True
    mean = sum(len(w) for w in words) / n
    if mean < 3 or mean > 10:
        return True
    if (text.count("#") + text.count(ELLIPSIS) + text.count("…")) / n > 0.1:
        return True
    lines = [l for l in text.splitlines() if l.strip()]
    if lines and sum(l.lstrip().startswith(BULLETS) for l in lines) / len(lines) > 0.9:
        return True
    if lines and sum(l.rstrip().endswith((ELLIPSIS, "…")) for l in lines) / len(lines) > 0.3:
        return True
    if sum(any(c.isalpha() for c in w) for w in words) / n < 0.8:
        return True
    if sum(w.lower() in STOP_WORDS for w in WORD.findall(text)) < 2:
        return True
    return False


def top_ngram_share(words, n):
    grams = Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    if not grams:
        return 0.0
    gram, count = grams.most_common(1)[0]
    total = sum(len(w) for w in words)
    return count * sum(len(w) for w in gram) / total if total else 0.0


def dup_ngram_share(words, n):
    total = sum(len(w) for w in words)
    if not total or len(words) < n:
        return 0.0
    seen, covered = set(), [False] * len(words)
    for i in range(len(words) - n + 1):
        g = tuple(words[i:i + n])
        if g in seen:
            for j in range(i, i + n):
                covered[j] = True
        seen.add(g)
    return sum(len(w) for w, c in zip(words, covered) if c) / total


def gopher_repetition_fails(text):
    lines = [l for l in text.split("\n") if l.strip()]
    paras = [p for p in re.split(r"\n{2,}", text) if p.strip()]
    chars = len(text) or 1
    for units, frac, char_frac in ((lines, 0.3, 0.2), (paras, 0.3, 0.2)):
        if not units:
            continue
        counts = Counter(units)
        dup = sum(c - 1 for c in counts.values())
        dup_chars = sum(len(u) * (c - 1) for u, c in counts.items())
        if dup / len(units) > frac or dup_chars / chars > char_frac:
            return True
    words = WORD.findall(text.lower())
    for n, t in ((2, 0.2), (3, 0.18), (4, 0.16)):
        if top_ngram_share(words, n) > t:
            return True
    for n, t in ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)):
        if dup_ngram_share(words, n) > t:
            return True
    return False


# --- FineWeb ----------------------------------------------------------------
def fineweb_quality_fails(text):
    lines = [l for l in text.split("\n") if l.strip()]
    if not lines:
        return True
    if sum(l.rstrip().endswith(END_MARKS) for l in lines) / len(lines) < 0.12:
        return True
    if sum(len(l) <= 30 for l in lines) / len(lines) > 0.67:
        return True
    counts = Counter(lines)
    if sum(len(l) * (c - 1) for l, c in counts.items()) / max(1, len(text.replace("\n", ""))) > 0.01:
        return True
    words = text.split()
    if not words or text.count("\n") / len(words) > 0.3:
        return True
    return False


def fineweb_page(text):
    if gopher_repetition_fails(text) or gopher_quality_fails(text):
        return ""
    cleaned = c4(text, terminal_punct=False, page_rules=True)
    if not cleaned or fineweb_quality_fails(cleaned):
        return ""
    return cleaned


BASELINES = {
    "raw": lambda t: t,
    "c4-lines": lambda t: c4(t),
    "c4-page": lambda t: c4(t, page_rules=True),
    "fineweb-lines": lambda t: c4(t, terminal_punct=False),
    "gopher-lines": gopher_lines,
    "fineweb-page": fineweb_page,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--captured", default=str(SHARED / "wcxb-dev-text" / "captured.jsonl.gz"))
    ap.add_argument("--score", default=str(SHARED / "score.py"))
    ap.add_argument("--out", default=str(HERE.parent / "target" / "text-baselines"))
    ap.add_argument("--gt", default=None, help="ground-truth folder for score.py")
    args = ap.parse_args()
    opener = gzip.open if args.captured.endswith(".gz") else open
    with opener(args.captured, "rt", encoding="utf-8") as f:
        pages = [json.loads(l) for l in f if l.strip()]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    print(f"{'baseline':<14} {'F1':>7}  per type")
    for name, fn in BASELINES.items():
        path = out / f"{name}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for p in pages:
                f.write(json.dumps({"id": p["id"], "text": fn(p.get("text") or "")}) + "\n")
        cmd = [sys.executable, args.score, str(path), "--json"]
        if args.gt:
            cmd += ["--gt", args.gt]
        s = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        types = "  ".join(f"{t} {v['f1']:.3f}" for t, v in s["types"].items())
        print(f"{name:<14} {s['f1']:>7.4f}  {types}")


if __name__ == "__main__":
    main()

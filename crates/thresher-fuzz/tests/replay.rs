//! Runs every fuzz target's check over its seeds (the fixtures) and its
//! saved regressions (minimised crashes, `fuzz/regressions/<target>/`), so
//! that the checks keep building and every crash once found stays fixed.
//! With `THRESHER_REPLAY_CORPUS=1`, also over the corpus a local fuzzing
//! run grew (`fuzz/corpus/<target>/`).

use thresher_fuzz::{check, corpus_dirs, files_in, seeds, TARGETS};

#[test]
fn every_target_passes_its_seeds_regressions_and_corpus() {
    for (target, _) in TARGETS {
        let run = check(target).expect("a check for every target");
        let mut inputs = seeds(target);
        assert!(!inputs.is_empty(), "{target} has no seeds");
        for dir in corpus_dirs(target) {
            inputs.extend(files_in(&dir));
        }
        for (name, bytes) in &inputs {
            let outcome = std::panic::catch_unwind(|| run(bytes));
            assert!(outcome.is_ok(), "{target} fails on {name}");
        }
    }
}

#[test]
fn the_render_check_catches_script_addresses() {
    // The property itself: a page whose kept link runs script must fail
    // the check if the renderer ever let the address through. The
    // renderer drops it, so the check passes.
    thresher_fuzz::render(
        b"<html><body><article><p>A paragraph of the article, long enough to be \
          kept, with <a href=' JaVa\tScript:alert(1)'>a link</a> in it.</p></article></body></html>",
    );
}

#[test]
fn unknown_targets_have_no_check() {
    assert!(check("nonesuch").is_none());
}

#[test]
fn the_render_check_reads_addresses_as_browsers_do() {
    // A no-break space ends a scheme: the address is relative, not script.
    thresher_fuzz::render(
        "<html><body><article><p>A paragraph of the article, long enough to be \
          kept, with <a href='java\u{a0}script:alert(1)'>a link</a> in it, and more \
          words after the link.</p></article></body></html>"
            .as_bytes(),
    );
}

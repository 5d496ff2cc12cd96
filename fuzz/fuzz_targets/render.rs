#![no_main]
//! See `thresher_fuzz::render` for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| thresher_fuzz::render(data));

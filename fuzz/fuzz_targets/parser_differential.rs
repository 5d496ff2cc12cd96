#![no_main]
//! See `thresher_fuzz::parser_differential` for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| thresher_fuzz::parser_differential(data));

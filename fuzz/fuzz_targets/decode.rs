#![no_main]
//! See `thresher_fuzz::decode` for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| thresher_fuzz::decode(data));

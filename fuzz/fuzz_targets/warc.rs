#![no_main]
//! See `thresher_fuzz::warc` for what this target checks.

libfuzzer_sys::fuzz_target!(|data: &[u8]| thresher_fuzz::warc(data));

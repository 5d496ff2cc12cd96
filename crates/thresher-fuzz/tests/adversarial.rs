//! Each adversarial page gives its content, in every format, on a thread
//! with a rayon worker's small stack. Time and memory are the bench's to
//! measure (`bench/adversarial.py`), not a test's.

use thresher::{Config, Extractor, Format, Page};
use thresher_fuzz::adversarial::{pages, MARKER};

const SMALL_STACK_BYTES: usize = 2 * 1024 * 1024;

#[test]
fn every_adversarial_page_gives_its_content() {
    for page in pages() {
        let name = page.name;
        let outcome = std::thread::Builder::new()
            .stack_size(SMALL_STACK_BYTES)
            .spawn(move || {
                let extractor = Extractor::new(
                    Config {
                        time_budget: None,
                        ..Config::default()
                    },
                    Default::default(),
                );
                let e = extractor
                    .extract(&Page::from_bytes(&page.bytes))
                    .map_err(|e| format!("{}: {e}", page.what))?;
                if !e.text.contains(MARKER) {
                    return Err(format!("{}: content lost", page.what));
                }
                if e.text.contains('\0') {
                    return Err(format!("{}: NUL in the text", page.what));
                }
                for format in [Format::Markdown, Format::Html, Format::Json] {
                    if !e.render(format).contains(MARKER) {
                        return Err(format!("{}: content lost in {format:?}", page.what));
                    }
                }
                Ok(())
            })
            .expect("spawns a thread")
            .join();
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => panic!("{name}: {e}"),
            Err(_) => panic!("{name}: panicked or overflowed its stack"),
        }
    }
}

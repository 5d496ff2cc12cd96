//! Writes every adversarial page (`thresher_fuzz::adversarial`) to a folder,
//! one `<name>.html` each, for `bench/adversarial.py` to time. Prints the
//! phrase every page's extraction must hold, then a line a page: name,
//! bytes, what it does (tab-separated).
//!
//! ```text
//! cargo run --release -p thresher-fuzz --example adversarial_pages -- DIR
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: adversarial_pages DIR");
        return ExitCode::from(2);
    };
    let dir = std::path::PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("adversarial_pages: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    println!("{}", thresher_fuzz::adversarial::MARKER);
    for page in thresher_fuzz::adversarial::pages() {
        let path = dir.join(format!("{}.html", page.name));
        if let Err(e) = std::fs::write(&path, &page.bytes) {
            eprintln!("adversarial_pages: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}\t{}\t{}", page.name, page.bytes.len(), page.what);
    }
    ExitCode::SUCCESS
}

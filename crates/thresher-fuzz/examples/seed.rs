//! Seeds every fuzz target's corpus (`fuzz/corpus/<target>/`) from the
//! fixtures; files already there are kept.
//!
//! ```text
//! cargo run -p thresher-fuzz --example seed
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    for (target, _) in thresher_fuzz::TARGETS {
        let corpus = thresher_fuzz::corpus_dir(target);
        if let Err(e) = std::fs::create_dir_all(&corpus) {
            eprintln!("seed: cannot create {}: {e}", corpus.display());
            return ExitCode::FAILURE;
        }
        let seeds = thresher_fuzz::seeds(target);
        for (name, bytes) in &seeds {
            let path = corpus.join(format!("seed-{name}"));
            if let Err(e) = std::fs::write(&path, bytes) {
                eprintln!("seed: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        println!("{target}: {} seeds in {}", seeds.len(), corpus.display());
    }
    ExitCode::SUCCESS
}

//! Prints every block of a page with its label and deciding rules: the
//! quickest way to see why a page extracts the way it does.
//!
//! `cargo run --example show_blocks -- page.html[.gz]`

use std::io::Read;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: show_blocks PAGE.html[.gz]")?;
    let raw = std::fs::read(&path)?;
    let bytes = if path.ends_with(".gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        out
    } else {
        raw
    };
    let e = thresher::extract(&bytes)?;
    println!("title: {:?}", e.metadata.title);
    for (b, l) in e.blocks.iter().zip(&e.labels) {
        let text: String = b
            .text
            .chars()
            .take(90)
            .collect::<String>()
            .replace('\n', " ");
        println!(
            "{:>4} {:<14} {:<28} {:>5} ld={:.2} {:?} | {}",
            b.id.0,
            l.label.name(),
            l.because.join(","),
            b.stats.chars,
            b.stats.link_density(),
            b.kind,
            text
        );
    }
    Ok(())
}

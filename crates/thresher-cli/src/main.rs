//! `thresher`: the command-line face of the Thresher engine.
//!
//! This file only wires the parts together and maps the outcome to an exit
//! code, once: 0 when every input was extracted, 1 when some failed, 2 for
//! a usage error or output that could not be written.

mod args;
mod clean;
mod error;
mod explain;
mod extract;
mod fetch;
mod input;
mod output;
mod rows;
mod runner;
mod serve;
mod warc;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command, Mode};
use crate::error::Error;
use crate::output::Output;
use crate::runner::Summary;

/// Exit code when some inputs could not be extracted.
const EXIT_SOME_FAILED: u8 = 1;
/// Exit code for a usage error, or a run that could not write its output.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    thresher::process::settle_allocator();
    match Cli::try_parse().map_err(Error::from).and_then(run) {
        Ok(summary) if summary.failed() == 0 => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(EXIT_SOME_FAILED),
        // The reader went away (`| head`): it has what it wanted.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(Error::Usage(e)) => {
            // Clap reports --help and --version as errors too; they print to
            // stdout and succeed.
            let _ = e.print();
            if e.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("thresher: {e}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run(cli: Cli) -> Result<Summary, Error> {
    let args = match cli.command {
        Command::Extract(args) => args,
        Command::Clean(args) => {
            let options = args.into_options()?;
            let mut out = Output::open(options.output.as_deref())?;
            let summary = clean::run(&options, &mut out)?;
            out.finish()?;
            return Ok(summary);
        }
        Command::Warc(args) => return warc::run(&args.into_options()?),
        Command::Serve(args) => return serve::run(&args.into_options()),
        Command::Explain(args) => {
            let options = args.into_options();
            let mut out = Output::open(options.output.as_deref())?;
            let summary = explain::run(&options, &mut out)?;
            out.finish()?;
            return Ok(summary);
        }
    };
    let options = args.into_options()?;
    let mut out = Output::open(options.output.as_deref())?;
    let summary = match (options.mode, options.sources.as_slice()) {
        (Mode::Single(format), [source]) => extract::single(source, format, &options, &mut out)?,
        _ => {
            let summary = extract::batch(&options, &mut out)?;
            eprintln!("thresher: {summary}");
            summary
        }
    };
    out.finish()?;
    Ok(summary)
}

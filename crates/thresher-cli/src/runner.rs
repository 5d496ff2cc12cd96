//! The one loop every command over many inputs runs: `extract` of several
//! pages, `clean --jsonl` and `warc`. A new source of inputs plugs in here
//! rather than copying the loop.
//!
//! [`run`] takes three things from its caller:
//! - the items, in order: an iterator read on one reader thread (paths, a
//!   corpus's lines, an archive's records); an `Err` ends the run after
//!   everything before it is written;
//! - the work: a function that turns one item into what is written, and
//!   says what became of it ([`Fate`]), run on `-j` worker threads;
//! - the writer: called with each item's result in input order, on the
//!   calling thread.
//!
//! At most [`IN_FLIGHT_PER_WORKER`] items per worker are between the reader
//! and the writer at any time, so memory depends on the number of workers
//! and the size of an item, not on the number of items. Every item written
//! is counted once in the run's [`Tally`] (extracted, skipped by reason,
//! failed by error), and the [`Progress`] bar advances as they are written.

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::io::{self, IsTerminal, Read};
use std::num::NonZeroUsize;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Mutex;
use std::thread::{self, Scope, ScopedJoinHandle};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use thresher::batch::{Fate, Tally};

use crate::error::Error;

/// Items per worker that may be read but not yet written. Enough to keep
/// the workers busy while one slow item holds up the ordered output; few
/// enough that memory stays small (a WARC record is at most `--max-bytes`).
const IN_FLIGHT_PER_WORKER: usize = 16;

/// Items written between updates of the progress bar's message.
const PROGRESS_EVERY_ITEMS: u64 = 64;

/// The progress bar's look when the number of items is known.
const ITEMS_TEMPLATE: &str = "{elapsed_precise} [{wide_bar}] {pos}/{len} pages, {eta} left";

/// The progress bar's look when the input is measured in bytes read.
const BYTES_TEMPLATE: &str =
    "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} ({bytes_per_sec}) {msg}";

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// What became of each input.
    pub tally: Tally,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
}

impl Summary {
    /// A run of one input.
    pub fn one(fate: Fate, elapsed: Duration) -> Self {
        let mut tally = Tally::default();
        tally.add(fate);
        Summary { tally, elapsed }
    }

    /// Inputs that gave nothing: skipped ones are not failures.
    pub fn failed(&self) -> u64 {
        self.tally.failed_total()
    }

    /// `count` per second of the run.
    pub fn rate(&self, count: u64) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            count as f64 / secs
        } else {
            0.0
        }
    }
}

/// The line `extract` and `clean` print on stderr after a batch.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pages = self.tally.records();
        write!(
            f,
            "{pages} pages, {} failed, {:.1} pages/s",
            self.failed(),
            self.rate(pages)
        )
    }
}

/// A progress bar on stderr when a person is watching it, else nothing.
pub struct Progress {
    bar: ProgressBar,
    /// Advances by one per item written, rather than by bytes read.
    by_item: bool,
}

impl Progress {
    /// Counts items written out of `len`.
    pub fn items(len: u64) -> Self {
        Progress {
            bar: bar(len, ITEMS_TEMPLATE),
            by_item: true,
        }
    }

    /// Counts bytes read out of `total` (by readers from [`Progress::reading`]),
    /// with the items written so far as its message.
    pub fn bytes(total: u64) -> Self {
        Progress {
            bar: bar(total, BYTES_TEMPLATE),
            by_item: false,
        }
    }

    /// Sets the total once it is known.
    pub fn set_total(&self, total: u64) {
        self.bar.set_length(total);
    }

    /// `inner`, advancing the bar by the bytes read from it.
    pub fn reading<R: Read>(&self, inner: R) -> Counted<R> {
        Counted {
            inner,
            bar: self.bar.clone(),
        }
    }

    fn written(&self, tally: &Tally, start: Instant) {
        if self.by_item {
            self.bar.inc(1);
        }
        if tally.records() % PROGRESS_EVERY_ITEMS == 0 {
            let rate = tally.extracted() as f64 / start.elapsed().as_secs_f64().max(1e-9);
            self.bar.set_message(format!(
                "{} records, {} pages, {rate:.0} pages/s",
                tally.records(),
                tally.extracted()
            ));
        }
    }
}

fn bar(len: u64, template: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(len).with_style(style)
}

/// A reader that advances a progress bar by the bytes it reads.
pub struct Counted<R> {
    inner: R,
    bar: ProgressBar,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

/// Worker threads for `-j`: the number given, or one per core.
pub fn workers(jobs: Option<NonZeroUsize>) -> usize {
    jobs.or_else(|| thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
}

/// Why the writer stopped before every item was written.
enum Stop {
    /// Writing failed.
    Error(Error),
    /// A worker panicked; the panic goes on once every thread has ended.
    Panic(Box<dyn Any + Send>),
}

/// Runs `work` over `items` on `jobs` worker threads and hands each result
/// to `write` in input order; returns what became of every item.
pub fn run<I, D>(
    jobs: Option<NonZeroUsize>,
    progress: &Progress,
    items: impl Iterator<Item = Result<I, Error>> + Send,
    work: impl Fn(I) -> (D, Fate) + Sync,
    mut write: impl FnMut(D) -> Result<(), Error>,
) -> Result<Summary, Error>
where
    I: Send,
    D: Send,
{
    let start = Instant::now();
    let jobs = workers(jobs);
    let in_flight = jobs * IN_FLIGHT_PER_WORKER;
    let (item_tx, item_rx) = mpsc::sync_channel::<(u64, I)>(in_flight);
    let (done_tx, done_rx) = mpsc::sync_channel::<(u64, thread::Result<(D, Fate)>)>(in_flight);
    // Tokens: the reader takes one per item, the writer gives it back once
    // the item is written.
    let (slot_tx, slot_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = slot_tx.send(());
    }
    let item_rx = Mutex::new(item_rx);
    let (item_rx, work) = (&item_rx, &work);
    let mut tally = Tally::default();
    let (written, read) = thread::scope(|scope| {
        let reader = spawn(scope, move || read_all(items, item_tx, slot_rx))?;
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            spawn(scope, move || work_all(item_rx, work, done_tx))?;
        }
        drop(done_tx);
        let written = write_in_order(done_rx, slot_tx, &mut write, &mut tally, progress, start);
        // The reader ends at the latest when it next asks for a slot, since
        // the writer's end closed them.
        let read = match reader.join() {
            Ok(read) => read,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Ok::<_, Error>((written, read))
    })?;
    progress.bar.finish_and_clear();
    match written {
        Ok(()) => {}
        Err(Stop::Error(e)) => return Err(e),
        Err(Stop::Panic(p)) => std::panic::resume_unwind(p),
    }
    read?;
    Ok(Summary {
        tally,
        elapsed: start.elapsed(),
    })
}

fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> Result<ScopedJoinHandle<'scope, T>, Error> {
    thread::Builder::new()
        .spawn_scoped(scope, f)
        .map_err(Error::Threads)
}

/// The reader thread: every item, numbered in order, each once a slot is
/// free. Stops at the first error, which the run then returns.
fn read_all<I>(
    items: impl Iterator<Item = Result<I, Error>>,
    work: SyncSender<(u64, I)>,
    slots: Receiver<()>,
) -> Result<(), Error> {
    for (seq, item) in (0u64..).zip(items) {
        // No slot or no worker left: the writer has stopped.
        if slots.recv().is_err() || work.send((seq, item?)).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// A worker: items in, results out. A panic is caught and handed to the
/// writer, which then stops, so that the other threads are not left
/// waiting for an item that will never be written.
fn work_all<I, D>(
    items: &Mutex<Receiver<(u64, I)>>,
    work: &(impl Fn(I) -> (D, Fate) + Sync),
    done: SyncSender<(u64, thread::Result<(D, Fate)>)>,
) {
    loop {
        let next = match items.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, item)) = next else {
            return;
        };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)));
        let panicked = result.is_err();
        if done.send((seq, result)).is_err() || panicked {
            return;
        }
    }
}

/// The writer: puts results back in input order, writes and counts them.
fn write_in_order<D>(
    done: Receiver<(u64, thread::Result<(D, Fate)>)>,
    slots: SyncSender<()>,
    write: &mut impl FnMut(D) -> Result<(), Error>,
    tally: &mut Tally,
    progress: &Progress,
    start: Instant,
) -> Result<(), Stop> {
    let mut waiting = HashMap::new();
    let mut next = 0u64;
    for (seq, result) in done {
        match result {
            Ok(d) => waiting.insert(seq, d),
            Err(panic) => return Err(Stop::Panic(panic)),
        };
        while let Some((d, fate)) = waiting.remove(&next) {
            next += 1;
            write(d).map_err(Stop::Error)?;
            tally.add(fate);
            // The reader may be waiting for this slot; it is gone only
            // when reading has ended.
            let _ = slots.send(());
            progress.written(tally, start);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fate(n: u64) -> Fate {
        match n % 3 {
            0 => Fate::Extracted,
            1 => Fate::Skipped("odd"),
            _ => Fate::Failed("bad"),
        }
    }

    #[test]
    fn items_are_written_in_order_and_each_counted_once() {
        for jobs in [1, 3, 8] {
            let mut out = Vec::new();
            let summary = run(
                NonZeroUsize::new(jobs),
                &Progress::items(0),
                (0..1000u64).map(Ok),
                |n| {
                    // Later items finish first, so order must be restored.
                    if n % 7 == 0 {
                        thread::sleep(Duration::from_micros(200));
                    }
                    (n, fate(n))
                },
                |n| {
                    out.push(n);
                    Ok(())
                },
            )
            .expect("runs");
            assert_eq!(out, (0..1000).collect::<Vec<_>>(), "jobs {jobs}");
            let t = &summary.tally;
            assert_eq!(t.records(), 1000);
            assert_eq!(
                t.records(),
                t.extracted() + t.skipped_total() + t.failed_total()
            );
            assert_eq!(
                (t.extracted(), t.skipped()["odd"], t.failed()["bad"]),
                (334, 333, 333)
            );
            assert_eq!(summary.failed(), 333);
        }
    }

    #[test]
    fn a_read_error_ends_the_run_after_what_came_before_is_written() {
        let items = (0..100u64).map(|n| {
            if n == 50 {
                Err(Error::TooLarge { limit: 1 })
            } else {
                Ok(n)
            }
        });
        let mut out = Vec::new();
        let result = run(
            NonZeroUsize::new(4),
            &Progress::bytes(0),
            items,
            |n| (n, Fate::Extracted),
            |n| {
                out.push(n);
                Ok(())
            },
        );
        assert!(matches!(result, Err(Error::TooLarge { limit: 1 })));
        assert_eq!(out, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn a_write_error_stops_the_run_without_hanging() {
        let result = run(
            NonZeroUsize::new(2),
            &Progress::items(0),
            (0..100_000u64).map(Ok),
            |n| (n, Fate::Extracted),
            |n| {
                if n == 10 {
                    Err(Error::Write {
                        path: None,
                        source: io::Error::from(io::ErrorKind::BrokenPipe),
                    })
                } else {
                    Ok(())
                }
            },
        );
        assert!(result.is_err_and(|e| e.is_broken_pipe()));
    }

    #[test]
    fn a_panicking_worker_ends_the_run_with_its_panic() {
        let result = std::panic::catch_unwind(|| {
            run(
                NonZeroUsize::new(2),
                &Progress::items(0),
                (0..100_000u64).map(Ok),
                |n| {
                    assert!(n != 20, "item 20 panics");
                    (n, Fate::Extracted)
                },
                |_| Ok(()),
            )
        });
        assert!(result.is_err(), "the panic goes on");
    }
}

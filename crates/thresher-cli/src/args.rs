//! The command line: clap's types, and their translation into the typed
//! [`Options`] the rest of the command works with.

use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand};
use thresher::{Config, Format};

use crate::error::Error;
use crate::fetch::{
    default_user_agent, Addresses, FetchSettings, DEFAULT_FETCH_JOBS, DEFAULT_TIMEOUT,
};
use crate::serve::ServeOptions;

/// Extract a web page's main content, metadata and removed boilerplate.
#[derive(Debug, Parser)]
#[command(name = "thresher", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract pages: one file prints its content; several paths or a
    /// directory give JSON Lines, one object per page.
    Extract(ExtractArgs),
    /// Write a self-contained HTML report of one page: every block in
    /// reading order, kept or removed, with the label and rule that decided
    /// it, the page's metadata and each block's place in the source.
    Explain(ExplainArgs),
    /// Clean text a crawler already stripped of its tags (text mode): one
    /// file prints its main content; `--jsonl FIELD` cleans a JSON Lines
    /// corpus, field by field, on all cores.
    Clean(CleanArgs),
    /// Extract every HTML page of WARC archives (plain or gzipped) on all
    /// cores: one row per page, as JSON Lines (optionally .zst) or
    /// Parquet, with every record accounted for as extracted, skipped or
    /// failed.
    Warc(WarcArgs),
    /// Serve extraction over HTTP: POST /extract (a page), GET
    /// /extract?url= (with --allow-fetch), POST /clean (captured text),
    /// GET /health. Answers in the format the `format` query names (json by
    /// default); errors are JSON with a `kind`. SIGTERM stops it once the
    /// requests in flight are answered.
    Serve(ServeArgs),
}

/// `thresher serve`'s flags.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The address to listen on (port 0 picks a free one; the address
    /// taken is printed on standard error).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: std::net::SocketAddr,

    /// Refuse request bodies larger than N bytes with 413 [default: 16 MiB].
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    max_body_bytes: Option<usize>,

    /// Extractions at once; further requests wait [default: all cores].
    #[arg(long, value_name = "N")]
    concurrency: Option<NonZeroUsize>,

    /// Give up on a page after SECS seconds (answered with a JSON error of
    /// kind time_budget); 0 turns the limit off [default: 10].
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    time_budget: Option<Duration>,

    /// Serve GET /extract?url=, fetching the page. Loopback, private and
    /// link-local addresses are still refused.
    #[arg(long)]
    allow_fetch: bool,

    /// With --allow-fetch, also fetch from loopback, private and link-local
    /// addresses. Only for a service no one else can reach.
    #[arg(long, requires = "allow_fetch")]
    allow_private: bool,

    #[command(flatten)]
    fetching: FetchArgs,

    /// Keep readers' comments, which are removed by default on every page
    /// but forum and Q&A threads.
    #[arg(long)]
    comments: bool,
}

/// How `extract` and `serve` fetch pages by URL.
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// Give up on fetching a URL after SECS seconds [default: 30].
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    timeout: Option<Duration>,

    /// The User-Agent header for fetching [default: Thresher/VERSION].
    #[arg(long, value_name = "STRING")]
    user_agent: Option<String>,
}

impl FetchArgs {
    /// The settings, the defaults filled in: bodies up to `max_bytes`,
    /// connections to `addresses`.
    fn settings(self, max_bytes: usize, addresses: Addresses) -> FetchSettings {
        FetchSettings {
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            user_agent: self.user_agent.unwrap_or_else(default_user_agent),
            max_bytes,
            addresses,
        }
    }
}

/// A request body's size cap unless `--max-body-bytes` says otherwise.
const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

impl ServeArgs {
    /// Builds [`ServeOptions`].
    pub fn into_options(self) -> ServeOptions {
        let mut config = Config::default();
        if let Some(budget) = self.time_budget {
            config.time_budget = (!budget.is_zero()).then_some(budget);
        }
        config.include_comments = self.comments;
        let max_body_bytes = self.max_body_bytes.unwrap_or(DEFAULT_MAX_BODY_BYTES);
        // A fetched page may be as large as a posted one.
        config.max_input_bytes = config.max_input_bytes.max(max_body_bytes);
        let concurrency = self
            .concurrency
            .unwrap_or_else(|| std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN));
        ServeOptions {
            listen: self.listen,
            max_body_bytes,
            concurrency,
            allow_fetch: self.allow_fetch,
            fetch: self.fetching.settings(
                max_body_bytes,
                if self.allow_private {
                    Addresses::Any
                } else {
                    Addresses::PublicOnly
                },
            ),
            config,
        }
    }
}

/// `thresher warc`'s flags.
#[derive(Debug, clap::Args)]
pub struct WarcArgs {
    /// The archives: .warc, .warc.gz (gzip is recognised by content).
    #[arg(required = true, value_name = "FILES")]
    paths: Vec<PathBuf>,

    /// Write rows to FILE: `.parquet` for Parquet, `.zst` for Zstandard
    /// JSON Lines, anything else for JSON Lines [default: standard output].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Worker threads [default: all cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,

    /// Write the counts as JSON to FILE: records, extracted, skipped by
    /// reason, failed by error.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,

    /// Write one JSON line per skipped or failed record to FILE.
    #[arg(long, value_name = "FILE")]
    skipped: Option<PathBuf>,

    /// Give up on a page after SECS seconds; 0 turns the limit off
    /// [default: 10].
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    time_budget: Option<Duration>,

    /// Skip records and pages larger than N bytes [default: 64 MiB].
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    max_bytes: Option<usize>,

    /// Keep readers' comments, which are removed by default on every page
    /// but forum and Q&A threads.
    #[arg(long)]
    comments: bool,
}

/// How `thresher warc` writes its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowFormat {
    /// JSON Lines.
    Jsonl,
    /// JSON Lines, Zstandard-compressed.
    JsonlZst,
    /// Apache Parquet.
    Parquet,
}

/// `thresher warc` as typed values.
#[derive(Clone, Debug)]
pub struct WarcOptions {
    /// The archives, in order.
    pub paths: Vec<PathBuf>,
    /// The output file; standard output when `None`.
    pub output: Option<PathBuf>,
    /// How rows are written.
    pub format: RowFormat,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<NonZeroUsize>,
    /// Where the counts go.
    pub stats: Option<PathBuf>,
    /// Where skipped and failed records are listed.
    pub skipped: Option<PathBuf>,
    /// The engine's settings.
    pub config: Config,
}

impl WarcArgs {
    /// Checks what clap cannot and builds [`WarcOptions`].
    pub fn into_options(self) -> Result<WarcOptions, Error> {
        let ext = self
            .output
            .as_deref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let format = match ext.as_deref() {
            Some("parquet") => RowFormat::Parquet,
            Some("zst") => RowFormat::JsonlZst,
            _ => RowFormat::Jsonl,
        };
        if format == RowFormat::Parquet && !cfg!(feature = "parquet") {
            let msg = "this thresher was built without Parquet output (feature `parquet`)";
            return Err(usage_in(
                "warc",
                clap::error::ErrorKind::InvalidValue,
                msg.to_owned(),
            ));
        }
        let mut config = Config::default();
        if let Some(budget) = self.time_budget {
            config.time_budget = (!budget.is_zero()).then_some(budget);
        }
        if let Some(max) = self.max_bytes {
            config.max_input_bytes = max;
        }
        config.include_comments = self.comments;
        Ok(WarcOptions {
            paths: self.paths,
            output: self.output,
            format,
            jobs: self.jobs,
            stats: self.stats,
            skipped: self.skipped,
            config,
        })
    }
}

/// `thresher clean`'s flags.
#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    /// The text file (optionally .gz); `-` reads standard input. With
    /// `--jsonl`, the corpus: .jsonl, .jsonl.gz or .jsonl.zst.
    #[arg(value_name = "PATH")]
    path: PathBuf,

    /// Clean the string field FIELD of every object of a JSON Lines corpus:
    /// each object is written back with FIELD replaced by its cleaned text
    /// and a `removed` list added, every other field kept.
    #[arg(long, value_name = "FIELD")]
    jsonl: Option<String>,

    /// Output format for a single text [default: text]. A corpus is always
    /// written as JSON Lines.
    #[arg(short, long, value_parser = format_parser())]
    format: Option<Format>,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Worker threads for a corpus [default: all cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,

    /// Refuse texts larger than N bytes [default: 64 MiB].
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    max_bytes: Option<usize>,
}

/// What `thresher clean` cleans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CleanMode {
    /// One text, printed in this format.
    Single(Format),
    /// A JSON Lines corpus, cleaning this field of every object.
    Jsonl {
        /// The field holding the text.
        field: String,
    },
}

/// `thresher clean` as typed values.
#[derive(Clone, Debug)]
pub struct CleanOptions {
    /// The text or the corpus.
    pub source: Source,
    /// One text or a corpus.
    pub mode: CleanMode,
    /// The output file; standard output when `None`.
    pub output: Option<PathBuf>,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<NonZeroUsize>,
    /// The engine's settings.
    pub config: Config,
}

impl CleanArgs {
    /// Checks what clap cannot and builds [`CleanOptions`].
    pub fn into_options(self) -> Result<CleanOptions, Error> {
        let source = if self.path.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::Path(self.path)
        };
        let mode = match (self.jsonl, self.format) {
            (None, f) => CleanMode::Single(f.unwrap_or(Format::Text)),
            (Some(field), None | Some(Format::Json)) => CleanMode::Jsonl { field },
            (Some(_), Some(_)) => {
                let msg = "a corpus is written as JSON Lines; -f needs a single text".to_owned();
                return Err(usage_in(
                    "clean",
                    clap::error::ErrorKind::ArgumentConflict,
                    msg,
                ));
            }
        };
        let mut config = Config::default();
        if let Some(max) = self.max_bytes {
            config.max_input_bytes = max;
        }
        Ok(CleanOptions {
            source,
            mode,
            output: self.output,
            jobs: self.jobs,
            config,
        })
    }
}

/// `thresher explain`'s flags.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The page (optionally .gz); `-` reads standard input.
    #[arg(value_name = "PATH")]
    path: PathBuf,

    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// The page's address: relative links resolve against it, and it
    /// guides metadata and encoding detection.
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    url: Option<String>,

    /// Leave the page's source out of the report (it is embedded, escaped,
    /// so that each block's byte range can be shown in it).
    #[arg(long)]
    no_source: bool,

    /// The input is text a crawler already stripped of its tags, cleaned
    /// as `thresher clean` does: the report shows its lines.
    #[arg(long, conflicts_with_all = ["url", "record"])]
    text: bool,

    /// PATH is a WARC archive: explain its response record whose
    /// WARC-Record-ID or WARC-Target-URI is KEY.
    #[arg(long, value_name = "KEY", conflicts_with = "url")]
    record: Option<String>,

    /// Keep readers' comments, which are removed by default on every page
    /// but forum and Q&A threads.
    #[arg(long)]
    comments: bool,
}

/// What `thresher explain` reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExplainInput {
    /// An HTML page.
    Page,
    /// Captured text (text mode).
    Text,
    /// One record of a WARC archive, by its id or target URI.
    WarcRecord(String),
}

/// `thresher explain` as typed values.
#[derive(Clone, Debug)]
pub struct ExplainOptions {
    /// The page.
    pub source: Source,
    /// The report file; standard output when `None`.
    pub output: Option<PathBuf>,
    /// The page's address.
    pub url: Option<String>,
    /// Embed the page's decoded source in the report.
    pub embed_source: bool,
    /// A page or captured text.
    pub input: ExplainInput,
    /// The engine's settings.
    pub config: Config,
}

impl ExplainArgs {
    /// Builds [`ExplainOptions`].
    pub fn into_options(self) -> ExplainOptions {
        let source = if self.path.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::Path(self.path)
        };
        ExplainOptions {
            source,
            output: self.output,
            url: self.url,
            embed_source: !self.no_source,
            input: match (self.text, self.record) {
                (true, _) => ExplainInput::Text,
                (false, Some(key)) => ExplainInput::WarcRecord(key),
                (false, None) => ExplainInput::Page,
            },
            config: Config {
                include_comments: self.comments,
                ..Config::default()
            },
        }
    }
}

/// `thresher extract`'s flags.
#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files or directories (searched recursively for .html, .htm, .xhtml,
    /// each optionally .gz), or http:// and https:// URLs to fetch; `-`
    /// reads standard input.
    #[arg(required_unless_present = "urls", value_name = "PATHS")]
    paths: Vec<PathBuf>,

    /// Fetch the URLs listed in FILE, one a line (blank lines and lines
    /// starting with # skipped), and write JSON Lines: every URL gives an
    /// object, with "error" (and "status", for an HTTP error) when it fails.
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,

    #[command(flatten)]
    fetching: FetchArgs,

    /// Output format for a single page [default: text]. Several pages are
    /// always written as JSON Lines.
    #[arg(short, long, value_parser = format_parser())]
    format: Option<Format>,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Worker threads for several pages [default: all cores; 16 when
    /// fetching URLs, at most 2 at a time to one host].
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,

    /// The page's address: relative links resolve against it, and it
    /// guides metadata and encoding detection. A fetched page's address is
    /// where its redirects ended.
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    url: Option<String>,

    /// Give up on a page after SECS seconds; 0 turns the limit off
    /// [default: 10].
    #[arg(long, value_name = "SECS", value_parser = parse_seconds)]
    time_budget: Option<Duration>,

    /// Refuse pages larger than N bytes (after decompression)
    /// [default: 64 MiB].
    #[arg(long, value_name = "N", value_parser = parse_positive)]
    max_bytes: Option<usize>,

    /// Leave tables out of the output (their text too).
    #[arg(long)]
    no_tables: bool,

    /// Leave images out of Markdown and HTML output.
    #[arg(long)]
    no_images: bool,

    /// Write links as their text alone in Markdown and HTML output.
    #[arg(long)]
    no_links: bool,

    /// Start Markdown output with the page's title as a `# ` heading.
    #[arg(long)]
    title_heading: bool,

    /// Start Markdown output with YAML front matter: title, authors, date,
    /// url and site.
    #[arg(long)]
    front_matter: bool,

    /// Keep readers' comments, which are removed by default on every page
    /// but forum and Q&A threads.
    #[arg(long)]
    comments: bool,
}

/// `-f`'s values: the engine's list of formats ([`Format::ALL`]), each with
/// its help.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    let values = Format::ALL.map(|f| PossibleValue::new(f.name()).help(f.about()));
    PossibleValuesParser::new(values).try_map(|name| {
        // Clap has checked the name against the same list.
        Format::from_name(&name).ok_or_else(|| format!("unknown format {name:?}"))
    })
}

/// Where pages come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file, or a directory to search.
    Path(PathBuf),
    /// A page to fetch.
    Url(String),
}

impl Source {
    /// The name records and messages use for it.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_owned(),
            Source::Path(p) => p.display().to_string(),
            Source::Url(u) => u.clone(),
        }
    }

    /// `-` is standard input, an http:// or https:// address a URL to
    /// fetch, anything else a path.
    pub fn from_arg(arg: PathBuf) -> Source {
        match arg.to_str() {
            Some("-") => Source::Stdin,
            Some(s) if is_fetchable(s) => Source::Url(s.to_owned()),
            _ => Source::Path(arg),
        }
    }
}

/// True for an argument that names a page to fetch.
fn is_fetchable(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// How the output is shaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// One page, printed in this format.
    Single(Format),
    /// Several pages (or a directory), as JSON Lines.
    Batch,
}

/// `thresher extract` as typed values.
#[derive(Clone, Debug)]
pub struct Options {
    /// The paths given, in order.
    pub sources: Vec<Source>,
    /// One page or many.
    pub mode: Mode,
    /// The output file; standard output when `None`.
    pub output: Option<PathBuf>,
    /// Worker threads; `None` for one per core.
    pub jobs: Option<NonZeroUsize>,
    /// The page's address.
    pub url: Option<String>,
    /// How URLs are fetched.
    pub fetch: FetchSettings,
    /// The engine's settings.
    pub config: Config,
}

impl ExtractArgs {
    /// Checks what clap cannot and builds [`Options`].
    pub fn into_options(self) -> Result<Options, Error> {
        let mut sources: Vec<Source> = self.paths.into_iter().map(Source::from_arg).collect();
        if let Some(list) = &self.urls {
            let text = std::fs::read_to_string(list).map_err(Error::Read)?;
            sources.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(|l| Source::Url(l.to_owned())),
            );
        }
        let single = self.urls.is_none()
            && match sources.as_slice() {
                [Source::Stdin | Source::Url(_)] => true,
                [Source::Path(p)] => !p.is_dir(),
                _ => false,
            };
        let fetching = sources.iter().any(|s| matches!(s, Source::Url(_)));
        let mode = match (single, self.format) {
            (true, f) => Mode::Single(f.unwrap_or(Format::Text)),
            (false, None | Some(Format::Json)) => Mode::Batch,
            (false, Some(f)) => {
                let msg = format!(
                    "several pages are written as JSON Lines; -f {} needs a single file",
                    f.name()
                );
                return Err(usage(clap::error::ErrorKind::ArgumentConflict, msg));
            }
        };
        let mut config = Config::default();
        if let Some(budget) = self.time_budget {
            config.time_budget = (!budget.is_zero()).then_some(budget);
        }
        if let Some(max) = self.max_bytes {
            config.max_input_bytes = max;
        }
        config.include_tables = !self.no_tables;
        config.include_images = !self.no_images;
        config.include_links = !self.no_links;
        config.include_comments = self.comments;
        config.title_heading = self.title_heading;
        config.front_matter = self.front_matter;
        let jobs = match (self.jobs, fetching) {
            (None, true) => NonZeroUsize::new(DEFAULT_FETCH_JOBS),
            (jobs, _) => jobs,
        };
        let fetch = self
            .fetching
            .settings(config.max_input_bytes, Addresses::Any);
        Ok(Options {
            sources,
            mode,
            output: self.output,
            jobs,
            url: self.url,
            fetch,
            config,
        })
    }
}

/// A usage error worded and formatted like clap's own.
fn usage(kind: clap::error::ErrorKind, msg: String) -> Error {
    usage_in("extract", kind, msg)
}

/// A usage error of subcommand `name`, worded and formatted like clap's own.
fn usage_in(name: &str, kind: clap::error::ErrorKind, msg: String) -> Error {
    let mut cmd = Cli::command();
    // Building fills in the subcommand's "thresher NAME" usage line.
    cmd.build();
    let error = match cmd.find_subcommand_mut(name) {
        Some(extract) => extract.error(kind, msg),
        None => cmd.error(kind, msg),
    };
    Error::Usage(error)
}

fn parse_url(s: &str) -> Result<String, String> {
    url::Url::parse(s)
        .map(|_| s.to_owned())
        .map_err(|e| format!("not an absolute URL: {e}"))
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| "not a number of seconds".to_owned())?;
    Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
}

fn parse_positive(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(args: &[&str]) -> Result<Options, Error> {
        let cli = Cli::try_parse_from(std::iter::once("thresher").chain(args.iter().copied()))?;
        match cli.command {
            Command::Extract(a) => a.into_options(),
            _ => panic!("not an extract command: {args:?}"),
        }
    }

    #[test]
    fn explain_takes_one_path_an_output_and_a_url() {
        let cli = Cli::try_parse_from([
            "thresher",
            "explain",
            "page.html",
            "-o",
            "r.html",
            "--url",
            "https://a.example/x",
        ])
        .expect("parses");
        let Command::Explain(a) = cli.command else {
            panic!("explain parses as explain");
        };
        let o = a.into_options();
        assert_eq!(o.source, Source::Path("page.html".into()));
        assert_eq!(o.output, Some(PathBuf::from("r.html")));
        assert_eq!(o.url.as_deref(), Some("https://a.example/x"));
        assert!(o.embed_source);
        assert!(Cli::try_parse_from(["thresher", "explain", "a.html", "b.html"]).is_err());
        assert!(Cli::try_parse_from(["thresher", "explain"]).is_err());
    }

    fn clean(args: &[&str]) -> Result<CleanOptions, Error> {
        let cli = Cli::try_parse_from(
            ["thresher", "clean"]
                .into_iter()
                .chain(args.iter().copied()),
        )?;
        match cli.command {
            Command::Clean(a) => a.into_options(),
            _ => panic!("not a clean command: {args:?}"),
        }
    }

    #[test]
    fn clean_takes_a_text_or_a_corpus_field() {
        let o = clean(&["page.txt"]).expect("parses");
        assert_eq!(o.mode, CleanMode::Single(Format::Text));
        let o = clean(&["-", "-f", "json"]).expect("parses");
        assert_eq!(
            (o.source, o.mode),
            (Source::Stdin, CleanMode::Single(Format::Json))
        );
        let o = clean(&[
            "--jsonl",
            "text",
            "c.jsonl.zst",
            "-o",
            "out.jsonl",
            "-j",
            "2",
        ])
        .expect("parses");
        assert_eq!(
            o.mode,
            CleanMode::Jsonl {
                field: "text".into()
            }
        );
        assert_eq!(o.output, Some(PathBuf::from("out.jsonl")));
        assert!(matches!(
            clean(&["--jsonl", "text", "-f", "markdown", "c.jsonl"]),
            Err(Error::Usage(_))
        ));
        assert!(matches!(clean(&[]), Err(Error::Usage(_))));
    }

    #[test]
    fn warc_picks_the_row_format_by_extension() {
        let warc = |args: &[&str]| {
            let cli =
                Cli::try_parse_from(["thresher", "warc"].into_iter().chain(args.iter().copied()))?;
            match cli.command {
                Command::Warc(a) => a.into_options(),
                _ => panic!("not a warc command: {args:?}"),
            }
        };
        let o = warc(&["a.warc.gz", "b.warc"]).expect("parses");
        assert_eq!((o.format, o.output), (RowFormat::Jsonl, None));
        let o = warc(&["a.warc.gz", "-o", "x.jsonl.zst", "-j", "2"]).expect("parses");
        assert_eq!(o.format, RowFormat::JsonlZst);
        let o = warc(&["a.warc.gz", "-o", "x.parquet", "--time-budget", "0"]);
        if cfg!(feature = "parquet") {
            let o = o.expect("parses");
            assert_eq!(o.format, RowFormat::Parquet);
            assert_eq!(o.config.time_budget, None);
        } else {
            assert!(
                matches!(o, Err(Error::Usage(_))),
                "no Parquet in this build"
            );
        }
        assert!(matches!(warc(&[]), Err(Error::Usage(_))));
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn one_file_is_single_mode_with_text_by_default() {
        let o = options(&["extract", "page.html"]).expect("parses");
        assert_eq!(o.mode, Mode::Single(Format::Text));
        let o = options(&["extract", "-f", "markdown", "-"]).expect("parses");
        assert_eq!(o.mode, Mode::Single(Format::Markdown));
        assert_eq!(o.sources, vec![Source::Stdin]);
    }

    #[test]
    fn several_paths_are_batch_mode_and_refuse_non_json_formats() {
        let o = options(&["extract", "a.html", "b.html"]).expect("parses");
        assert_eq!(o.mode, Mode::Batch);
        assert!(options(&["extract", "-f", "json", "a.html", "b.html"]).is_ok());
        assert!(matches!(
            options(&["extract", "-f", "text", "a.html", "b.html"]),
            Err(Error::Usage(_))
        ));
    }

    #[test]
    fn limits_map_to_config() {
        let o = options(&[
            "extract",
            "--time-budget",
            "2.5",
            "--max-bytes",
            "1000",
            "a.html",
        ])
        .expect("parses");
        assert_eq!(o.config.time_budget, Some(Duration::from_millis(2500)));
        assert_eq!(o.config.max_input_bytes, 1000);
        let o = options(&["extract", "--time-budget", "0", "a.html"]).expect("parses");
        assert_eq!(o.config.time_budget, None);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for bad in [
            &["extract", "--time-budget", "-1", "a"][..],
            &["extract", "--max-bytes", "0", "a"],
            &["extract", "-j", "0", "a"],
            &["extract", "--url", "not a url", "a"],
            &["extract"],
        ] {
            assert!(matches!(options(bad), Err(Error::Usage(_))), "{bad:?}");
        }
    }
}

//! Argument definitions (clap derive) and dispatch to one file per subcommand.

mod build;
mod check;
mod diff;
mod explain;
mod new;
mod peers;
mod report;
mod schema;
mod serve;
mod sources;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Judges AI model releases on separate questions, from sourced facts, and publishes the
/// Openness Index.
#[derive(Debug, Parser)]
#[command(name = "openindex", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Run as if started in DIR (the site root, holding site.toml and content/).
    #[arg(
        short = 'C',
        long = "root",
        value_name = "DIR",
        global = true,
        default_value = "."
    )]
    pub root: PathBuf,

    /// When to colour output.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    pub color: ColorChoice,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text with the offending line and a caret.
    Human,
    /// A JSON array of diagnostics (a stable contract, see CONTRIBUTING.md).
    Json,
    /// GitHub workflow annotations (`::error file=…,line=…::…`).
    Github,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Removes a previous output that `build` moved aside (run by `build` itself).
    #[command(name = "remove-old-output", hide = true)]
    RemoveOldOutput {
        /// The directory moved aside (`.<out>.old-<n>-<pid>`).
        dir: PathBuf,
    },
    /// Check every file in content/ against the rules and report all problems.
    Check {
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Treat warnings (such as overdue reviews) as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Build the site from content/ into the output directory (default: public/).
    Build {
        /// Output directory (default: `output_dir` in site.toml, else public/).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Write readable, unminified HTML (for template work and review).
        #[arg(long)]
        no_minify: bool,
        /// Also typeset the PDF report into report/openindex-report.pdf (as `with_pdf = true`
        /// in site.toml does).
        #[arg(long)]
        with_pdf: bool,
        /// Render every file, taking nothing from the previous build in the output
        /// directory (by default, a release whose inputs are unchanged keeps its files).
        #[arg(long)]
        clean: bool,
    },
    /// Build, serve on 127.0.0.1, rebuild on change and reload open pages.
    Serve {
        /// Port to listen on.
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Start a new release file with every key, commented, statuses `unknown`.
    ///
    /// With `--from-hub owner/name`, the keys the Hugging Face Hub can tell are filled in
    /// from the repository's model record and card (endpoint from HF_ENDPOINT, default
    /// https://huggingface.co; HF_TOKEN, if set, is sent for gated repositories and never
    /// written).
    New {
        /// The release's slug (file name): lowercase letters, digits and hyphens.
        slug: String,
        /// What kind of artifact it is (with --from-hub, wins over the kind the Hub implies).
        #[arg(long, value_parser = kind_parser(), required_unless_present = "from_hub")]
        kind: Option<String>,
        /// A Hugging Face Hub model repository to fill the file from.
        #[arg(long, value_name = "OWNER/NAME")]
        from_hub: Option<String>,
        /// Seconds to wait for a connection, and for each answer, from the Hub.
        #[arg(long, value_name = "SECS", default_value = "30", value_parser = sources::parse_timeout, requires = "from_hub")]
        timeout: std::time::Duration,
    },
    /// Report what the working tree changes for readers compared with a git revision.
    Diff {
        /// The revision to compare with (a commit, branch or tag, e.g. HEAD~1 or origin/main).
        rev: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: diff::DiffFormat,
    },
    /// Print the JSON Schema of a file format or of the published data.
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value = "release")]
        which: schema::Which,
    },
    /// List every source of every file (releases, licenses, organizations); with `--check`,
    /// request each distinct URL once and report the broken ones with every line citing them.
    ///
    /// Exit codes: 0 listed, or every URL answered; 1 some URL is broken; 2 usage or I/O
    /// errors.
    Sources {
        /// Request every URL (HEAD, else GET), following redirects.
        #[arg(long)]
        check: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Seconds to wait for a connection, and for an answer once connected (with --check).
        #[arg(long, value_name = "SECS", default_value = "20", value_parser = sources::parse_timeout)]
        timeout: std::time::Duration,
    },
    /// What other indexes say: import a peer index's data into content/peers/.
    Peers {
        /// What to do.
        #[command(subcommand)]
        action: peers::Action,
    },
    /// Print a release's four answers and every reason behind them.
    Explain {
        /// The release's slug.
        slug: String,
    },
    /// Write the printable report as a typeset PDF (cover, contents, summary charts, the
    /// index table, one section per release, methodology and license registry).
    ///
    /// Filters are repeatable: a release is in the report when it matches any value of each
    /// filter given. The date is SOURCE_DATE_EPOCH (else today): the same content and date
    /// give a byte-identical PDF.
    Report {
        /// Where to write the PDF (default: openindex-report.pdf in the current directory).
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
        /// Only releases of this organization (its id in content/orgs/).
        #[arg(long = "org", value_name = "ID")]
        orgs: Vec<String>,
        /// Only releases with this OSAID 1.0 verdict.
        #[arg(long = "verdict", value_name = "VERDICT", value_parser = verdict_parser())]
        verdicts: Vec<openindex::model::Verdict>,
        /// Only releases showing this failure mode.
        #[arg(long = "failure-mode", value_name = "SLUG", value_parser = failure_mode_parser())]
        failure_modes: Vec<openindex::model::FailureModeId>,
        /// Only the release with this slug.
        #[arg(long = "slug", value_name = "SLUG")]
        slugs: Vec<String>,
    },
}

fn kind_parser() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(openindex::model::Kind::spellings())
}

fn verdict_parser() -> impl clap::builder::TypedValueParser<Value = openindex::model::Verdict> {
    word_parser(
        openindex::model::Verdict::spellings(),
        openindex::model::Verdict::parse,
    )
}

fn failure_mode_parser()
-> impl clap::builder::TypedValueParser<Value = openindex::model::FailureModeId> {
    word_parser(
        openindex::model::FailureModeId::spellings(),
        openindex::model::FailureModeId::parse,
    )
}

/// A value of a vocabulary: clap offers and accepts its spellings, and hands over the word.
fn word_parser<T: Clone + Send + Sync + 'static>(
    spellings: Vec<&'static str>,
    parse: fn(&str) -> Option<T>,
) -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(spellings)
        .map(move |s| parse(&s).expect("clap accepts only the spellings"))
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Runs a parsed command and returns the exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check {
            format,
            deny_warnings,
        } => check::run(&cli.root, format, deny_warnings, cli.color),
        Command::Build {
            ref out,
            no_minify,
            with_pdf,
            clean,
        } => build::run(
            &cli.root,
            out.as_ref(),
            !no_minify,
            with_pdf,
            clean,
            cli.color,
        ),
        Command::Serve { port } => serve::run(&cli.root, port),
        Command::RemoveOldOutput { ref dir } => match openindex::output::remove_old(dir) {
            Ok(()) => 0,
            Err(e) => fail(e.to_string()),
        },
        Command::New {
            ref slug,
            ref kind,
            ref from_hub,
            timeout,
        } => new::run(
            &cli.root,
            slug,
            kind.as_deref(),
            from_hub.as_deref().map(|r| (r, timeout)),
        ),
        Command::Diff { ref rev, format } => diff::run(&cli.root, rev, format),
        Command::Schema { which } => schema::run(which),
        Command::Sources {
            check,
            format,
            timeout,
        } => sources::run(&cli.root, check, format, timeout),
        Command::Peers { ref action } => peers::run(&cli.root, action),
        Command::Explain { ref slug } => explain::run(&cli.root, slug, cli.color),
        Command::Report {
            ref out,
            ref orgs,
            ref verdicts,
            ref failure_modes,
            ref slugs,
        } => {
            let filter = openindex::render::pdf::Filter {
                orgs: orgs.clone(),
                verdicts: verdicts.clone(),
                failure_modes: failure_modes.clone(),
                slugs: slugs.clone(),
            };
            report::run(&cli.root, out.as_ref(), filter, cli.color)
        }
    }
}

/// Prints an I/O or usage error and returns exit code 2.
pub fn fail(msg: impl std::fmt::Display) -> i32 {
    eprintln!("error: {msg}");
    2
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}

//! The `openindex` command line: parses arguments, calls the library, and turns its
//! results into output and exit codes. Each subcommand lives in its own file under `cli/`.
//!
//! Exit codes: 0 success; 1 content problems (check found errors, or warnings with
//! `--deny-warnings`); 2 usage or I/O errors.

mod cli;

// Rendering allocates many short-lived strings on every thread; mimalloc roughly halves the
// time glibc's allocator spends on them (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;

fn main() {
    openindex::profile::start();
    let args = cli::Cli::parse();
    let code = cli::run(args);
    std::process::exit(code);
}

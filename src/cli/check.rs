//! `openindex check`: load and validate everything, print every problem, exit 0/1/2.

use super::{ColorChoice, Format};
use openindex::build::{BuildError, Pipeline};
use openindex::content::Loaded;
use openindex::diag;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Loads and checks the site; an I/O failure is printed and becomes exit code 2.
pub fn load(root: &Path) -> Result<Loaded, i32> {
    Pipeline::new(root).lean().load().map_err(|e| match e {
        BuildError::Fatal(msg) => super::fail(msg),
        BuildError::Content(_) => 1,
    })
}

/// Prints diagnostics in a format and returns (errors, warnings).
pub fn report(loaded: &Loaded, format: Format, color: ColorChoice) -> (usize, usize) {
    let diags = &loaded.diags;
    let (errors, warnings) = diag::counts(diags);
    match format {
        Format::Human => {
            let stderr = std::io::stderr();
            let colored = color.enabled(stderr.is_terminal());
            let mut lock = stderr.lock();
            let _ = diag::render_human(diags, &loaded.sources, colored, &mut lock);
            let _ = writeln!(lock, "{}", summary(loaded, errors, warnings));
        }
        Format::Json => {
            let json = serde_json::to_string_pretty(&diag::to_json(diags, &loaded.sources))
                .unwrap_or_else(|_| "[]".into());
            println!("{json}");
        }
        Format::Github => {
            let stdout = std::io::stdout();
            let _ = diag::render_github(diags, &loaded.sources, "", &mut stdout.lock());
            eprintln!("{}", summary(loaded, errors, warnings));
        }
    }
    (errors, warnings)
}

fn summary(loaded: &Loaded, errors: usize, warnings: usize) -> String {
    let s = &loaded.site;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "checked {}, {}, {}: {}, {}",
        plural(s.releases.len(), "release"),
        plural(s.licenses.len(), "license"),
        plural(s.orgs.len(), "organization"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    )
}

/// Runs the command.
pub fn run(root: &Path, format: Format, deny_warnings: bool, color: ColorChoice) -> i32 {
    let loaded = match load(root) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let (errors, warnings) = report(&loaded, format, color);
    // The process ends here: handing every record back to the allocator one by one would
    // only cost time (a tenth of a large check's).
    std::mem::forget(loaded);
    if errors > 0 || (deny_warnings && warnings > 0) {
        1
    } else {
        0
    }
}

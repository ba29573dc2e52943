//! The step profile of a run: with the environment variable `OPENINDEX_PROFILE` set, each
//! step of a build or check prints one line to standard error — the seconds since the
//! run began, the step's own seconds and, on Linux, the resident memory now and the
//! highest it reached during the step (read from `/proc/self/status`; the peak is reset
//! after each step through `/proc/self/clear_refs`, so every line's peak is its own).
//! Off, a step costs one read of a once-set flag. `docs/benchmarks.md` uses it to say
//! where a large build's memory goes, and says how to run it.

use std::sync::OnceLock;
use std::time::Instant;

struct Clock {
    start: Instant,
    last: std::sync::Mutex<Instant>,
}

fn clock() -> Option<&'static Clock> {
    static CLOCK: OnceLock<Option<Clock>> = OnceLock::new();
    CLOCK
        .get_or_init(|| {
            std::env::var_os("OPENINDEX_PROFILE").map(|_| {
                let now = Instant::now();
                Clock {
                    start: now,
                    last: std::sync::Mutex::new(now),
                }
            })
        })
        .as_ref()
}

/// Starts the clock (a no-op unless profiling): call it first thing, so the first
/// step's time includes everything before it.
pub fn start() {
    let _ = clock();
}

/// Ends the step called `name`, printing its line when profiling.
pub fn step(name: &str) {
    let Some(c) = clock() else { return };
    let now = Instant::now();
    let own = match c.last.lock() {
        Ok(mut last) => now.duration_since(std::mem::replace(&mut *last, now)),
        Err(_) => return,
    };
    let memory = memory().map_or_else(String::new, |(rss, peak)| {
        format!("  rss {:>6} MiB  peak {:>6} MiB", rss >> 10, peak >> 10)
    });
    eprintln!(
        "profile: {:>8.2} s  {:>7.2} s  {name:<22}{memory}",
        now.duration_since(c.start).as_secs_f64(),
        own.as_secs_f64()
    );
    // Resets the peak, so that the next line's is the next step's alone.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Resident and peak resident memory in KiB, where the system tells them.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn memory_is_read_where_the_system_tells_it() {
        if cfg!(target_os = "linux") {
            let (rss, peak) = super::memory().expect("/proc/self/status has VmRSS and VmHWM");
            assert!(rss > 0 && peak >= rss, "rss {rss} KiB, peak {peak} KiB");
        }
    }
}

//! `openindex serve [--port N]`: builds into memory, serves on 127.0.0.1, watches
//! `content/`, `templates/`, `assets/` and `site.toml`, rebuilds on change and reloads open
//! pages through server-sent events. A broken file prints its diagnostics in the terminal
//! and shows them as an overlay in the page; the server keeps the last good site and keeps
//! running. No async runtime: one thread per connection, a condition variable for reloads.

use openindex::build::{BuildError, Pipeline};
use openindex::index::Index;
use openindex::render::route::Route;
use openindex::render::site;
use openindex::{content, diag};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The last good site: the linked index and the compiled templates. Pages are rendered
/// from it on request and cached until the next rebuild.
struct Built {
    index: Index,
    tera: tera::Tera,
    opts: site::Options,
}

/// What the server shows.
#[derive(Default)]
struct State {
    built: Option<Arc<Built>>,
    pages: HashMap<String, Arc<Vec<u8>>>,
    error: Option<String>,
    generation: u64,
    base: String,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

const RELOAD_JS: &str = r#"(function () {
  var es = new EventSource("__EVENTS__");
  function overlay(text) {
    var o = document.getElementById("oi-overlay");
    if (!text) { if (o) o.remove(); return; }
    if (!o) { o = document.createElement("div"); o.id = "oi-overlay"; o.setAttribute("role", "alert"); document.body.appendChild(o); }
    o.textContent = "openindex: the site was not rebuilt\n\n" + text;
  }
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("problem", function (e) { overlay(JSON.parse(e.data)); });
  es.addEventListener("hello", function (e) { var t = JSON.parse(e.data); if (t) overlay(t); });
})();
"#;

fn rebuild(root: &Path, shared: &Shared, cache: &content::Cache) {
    let start = Instant::now();
    let result = (|| {
        let pipeline = Pipeline::new(root).with_cache(cache);
        let (index, _) = pipeline.index().map_err(|e| match e {
            BuildError::Content(loaded) => {
                let mut text = Vec::new();
                let _ = diag::render_human(&loaded.diags, &loaded.sources, false, &mut text);
                String::from_utf8_lossy(&text).into_owned()
            }
            BuildError::Fatal(msg) => msg,
        })?;
        let theme = pipeline.theme().map_err(|e| match e {
            BuildError::Fatal(msg) => msg,
            BuildError::Content(_) => String::new(),
        })?;
        for w in theme.warnings() {
            eprintln!("warning: {w}");
        }
        let tera = theme.tera;
        let opts = pipeline.options(&index, true, false);
        Ok(Built { index, tera, opts })
    })();
    let (lock, cvar) = &**shared;
    let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(built) => {
            state.base =
                openindex::render::views::Urls::new(&built.index.site.config.base_url).base;
            eprintln!(
                "rebuilt {} releases in {} ms",
                built.index.site.releases.len(),
                start.elapsed().as_millis()
            );
            state.built = Some(Arc::new(built));
            state.pages.clear();
            state.error = None;
        }
        Err(text) => {
            eprintln!("{text}error: not rebuilt; still serving the last good site");
            state.error = Some(text);
        }
    }
    state.generation += 1;
    cvar.notify_all();
}

/// The bytes of one output path: from the page cache, or rendered now.
fn page(root: &Path, shared: &Shared, path: &str) -> Option<Arc<Vec<u8>>> {
    let (built, generation) = {
        let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = state.pages.get(path) {
            return Some(hit.clone());
        }
        (state.built.clone()?, state.generation)
    };
    let renderer = site::Renderer::new(&built.index, &built.tera, built.opts.clone());
    let files = match renderer.render_path(root, path) {
        Ok(Some(files)) => files,
        Ok(None) => return None,
        Err(e) => {
            eprintln!("error: {e}");
            return Some(Arc::new(format!("template error: {e}").into_bytes()));
        }
    };
    let mut state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
    let mut found = None;
    for f in files {
        let bytes = Arc::new(f.bytes);
        if f.path == path {
            found = Some(bytes.clone());
        }
        if state.generation == generation {
            state.pages.insert(f.path, bytes);
        }
    }
    found
}

/// A never-ending body of server-sent events: one per rebuild.
struct Events {
    shared: Shared,
    seen: u64,
    pending: Vec<u8>,
}

impl Read for Events {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pending.is_empty() {
            let (lock, cvar) = &*self.shared;
            let state = lock.lock().unwrap_or_else(|e| e.into_inner());
            let (state, timeout) = cvar
                .wait_timeout_while(state, Duration::from_secs(15), |s| {
                    s.generation == self.seen
                })
                .unwrap_or_else(|e| e.into_inner());
            if timeout.timed_out() {
                self.pending = b": keep-alive\n\n".to_vec();
            } else {
                self.seen = state.generation;
                let (event, data) = match &state.error {
                    Some(e) => ("problem", serde_json::to_string(e).unwrap_or_default()),
                    None => ("reload", "null".to_string()),
                };
                self.pending = format!("event: {event}\ndata: {data}\n\n").into_bytes();
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn header(k: &str, v: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header")
}

fn respond(root: &Path, req: tiny_http::Request, shared: &Shared) {
    let url = req
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let (base, seen, error) = {
        let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
        (state.base.clone(), state.generation, state.error.clone())
    };
    let events_url = format!("{base}__openindex/events");
    if url == format!("{base}__openindex/livereload.js") {
        let js = RELOAD_JS.replace("__EVENTS__", &events_url);
        let _ = req.respond(
            tiny_http::Response::from_string(js)
                .with_header(header("Content-Type", content_type("x.js"))),
        );
        return;
    }
    if url == events_url {
        let hello = format!(
            "event: hello\ndata: {}\n\n",
            serde_json::to_string(&error).unwrap_or_default()
        )
        .into_bytes();
        let mut events = Events {
            shared: shared.clone(),
            seen,
            pending: hello,
        };
        // Write the stream by hand so every event is flushed at once.
        let mut w = req.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";
        if w.write_all(head.as_bytes())
            .and_then(|()| w.flush())
            .is_err()
        {
            return;
        }
        let mut buf = [0u8; 4096];
        while let Ok(n) = events.read(&mut buf) {
            if n == 0 || w.write_all(&buf[..n]).and_then(|()| w.flush()).is_err() {
                return;
            }
        }
        return;
    }
    let rel = url
        .strip_prefix(&base)
        .or_else(|| url.strip_prefix('/'))
        .unwrap_or(&url);
    let rel = percent_encoding::percent_decode_str(rel)
        .decode_utf8_lossy()
        .into_owned();
    if rel.split('/').any(|c| c == "..") {
        let _ = req.respond(tiny_http::Response::empty(400));
        return;
    }
    let path = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.clone()
    };
    if let Some(bytes) = page(root, shared, &path) {
        let _ = req.respond(
            tiny_http::Response::from_data(bytes.as_slice())
                .with_header(header("Content-Type", content_type(&path))),
        );
        return;
    }
    if page(root, shared, &format!("{rel}/index.html")).is_some() {
        let _ = req.respond(
            tiny_http::Response::empty(301).with_header(header("Location", &format!("{url}/"))),
        );
        return;
    }
    let body = page(root, shared, &Route::NotFound.file())
        .map(|b| b.as_slice().to_vec())
        .unwrap_or_else(|| b"not found".to_vec());
    let _ = req.respond(
        tiny_http::Response::from_data(body)
            .with_status_code(404)
            .with_header(header("Content-Type", content_type("x.html"))),
    );
}

fn watched(root: &Path, path: &Path) -> bool {
    ["content", "templates", "assets"]
        .iter()
        .any(|d| path.starts_with(root.join(d)))
        || path == root.join("site.toml")
}

/// Runs the command.
pub fn run(root: &Path, port: u16) -> i32 {
    let root: PathBuf = match root.canonicalize() {
        Ok(r) => r,
        Err(e) => return super::fail(format!("cannot open {}: {e}", root.display())),
    };
    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    let cache = Arc::new(content::Cache::default());
    rebuild(&root, &shared, &cache);
    let server = match tiny_http::Server::http(("127.0.0.1", port)) {
        Ok(s) => s,
        Err(e) => {
            return super::fail(format!(
                "cannot listen on 127.0.0.1:{port}: {e} (try --port)"
            ));
        }
    };
    let base = shared.0.lock().map(|s| s.base.clone()).unwrap_or_default();
    eprintln!(
        "serving on http://127.0.0.1:{port}{base} — watching content/, templates/, assets/ and site.toml (Ctrl-C to stop)"
    );

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher =
        match notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            // Reading files raises access events; only changes matter.
            if let Ok(ev) = res
                .ok()
                .filter(|ev| !matches!(ev.kind, notify::EventKind::Access(_)))
                .ok_or(())
            {
                let _ = tx.send(ev.paths);
            }
        }) {
            Ok(w) => w,
            Err(e) => return super::fail(format!("cannot watch files: {e}")),
        };
    use notify::Watcher;
    for d in ["content", "templates", "assets"] {
        let p = root.join(d);
        if p.is_dir() {
            let _ = watcher.watch(&p, notify::RecursiveMode::Recursive);
        }
    }
    let _ = watcher.watch(&root, notify::RecursiveMode::NonRecursive);
    let watch_shared = shared.clone();
    let watch_root = root.clone();
    let watch_cache = cache.clone();
    std::thread::spawn(move || {
        while let Ok(paths) = rx.recv() {
            let mut relevant = paths.iter().any(|p| watched(&watch_root, p));
            // Debounce: editors write several events per save.
            while let Ok(more) = rx.recv_timeout(Duration::from_millis(40)) {
                relevant |= more.iter().any(|p| watched(&watch_root, p));
            }
            if relevant {
                rebuild(&watch_root, &watch_shared, &watch_cache);
            }
        }
    });
    for req in server.incoming_requests() {
        let shared = shared.clone();
        let root = root.clone();
        std::thread::spawn(move || respond(&root, req, &shared));
    }
    0
}

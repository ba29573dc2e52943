//! Every file of the site by kind. A [`Route`] says where its file is written
//! ([`Route::file`]) and what links to it ([`Route::href`]); [`Route::parse`] reads an output
//! path back into its route, which is how `serve` decides what to render for a request. The
//! build writes every page through a route, so the two cannot disagree on a URL.

use super::urls::Urls;

/// One file of the site. Slugs and ids are the content's own (checked by `check` to be
/// URL-safe).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// Page `n` of the index table (1 is the home page).
    Home(usize),
    /// A release's page.
    Model(&'a str),
    /// A release's JSON record.
    ModelJson(&'a str),
    /// A release's OSAID badge.
    Badge(&'a str),
    /// The license list.
    Licenses,
    /// A license's page.
    License(&'a str),
    /// The organization list.
    Orgs,
    /// An organization's page.
    Org(&'a str),
    /// The failure-mode list.
    FailureModes,
    /// A failure mode's page.
    FailureMode(&'a str),
    /// The lineage page.
    Lineage,
    /// The comparison page.
    Compare,
    /// What other indexes say.
    Peers,
    /// The methodology page.
    Methodology,
    /// The printable report page.
    Report,
    /// The typeset PDF report.
    ReportPdf,
    /// The change log of the index.
    Changes,
    /// A file of the data export (`index.json`, `index.schema.json`, `index.csv`).
    Data(&'a str),
    /// The search index.
    Search,
    /// The Atom feed.
    Feed,
    /// The sitemap.
    Sitemap,
    /// The not-found page.
    NotFound,
    /// A static asset (CSS, script, icon).
    Asset(&'a str),
}

impl<'a> Route<'a> {
    /// The output path, relative to the site's root (`models/x/index.html`).
    pub fn file(&self) -> String {
        match self.dir() {
            Some(dir) => format!("{dir}index.html"),
            None => self.leaf(),
        }
    }

    /// The link to the route from any page of a site served from `urls.base`.
    pub fn href(&self, urls: &Urls) -> String {
        match self.dir() {
            Some(dir) => format!("{}{dir}", urls.base),
            None => format!("{}{}", urls.base, self.leaf()),
        }
    }

    /// The directory of a page route (`models/x/`, `""` for the home page); `None` for a
    /// file that is linked by its own name.
    fn dir(&self) -> Option<String> {
        Some(match *self {
            Route::Home(n) if n <= 1 => String::new(),
            Route::Home(n) => format!("page/{n}/"),
            Route::Model(slug) => format!("models/{slug}/"),
            Route::Licenses => "licenses/".into(),
            Route::License(id) => format!("licenses/{id}/"),
            Route::Orgs => "orgs/".into(),
            Route::Org(id) => format!("orgs/{id}/"),
            Route::FailureModes => "failure-modes/".into(),
            Route::FailureMode(slug) => format!("failure-modes/{slug}/"),
            Route::Lineage => "lineage/".into(),
            Route::Compare => "compare/".into(),
            Route::Peers => "peers/".into(),
            Route::Methodology => "methodology/".into(),
            Route::Report => "report/".into(),
            Route::Changes => "changes/".into(),
            _ => return None,
        })
    }

    fn leaf(&self) -> String {
        match *self {
            Route::ModelJson(slug) => format!("models/{slug}.json"),
            Route::Badge(slug) => format!("badges/{slug}.svg"),
            Route::ReportPdf => "report/openindex-report.pdf".into(),
            Route::Data(file) => format!("data/{file}"),
            Route::Search => "search.json".into(),
            Route::Feed => "feed.xml".into(),
            Route::Sitemap => "sitemap.xml".into(),
            Route::NotFound => "404.html".into(),
            Route::Asset(file) => format!("assets/{file}"),
            _ => self.file(),
        }
    }

    /// The route of an output path; `None` for a path no route writes. The inverse of
    /// [`Route::file`].
    pub fn parse(path: &'a str) -> Option<Route<'a>> {
        if let Some(file) = path.strip_prefix("assets/").filter(|f| !f.is_empty()) {
            // Assets keep the folders of the theme's `assets/`.
            return Some(Route::Asset(file));
        }
        let parts: Vec<&str> = path.split('/').collect();
        // One path segment that names something (slugs and ids may hold dots).
        let word = |s: &str| !matches!(s, "" | "." | "..") && !s.contains('\\');
        let stem = |file: &'a str, ext: &str| file.strip_suffix(ext).filter(|s| word(s));
        Some(match parts.as_slice() {
            ["index.html"] => Route::Home(1),
            ["page", n, "index.html"] => match n.parse::<usize>() {
                Ok(v) if v > 1 && !n.starts_with(['0', '+']) => Route::Home(v),
                _ => return None,
            },
            ["models", slug, "index.html"] if word(slug) => Route::Model(slug),
            ["models", file] => Route::ModelJson(stem(file, ".json")?),
            ["badges", file] => Route::Badge(stem(file, ".svg")?),
            ["licenses", "index.html"] => Route::Licenses,
            ["licenses", id, "index.html"] if word(id) => Route::License(id),
            ["orgs", "index.html"] => Route::Orgs,
            ["orgs", id, "index.html"] if word(id) => Route::Org(id),
            ["failure-modes", "index.html"] => Route::FailureModes,
            ["failure-modes", slug, "index.html"] if word(slug) => Route::FailureMode(slug),
            ["lineage", "index.html"] => Route::Lineage,
            ["compare", "index.html"] => Route::Compare,
            ["peers", "index.html"] => Route::Peers,
            ["methodology", "index.html"] => Route::Methodology,
            ["report", "index.html"] => Route::Report,
            ["report", "openindex-report.pdf"] => Route::ReportPdf,
            ["changes", "index.html"] => Route::Changes,
            ["data", file] if !file.is_empty() => Route::Data(file),
            ["search.json"] => Route::Search,
            ["feed.xml"] => Route::Feed,
            ["sitemap.xml"] => Route::Sitemap,
            ["404.html"] => Route::NotFound,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_reads_back_from_its_file() {
        let all = [
            Route::Home(1),
            Route::Home(7),
            Route::Model("olmo-7b"),
            Route::ModelJson("olmo-7b"),
            Route::Badge("olmo-7b"),
            Route::Licenses,
            Route::License("apache-2.0"),
            Route::Model("llama-3.1-8b"),
            Route::Orgs,
            Route::Org("allenai"),
            Route::FailureModes,
            Route::FailureMode("openwashing"),
            Route::Lineage,
            Route::Compare,
            Route::Peers,
            Route::Methodology,
            Route::Report,
            Route::ReportPdf,
            Route::Changes,
            Route::Data("index.json"),
            Route::Search,
            Route::Feed,
            Route::Sitemap,
            Route::NotFound,
            Route::Asset("style.css"),
            Route::Asset("fonts/a.woff2"),
        ];
        for r in all {
            let file = r.file();
            assert_eq!(Route::parse(&file), Some(r), "{file}");
        }
    }

    #[test]
    fn links_are_directories_for_pages_and_names_for_files() {
        let urls = Urls::new("/sub/");
        assert_eq!(Route::Home(1).href(&urls), "/sub/");
        assert_eq!(Route::Home(3).href(&urls), "/sub/page/3/");
        assert_eq!(Route::Model("x").href(&urls), "/sub/models/x/");
        assert_eq!(Route::Model("x").file(), "models/x/index.html");
        assert_eq!(Route::Badge("x").href(&urls), "/sub/badges/x.svg");
        assert_eq!(Route::Data("index.csv").file(), "data/index.csv");
    }

    #[test]
    fn paths_no_route_writes_are_refused() {
        for p in [
            "",
            "page/1/index.html",
            "page/02/index.html",
            "page/x/index.html",
            "models/index.html",
            "models/../index.html",
            "models/.json",
            "models/x.txt",
            "licenses/a/b/index.html",
            "nothing.html",
        ] {
            assert_eq!(Route::parse(p), None, "{p}");
        }
    }
}

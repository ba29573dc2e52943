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

/// The routes without a parameter and where each is written: a directory (ending in `/`,
/// holding `index.html`) or a file.
const FIXED: &[(Route<'static>, &str)] = &[
    (Route::Licenses, "licenses/"),
    (Route::Orgs, "orgs/"),
    (Route::FailureModes, "failure-modes/"),
    (Route::Lineage, "lineage/"),
    (Route::Compare, "compare/"),
    (Route::Peers, "peers/"),
    (Route::Methodology, "methodology/"),
    (Route::Report, "report/"),
    (Route::Changes, "changes/"),
    (Route::ReportPdf, "report/openindex-report.pdf"),
    (Route::Search, "search.json"),
    (Route::Feed, "feed.xml"),
    (Route::Sitemap, "sitemap.xml"),
    (Route::NotFound, "404.html"),
];

/// Makes a route from its one parameter.
type Make = for<'a> fn(&'a str) -> Route<'a>;

/// The routes with one parameter: how to make one, and the text before and after the
/// parameter (a suffix `/` makes a directory).
const NAMED: &[(Make, &str, &str)] = &[
    (|s| Route::Model(s), "models/", "/"),
    (|s| Route::ModelJson(s), "models/", ".json"),
    (|s| Route::Badge(s), "badges/", ".svg"),
    (|s| Route::License(s), "licenses/", "/"),
    (|s| Route::Org(s), "orgs/", "/"),
    (|s| Route::FailureMode(s), "failure-modes/", "/"),
    (|s| Route::Data(s), "data/", ""),
    (|s| Route::Asset(s), "assets/", ""),
];

impl<'a> Route<'a> {
    /// The output path, relative to the site's root (`models/x/index.html`).
    pub fn file(&self) -> String {
        let place = self.place();
        if place.is_empty() || place.ends_with('/') {
            format!("{place}index.html")
        } else {
            place
        }
    }

    /// The link to the route from any page of a site served from `urls.base`.
    pub fn href(&self, urls: &Urls) -> String {
        format!("{}{}", urls.base, self.place())
    }

    /// Where the route lives below the site's root: a page's directory (`models/x/`, `""`
    /// for the home page) or a file's path.
    fn place(&self) -> String {
        match *self {
            Route::Home(n) if n <= 1 => String::new(),
            Route::Home(n) => format!("page/{n}/"),
            _ => match self.parameter() {
                Some(p) => NAMED
                    .iter()
                    .find(|(make, ..)| make(p) == *self)
                    .map(|(_, before, after)| format!("{before}{p}{after}"))
                    .unwrap_or_default(),
                None => FIXED
                    .iter()
                    .find(|(r, _)| r == self)
                    .map(|(_, place)| place.to_string())
                    .unwrap_or_default(),
            },
        }
    }

    /// The slug, id or file name a route carries.
    fn parameter(&self) -> Option<&'a str> {
        match *self {
            Route::Model(p)
            | Route::ModelJson(p)
            | Route::Badge(p)
            | Route::License(p)
            | Route::Org(p)
            | Route::FailureMode(p)
            | Route::Data(p)
            | Route::Asset(p) => Some(p),
            _ => None,
        }
    }

    /// The route of an output path; `None` for a path no route writes. The inverse of
    /// [`Route::file`].
    pub fn parse(path: &'a str) -> Option<Route<'a>> {
        if let Some(file) = path.strip_prefix("assets/").filter(|f| !f.is_empty()) {
            // Assets keep the folders of the theme's `assets/`.
            return Some(Route::Asset(file));
        }
        // A page is its directory; a file its own path.
        let place = match path.strip_suffix("index.html") {
            Some(dir) if dir.is_empty() || dir.ends_with('/') => dir,
            _ if path.ends_with('/') => return None,
            _ => path,
        };
        if place.is_empty() {
            return (path == "index.html").then_some(Route::Home(1));
        }
        if let Some(n) = place
            .strip_prefix("page/")
            .and_then(|p| p.strip_suffix('/'))
        {
            return match n.parse::<usize>() {
                Ok(v) if v > 1 && !n.starts_with(['0', '+']) => Some(Route::Home(v)),
                _ => None,
            };
        }
        if let Some((route, _)) = FIXED.iter().find(|(_, p)| *p == place) {
            return Some(*route);
        }
        // One path segment that names something (slugs and ids may hold dots).
        let word = |s: &str| !matches!(s, "" | "." | "..") && !s.contains(['/', '\\']);
        NAMED.iter().find_map(|(make, before, after)| {
            let p = place.strip_prefix(before)?.strip_suffix(after)?;
            word(p).then(|| make(p))
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
            "models/x/",
            "models/xindex.html",
        ] {
            assert_eq!(Route::parse(p), None, "{p}");
        }
    }
}

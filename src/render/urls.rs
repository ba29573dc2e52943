//! The site's link prefix from `base_url`; what comes after it is [`Route`]'s.

use super::route::Route;
use serde::Serialize;

/// Link builder for a site served from `base` (a path ending in `/`).
#[derive(Debug, Clone, Serialize)]
pub struct Urls {
    /// Path prefix of every link, ending in `/`.
    pub base: String,
    /// Absolute prefix for feeds and sitemaps (falls back to `base`).
    pub absolute: String,
}

impl Urls {
    /// From `base_url` in site.toml: "/", "/sub/" or "https://host/sub/".
    pub fn new(base_url: &str) -> Urls {
        let mut abs = base_url.trim().to_string();
        if !abs.ends_with('/') {
            abs.push('/');
        }
        let base = match abs.find("://") {
            Some(i) => match abs[i + 3..].find('/') {
                Some(j) => abs[i + 3 + j..].to_string(),
                None => "/".to_string(),
            },
            None if abs.starts_with('/') => abs.clone(),
            None => format!("/{abs}"),
        };
        Urls {
            base,
            absolute: abs,
        }
    }

    /// A release page.
    pub fn model(&self, slug: &str) -> String {
        Route::Model(slug).href(self)
    }

    /// A license page.
    pub fn license(&self, id: &str) -> String {
        Route::License(id).href(self)
    }

    /// An organization page.
    pub fn org(&self, id: &str) -> String {
        Route::Org(id).href(self)
    }

    /// A failure-mode page.
    pub fn failure_mode(&self, slug: &str) -> String {
        Route::FailureMode(slug).href(self)
    }

    /// Any route.
    pub fn to(&self, route: Route) -> String {
        route.href(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_from_base() {
        assert_eq!(Urls::new("/").model("a"), "/models/a/");
        assert_eq!(Urls::new("/index").model("a"), "/index/models/a/");
        let u = Urls::new("https://example.org/oi/");
        assert_eq!(u.base, "/oi/");
        assert_eq!(u.absolute, "https://example.org/oi/");
        assert_eq!(Urls::new("https://example.org").base, "/");
    }
}

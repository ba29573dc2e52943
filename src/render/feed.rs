//! The Atom feed of the newest releases and the sitemap.

use super::markdown::escape;
use super::views::Urls;
use crate::index::Index;
use crate::model::Date;

/// `/feed.xml`: the 50 newest releases (by release date, then slug).
pub fn atom(index: &Index, urls: &Urls, today: Date) -> String {
    let order = index.newest_first(index.ids());
    let config = &index.site.config;
    let updated = order.first().map_or(today, |&id| {
        let r = index.release(id);
        r.reviewed.v.max(r.release_date.v)
    });
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<subtitle>{}</subtitle>\n<id>{}</id>\n<link rel=\"self\" href=\"{}feed.xml\"/>\n<link href=\"{}\"/>\n<updated>{}T00:00:00Z</updated>\n",
        escape(&config.title),
        escape(&config.description),
        escape(&urls.absolute),
        escape(&urls.absolute),
        escape(&urls.absolute),
        updated,
    );
    for &id in order.iter().take(50) {
        let (r, a) = index.entry(id).parts();
        let link = format!("{}models/{}/", urls.absolute, r.slug);
        s.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{}T00:00:00Z</updated>\n<summary>{}: OSAID {}; governance {}/8; {}</summary>\n</entry>\n",
            escape(&r.name),
            escape(&link),
            escape(&link),
            r.reviewed.v.max(r.release_date.v),
            escape(&r.availability.to_string()),
            a.osaid.verdict,
            a.governance.score,
            escape(&a.license_class.to_string()),
        ));
    }
    s.push_str("</feed>\n");
    s
}

/// `/sitemap.xml` for the given page paths (`…/index.html`).
pub fn sitemap(paths: &[&str], urls: &Urls) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in paths {
        let page = p.trim_end_matches("index.html");
        s.push_str(&format!(
            "<url><loc>{}{}</loc></url>\n",
            escape(&urls.absolute),
            escape(page)
        ));
    }
    s.push_str("</urlset>\n");
    s
}

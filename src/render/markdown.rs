//! Contributor markdown to safe HTML. Narratives are untrusted: raw HTML is shown as
//! text (escaped, never interpreted), links keep only http, https, mailto and relative
//! targets, and images become plain links so that no page loads anything from another
//! host. Everything else is pulldown-cmark's own escaping.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

/// Whether a link target may appear in a published page.
pub fn safe_href(url: &str) -> bool {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = trimmed.to_ascii_lowercase();
    match lower.find(':') {
        // A colon before any '/', '?' or '#' means a scheme.
        Some(i) if !lower[..i].contains(['/', '?', '#']) => {
            matches!(&lower[..i], "http" | "https" | "mailto")
        }
        _ => !lower.starts_with("//"),
    }
}

/// Renders markdown to HTML that carries no script, no event handler and no remote resource.
pub fn to_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_FOOTNOTES);
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: guard(dest_url),
            title,
            id,
        }),
        // An image would be fetched from wherever it points: show a link instead.
        Event::Start(Tag::Image {
            dest_url,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: guard(dest_url),
            title,
            id,
        }),
        Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
        // Contributor headings start at h3 so they sit under the page's own h2.
        Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
            level: demote(level),
            id: None,
            classes: vec![],
            attrs: vec![],
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

fn guard(url: CowStr<'_>) -> CowStr<'_> {
    if safe_href(&url) {
        url
    } else {
        CowStr::Borrowed("#")
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        other => other,
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text() {
        let h = to_html("hi <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn block_html_is_text() {
        let h = to_html("<div onclick=\"x()\">\n<svg><script>1</script></svg>\n</div>\n");
        assert!(!h.contains("<div"), "{h}");
        assert!(!h.contains("<svg"), "{h}");
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example/x",
        ] {
            let h = to_html(&format!("[x](<{url}>)"));
            assert!(h.contains("href=\"#\""), "{url}: {h}");
        }
        assert!(to_html("[x](https://example.org/a)").contains("href=\"https://example.org/a\""));
        assert!(to_html("[x](/models/a/)").contains("href=\"/models/a/\""));
        assert!(to_html("[x](mailto:a@example.org)").contains("mailto:"));
    }

    #[test]
    fn images_become_links() {
        let h = to_html("![tracker](https://evil.example/pixel.gif)");
        assert!(!h.contains("<img"), "{h}");
        assert!(
            h.contains("<a href=\"https://evil.example/pixel.gif\">tracker</a>"),
            "{h}"
        );
    }

    #[test]
    fn headings_are_demoted() {
        assert!(to_html("# Title").starts_with("<h3>"));
    }

    #[test]
    fn escape_covers_attribute_breakers() {
        assert_eq!(
            escape("<a href='x'>\"&"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;"
        );
    }
}

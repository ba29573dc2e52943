//! The narrative of a release for the PDF: the contributor's markdown as blocks of plain
//! text runs (the template shows them as values), with only absolute links kept.

use super::{clean, pdf_href};
use serde::Serialize;

/// One run of narrative text.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Bold.
    pub strong: bool,
    /// Italic.
    pub emph: bool,
    /// Inline code.
    pub code: bool,
    /// Link target (absolute http, https or mailto only).
    pub href: Option<String>,
}

/// One block of narrative: a paragraph, heading, list item, quote or code block.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Block {
    /// `paragraph`, `heading`, `item`, `quote` or `code`.
    pub kind: &'static str,
    /// List nesting depth (items).
    pub depth: usize,
    /// The text runs.
    pub runs: Vec<Run>,
}

/// The contributor's markdown as blocks of plain runs: structure and emphasis survive,
/// raw HTML is shown as text, images become links, and only absolute links are kept.
pub fn narrative(markdown: &str) -> Vec<Block> {
    use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
    let mut options = MdOptions::empty();
    options.insert(MdOptions::ENABLE_TABLES);
    options.insert(MdOptions::ENABLE_STRIKETHROUGH);
    options.insert(MdOptions::ENABLE_FOOTNOTES);
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let (mut strong, mut emph, mut depth, mut quote) = (0usize, 0usize, 0usize, 0usize);
    let mut links: Vec<Option<String>> = Vec::new();
    let flush = |current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(b) = current.take()
            && b.runs.iter().any(|r| !r.text.trim().is_empty())
        {
            blocks.push(b);
        }
    };
    let start =
        |kind: &'static str, depth: usize, current: &mut Option<Block>, blocks: &mut Vec<Block>| {
            flush(current, blocks);
            *current = Some(Block {
                kind,
                depth,
                runs: vec![],
            });
        };
    for event in Parser::new_ext(markdown, options) {
        // Nesting: bold, italics, list depth, quotes. A list's start or end, and a quote's
        // end, close the block before them.
        let nesting = match &event {
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => Some(&mut strong),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => Some(&mut emph),
            Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => Some(&mut depth),
            Event::Start(Tag::BlockQuote(_)) | Event::End(TagEnd::BlockQuote(_)) => {
                Some(&mut quote)
            }
            _ => None,
        };
        if let Some(n) = nesting {
            if matches!(
                event,
                Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_))
            ) {
                flush(&mut current, &mut blocks);
            }
            *n = match event {
                Event::Start(_) => *n + 1,
                _ => n.saturating_sub(1),
            };
            continue;
        }
        let text = match event {
            Event::Start(Tag::Paragraph) => {
                // A loose list item's paragraph continues the item.
                if !matches!(&current, Some(b) if b.runs.is_empty()) {
                    let kind = if quote > 0 { "quote" } else { "paragraph" };
                    start(kind, depth, &mut current, &mut blocks);
                }
                continue;
            }
            Event::Start(Tag::Heading { .. }) => {
                start("heading", 0, &mut current, &mut blocks);
                continue;
            }
            Event::Start(Tag::Item) => {
                start("item", depth.saturating_sub(1), &mut current, &mut blocks);
                continue;
            }
            Event::Start(Tag::CodeBlock(_)) => {
                start("code", 0, &mut current, &mut blocks);
                continue;
            }
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => {
                start("paragraph", 0, &mut current, &mut blocks);
                continue;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => {
                flush(&mut current, &mut blocks);
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(pdf_href(&dest_url));
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                links.pop();
                continue;
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => (t.to_string(), false),
            Event::Code(t) => (t.to_string(), true),
            Event::SoftBreak | Event::HardBreak => (" ".to_string(), false),
            Event::End(TagEnd::TableCell) => (" · ".to_string(), false),
            Event::FootnoteReference(t) => (format!("[^{t}]"), false),
            _ => continue,
        };
        let (text, code) = text;
        let block = current.get_or_insert_with(|| Block {
            kind: if quote > 0 { "quote" } else { "paragraph" },
            depth: 0,
            runs: vec![],
        });
        let in_code_block = block.kind == "code";
        block.runs.push(Run {
            // Code blocks keep their lines; everything else is cleaned and may break.
            text: if in_code_block {
                text.chars()
                    .filter(|c| !c.is_control() || *c == '\n')
                    .collect()
            } else {
                clean(&text)
            },
            strong: strong > 0,
            emph: emph > 0,
            code,
            href: links.iter().rev().find_map(|l| l.clone()),
        });
    }
    flush(&mut current, &mut blocks);
    blocks
}

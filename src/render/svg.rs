//! SVG drawn by the tool: bar charts for the headline figures, release badges and the
//! lineage graph. Every label is escaped; no SVG carries script, links to other hosts or
//! external fonts. Charts carry `role="img"` and a text label; pages pair each with a table.

use super::markdown::escape;

/// One bar.
pub struct Bar<'a> {
    /// Label.
    pub label: &'a str,
    /// Value.
    pub value: usize,
    /// CSS class for the bar colour (never the only cue: the value is printed).
    pub class: &'a str,
}

/// A horizontal bar chart.
pub fn bar_chart(title: &str, bars: &[Bar<'_>]) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let row = 26;
    let label_w = 190;
    let bar_w = 260;
    let height = bars.len() * row + 8;
    let mut s = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {height}\" width=\"100%\" role=\"img\" aria-label=\"{t}\" xmlns=\"http://www.w3.org/2000/svg\">",
        w = label_w + bar_w + 60,
        t = escape(title),
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i * row + 4;
        let w = if b.value == 0 {
            0
        } else {
            (b.value * bar_w).div_ceil(max).max(2)
        };
        s.push_str(&format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" class=\"chart-label\">{label}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"18\" rx=\"2\" class=\"bar {class}\"/>\
             <text x=\"{vx}\" y=\"{ty}\" class=\"chart-value\">{value}</text>",
            lx = label_w - 8,
            ty = y + 14,
            label = escape(b.label),
            class = escape(b.class),
            vx = label_w + w + 6,
            value = b.value,
        ));
    }
    s.push_str("</svg>");
    s
}

/// A two-part badge: "label | value".
pub fn badge(label: &str, value: &str, class: &str) -> String {
    let cw = 6.6_f64;
    let lw = (label.chars().count() as f64 * cw + 12.0).round() as usize;
    let vw = (value.chars().count() as f64 * cw + 12.0).round() as usize;
    let colour = match class {
        "meets" => "#1a7f37",
        "does-not-meet" => "#b3261e",
        _ => "#7a5c00",
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{tw}\" height=\"20\" role=\"img\" aria-label=\"{al}: {av}\">\
         <title>{al}: {av}</title>\
         <rect width=\"{lw}\" height=\"20\" fill=\"#444\"/><rect x=\"{lw}\" width=\"{vw}\" height=\"20\" fill=\"{colour}\"/>\
         <g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\
         <text x=\"6\" y=\"14\">{al}</text><text x=\"{vx}\" y=\"14\">{av}</text></g></svg>",
        tw = lw + vw,
        al = escape(label),
        av = escape(value),
        vx = lw + 6,
    )
}

/// A node of the lineage graph.
pub struct Node<'a> {
    /// Label.
    pub label: &'a str,
    /// Link target (a path on this site).
    pub href: String,
    /// Layer (0 = no base in the index).
    pub layer: usize,
}

/// Draws a layered graph: layers left to right, nodes top to bottom, edges base → derivative.
pub fn lineage(nodes: &[Node<'_>], edges: &[(usize, usize)]) -> String {
    let layers = nodes.iter().map(|n| n.layer).max().map_or(0, |m| m + 1);
    let mut row_of = vec![0usize; nodes.len()];
    let mut counts = vec![0usize; layers];
    for (i, n) in nodes.iter().enumerate() {
        row_of[i] = counts[n.layer];
        counts[n.layer] += 1;
    }
    let (col_w, row_h, node_w, node_h) = (300usize, 44usize, 250usize, 30usize);
    let width = layers.max(1) * col_w + 20;
    let height = counts.iter().copied().max().unwrap_or(0).max(1) * row_h + 20;
    let pos = |i: usize| (10 + nodes[i].layer * col_w, 10 + row_of[i] * row_h);
    let mut s = format!(
        "<svg class=\"lineage\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"group\" aria-label=\"Lineage graph: {} releases, {} base-to-derivative links\" xmlns=\"http://www.w3.org/2000/svg\">",
        nodes.len(),
        edges.len()
    );
    s.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" class=\"arrowhead\"/></marker></defs>");
    for &(from, to) in edges {
        let (x1, y1) = pos(from);
        let (x2, y2) = pos(to);
        let (x1, y1, x2, y2) = (x1 + node_w, y1 + node_h / 2, x2, y2 + node_h / 2);
        let mx = (x1 + x2) / 2;
        s.push_str(&format!(
            "<path d=\"M{x1} {y1} C{mx} {y1} {mx} {y2} {x2} {y2}\" class=\"edge\" marker-end=\"url(#arrow)\"/>"
        ));
    }
    for (i, n) in nodes.iter().enumerate() {
        let (x, y) = pos(i);
        let label: String = if n.label.chars().count() > 34 {
            n.label.chars().take(33).chain(['…']).collect()
        } else {
            n.label.to_string()
        };
        s.push_str(&format!(
            "<a href=\"{href}\"><rect x=\"{x}\" y=\"{y}\" width=\"{node_w}\" height=\"{node_h}\" rx=\"4\" class=\"node\"/>\
             <text x=\"{tx}\" y=\"{ty}\" class=\"node-label\">{label}</text></a>",
            href = escape(&n.href),
            tx = x + 8,
            ty = y + 19,
            label = escape(&label),
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped() {
        let s = bar_chart(
            "<t>",
            &[Bar {
                label: "<script>",
                value: 3,
                class: "x\"",
            }],
        );
        assert!(!s.contains("<script>"));
        assert!(s.contains("&lt;script&gt;"));
        let b = badge("OSAID", "<x>", "meets");
        assert!(b.contains("&lt;x&gt;"));
        let l = lineage(
            &[Node {
                label: "<b>",
                href: "/m/\"x".into(),
                layer: 0,
            }],
            &[],
        );
        assert!(l.contains("&lt;b&gt;") && l.contains("&quot;x"));
    }
}

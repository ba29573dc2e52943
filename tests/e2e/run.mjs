// End-to-end tests of a built Openness Index site in headless Chromium.
//
//   cd tests/e2e && npm ci && node run.mjs ../../target/ci-site
//
// Serves the built directory on 127.0.0.1 and checks, as a reader's browser sees it: the index
// table sorts and filters; the header search finds a release by name; a model page shows its
// scorecard; /compare/ and /peers/ work; release, license, organization and failure-mode pages
// link to each other; no page
// logs a console error; no page makes a request to another host; pages read correctly with
// JavaScript disabled; and axe-core finds no WCAG 2.1 A/AA violation on any page kind.
// Screenshots at desktop and phone widths go to tests/e2e/artifacts/.
//
// Chromium comes from the system (Debian package `chromium`); set CHROMIUM to use another.

import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(process.argv[2] || path.join(here, "../../target/ci-site"));
const artifacts = path.join(here, "artifacts");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const axeSource = fs.readFileSync(path.join(here, "node_modules/axe-core/axe.min.js"), "utf8");

if (!fs.existsSync(path.join(root, "index.html"))) {
  console.error(`no built site at ${root} (run: cargo run -- build --out ${root})`);
  process.exit(2);
}
fs.mkdirSync(artifacts, { recursive: true });

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
  ".csv": "text/csv", ".pdf": "application/pdf", ".txt": "text/plain",
};

// A static server for the built directory: index.html for directories, 404.html otherwise.
function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.readFileSync(path.join(root, "404.html")));
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const failures = [];
let checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) { failures.push(what); console.log(`  FAIL ${what}`); }
}

// The first link under `selector` on `page` whose href matches `pattern`.
async function firstHref(page, selector, pattern) {
  const hrefs = await page.$$eval(selector, (as) => as.map((a) => a.getAttribute("href")));
  return hrefs.find((h) => h && pattern.test(h));
}

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-default-apps", "--disable-sync"],
});

// Every page opened through `open` is watched for console errors and foreign requests.
const foreign = new Set();
const consoleErrors = [];
async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.origin !== origin) foreign.add(r.url());
  });
  return context;
}
async function open(context, url) {
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`${url}: ${m.text()}`); });
  page.on("pageerror", (e) => consoleErrors.push(`${url}: ${e.message}`));
  const res = await page.goto(origin + url, { waitUntil: "load" });
  return { page, status: res ? res.status() : 0 };
}

const context = await newContext();

// --- the index table ------------------------------------------------------------------------
console.log("index table");
{
  const { page, status } = await open(context, "/");
  check(status === 200, "/ is served");
  const names = () => page.$$eval("#index-table tbody tr", (rows) => rows.map((r) => r.cells[0].textContent.trim()));
  const before = await names();
  check(before.length > 0, "the index table has rows");
  await page.click("#index-table thead th:nth-child(1) button");
  const asc = await names();
  const sorted = [...before].sort((a, b) => a.localeCompare(b));
  check(JSON.stringify(asc) === JSON.stringify(sorted), "sorting by release sorts the rows by name");
  check((await page.getAttribute("#index-table thead th:nth-child(1)", "aria-sort")) === "ascending", "the sorted header says aria-sort=ascending");
  await page.click("#index-table thead th:nth-child(1) button");
  check(JSON.stringify(await names()) === JSON.stringify([...sorted].reverse()), "a second click sorts descending");
  await page.click("#index-table thead th:nth-child(8) button");
  const scores = await page.$$eval("#index-table tbody tr", (rows) => rows.map((r) => parseFloat(r.cells[7].getAttribute("data-value"))));
  check(scores.every((s, i) => i === 0 || scores[i - 1] <= s), "sorting by governance sorts numerically");

  const target = before[before.length - 1];
  await page.fill("#f-text", target.slice(0, Math.min(target.length, 8)));
  const visible = await page.$$eval("#index-table tbody tr", (rows) => rows.filter((r) => !r.hidden).map((r) => r.cells[0].textContent.trim()));
  check(visible.includes(target) && visible.length < before.length, `filtering by "${target.slice(0, 8)}" keeps ${target} and hides others`);
  check(/of \d+ releases shown/.test(await page.textContent("#filter-count")), "the filter says how many rows are shown");
  await page.fill("#f-text", "");
  const selects = await page.$$("#filters select");
  if (selects.length) {
    const value = await selects[0].$eval("option:nth-child(2)", (o) => o.value);
    await selects[0].selectOption(value);
    const attr = await selects[0].getAttribute("data-attr");
    const ok = await page.$$eval("#index-table tbody tr", (rows, [attr, value]) => rows.every((r) => r.hidden === !(r.getAttribute("data-" + attr) || "").split(" ").includes(value)), [attr, value]);
    check(ok, `the ${attr} filter shows exactly the rows with ${value}`);
  }
  for (const [w, h, name] of [[1280, 800, "desktop"], [390, 844, "phone"]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(artifacts, `index-${name}.png`), fullPage: false });
  }
  await page.close();
}

// --- search ----------------------------------------------------------------------------------
console.log("search");
let modelUrl;
{
  const { page } = await open(context, "/");
  const first = await page.$eval("#index-table tbody tr th a", (a) => ({ name: a.textContent.trim(), href: a.getAttribute("href") }));
  await page.fill("#search-input", first.name);
  await page.waitForSelector("#search-results li a", { timeout: 5000 }).catch(() => {});
  const hits = await page.$$eval("#search-results li a", (as) => as.map((a) => a.getAttribute("href")));
  check(hits.includes(first.href), `searching "${first.name}" finds its page`);
  modelUrl = first.href;
  await page.fill("#search-input", "zzzz-no-such-release");
  await page.waitForTimeout(200);
  check((await page.textContent("#search-results")).includes("No match"), "a search without hits says so");
  await page.close();
}

// --- a model page and the links between page kinds -------------------------------------------
console.log("model page and cross-links");
const kinds = { model: modelUrl };
{
  const { page, status } = await open(context, modelUrl);
  check(status === 200, `${modelUrl} is served`);
  const body = await page.textContent("main");
  check(/Release governance|release-governance/i.test(body), "the model page shows the governance scorecard");
  const rows = await page.$$eval("table", (ts) => ts.map((t) => t.tBodies[0] ? t.tBodies[0].rows.length : 0));
  check(rows.includes(8), "the scorecard has eight rows");
  check(rows.includes(9), "the OSAID table has nine components");
  kinds.license = await firstHref(page, "main a", /\/licenses\/[^/]+\/$/);
  kinds.org = await firstHref(page, "main a", /\/orgs\/[^/]+\/$/);
  kinds.mode = await firstHref(page, "main a", /\/failure-modes\/[^/]+\/$/);
  check(kinds.license && kinds.org, "the model page links to its license and organization");
  for (const [w, h, name] of [[1280, 800, "desktop"], [390, 844, "phone"]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: path.join(artifacts, `model-${name}.png`), fullPage: true });
  }
  await page.close();
  for (const k of ["license", "org", "mode"]) {
    if (!kinds[k]) continue;
    const p = await open(context, kinds[k]);
    check(p.status === 200, `${kinds[k]} is served`);
    const back = await p.page.$$eval("main a", (as) => as.map((a) => a.getAttribute("href")));
    check(back.some((h) => /\/models\/[^/]+\/$/.test(h)), `${kinds[k]} links back to model pages`);
    await p.page.close();
  }
}

// --- the comparison page --------------------------------------------------------------------
console.log("compare");
async function axeCheck(page, url) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  }));
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
    check(false, `axe ${url}: ${v.id} (${v.impact}): ${v.help} — ${where}`);
  }
  checks++;
}
{
  const index = JSON.parse(fs.readFileSync(path.join(root, "data/index.json"), "utf8"));
  const records = Object.fromEntries(index.releases.map((r) => [r.slug, r]));
  const slugs = index.releases.map((r) => r.slug);
  const cells = (page, label) => page.$$eval("#compare-table tbody tr:not(.group)", (trs, label) => {
    const tr = trs.find((t) => t.cells[0].firstChild && t.cells[0].firstChild.textContent === label);
    return tr ? Array.from(tr.cells).slice(1).map((c) => c.textContent) : null;
  }, label);
  for (const n of [2, 4]) {
    if (slugs.length < n) continue;
    const pick = slugs.slice(slugs.length - n);
    const url = `/compare/?r=${pick.join(",")}`;
    const { page, status } = await open(context, url);
    check(status === 200, `${url} is served`);
    await page.waitForSelector("#compare-table", { timeout: 5000 }).catch(() => {});
    const heads = await page.$$eval("#compare-table thead th[data-slug]", (ths) => ths.map((t) => t.getAttribute("data-slug")));
    check(JSON.stringify(heads) === JSON.stringify(pick), `a ${n}-release comparison has one column per release, in order`);
    const same = async (label, want) => {
      const got = await cells(page, label);
      check(JSON.stringify(got) === JSON.stringify(want), `the ${n}-release comparison shows "${label}" as the data says (${JSON.stringify(got)})`);
    };
    await same("OSAID 1.0 verdict", pick.map((s) => records[s].osaid.verdict));
    await same("Availability", pick.map((s) => records[s].availability));
    await same("Governance score", pick.map((s) => `${records[s].governance.score}/${records[s].governance.max}`));
    await same("Sources cited", pick.map((s) => `${records[s].sources.length} (${records[s].sources.filter((x) => x.primary).length} primary)`));
    const rows = await page.$$eval("#compare-table tbody tr:not(.group)", (trs) => trs.length);
    check(rows >= 9 + 8 + 6, `the comparison has a row for every component, point and failure mode (${rows} rows)`);
    const verdictDiffers = new Set(pick.map((s) => records[s].osaid.verdict)).size > 1;
    const marked = await page.$$eval("#compare-table tbody tr.differs", (trs, label) => trs.some((t) => t.cells[0].firstChild.textContent === label), "OSAID 1.0 verdict");
    check(marked === verdictDiffers, `the verdict row is marked as differing exactly when the verdicts differ (${verdictDiffers})`);
    if (n === 4) {
      await axeCheck(page, url);
      await page.screenshot({ path: path.join(artifacts, "compare-desktop.png"), fullPage: false });
    }
    await page.close();
  }
  {
    const url = `/compare/?r=${slugs[0]},no-such-release-zz`;
    const { page } = await open(context, url);
    await page.waitForFunction(() => document.getElementById("compare-message").textContent.length > 0, null, { timeout: 5000 }).catch(() => {});
    const text = await page.textContent("#compare-message");
    check(text.includes("No release has the slug “no-such-release-zz”"), `a bad slug in the address gets a clear message (${text})`);
    const heads = await page.$$eval("#compare-table thead th[data-slug]", (ths) => ths.length);
    check(heads === 1, "the good slug is still shown");
    await page.close();
  }
  {
    const { page } = await open(context, "/compare/");
    await page.waitForTimeout(100);
    check((await page.textContent("#compare-message")).includes("Choose two to four releases"), "the empty comparison says what to do");
    check(await page.isHidden("#compare-nojs"), "with JavaScript the no-script explanation is hidden");
    await axeCheck(page, "/compare/");
    await page.close();
  }
  {
    const { page } = await open(context, "/");
    const boxes = await page.$$("#index-table input.pick");
    if (boxes.length >= 2) {
      await boxes[0].check();
      await boxes[1].check();
      const picked = await page.$$eval("#index-table input.pick:checked", (bs) => bs.map((b) => b.value));
      const href = await page.getAttribute("#compare-link", "href");
      check(href.endsWith(`compare/?r=${picked.join(",")}`), `ticking two releases links to their comparison (${href})`);
    }
    await page.close();
  }
  {
    const { page } = await open(context, kinds.model);
    const links = await page.$$eval("main a", (as) => as.map((a) => a.getAttribute("href")));
    const slug = kinds.model.split("/").filter(Boolean).pop();
    check(links.some((h) => h && h.endsWith(`compare/?r=${slug}`)), "a model page links to “compare with…”");
    await page.close();
  }
}

// --- what other indexes say ------------------------------------------------------------------
if (fs.existsSync(path.join(root, "peers/index.html"))) {
  console.log("peers");
  {
    const { page, status } = await open(context, "/peers/");
    check(status === 200, "/peers/ is served");
    const heading = await page.textContent("#facts-h");
    const n = Number((heading.match(/\((\d+)\)/) || [])[1]);
    const rows = await page.$$eval(".peer-differences tbody tr", (trs) => trs.length);
    check(n === rows, `the factual differences come first and are all listed (${n} in the heading, ${rows} rows)`);
    const first = await page.$eval("main h2", (h) => h.id);
    check(first === "facts-h", "the first section is the factual differences");
    const tallies = await page.$$eval(".peer-tallies tbody tr", (trs) => trs.length);
    check(tallies > 0, "agreement figures per peer and dimension are shown");
    const attributions = await page.$$eval(".attribution", (ps) => ps.map((p) => p.textContent));
    check(attributions.some((t) => /CC-BY 4\.0/.test(t)), "the EOSAI data is attributed (CC-BY 4.0)");
    const modelLinks = await page.$$eval(".peer-differences a", (as) => as.map((a) => a.getAttribute("href")));
    check(rows === 0 || modelLinks.some((h) => /\/models\/[^/]+\/$/.test(h)), "each difference links to our release page");
    const nav = await page.$$eval("nav a", (as) => as.map((a) => a.getAttribute("href")));
    check(nav.some((h) => h && h.endsWith("peers/")), "the site navigation links to /peers/");
    await axeCheck(page, "/peers/");
    await page.close();
  }
  {
    const index = JSON.parse(fs.readFileSync(path.join(root, "data/index.json"), "utf8"));
    const withPeers = index.releases.find((r) => (r.peers || []).length > 0);
    check(Boolean(withPeers), "data/index.json carries peer entries");
    if (withPeers) {
      const url = `/models/${withPeers.slug}/`;
      const { page } = await open(context, url);
      check(await page.isVisible("#peers-h"), `${url} has the section “What other indexes say”`);
      const sections = await page.$$eval("section.peers h3", (hs) => hs.length);
      check(sections === withPeers.peers.length, `${url} shows every matched peer entry (${sections})`);
      const rows = await page.$$eval(".peer-table tbody tr", (trs) => trs.length);
      const expected = withPeers.peers.reduce((n, p) => n + p.values.length, 0);
      check(rows === expected, `${url}: one row per compared dimension (${rows} of ${expected})`);
      const entry = await page.$eval("section.peers h3 a", (a) => a.getAttribute("href"));
      check(/^https:\/\/(osai-index\.eu|github\.com)\//.test(entry), `the peer entry links to its page there (${entry})`);
      await axeCheck(page, `${url} (peers section)`);
      await page.close();
    }
  }
}

// --- every page kind: axe, console, requests ------------------------------------------------
console.log("accessibility (axe-core, WCAG 2.1 A and AA) on every page kind");
const pages = ["/", kinds.model, "/licenses/", kinds.license, "/orgs/", kinds.org, "/failure-modes/",
  kinds.mode, "/lineage/", "/methodology/", "/report/", "/404.html"];
if (fs.existsSync(path.join(root, "changes/index.html"))) pages.push("/changes/");
if (fs.existsSync(path.join(root, "peers/index.html"))) pages.push("/peers/");
let violations = 0;
for (const url of pages.filter(Boolean)) {
  const { page } = await open(context, url);
  // axe runs in the page's own world; the site's CSP forbids inline script, so the source is
  // evaluated through the DevTools protocol rather than injected as a <script> element.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
  }));
  for (const v of result.violations) {
    violations++;
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
    check(false, `axe ${url}: ${v.id} (${v.impact}): ${v.help} — ${where}`);
  }
  checks++;
  await page.close();
}
console.log(`  ${pages.filter(Boolean).length} pages, ${violations} violations`);

// --- without JavaScript --------------------------------------------------------------------
console.log("pages with JavaScript disabled");
{
  const noJs = await newContext({ javaScriptEnabled: false });
  const { page } = await open(noJs, "/");
  const n = await page.$$eval("#index-table tbody tr", (rows) => rows.length);
  check(n > 0, "without JavaScript the index table is complete");
  check(await page.isHidden("#filters"), "without JavaScript the (useless) filter form stays hidden");
  const m = await open(noJs, modelUrl);
  const text = await m.page.textContent("main");
  check(/OSAID/.test(text) && /governance/i.test(text), "without JavaScript the model page shows its answers");
  const c = await open(noJs, "/compare/?r=a,b");
  check(await c.page.isVisible("#compare-nojs"), "without JavaScript the comparison page says what it does");
  const releaseLinks = await c.page.$$eval(".compare-list a", (as) => as.length);
  check(releaseLinks > 0, "without JavaScript the comparison page links to every release page");
  await noJs.close();
}

check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ": " + consoleErrors.join(" | ") : ""}`);
check(foreign.size === 0, `no request leaves the site${foreign.size ? ": " + [...foreign].join(", ") : ""}`);

await browser.close();
server.close();
console.log(`\n${checks} checks, ${failures.length} failed; screenshots in ${path.relative(process.cwd(), artifacts)}/`);
process.exit(failures.length ? 1 : 0);

#!/usr/bin/env python3
"""Keystroke latency of Folio's search against Pagefind's, in headless Chromium, on the same built pages.

Python 3 standard library, Chromium, and npm for Pagefind. Build the site with Folio first, then:

    python3 benches/keystroke_bench.py --built /tmp/site-out            # Folio's output of the 10k corpus
    python3 benches/keystroke_bench.py --built /tmp/site-out --rounds 3 --skip-pagefind

Pagefind (`npx -y pagefind@latest --site DIR`, the npm package, never committed) indexes the same HTML
Folio wrote, unless `DIR/pagefind/` is there already. One page served over HTTP runs everything in the browser
and posts its measurements back. Each query of the list (English and Hebrew; common words, rare ones from the
corpus' long tail, misspelled ones, several words) is typed one character at a time:

* **Folio, the box** (`ui`): a fresh page of the site in the query's language is opened in an iframe, the
  header box is focused and the query is typed into it, one `input` event per character, each after the last
  one's results are on screen. A keystroke's time runs from just before its `input` event to the box's
  list being replaced with its results (`render`), and to the next frame after that (`frame`, rAF then a
  task: the list laid out and painted). The first keystroke of a fresh page is `cold` (it loads core.js, the
  manifest and the first shards), the rest are `warm`.
* **engine only** (`engine`), for a like-for-like comparison: the time from the query call to its results'
  data, per prefix, on a client opened fresh for each query. Folio: `SearchIndex.search(prefix, {limit: 7})`
  (ranked, with the seven records fetched and their excerpts highlighted, as the box shows); Pagefind:
  `search(prefix)`, then `data()` of its first seven results (Pagefind's excerpts come with `data()`).
  The first prefix of each query is `cold` (module, manifest or wasm, first index chunks), the rest `warm`.
* **bytes**: index data fetched per query (Folio's JSON counted gzip-compressed, as a static host serves it;
  Pagefind's files as they are, compressed already; code — JS and wasm — left out).

Reports medians and p95 per tool and kind, the ratio Folio/Pagefind, and the machine's load (load average and
CPU pressure before and after). Wall time in a browser on a shared machine is noisy: run it several times.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import search_bench  # noqa: E402  (its HTTP server counts the index bytes each query fetches)

# English and Hebrew; common words, rare words of the corpus' long tail (found on one to a few pages),
# misspellings (did-you-mean) and several words. `--queries` replaces them.
QUERIES = [
    ("en", "customer"), ("en", "invoices"), ("en", "payment reminder"), ("en", "export invoices to csv"),
    ("en", "webhook"), ("en", "reconciliation"), ("en", "custmer"), ("en", "invoise"),
    ("he", "חשבונית"), ("he", "ללקוחות"), ("he", "גבייה אוטומטית"), ("he", "הרשאות משתמשים"),
    ("he", "חשבונת"), ("he", "דוח חודשי"),
]

BENCH_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>keystrokes</title></head><body>
<pre id="out">running</pre><script type="module" src="/keystroke-bench.js"></script></body></html>"""

BENCH_JS = r"""
const QUERIES = __QUERIES__, PAGES = __PAGES__, ROUNDS = __ROUNDS__, SKIP_PAGEFIND = __SKIP_PAGEFIND__;
const LIMIT = 7;
const bytes = async () => Number((await (await fetch("/bytes")).text()).split(" ")[0]);
const nextFrame = (win) => new Promise((resolve) => win.requestAnimationFrame(() => setTimeout(resolve, 0)));

function openPage(url) {
  return new Promise((resolve, reject) => {
    const frame = document.createElement("iframe");
    frame.style.width = "1200px"; frame.style.height = "800px";
    frame.onload = () => resolve(frame);
    frame.onerror = reject;
    frame.src = url;
    document.body.append(frame);
  });
}

/** Types `query` into the header box of a fresh page; one row per keystroke. */
async function typeIntoBox(lang, query) {
  const frame = await openPage(PAGES[lang]);
  const win = frame.contentWindow, doc = frame.contentDocument;
  const input = doc.querySelector("form.search-form input[role=combobox]");
  const listbox = doc.querySelector("form.search-form [role=listbox]");
  const status = doc.querySelector("form.search-form .search-status");
  const rows = [];
  await bytes();
  input.focus();
  const chars = [...query];
  for (let n = 1; n <= chars.length; n++) {
    const text = chars.slice(0, n).join("");
    if (text.trim() === "") continue;
    const rendered = new Promise((resolve) => {
      const observer = new win.MutationObserver(() => { observer.disconnect(); resolve(performance.now()); });
      // The list is replaced, then the count written: an answer with no results may leave the (empty) list
      // alone, never the count.
      observer.observe(listbox, { childList: true });
      observer.observe(status, { childList: true, characterData: true, subtree: true });
    });
    const t0 = performance.now();
    input.value = text;
    input.dispatchEvent(new win.Event("input", { bubbles: true }));
    const t1 = await Promise.race([rendered, new Promise((r) => setTimeout(() => r(NaN), 20000))]);
    await nextFrame(win);
    const t2 = performance.now();
    rows.push({ q: text, kind: rows.length === 0 ? "cold" : "warm", render: t1 - t0, frame: t2 - t0,
      shown: listbox.querySelectorAll(".search-option:not(.search-option-all)").length });
    // A reader types a character every 100–200 ms; the next one waits until this one's results are shown.
  }
  const fetched = await bytes();
  frame.remove();
  return { rows, bytes: fetched };
}

/** Runs `query` prefix by prefix on a client opened fresh; one row per prefix. */
async function typeIntoEngine(open, run, query) {
  await bytes();
  const rows = [];
  const chars = [...query];
  let client = null;
  for (let n = 1; n <= chars.length; n++) {
    const text = chars.slice(0, n).join("");
    if (text.trim() === "") continue;
    const t0 = performance.now();
    if (!client) client = await open();
    const shown = await run(client, text);
    rows.push({ q: text, kind: rows.length === 0 ? "cold" : "warm", engine: performance.now() - t0, shown });
  }
  return { rows, bytes: await bytes() };
}

async function main() {
  const result = { folio_ui: [], folio_engine: [], pagefind_engine: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [lang, q] of QUERIES) {
      result.folio_ui.push({ lang, query: q, ...(await typeIntoBox(lang, q)) });
      result.folio_engine.push({ lang, query: q, ...(await typeIntoEngine(
        async () => { const { SearchIndex } = await import("/search/core.js"); return SearchIndex.load("/search/", lang); },
        async (index, text) => (await index.search(text, { limit: LIMIT })).results.length, q)) });
      if (SKIP_PAGEFIND) continue;
      result.pagefind_engine.push({ lang, query: q, ...(await typeIntoEngine(
        async () => {
          // Pagefind searches the index of the page's language (`<html lang>`), one per language.
          document.documentElement.lang = lang;
          const pf = await import("/pagefind/pagefind.js?r=" + Math.random());
          await pf.options({ basePath: "/pagefind/" });
          await pf.init();
          return pf;
        },
        async (pf, text) => {
          const r = await pf.search(text);
          return (await Promise.all(r.results.slice(0, LIMIT).map((x) => x.data()))).length;
        }, q)) });
    }
  }
  return result;
}

const out = document.getElementById("out");
try {
  out.textContent = JSON.stringify(await main());
} catch (e) {
  out.textContent = "ERROR " + e + "\n" + e.stack;
}
await fetch("/result", { method: "POST", body: out.textContent });
"""


def load():
    """The load average and CPU pressure (avg10), for the report."""
    avg = open("/proc/loadavg").read().split()[:3]
    try:
        pressure = open("/proc/pressure/cpu").readline().split()[1].split("=")[1]
    except OSError:
        pressure = "?"
    return f"load {' '.join(avg)}, CPU pressure {pressure} %"


def page_in(out, lang):
    """The address of a content page in `lang` (its `<html lang>`), for the box to search that language."""
    for root, dirs, files in os.walk(out):
        dirs.sort()
        if "index.html" in files and root != out and os.sep + "search" not in root:
            head = open(os.path.join(root, "index.html"), encoding="utf-8").read(400)
            if f'lang="{lang}"' in head and "/kb/" in root + "/":
                return "/" + os.path.relpath(root, out).replace(os.sep, "/") + "/"
    sys.exit(f"no page in language {lang} under {out}")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def summarise(runs, field):
    """Median and p95 of `field` over cold and warm keystrokes, and the median bytes a query fetched."""
    row = {}
    for kind in ("cold", "warm"):
        values = [r[field] for run in runs for r in run["rows"] if r["kind"] == kind and r.get(field) is not None]
        row[kind] = (statistics.median(values) if values else float("nan"), percentile(values, 0.95), len(values))
    row["bytes"] = statistics.median([run["bytes"] for run in runs]) if runs else 0
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--built", required=True, help="a site Folio built (the benchmark page is written into it)")
    parser.add_argument("--rounds", type=int, default=2, help="times each query is typed, per tool")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--skip-pagefind", action="store_true")
    parser.add_argument("--queries", nargs="+", help="queries as lang:text (en:invoice he:חשבונית)")
    parser.add_argument("--json", help="also write every keystroke to this file")
    args = parser.parse_args()
    queries = [tuple(q.split(":", 1)) for q in args.queries] if args.queries else QUERIES
    out = args.built
    if not args.skip_pagefind and not os.path.isdir(os.path.join(out, "pagefind")):
        proc = subprocess.run(["npx", "-y", "pagefind@latest", "--site", out], capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"pagefind failed:\n{proc.stdout}\n{proc.stderr}")
    pages = {lang: page_in(out, lang) for lang in sorted({lang for lang, _ in queries})}
    with open(os.path.join(out, "keystroke-bench.html"), "w") as f:
        f.write(BENCH_PAGE)
    with open(os.path.join(out, "keystroke-bench.js"), "w") as f:
        f.write(BENCH_JS.replace("__QUERIES__", json.dumps(queries, ensure_ascii=False))
                .replace("__PAGES__", json.dumps(pages)).replace("__ROUNDS__", str(args.rounds))
                .replace("__SKIP_PAGEFIND__", "true" if args.skip_pagefind else "false"))
    before = load()
    result = run_browser(out, args.chromium)
    after = load()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"load_before": before, "load_after": after, "pages": pages, **result}, f, ensure_ascii=False, indent=1)
    report(result, before, after)


def run_browser(out, chromium):
    search_bench.QuietHandler.gz = search_bench.gz_sizes(out)
    search_bench.QuietHandler.result = None
    search_bench.QuietHandler.done.clear()
    server = search_bench.serve(out)
    profile = tempfile.mkdtemp(prefix="chromium-")
    url = f"http://127.0.0.1:{server.server_address[1]}/keystroke-bench.html"
    browser = subprocess.Popen(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
         "--window-size=1280,900", url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        search_bench.QuietHandler.done.wait(timeout=1800)
    finally:
        browser.terminate()
        browser.wait(timeout=30)
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    text = search_bench.QuietHandler.result or "no answer from the browser"
    if not text.startswith("{"):
        sys.exit(f"the browser benchmark failed: {text}")
    return json.loads(text)


def report(result, before, after):
    print(f"\nLoad: before {before}; after {after}.\n")
    print("| tool | measure | cold median / p95 (n) | warm median / p95 (n) | index bytes a query (median) |")
    print("|---|---|---:|---:|---:|")
    lines = [("Folio", "box: input → results in the DOM", "folio_ui", "render"),
             ("Folio", "box: input → next frame", "folio_ui", "frame"),
             ("Folio", "engine: query → results data", "folio_engine", "engine"),
             ("Pagefind", "engine: query → results data", "pagefind_engine", "engine")]
    rows = {}
    for tool, what, key, field in lines:
        if not result.get(key):
            continue
        s = rows[(key, field)] = summarise(result[key], field)
        cell = lambda k: f"{s[k][0]:.1f} / {s[k][1]:.1f} ms ({s[k][2]})"  # noqa: E731
        print(f"| {tool} | {what} | {cell('cold')} | {cell('warm')} | {s['bytes'] / 1024:.0f} KB |")
    folio, pagefind = rows.get(("folio_engine", "engine")), rows.get(("pagefind_engine", "engine"))
    if folio and pagefind:
        ratio = lambda k: folio[k][0] / pagefind[k][0]  # noqa: E731
        print(f"| Folio/Pagefind | engine | {ratio('cold'):.2f}× | {ratio('warm'):.2f}× | "
              f"{folio['bytes'] / max(pagefind['bytes'], 1):.2f}× |")
    print("\n| query | Folio box warm median | Folio engine warm median | Pagefind engine warm median |")
    print("|---|---:|---:|---:|")
    queries = list(dict.fromkeys(run["query"] for run in result["folio_ui"]))
    for q in queries:
        def med(key, field):
            values = [r[field] for run in result.get(key, []) if run["query"] == q for r in run["rows"]
                      if r["kind"] == "warm" and r.get(field) is not None]
            return f"{statistics.median(values):.1f} ms" if values else "–"
        print(f"| {q} | {med('folio_ui', 'render')} | {med('folio_engine', 'engine')} | {med('pagefind_engine', 'engine')} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Folio search vs Pagefind: index build time and size, bytes fetched for a first query, query latency.

Python 3 standard library, Node/npm and Chromium. Run from the repository root after `cargo build --release`:

    python3 benches/search_bench.py                  # sizes 1000 and 10000
    python3 benches/search_bench.py --sizes 1000 --runs 3

For every size N the site generator of benches/serve_latency.py writes the same N-page Hebrew/English site.
Folio builds it (its search index is a stage of the build; `--timings` reports it). Pagefind (npm `pagefind`,
installed into a temporary folder at run time, never committed) then indexes the same built HTML.

* index: Folio's "search index" stage time (median of --runs builds) and Pagefind's whole run (median of
  --runs); the size of each index on disk, raw and gzip-compressed (Pagefind's files are compressed already).
* queries: one page served over HTTP loads both clients in headless Chromium and, for each query, starts from
  a fresh client, then records the index bytes the first query fetched (counted by the benchmark's HTTP
  server; Folio's JSON counted gzip-compressed, as any static host serves it, Pagefind's files as they are,
  already compressed; the clients' own code — Folio's JS, Pagefind's JS and WebAssembly — is left out and
  reported apart) and the latency of that first query; then
  typing latency: the same query typed letter by letter on the warm client, the median time per keystroke.
  Both tools return the top 5 results with their excerpts (Folio: `search(q, {limit: 5})`; Pagefind:
  `search(q)` then `data()` of the first 5).
* results page: Folio's own `/search/?q=` page opened fresh (in an iframe) for each query, until its first
  results are on screen: the index bytes (gzip) and requests it made, and the time it took; Pagefind's
  `search(q)` then `data()` of the first 10 results (its page shows them one fragment each).

`--site DIR` benchmarks an existing Folio site (for example one written by the `corpus` branch's generator)
instead of generating one; `--queries` replaces the query list; `--skip-pagefind` measures Folio alone (to
compare two Folio binaries, run once per binary with `--folio`).
"""

import argparse
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import serve_latency  # noqa: E402  (the shared site generator)

DEFAULT_FOLIO = os.path.join(REPO, "target", "release", "folio")
LANG = "he"
# A Hebrew word, one with prefix and plural, two-word queries, English words (`customer` is on thousands of
# pages at 10k) and a rare word (a title's number, on one page).
QUERIES = ["חשבונית", "ללקוחות", "גבייה אוטומטית", "הרשאות", "webhook", "invoices", "דוח חודשי", "customer",
           "777"]


def run(cmd, **kw):
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc, elapsed


def folder_size(path, compress):
    raw = packed = 0
    for root, _, files in os.walk(path):
        for name in files:
            # Code is reported apart from the index (client_code_bytes).
            if name.endswith((".js", ".css", ".html")) or name.startswith("wasm."):
                continue
            data = open(os.path.join(root, name), "rb").read()
            raw += len(data)
            packed += len(gzip.compress(data, 6)) if compress else len(data)
    return raw, packed


def build_folio(folio, root, out, runs):
    stage = []
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        proc, _ = run([folio, "build", "--root", root, "--output", out, "--timings"])
        match = re.search(r"search index ([\d.]+) ms", proc.stdout + proc.stderr)
        if not match:
            sys.exit(f"no search index timing in:\n{proc.stdout}{proc.stderr}")
        stage.append(float(match.group(1)))
    return statistics.median(stage)


def install_pagefind(tmp):
    prefix = os.path.join(tmp, "pagefind-npm")
    run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", prefix, "pagefind@1"])
    return os.path.join(prefix, "node_modules", ".bin", "pagefind")


def build_pagefind(pagefind, out, runs):
    times = []
    for _ in range(runs):
        shutil.rmtree(os.path.join(out, "pagefind"), ignore_errors=True)
        _, elapsed = run([pagefind, "--site", out])
        times.append(elapsed * 1000)
    return statistics.median(times)


BENCH_PAGE = """<!DOCTYPE html><html lang="he"><head><meta charset="utf-8"><title>bench</title></head><body>
<pre id="out">running</pre>
<script type="module" src="/search-bench.js"></script></body></html>"""

BENCH_JS = r"""
const QUERIES = __QUERIES__;
const servedBytes = async () => Number((await (await fetch("/bytes")).text()).split(" ")[0]);
const served = async () => (await (await fetch("/bytes")).text()).split(" ").map(Number);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

async function measure(name, open, query) {
  const first = [], bytes = [], keystrokes = [], counts = [];
  for (const q of QUERIES) {
    await servedBytes();
    const t0 = performance.now();
    const client = await open();
    const answer = await query(client, q);
    first.push(performance.now() - t0);
    bytes.push(await servedBytes());
    counts.push(answer);
    for (let n = 1; n <= q.length; n++) {
      const t = performance.now();
      await query(client, q.slice(0, n));
      keystrokes.push(performance.now() - t);
    }
  }
  return { name, first_query_ms: median(first), first_query_bytes: median(bytes), max_first_query_bytes: Math.max(...bytes),
    keystroke_ms: median(keystrokes), keystroke_p95_ms: [...keystrokes].sort((a, b) => a - b)[Math.floor(keystrokes.length * 0.95)], results: counts };
}

/** Opens Folio's results page for `q` in a fresh iframe; resolves when its first results are on screen. */
function resultsPage(q) {
  return new Promise((resolve, reject) => {
    const frame = document.createElement("iframe");
    frame.src = "/search/?q=" + encodeURIComponent(q);
    const started = performance.now();
    const poll = () => {
      const doc = frame.contentDocument;
      const count = doc && doc.querySelector("#search-count");
      const loading = doc && doc.querySelector("form.search-form")?.dataset.tLoading;
      // The count is written with the results (or "no results"): the first answer is on screen.
      const answered = count && count.textContent !== "" && count.textContent !== loading;
      const shown = answered && doc.querySelectorAll("#search-results .search-result").length;
      if (answered) { const ms = performance.now() - started; frame.remove(); resolve({ ms, shown }); }
      else if (performance.now() - started > 20000) reject(new Error("no results page for " + q));
      else setTimeout(poll, 2);
    };
    document.body.append(frame);
    poll();
  });
}

async function measurePage(name, open) {
  const rows = [];
  for (const q of QUERIES) {
    await served();
    const r = await open(q);
    const [bytes, requests] = await served();
    rows.push({ q, ms: r.ms, shown: r.shown, bytes, requests });
  }
  return { name, page_ms: median(rows.map((r) => r.ms)), page_bytes: median(rows.map((r) => r.bytes)),
    max_page_bytes: Math.max(...rows.map((r) => r.bytes)), page_requests: median(rows.map((r) => r.requests)), rows };
}

const out = document.getElementById("out");
try {
  const folio = await measure("folio", async () => {
    const { SearchIndex } = await import("/search/core.js");
    return SearchIndex.load("/search/", __LANG__);
  }, async (index, q) => (await index.search(q, { limit: 5 })).total);
  folio.page = await measurePage("folio", resultsPage);
  if (__SKIP_PAGEFIND__) { out.textContent = JSON.stringify({ folio }); throw null; }
  const pagefind = await measure("pagefind", async () => {
    const pf = await import("/pagefind/pagefind.js?r=" + Math.random());
    await pf.options({ basePath: "/pagefind/" });
    await pf.init();
    return pf;
  }, async (pf, q) => { const r = await pf.search(q); await Promise.all(r.results.slice(0, 5).map((x) => x.data())); return r.results.length; });
  pagefind.page = await measurePage("pagefind", async (q) => {
    const t0 = performance.now();
    const pf = await import("/pagefind/pagefind.js?r=" + Math.random());
    await pf.options({ basePath: "/pagefind/" });
    await pf.init();
    const r = await pf.search(q);
    const shown = (await Promise.all(r.results.slice(0, 10).map((x) => x.data()))).length;
    return { ms: performance.now() - t0, shown };
  });
  out.textContent = JSON.stringify({ folio, pagefind });
} catch (e) {
  if (e !== null) out.textContent = "ERROR " + e + "\n" + e.stack;
}
await fetch("/result", { method: "POST", body: out.textContent });
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; the benchmark page POSTs its measurements to /result."""

    result = None
    done = threading.Event()
    served = 0
    requests = 0
    gz = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/bytes":
            body = f"{QuietHandler.served} {QuietHandler.requests}".encode()
            QuietHandler.served = 0
            QuietHandler.requests = 0
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        # Index data only: the clients' code (Folio's JS, Pagefind's JS and wasm) is reported apart.
        is_code = path.endswith((".js", ".css", ".html")) or "/wasm." in path
        if (path.startswith("/search/") or path.startswith("/pagefind/")) and not is_code:
            file = self.translate_path(path)
            if os.path.isfile(file):
                QuietHandler.served += QuietHandler.gz.get(path, os.path.getsize(file))
                QuietHandler.requests += 1
        super().do_GET()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8")
        QuietHandler.result = body
        self.send_response(204)
        self.end_headers()
        QuietHandler.done.set()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def serve(folder):
    handler = lambda *a, **kw: QuietHandler(*a, directory=folder, **kw)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def gz_sizes(out):
    sizes = {}
    search = os.path.join(out, "search")
    for root, _, files in os.walk(search):
        for name in files:
            if name.endswith(".json"):
                path = os.path.join(root, name)
                sizes["/" + os.path.relpath(path, out)] = len(gzip.compress(open(path, "rb").read(), 6))
    return sizes


def client_code_bytes(out):
    """The clients' code, gzip-compressed: Folio's search/*.js, Pagefind's pagefind*.js and wasm."""
    sizes = {}
    for tool, folder, keep in (("folio", "search", (".js",)), ("pagefind", "pagefind", (".js", ".pagefind"))):
        total = 0
        for name in os.listdir(os.path.join(out, folder)):
            path = os.path.join(out, folder, name)
            if os.path.isfile(path) and name.endswith(keep) and "ui" not in name and "highlight" not in name:
                data = open(path, "rb").read()
                total += len(data) if name.endswith(".pagefind") else len(gzip.compress(data, 6))
        sizes[tool] = total
    return sizes


def browser_queries(out, chromium, skip_pagefind=False):
    with open(os.path.join(out, "search-bench.html"), "w") as f:
        f.write(BENCH_PAGE)
    with open(os.path.join(out, "search-bench.js"), "w") as f:
        f.write(BENCH_JS.replace("__QUERIES__", json.dumps(QUERIES, ensure_ascii=False))
                .replace("__SKIP_PAGEFIND__", "true" if skip_pagefind else "false")
                .replace("__LANG__", json.dumps(LANG)))
    QuietHandler.gz = gz_sizes(out)
    QuietHandler.result = None
    QuietHandler.done.clear()
    server = serve(out)
    profile = tempfile.mkdtemp(prefix="chromium-")
    url = f"http://127.0.0.1:{server.server_address[1]}/search-bench.html"
    browser = subprocess.Popen(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        QuietHandler.done.wait(timeout=900)
    finally:
        browser.terminate()
        browser.wait(timeout=30)
        server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    text = QuietHandler.result or "no answer from the browser"
    if not text.startswith("{"):
        sys.exit(f"the browser benchmark failed: {text}")
    return json.loads(text)


def main():
    global QUERIES, LANG
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", choices=serve_latency.CORPORA, default="realistic",
                        help="realistic: benches/corpus.py (default); simple: the original small-vocabulary site")
    parser.add_argument("--folio", default=DEFAULT_FOLIO)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--site", help="an existing Folio site to benchmark instead of generated ones")
    parser.add_argument("--queries", nargs="+", help="queries to measure instead of the default list")
    parser.add_argument("--skip-pagefind", action="store_true", help="measure Folio alone")
    parser.add_argument("--built", help="a site Folio already built: measure its index without building")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--lang", default="he", help="the index the API queries search (the results page searches the site language)")
    args = parser.parse_args()
    if not os.path.exists(args.folio):
        sys.exit(f"{args.folio} not found: run `cargo build --release` first")
    if args.queries:
        QUERIES = args.queries
    LANG = args.lang
    rows = []
    with tempfile.TemporaryDirectory(prefix="folio-search-bench-") as tmp:
        pagefind = None if args.skip_pagefind else install_pagefind(tmp)
        sites = [(args.site, "site")] if args.site or args.built else [(None, n) for n in args.sizes]
        for given, n in sites:
            out = os.path.join(tmp, f"out-{n}")
            if args.built:
                # Measured in place: the benchmark page is written into the folder.
                out = args.built
                folio_ms = float("nan")
            else:
                root = given or serve_latency.generate(tmp, n, args.corpus)[0]
                folio_ms = build_folio(args.folio, root, out, args.runs)
            row = {"pages": n, "folio_index_ms": folio_ms,
                   "folio_index_bytes": folder_size(os.path.join(out, "search"), compress=True),
                   "folio_index_files": sum(len(f) for _, _, f in os.walk(os.path.join(out, "search")))}
            if pagefind:
                row["pagefind_index_ms"] = build_pagefind(pagefind, out, args.runs)
                row["pagefind_index_bytes"] = folder_size(os.path.join(out, "pagefind"), compress=False)
                row["pagefind_index_files"] = sum(len(f) for _, _, f in os.walk(os.path.join(out, "pagefind")))
            row.update(browser_queries(out, args.chromium, skip_pagefind=not pagefind))
            row["client_code_bytes"] = client_code_bytes(out) if pagefind else {}
            rows.append(row)
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, ensure_ascii=False, indent=1)
    report(rows)


def report(rows):
    kb = lambda b: f"{b / 1024:.0f} KB"  # noqa: E731
    print("\n| pages | tool | index build | index size (raw / gzip), files | first query: index bytes (median / max) | first query | keystroke median / p95 |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        for tool in ("folio", "pagefind"):
            if tool not in r:
                continue
            q = r[tool]
            raw, packed = r[f"{tool}_index_bytes"]
            print(f"| {r['pages']} | {tool} | {r[f'{tool}_index_ms']:.0f} ms | {kb(raw)} / {kb(packed)}, {r[f'{tool}_index_files']} "
                  f"| {kb(q['first_query_bytes'])} / {kb(q['max_first_query_bytes'])} | {q['first_query_ms']:.0f} ms "
                  f"| {q['keystroke_ms']:.1f} / {q['keystroke_p95_ms']:.1f} ms |")
    print("\n| pages | tool | query | results page: index bytes (gzip) | requests | time to first results |")
    print("|---:|---|---|---:|---:|---:|")
    for r in rows:
        for tool in ("folio", "pagefind"):
            for q in r.get(tool, {}).get("page", {}).get("rows", []):
                print(f"| {r['pages']} | {tool} | {q['q']} | {kb(q['bytes'])} | {q['requests']} | {q['ms']:.0f} ms |")


if __name__ == "__main__":
    main()

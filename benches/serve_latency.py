#!/usr/bin/env python3
"""Folio vs Hugo: full build time, peak memory, and edit -> live-reload latency of the dev server.

Python 3 standard library only. Run from the repository root after `cargo build --release`:

    python3 benches/serve_latency.py                       # sizes 1000 and 10000
    python3 benches/serve_latency.py --sizes 1000 --runs 7 --skip-hugo

For every size N it generates one site of N content pages (blog posts and knowledge-base articles,
Hebrew and English text, code blocks, internal links) twice, into a temporary folder: once as a
Folio site and once as an equivalent Hugo site (same Markdown, tiny layouts). Then, per tool:

* build: the full build (`folio build --output`, `hugo --destination`), `--build-runs` times
  (default 5), each into an emptied folder on /dev/shm (tmpfs; see --build-out); median wall time
  and median peak RSS of the build process (from wait4's rusage, i.e. what `/usr/bin/time -f %M`
  prints);
* serve: starts the dev server, waits until it is ready, opens the page being edited (so that Hugo's
  "fast render" treats it as visited, as a browser would), and `--runs` times (default 11, the first
  is discarded as warm-up) edits one post and measures the time from just before the write to the
  arrival of the reload event: `event: reload` on Folio's SSE stream /__folio/events, a
  `{"command":"reload"}` message on Hugo's livereload websocket /livereload. Two kinds of edit:
  `body` appends a line to the post's body, `title` changes its front-matter title (which changes the
  blog list, the home page and the author page too).

Before each edit the server must have been silent for max(--quiet, 1.5 x the slowest edit so far),
so a rebuild still running can never answer for the next edit. `--write-mode plain` saves in place
(open with truncation, write, close); `atomic` writes a hidden temp file and renames it over.

Servers are always stopped (finally/atexit/signal handlers); nothing is left running.
"""

import argparse
import atexit
import base64
import hashlib
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # benches/corpus.py

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_FOLIO = os.path.join(REPO, "target", "release", "folio")

# ---------------------------------------------------------------------------------------------
# Site generation
# ---------------------------------------------------------------------------------------------

HE_SENTENCES = [
    "כשהתחלנו לבנות את המערכת, ידענו שעסקים קטנים צריכים כלי אחד ולא עשרה.",
    "הלקוחות שלנו מנהלים את הקשר עם הלקוח, את החשבוניות ואת הגבייה במקום אחד.",
    "בשנה האחרונה הכפלנו את מספר המשתמשים הפעילים, ובעיקר למדנו להקשיב.",
    "כל שינוי במסך ההגדרות נשמר מיד, ואין צורך ללחוץ על כפתור נוסף.",
    "אם החשבונית כבר נשלחה ללקוח, אי אפשר למחוק אותה; מפיקים במקומה חשבונית זיכוי.",
    "הצוות שלנו עובד מתל אביב, מחיפה ומבאר שבע, ונפגש פעם בשבוע במשרד.",
    "רואי החשבון ביקשו ממשק API פתוח, ולכן פרסמנו את התיעוד המלא באתר.",
    "הדוח החודשי מציג את ההכנסות לפי לקוח, לפי מוצר ולפי אמצעי תשלום.",
    "חשוב לבדוק את פרטי הבנק לפני שמפעילים גבייה אוטומטית בהוראת קבע.",
    "המעבר מגיליון אקסל למערכת מסודרת לוקח בדרך כלל פחות משעה.",
    "אנחנו מאמינים שתוכנה טובה צריכה להרגיש פשוטה גם כשהיא עושה הרבה.",
    "לכל משתמש יש הרשאות משלו, כך שהמזכירה לא רואה את דוחות השכר.",
    "בגרסה הבאה נוסיף תמיכה בקבלות דיגיטליות ובחתימה אלקטרונית.",
    "ההמלצה שלנו: להתחיל עם תבנית ברירת המחדל ולשנות אותה רק אחרי חודש.",
    "שאלות נפוצות על מע\"מ, על דיווח דו-חודשי ועל עוסק פטור מופיעות במרכז הידע.",
    "הלקוחה הראשונה שלנו הייתה סטודיו לפילאטיס בקריית ביאליק.",
]
EN_SENTENCES = [
    "We built the invoicing module around one idea: an invoice, once sent, is never edited.",
    "The webhook payload includes the customer id, the document number and a signature header.",
    "Most teams import their customers from a CSV file exported from their old system.",
    "Rate limits apply per API key: 600 requests a minute, with short bursts allowed.",
    "Our mobile app works offline and syncs as soon as the connection comes back.",
    "Finance teams asked for a monthly export, so we added one in the reports screen.",
    "Every change in the settings screen is saved immediately and logged for audit.",
    "If a payment fails three times, the customer gets an email with a link to update the card.",
    "We publish a changelog every two weeks, with the reasons behind each change.",
    "The search index is rebuilt every night and after every bulk import.",
]
HE_HEADINGS = ["מה השתנה", "איך זה עובד", "לפני שמתחילים", "שאלות נפוצות", "הצעדים הבאים",
               "מה למדנו", "הגדרות מתקדמות", "פתרון תקלות", "דוגמה מלאה", "סיכום"]
EN_HEADINGS = ["Overview", "How it works", "Before you start", "Troubleshooting", "Next steps",
               "Limits", "A complete example", "What we learned"]
HE_TITLE_WORDS = ["חשבוניות", "גבייה", "לקוחות", "דוחות", "הרשאות", "ייבוא", "מע\"מ", "קבלות",
                  "אפליקציה", "צוות", "אוטומציה", "תשלומים", "הצעות מחיר", "ספקים", "מלאי", "יומן"]
EN_TITLE_WORDS = ["Invoices", "Webhooks", "API keys", "Payments", "Reports", "Imports", "Teams",
                  "Mobile", "Exports", "Search", "Receipts", "Reminders"]
TAGS = ["חשבוניות", "גבייה", "מוצר", "חברה", "מנהיגות", "API", "אבטחה", "עסקים קטנים", "מובייל",
        "דוחות", "release", "engineering", "customers", "pricing", "הנהלת חשבונות", "אינטגרציות"]
CODE_BLOCKS = [
    ("python", "import requests\n\nresp = requests.post(\n    \"https://api.example.com/v2/invoices\",\n"
               "    headers={\"Authorization\": f\"Bearer {API_KEY}\"},\n    json={\"customer\": 42, \"lines\": []},\n)\n"
               "resp.raise_for_status()\nprint(resp.json()[\"number\"])"),
    ("bash", "curl -sS https://api.example.com/v2/customers \\\n  -H \"Authorization: Bearer $API_KEY\" \\\n"
             "  | jq '.items[] | {id, name}'"),
    ("json", "{\n  \"event\": \"invoice.paid\",\n  \"data\": { \"id\": 1042, \"total\": 1170.00, \"currency\": \"ILS\" }\n}"),
    ("yaml", "webhooks:\n  - url: https://hooks.example.com/folio\n    events: [invoice.created, invoice.paid]\n    secret: ${WEBHOOK_SECRET}"),
    ("rust", "fn vat(total: f64, rate: f64) -> f64 {\n    (total * rate * 100.0).round() / 100.0\n}\n\n"
             "fn main() {\n    println!(\"{}\", vat(1000.0, 0.17));\n}"),
]
AUTHORS = [("noa", "נועה כהן", "מנכ\"לית ומייסדת"), ("itay", "איתי לוי", "CTO"),
           ("dana", "דנה מזרחי", "סמנכ\"לית מוצר"), ("yossi", "יוסי אברהם", "מנהל הצלחת לקוחות"),
           ("miriam", "מרים שלום", "Head of Finance")]
CATEGORIES = 20
POST_SHARE = 0.4  # 40% blog posts, 60% knowledge-base articles


def q(text):
    """A single-quoted YAML scalar (Hebrew uses `"` inside words: מע"מ, מנכ"לית)."""
    return "'" + text.replace("'", "''") + "'"


class Page:
    def __init__(self, kind, rel, title, date, author, tags, body, description):
        self.kind, self.rel, self.title, self.date = kind, rel, title, date
        self.author, self.tags, self.body, self.description = author, tags, body, description

    def front_matter(self, title=None):
        lines = ["---", f"title: {q(title or self.title)}", f"description: {q(self.description)}",
                 f"date: {self.date}"]
        if self.author:
            lines.append(f"author: {self.author}")
        lines.append("tags: [" + ", ".join(q(t) for t in self.tags) + "]")
        lines.append("---")
        return "\n".join(lines) + "\n"

    def text(self, title=None, extra=""):
        return self.front_matter(title) + "\n" + self.body + extra


def make_pages(n, seed=1):
    """N content pages: posts in blog/, articles in CATEGORIES kb categories. Deterministic."""
    rng = random.Random(seed)
    n_posts = int(n * POST_SHARE)
    pages = []
    for i in range(n_posts):
        date = fake_date(i)  # post 0 is the newest; one post a day backwards from 2026-06-30
        pages.append(("post", f"blog/post-{i:05d}.md", date))
    for j in range(n - n_posts):
        cat = j % CATEGORIES
        pages.append(("article", f"kb/cat-{cat:02d}/article-{j:05d}.md", fake_date(j % 900 + 30)))
    out = []
    for idx, (kind, rel, date) in enumerate(pages):
        english = rng.random() < 0.25
        words = EN_TITLE_WORDS if english else HE_TITLE_WORDS
        title = " ".join(rng.sample(words, 2)) + f" {idx}"
        description = rng.choice(EN_SENTENCES if english else HE_SENTENCES)
        author = rng.choice(AUTHORS)[0] if kind == "post" else None
        tags = rng.sample(TAGS, rng.randint(1, 3))
        body = make_body(rng, idx, english, pages)
        out.append(Page(kind, rel, title, date, author, tags, body, description))
    return out


def fake_date(days_back):
    """2026-06-30 minus `days_back` days, without datetime arithmetic surprises."""
    import datetime
    return (datetime.date(2026, 6, 30) - datetime.timedelta(days=days_back)).isoformat()


def make_body(rng, idx, english, pages):
    main, other = (EN_SENTENCES, HE_SENTENCES) if english else (HE_SENTENCES, EN_SENTENCES)
    headings = EN_HEADINGS if english else HE_HEADINGS
    parts = [" ".join(rng.sample(main, 3))]
    for h in rng.sample(headings, rng.randint(2, 4)):
        parts.append(f"## {h}")
        parts.append(" ".join(rng.sample(main, rng.randint(2, 4))) + " " + rng.choice(other))
        if rng.random() < 0.4:
            parts.append("\n".join(f"- {s}" for s in rng.sample(main, 3)))
        parts.append(" ".join(rng.sample(main, 2)))
    if idx % 4 == 0:  # a fenced, highlighted code block in a quarter of the pages
        lang, code = CODE_BLOCKS[idx % len(CODE_BLOCKS)]
        parts.append(f"```{lang}\n{code}\n```")
    if idx % 3 == 0:  # internal links, by file, in a third of the pages
        for target in rng.sample(pages, 2):
            label = "קראו גם" if not english else "See also"
            parts.append(f"{label}: [{target[1].rsplit('/', 1)[1][:-3]}](@/{target[1]}).")
    return "\n\n".join(parts) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_content(content, pages):
    """The Markdown shared by both sites (identical bytes)."""
    write(os.path.join(content, "_index.md"),
          '---\ntitle: "מחברת — בלוג ומרכז ידע"\n---\n\nהבלוג של ההנהלה ומרכז הידע של מחברת.\n')
    write(os.path.join(content, "blog", "_index.md"), '---\ntitle: "בלוג ההנהלה"\n---\n')
    write(os.path.join(content, "kb", "_index.md"), '---\ntitle: "מרכז ידע"\n---\n')
    write(os.path.join(content, "authors", "_index.md"), '---\ntitle: "הכותבים"\n---\n')
    for c in range(CATEGORIES):
        write(os.path.join(content, "kb", f"cat-{c:02d}", "_index.md"),
              f"---\ntitle: {q(HE_TITLE_WORDS[c % len(HE_TITLE_WORDS)] + ' ' + str(c))}\n"
              f"description: {q(HE_SENTENCES[c % len(HE_SENTENCES)])}\nweight: {c}\n---\n")
    for aid, name, role in AUTHORS:
        write(os.path.join(content, "authors", f"{aid}.md"),
              f"---\nname: {q(name)}\nrole: {q(role)}\n---\n\n{HE_SENTENCES[len(aid)]} {EN_SENTENCES[len(aid)]}\n")
    for p in pages:
        write(os.path.join(content, p.rel), p.text())


FOLIO_SITE_YAML = """title: מחברת — בלוג ומרכז ידע
description: CRM וחשבוניות לעסקים קטנים.
base_url: https://example.com
language: he
author: noa
menus:
  main:
    - { name: בלוג, url: "@/blog/_index.md" }
    - { name: מרכז ידע, url: "@/kb/_index.md" }
"""

HUGO_TOML = """baseURL = "https://example.com/"
languageCode = "he"
defaultContentLanguage = "he"
title = "מחברת — בלוג ומרכז ידע"
buildFuture = true
# Folio makes no tag pages, feeds, sitemap or robots.txt: neither does Hugo here.
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[params]
description = "CRM וחשבוניות לעסקים קטנים."
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

# Tiny layouts, close in what they compute to Folio's default theme (not in looks): every page
# has a header menu, a post shows byline, date, tags, table of contents and the author box; the
# blog list shows every post as a card (title, description, authors, date); the kb shows its
# categories, a category its articles; the home page the 5 newest posts and the kb categories; an
# author page the author's posts. `@/path.md` links are resolved (and checked) by a link hook.
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="he" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/blog/" | relURL }}">בלוג</a> <a href="{{ "/kb/" | relURL }}">מרכז ידע</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
""",
    "partials/card.html": """<article class="card">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{- with .Description }}<p>{{ . }}</p>{{ end }}
{{- if eq .Section "blog" }}{{ with .Params.author }}{{ with site.GetPage (printf "/authors/%s" .) }}<p>מאת {{ .Params.name }}</p>{{ end }}{{ end }}{{ end }}
{{- if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ end }}
</article>
""",
    "_default/single.html": """{{ define "main" }}
<article>
{{- if eq .Section "kb" }}{{ with .Parent }}<p class="eyebrow"><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}
<h1>{{ .Title }}</h1>
{{- with .Description }}<p class="lede">{{ . }}</p>{{ end }}
{{- $author := "" }}{{ with .Params.author }}{{ $author = site.GetPage (printf "/authors/%s" .) }}{{ end }}
{{- with $author }}<p>מאת <a href="{{ .RelPermalink }}">{{ .Params.name }}</a></p>{{ end }}
{{- if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ end }}
{{- with .Params.tags }}<ul class="tags">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
<nav class="toc">{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
{{- with $author }}<section class="author-box"><h2><a href="{{ .RelPermalink }}">על {{ .Params.name }}</a></h2>{{ .Content }}</section>{{ end }}
</article>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- with .Sections }}<section><h2>קטגוריות</h2>{{ range . }}<article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>{{ with .Description }}<p>{{ . }}</p>{{ end }}<p>{{ len .Pages }}</p></article>{{ end }}</section>{{ end }}
{{- with .Pages }}<ul>{{ range . }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul>{{ end }}
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<section><h2>פוסטים אחרונים</h2><ul>{{ range first 5 (where site.RegularPages "Section" "blog").ByDate.Reverse }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul></section>
{{- with site.GetPage "/kb" }}<section><h2>מרכז ידע</h2>{{ range .Sections }}<article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>{{ with .Description }}<p>{{ . }}</p>{{ end }}</article>{{ end }}</section>{{ end }}
{{ end }}
""",
    "authors/single.html": """{{ define "main" }}
<h1>{{ .Params.name }}</h1>
<p>{{ .Params.role }}</p>
{{ .Content }}
{{- $id := .File.ContentBaseName }}
<ul>{{ range where (where site.RegularPages "Section" "blog") "Params.author" $id }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul>
{{ end }}
""",
    "_default/_markup/render-link.html": """{{- $dest := .Destination -}}
{{- if hasPrefix $dest "@/" -}}
{{- with site.GetPage (strings.TrimPrefix "@" $dest) -}}{{- $dest = .RelPermalink -}}
{{- else -}}{{- errorf "%s: link to a missing page %s" $.Page.File.Path $dest -}}{{- end -}}
{{- end -}}
<a href="{{ $dest | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>""",
    "404.html": """{{ define "main" }}<h1>404</h1>{{ end }}
""",
}


CORPORA = ("realistic", "simple")


def generate(base, n, corpus="realistic", seed=1):
    """Writes base/folio-N and base/hugo-N; returns (folio_root, hugo_root, pages).

    `realistic` is issue 13's corpus (benches/corpus.py: ~1,000 words a page, a Zipf long tail of about
    111,000 distinct words at 10k pages, 20 % Hebrew, posts, articles, guides and products); `simple` is
    this script's original small-vocabulary site (~350 words a page, 75 % Hebrew), kept so that the
    tables in benches/README.md dated before 2026-11-28 can be reproduced."""
    if corpus == "realistic":
        import corpus as realistic  # benches/corpus.py, next to this file
        folio_root, hugo_root = os.path.join(base, f"folio-{n}"), os.path.join(base, f"hugo-{n}")
        made = realistic.generate(folio_root, n, hugo_root, seed)
        print(f"[{n}] corpus: {realistic.describe(made.stats)}", flush=True)
        return folio_root, hugo_root, made.pages
    pages = make_pages(n, seed)
    folio_root = os.path.join(base, f"folio-{n}")
    hugo_root = os.path.join(base, f"hugo-{n}")
    write(os.path.join(folio_root, "site.yaml"), FOLIO_SITE_YAML)
    write_content(os.path.join(folio_root, "content"), pages)
    write(os.path.join(hugo_root, "hugo.toml"), HUGO_TOML)
    for rel, text in HUGO_LAYOUTS.items():
        write(os.path.join(hugo_root, "layouts", rel), text)
    write_content(os.path.join(hugo_root, "content"), pages)
    return folio_root, hugo_root, pages


# ---------------------------------------------------------------------------------------------
# Process handling
# ---------------------------------------------------------------------------------------------

LIVE = set()  # running server processes


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    LIVE.discard(proc)


def stop_all(*_):
    for proc in list(LIVE):
        stop(proc)


def on_signal(signum, _frame):
    stop_all()
    sys.exit(128 + signum)


def timed_run(cmd, stdout_path):
    """Runs cmd to completion; (exit code, wall seconds, peak RSS in MiB) from wait4's rusage."""
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, wall, usage.ru_maxrss / 1024.0


def output_stats(out_dir):
    html, size = 0, 0
    for dirpath, _, files in os.walk(out_dir):
        for f in files:
            size += os.path.getsize(os.path.join(dirpath, f))
            html += f.endswith(".html")
    return html, size / 1e6


def bench_build(name, cmd_for, out_dir, runs, logdir):
    walls, rss = [], []
    for i in range(runs):
        shutil.rmtree(out_dir, ignore_errors=True)
        os.sync()  # the previous run's write-back must not be charged to this one
        log = os.path.join(logdir, f"{name}-build-{i}.log")
        code, wall, peak = timed_run(cmd_for(out_dir), log)
        if code != 0:
            sys.stdout.write(open(log, encoding="utf-8", errors="replace").read()[-4000:])
            raise SystemExit(f"{name}: build failed with exit code {code} (log: {log})")
        walls.append(wall)
        rss.append(peak)
    html, mb = output_stats(out_dir)
    return {"build_s": statistics.median(walls), "build_all": walls, "rss_mb": statistics.median(rss),
            "rss_all": rss, "html": html, "out_mb": mb}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LogReader:
    """Collects a server's output lines with their arrival time."""

    def __init__(self, proc, path):
        self.lines = []  # (perf_counter, line)
        self.cond = threading.Condition()
        self.file = open(path, "w", encoding="utf-8")
        self.thread = threading.Thread(target=self._run, args=(proc.stdout,), daemon=True)
        self.thread.start()

    def _run(self, stream):
        for raw in iter(stream.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.file.write(line + "\n")
            self.file.flush()
            with self.cond:
                self.lines.append((time.perf_counter(), line))
                self.cond.notify_all()

    def wait_for(self, pattern, timeout, proc=None):
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            seen = 0
            while True:
                for _, line in self.lines[seen:]:
                    m = rx.search(line)
                    if m:
                        return m
                seen = len(self.lines)
                if proc is not None and proc.poll() is not None:
                    raise RuntimeError(f"server exited with code {proc.returncode}:\n" +
                                       "\n".join(l for _, l in self.lines[-30:]))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no line matching {pattern!r} within {timeout} s")
                self.cond.wait(min(left, 0.5))

    def between(self, t0, t1):
        with self.cond:
            return [l for t, l in self.lines if t0 <= t < t1]


# ---------------------------------------------------------------------------------------------
# Reload-event clients
# ---------------------------------------------------------------------------------------------

class SSEClient:
    """Folio's /__folio/events: yields event names (`hello`, `reload`, `css`). Reads the stream
    whether it is sent plain or with `Transfer-Encoding: chunked`."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=600)
        self.sock.sendall(f"GET /__folio/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                          "Accept: text/event-stream\r\n\r\n".encode())
        raw = b""
        while b"\r\n\r\n" not in raw:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("event stream closed before its headers")
            raw += chunk
        head, raw = raw.split(b"\r\n\r\n", 1)
        if b" 200 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"event stream answered {head[:80]!r}")
        self.chunked = b"transfer-encoding: chunked" in head.lower()
        self.raw = b""  # undecoded bytes (chunked framing)
        self.text = b""  # the event stream itself
        self._feed(raw)

    def _feed(self, data):
        if not self.chunked:
            self.text += data.replace(b"\r\n", b"\n")
            return
        self.raw += data
        while True:
            line_end = self.raw.find(b"\r\n")
            if line_end < 0:
                return
            size = int(self.raw[:line_end].split(b";")[0] or b"0", 16)
            if size == 0:
                raise ConnectionError("event stream ended")
            if len(self.raw) < line_end + 2 + size + 2:
                return
            self.text += self.raw[line_end + 2:line_end + 2 + size].replace(b"\r\n", b"\n")
            self.raw = self.raw[line_end + 2 + size + 2:]

    def next_event(self, timeout):
        """The next event's name, or None after `timeout` seconds without one."""
        deadline = time.monotonic() + timeout
        while True:
            while b"\n\n" in self.text:
                block, self.text = self.text.split(b"\n\n", 1)
                for line in block.split(b"\n"):
                    if line.startswith(b"event:"):
                        return line[6:].strip().decode()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                raise ConnectionError("event stream closed")
            self._feed(chunk)

    def close(self):
        self.sock.close()


class LiveReloadClient:
    """Hugo's livereload websocket: a minimal RFC 6455 client. Yields each message's `command`."""

    GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self, port, timeout=10):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                           f"Origin: http://127.0.0.1:{port}\r\n\r\n").encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("websocket closed during the handshake")
            self.buf += chunk
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"websocket handshake answered {head[:120]!r}")
        accept = base64.b64encode(hashlib.sha1((key + self.GUID).encode()).digest()).decode()
        if accept.encode() not in head:
            raise ConnectionError("bad Sec-WebSocket-Accept")
        # Exactly this text: Hugo looks for the bytes `"command":"hello"` (no space) before answering.
        self.send_text('{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}')
        if self.next_event(timeout) != "hello":
            raise ConnectionError("Hugo did not answer the livereload hello")

    def _send(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            header = bytes([0x80 | opcode, 0x80 | n])
        elif n < 65536:
            header = bytes([0x80 | opcode, 0x80 | 126]) + n.to_bytes(2, "big")
        else:
            header = bytes([0x80 | opcode, 0x80 | 127]) + n.to_bytes(8, "big")
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send_text(self, text):
        self._send(0x1, text.encode())

    def _frame(self):
        """A complete frame from the buffer: (opcode, payload), or None."""
        if len(self.buf) < 2:
            return None
        b0, b1 = self.buf[0], self.buf[1]
        n, pos = b1 & 0x7F, 2
        if n == 126:
            if len(self.buf) < 4:
                return None
            n, pos = int.from_bytes(self.buf[2:4], "big"), 4
        elif n == 127:
            if len(self.buf) < 10:
                return None
            n, pos = int.from_bytes(self.buf[2:10], "big"), 10
        mask = b""
        if b1 & 0x80:
            mask, pos = self.buf[pos:pos + 4], pos + 4
        if len(self.buf) < pos + n:
            return None
        payload = self.buf[pos:pos + n]
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.buf = self.buf[pos + n:]
        return b0 & 0x0F, payload

    def next_event(self, timeout):
        """The `command` of the next message, or None after `timeout` seconds without one."""
        deadline = time.monotonic() + timeout
        while True:
            frame = self._frame()
            while frame is not None:
                opcode, payload = frame
                if opcode == 0x9:
                    self._send(0xA, payload)
                elif opcode == 0x8:
                    raise ConnectionError("websocket closed by Hugo")
                elif opcode == 0x1:
                    try:
                        return json.loads(payload).get("command", "?")
                    except ValueError:
                        return "?"
                frame = self._frame()
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                return None
            if not chunk:
                raise ConnectionError("websocket closed")
            self.buf += chunk

    def close(self):
        try:
            self._send(0x8, b"\x03\xe8")
        except OSError:
            pass
        self.sock.close()


# ---------------------------------------------------------------------------------------------
# Serve latency
# ---------------------------------------------------------------------------------------------

def save(path, text, mode):
    """`plain`: open-truncate-write-close in place. `atomic`: write a hidden temp file, rename over."""
    if mode == "atomic":
        tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def drain(client, quiet):
    """Swallows events until none came for `quiet` seconds."""
    while client.next_event(quiet) is not None:
        pass


def percentile(values, p):
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


# One line per finished rebuild (or failed one) in each server's output.
BUILD_LINE = {"folio": r"^(Built |build failed)", "hugo": r"Total in \d+ ms|^Error"}


def measure_edits(tool, client, logs, path, page, args):
    """Edits `page` args.runs times per kind; returns latencies and the server's log lines per edit.

    Before every edit the server must be idle: no event for max(--quiet, 1.5 x the slowest
    edit->reload so far), so a rebuild still running can never answer for the next edit."""
    results = {}
    original = page.text()
    slowest = 0.0
    build_rx = re.compile(BUILD_LINE[tool])

    def builds():
        return sum(1 for line in logs.between(0, float("inf")) if build_rx.search(line))

    def settle():
        drain(client, max(args.quiet, 1.5 * slowest))

    for kind in args.edits:
        lat, marks, extra_builds = [], [], 0
        for i in range(args.runs):
            settle()
            if kind == "body":
                text = page.text(extra=f"\nעריכה {i}: edit number {i} — שורה חדשה בסוף הפוסט.\n")
            else:
                text = page.text(title=f"{page.title} (גרסה {i + 1})")
            before = builds()
            t0 = time.perf_counter()
            save(path, text, args.write_mode)
            event = client.next_event(120)
            t1 = time.perf_counter()
            if event is None:
                raise RuntimeError(f"{tool}: no reload event within 120 s after a {kind} edit")
            if event != "reload":
                raise RuntimeError(f"{tool}: unexpected event {event!r} after a {kind} edit")
            lat.append((t1 - t0) * 1000)
            slowest = max(slowest, t1 - t0)
            marks.append(t0)
            settle()
            extra_builds += max(0, builds() - before - 1)
        marks.append(time.perf_counter())
        server = [logs.between(a, b) for a, b in zip(marks, marks[1:])]
        save(path, original, args.write_mode)
        if client.next_event(120) is None:
            raise RuntimeError(f"{tool}: no reload after restoring {path}")
        settle()
        samples = lat[1:] if len(lat) > 1 else lat
        results[kind] = {"all_ms": lat, "median_ms": statistics.median(samples),
                         "p90_ms": percentile(samples, 90), "server_logs": server[1:],
                         "extra_builds": extra_builds}
    return results


STAGE = re.compile(r"([a-zA-Z][a-zA-Z ]*?) (\d+(?:\.\d+)?) ms")


def server_side(tool, lines_per_edit):
    """From the server's own log lines of each edit: median rebuild time (Folio `ready in X ms`,
    Hugo `Total in X ms`), median pages re-rendered (Folio), and for Folio run with --timings the
    median of each stage (`read content 3.2 ms, …` on the line after `Built`)."""
    rx = re.compile(r"ready in (\d+) ms" if tool == "folio" else r"Total in (\d+) ms")
    values, rendered, stages = [], [], {}
    for lines in lines_per_edit:
        for n, line in enumerate(lines):
            m = rx.search(line)
            if not m:
                continue
            values.append(int(m.group(1)))
            r = re.search(r"(\d+) pages rendered", line)
            if r:
                rendered.append(int(r.group(1)))
            if tool == "folio" and n + 1 < len(lines) and lines[n + 1].startswith("  "):
                for name, ms in STAGE.findall(lines[n + 1]):
                    stages.setdefault(name.strip(), []).append(float(ms))
            break
    return {"server_ms": statistics.median(values) if values else None,
            "rendered": statistics.median(rendered) if rendered else None,
            "stages": {k: statistics.median(v) for k, v in stages.items()}}


def vm_hwm_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def bench_serve(tool, cmd, root, page, args, logdir, size):
    port = free_port()
    log_path = os.path.join(logdir, f"{tool}-serve-{size}.log")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd(port), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    LIVE.add(proc)
    client = None
    try:
        logs = LogReader(proc, log_path)
        if tool == "folio":
            m = logs.wait_for(r"Serving at http://[^:]+:(\d+)", 900, proc)
            port = int(m.group(1))
            client = SSEClient(port)
            first = client.next_event(900)
            if first != "hello":
                raise RuntimeError(f"folio: first event was {first!r}, not hello")
        else:
            logs.wait_for(r"Web Server is available at", 900, proc)
            client = LiveReloadClient(port)
        ready_s = time.perf_counter() - started
        url = f"http://127.0.0.1:{port}/" + page.rel[:-3] + "/"
        with urllib.request.urlopen(url, timeout=60) as resp:  # the page is "open in the browser"
            if resp.status != 200:
                raise RuntimeError(f"{tool}: GET {url} answered {resp.status}")
            resp.read()
        path = os.path.join(root, "content", page.rel)
        res = measure_edits(tool, client, logs, path, page, args)
        for kind in list(res):
            res[kind].update(server_side(tool, res[kind]["server_logs"]))
        res["ready_s"] = ready_s
        res["serve_rss_mb"] = vm_hwm_mb(proc.pid)
        res["log"] = log_path
        return res
    finally:
        if client is not None:
            client.close()
        stop(proc)


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def fmt(v, spec):
    return "—" if v is None else format(v, spec)


def ratio(a, b):
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def get(r, *keys):
    for k in keys:
        if not isinstance(r, dict) or k not in r:
            return None
        r = r[k]
    return r


def machine_load():
    """`load 1.23, cpu pressure 4.5%`: how busy the machine is, to judge the numbers by."""
    text = "load %.2f" % os.getloadavg()[0]
    try:
        with open("/proc/pressure/cpu") as f:
            text += ", cpu pressure (avg10) %s%%" % f.readline().split()[1].split("=")[1]
    except (OSError, IndexError):
        pass
    return text


def machine_busy():
    """CPU pressure (processes waiting for a CPU) over 25% in the last 10 s, or, without PSI, a
    1-minute load above the number of CPUs."""
    try:
        with open("/proc/pressure/cpu") as f:
            return float(f.readline().split()[1].split("=")[1]) > 25
    except (OSError, IndexError, ValueError):
        return os.getloadavg()[0] > (os.cpu_count() or 1)


def report(rows, args):
    kinds = [] if args.skip_serve else args.edits
    serve = not args.skip_serve
    head = ["pages", "tool", "build median (s)", "build peak RSS (MB)"]
    head += [f"{k} edit→reload median / p90 (ms)" for k in kinds]
    head += ["serve ready (s)", "serve peak RSS (MB)"] if serve else []
    head += ["HTML files", "output (MB)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for size, tools in rows:
        for tool in ("folio", "hugo"):
            r = tools.get(tool)
            if not r:
                continue
            cells = [str(size), tool.capitalize(), fmt(get(r, "build", "build_s"), ".2f"),
                     fmt(get(r, "build", "rss_mb"), ".0f")]
            for k in kinds:
                cells.append(f"{fmt(get(r, 'serve', k, 'median_ms'), '.0f')} / {fmt(get(r, 'serve', k, 'p90_ms'), '.0f')}")
            if serve:
                cells += [fmt(get(r, "serve", "ready_s"), ".2f"), fmt(get(r, "serve", "serve_rss_mb"), ".0f")]
            cells += [fmt(get(r, "build", "html"), "d"), fmt(get(r, "build", "out_mb"), ".1f")]
            lines.append("| " + " | ".join(cells) + " |")
        if "folio" in tools and "hugo" in tools:
            f, h = tools["folio"], tools["hugo"]

            def rt(*keys):
                return ratio(get(f, *keys), get(h, *keys))
            cells = [str(size), "**Folio/Hugo**", rt("build", "build_s"), rt("build", "rss_mb")]
            cells += [rt("serve", k, "median_ms") + " / " + rt("serve", k, "p90_ms") for k in kinds]
            if serve:
                cells += [rt("serve", "ready_s"), rt("serve", "serve_rss_mb")]
            cells += ["", rt("build", "out_mb")]
            lines.append("| " + " | ".join(cells) + " |")
    out = ["\n".join(lines), ""]
    notes = []
    for size, tools in rows:
        for tool, r in tools.items():
            if "serve" not in r:
                continue
            parts = []
            for k in kinds:
                s = r["serve"][k]
                extra = f", {s['rendered']:.0f} pages re-rendered" if s["rendered"] is not None else ""
                if s["extra_builds"]:
                    extra += f", {s['extra_builds']} extra rebuilds"
                parts.append(f"{k} {fmt(s['server_ms'], '.0f')} ms{extra}")
                if s.get("stages"):
                    parts[-1] += " (" + ", ".join(f"{n} {v:.1f}" for n, v in s["stages"].items()) + ")"
            notes.append(f"- {size} pages, {tool}: " + "; ".join(parts))
    if notes:
        out.append("Server-reported rebuild time per edit, median (Folio `ready in`, with its stages in ms "
                   "when `folio serve --timings` exists; Hugo `Total in`):")
        out += notes
    stage_lines = [f"- {size} pages: {tools['folio']['build_timings']}" for size, tools in rows
                   if tools.get("folio", {}).get("build_timings")]
    if stage_lines:
        out += ["", "Folio full-build stages (`folio build --timings`, one run):"] + stage_lines
    return "\n".join(out)


def default_build_out():
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated page counts (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=11, help="edits per kind; the first is discarded (default 11)")
    parser.add_argument("--build-runs", type=int, default=5, help="full builds per tool and size (default 5)")
    parser.add_argument("--edits", default="body,title", help="edit kinds: body, title (default both)")
    parser.add_argument("--post", type=int, default=0,
                        help="which post to edit, 0 = the newest (default); its title is on the home page")
    parser.add_argument("--write-mode", choices=["plain", "atomic"], default="plain",
                        help="plain: write the file in place (default); atomic: temp file + rename")
    parser.add_argument("--quiet", type=float, default=1.0,
                        help="minimum seconds without events before the next edit (default 1.0)")
    parser.add_argument("--build-out", default=default_build_out(),
                        help="folder for build outputs (default: /dev/shm, a tmpfs, when there is one, "
                             "so that the disk's write-back is not what is measured; give a disk folder "
                             "such as /tmp to include it)")
    parser.add_argument("--corpus", choices=CORPORA, default="realistic",
                        help="realistic: issue 13's corpus from benches/corpus.py (default); simple: the "
                             "original small-vocabulary site of the tables before 2026-11-28")
    parser.add_argument("--skip-hugo", action="store_true", help="measure Folio only")
    parser.add_argument("--skip-build", action="store_true", help="skip the full-build measurements")
    parser.add_argument("--skip-serve", action="store_true", help="skip the dev-server measurements")
    parser.add_argument("--folio", default=DEFAULT_FOLIO, help="the folio binary (default target/release/folio)")
    parser.add_argument("--hugo", default=shutil.which("hugo") or "hugo", help="the hugo binary")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and logs")
    parser.add_argument("--json", help="also write all raw numbers to this file")
    args = parser.parse_args()
    args.edits = [e.strip() for e in args.edits.split(",") if e.strip()]
    if any(e not in ("body", "title") for e in args.edits):
        parser.error("--edits takes body and/or title")
    if args.runs < 1 or args.build_runs < 1:
        parser.error("--runs and --build-runs must be at least 1")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    if not os.access(args.folio, os.X_OK):
        raise SystemExit(f"{args.folio} not found: run `cargo build --release` first")
    use_hugo = not args.skip_hugo
    if use_hugo and not shutil.which(args.hugo):
        print("hugo is not installed: `apt-get install -y hugo` (Debian) to compare; measuring Folio only.\n")
        use_hugo = False
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    folio_version = subprocess.run([args.folio, "--version"], capture_output=True, text=True).stdout.strip()
    hugo_version = (subprocess.run([args.hugo, "version"], capture_output=True, text=True).stdout.strip()
                    if use_hugo else "")
    base = tempfile.mkdtemp(prefix="folio-bench-")
    out_base = tempfile.mkdtemp(prefix="folio-bench-out-", dir=args.build_out) if args.build_out else base
    logdir = os.path.join(base, "logs")
    os.makedirs(logdir)
    commit = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"], capture_output=True,
                            text=True).stdout.strip()
    print(f"# {folio_version} (commit {commit or '?'})" + (f" vs {hugo_version}" if hugo_version else ""))
    print(f"# {time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} CPUs; {machine_load()}")
    print(f"# sites and logs in {base}; build outputs in {out_base}; write mode: {args.write_mode}\n")
    if machine_busy():
        print("# warning: the machine is busy (other processes want the CPU); numbers will be noisy\n")
    rows = []
    try:
        for size in sizes:
            t = time.perf_counter()
            folio_root, hugo_root, pages = generate(base, size, args.corpus)
            posts = [p for p in pages if p.kind == "post"]
            post = posts[min(args.post, len(posts) - 1)]
            print(f"[{size}] generated both sites in {time.perf_counter() - t:.1f} s; editing {post.rel}",
                  flush=True)
            tools = {"folio": {}}
            if use_hugo:
                tools["hugo"] = {}
            out = os.path.join(out_base, f"out-{size}")
            if not args.skip_build:
                print(f"[{size}] folio build x{args.build_runs} ({machine_load()})", flush=True)
                tools["folio"]["build"] = bench_build(
                    "folio", lambda o: [args.folio, "build", "--root", folio_root, "--output", o, "--quiet"],
                    out, args.build_runs, logdir)
                stages = subprocess.run([args.folio, "build", "--root", folio_root, "--output", out, "--timings"],
                                        capture_output=True, text=True).stdout.strip().splitlines()
                if len(stages) > 1 and " ms" in stages[-1]:  # folio builds that print stage times
                    tools["folio"]["build_timings"] = stages[-1].strip()
                if use_hugo:
                    print(f"[{size}] hugo build x{args.build_runs} ({machine_load()})", flush=True)
                    tools["hugo"]["build"] = bench_build(
                        "hugo", lambda o: [args.hugo, "--quiet", "--source", hugo_root, "--destination", o],
                        out, args.build_runs, logdir)
                shutil.rmtree(out, ignore_errors=True)
            if not args.skip_serve:
                print(f"[{size}] folio serve: {args.runs} x {'/'.join(args.edits)} edits ({machine_load()})",
                      flush=True)
                timings = ["--timings"] if "--timings" in subprocess.run(
                    [args.folio, "serve", "--help"], capture_output=True, text=True).stdout else []
                tools["folio"]["serve"] = bench_serve(
                    "folio", lambda p: [args.folio, "serve", "--root", folio_root, "--port", str(p)] + timings,
                    folio_root, post, args, logdir, size)
                if use_hugo:
                    print(f"[{size}] hugo server: {args.runs} x {'/'.join(args.edits)} edits ({machine_load()})",
                          flush=True)
                    tools["hugo"]["serve"] = bench_serve(
                        "hugo", lambda p: [args.hugo, "server", "--source", hugo_root, "--port", str(p),
                                           "--bind", "127.0.0.1", "--disableFastRender=false"],
                        hugo_root, post, args, logdir, size)
            rows.append((size, tools))
            print(flush=True)
        print(report(rows, args))
        print(f"\n# finished {time.strftime('%Y-%m-%d %H:%M %Z')}; {machine_load()}")
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"folio": folio_version, "hugo": hugo_version, "args": vars(args),
                           "results": [{"size": s, **t} for s, t in rows]},
                          f, indent=1, ensure_ascii=False, default=str)
    finally:
        stop_all()
        if args.keep:
            print(f"\nkept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
        if out_base != base:
            shutil.rmtree(out_base, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Where a built site's bytes go: the output folder's files grouped by kind, with bytes per content page.

Python 3 standard library only. Run on a site built by `folio build` (the corpus of benches/corpus.py):

    python3 benches/output_bytes.py /tmp/site/public
    python3 benches/output_bytes.py /tmp/site/public --json > before.json
    python3 benches/output_bytes.py /tmp/site/public --compare before.json

Kinds: the HTML of posts, KB articles, guides, products and authors; list pages (sections, categories,
paginated lists); tag and category term pages; the blog, author and tag feeds; `llms.txt`,
`llms-full.txt` and the Markdown copies; the search index; the sitemap; other JSON; social cards and
images; the theme's CSS and JavaScript. "Per content page" divides by the number of content pages
(posts, articles and guides), the figure docs/benchmarks.md compares with Hugo.
"""

import argparse
import json
import os
import sys

FEEDS = ("atom.xml", "rss.xml", "feed.json")
CONTENT_KINDS = ("html: post", "html: kb article", "html: guide")


def kind_of(rel):
    """The kind of the output file at `rel` (a path relative to the output folder, with `/`)."""
    parts = rel.split("/")
    name = parts[-1]
    top = parts[0] if len(parts) > 1 else ""
    if name in FEEDS:
        if top == "tags":
            return "feed: tag"
        if top == "authors":
            return "feed: author"
        return "feed: blog"
    if name in ("llms.txt", "llms-full.txt"):
        return "llms: " + name
    if name.endswith(".md"):
        return "llms: markdown copies"
    if name.startswith("sitemap") and name.endswith(".xml"):
        return "sitemap"
    if top == "search":
        return "search index" if not name.endswith(".js") else "theme: js/css"
    if name.endswith((".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg", ".avif")):
        return "images and social cards"
    if name.endswith((".css", ".js")):
        return "theme: js/css"
    if name.endswith(".json"):
        return "json: other"
    if name.endswith(".html"):
        if "page" in parts[:-1] and parts[parts.index("page") + 1 : -1][:1] != []:
            return "html: paginated lists"
        depth = len(parts) - 1  # folders above index.html
        if top in ("tags", "categories"):
            return "html: term pages"
        if top == "blog":
            return "html: post" if depth >= 2 else "html: lists"
        if top == "kb":
            return "html: kb article" if not is_list(rel) else "html: lists"
        if top == "guides":
            return "html: guide" if depth >= 3 else "html: lists"
        if top == "products":
            return "html: product" if depth >= 2 else "html: lists"
        if top == "authors":
            return "html: author" if depth >= 2 else "html: lists"
        return "html: other"
    return "other"


LIST_PAGES = set()


def is_list(rel):
    """A KB folder's index page: a category, whose folder holds other pages' folders."""
    return rel in LIST_PAGES


def scan(root):
    """{kind: [bytes, files]} and the number of content pages."""
    files = []
    for folder, dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            files.append((rel, os.path.getsize(path)))
        # A KB folder with sub-folders that hold an index.html is a category list page.
        if "index.html" in names and any(os.path.exists(os.path.join(folder, d, "index.html")) for d in dirs):
            LIST_PAGES.add(os.path.relpath(os.path.join(folder, "index.html"), root).replace(os.sep, "/"))
    kinds = {}
    for rel, size in files:
        entry = kinds.setdefault(kind_of(rel), [0, 0])
        entry[0] += size
        entry[1] += 1
    content = sum(kinds.get(k, [0, 0])[1] for k in CONTENT_KINDS)
    return kinds, content


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("public", help="the built output folder")
    parser.add_argument("--json", action="store_true", help="print the breakdown as JSON")
    parser.add_argument("--compare", help="a breakdown saved with --json, shown beside this one")
    args = parser.parse_args()
    kinds, content = scan(args.public)
    if args.json:
        json.dump({"content_pages": content, "kinds": kinds}, sys.stdout, indent=1)
        return
    before = None
    if args.compare:
        with open(args.compare) as f:
            before = json.load(f)
    total = sum(b for b, _ in kinds.values())
    files = sum(n for _, n in kinds.values())
    print(f"{content:,} content pages, {total / 1e6:,.1f} MB in {files:,} files, "
          f"{total / max(content, 1) / 1024:,.1f} KB per content page\n")
    head = f"{'kind':<26} {'files':>7} {'MB':>9} {'KB/content page':>16} {'KB/file':>9}"
    print(head + ("  before KB/page" if before else ""))
    for kind, (size, n) in sorted(kinds.items(), key=lambda kv: -kv[1][0]):
        line = f"{kind:<26} {n:>7,} {size / 1e6:>9.2f} {size / max(content, 1) / 1024:>16.2f} {size / n / 1024:>9.1f}"
        if before:
            old = before["kinds"].get(kind, [0, 0])[0] / max(before["content_pages"], 1) / 1024
            line += f"  {old:>15.2f}"
        print(line)
    if before:
        old_total = sum(b for b, _ in before["kinds"].values())
        print(f"\nbefore: {old_total / 1e6:,.1f} MB, {old_total / max(before['content_pages'], 1) / 1024:,.1f} KB per content page")


if __name__ == "__main__":
    main()

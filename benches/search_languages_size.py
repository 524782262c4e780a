#!/usr/bin/env python3
"""Search index size per language: the same generated 1,000-page site in Russian, German, French and Spanish,
built by two Folio binaries (before and after a change), and the size of each language's index.

Python 3 standard library. Text comes from files most machines have: the running text of Vim's tutor in each
language (/usr/share/vim/vim*/tutor/tutor.<lang>.utf-8), and, for a knowledge site's wider vocabulary, words
drawn Zipf-wise from the Snowball test vocabularies shipped with the rust-stemmers crate in ~/.cargo/registry.
Each page has a 3–5 word title, six tutor paragraphs and 60 vocabulary words (about 3 KB, like
benches/serve_latency.py's pages).

    python3 benches/search_languages_size.py --before /tmp/folio-old --after target/debug/folio

Reports, per language and binary: the files under search/, their bytes raw and gzip-compressed (as a static host
serves them), the number of term entries, and of alias entries (`[word, stem]`, format 2 only).
"""

import argparse
import glob
import gzip
import json
import os
import random
import subprocess
import tempfile

LANGS = {"ru": "ru", "de": "ger", "fr": "fr", "es": "es"}


def tutor_paragraphs(lang):
    paths = glob.glob(f"/usr/share/vim/vim*/tutor/tutor.{lang}.utf-8")
    if not paths:
        raise SystemExit(f"no Vim tutor for {lang}: install vim-runtime")
    text = open(paths[0], encoding="utf-8").read()
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return [p for p in paragraphs if len(p) > 80 and not p.startswith(("=", "~"))]


def vocabulary(lang):
    paths = glob.glob(os.path.expanduser(f"~/.cargo/registry/src/*/rust-stemmers-*/test_data/voc_{LANGS[lang]}.txt"))
    if not paths:
        raise SystemExit("no rust-stemmers test vocabulary in ~/.cargo/registry: run `cargo fetch` first")
    words = [w.strip() for w in open(paths[0], encoding="utf-8") if len(w.strip()) > 2]
    random.Random(7).shuffle(words)
    return words


def zipf_sampler(words, rng):
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return lambda n: rng.choices(words, weights=weights, k=n)


def write_site(root, lang, pages):
    rng = random.Random(42)
    paragraphs = tutor_paragraphs(lang)
    sample = zipf_sampler(vocabulary(lang), rng)
    os.makedirs(os.path.join(root, "content", "kb"))
    with open(os.path.join(root, "site.yaml"), "w") as f:
        f.write(f"title: Bench\nbase_url: https://example.com\nlanguage: {lang}\n")
    for n in range(pages):
        title = " ".join(sample(rng.randint(3, 5))).capitalize()
        body = "\n\n".join(rng.sample(paragraphs, 6)) + "\n\n" + " ".join(sample(60)) + ".\n"
        with open(os.path.join(root, "content", "kb", f"page-{n:05}.md"), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: \"{title}\"\n---\n\n{body}")


def index_size(out, lang):
    raw = gz = 0
    files = 0
    terms = aliases = 0
    for path in glob.glob(os.path.join(out, "search", "**", "*.json"), recursive=True):
        data = open(path, "rb").read()
        files += 1
        raw += len(data)
        gz += len(gzip.compress(data, 6))
        if os.path.basename(path).startswith("terms-"):
            for entry in json.loads(data):
                if len(entry) == 2:
                    aliases += 1
                else:
                    terms += 1
    return {"files": files, "raw": raw, "gzip": gz, "terms": terms, "aliases": aliases}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--langs", nargs="+", default=list(LANGS))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in args.langs:
            root = os.path.join(tmp, lang)
            write_site(root, lang, args.pages)
            for name, binary in (("before", args.before), ("after", args.after)):
                out = os.path.join(tmp, f"out-{lang}-{name}")
                subprocess.run([binary, "build", "-q", "--root", root, "--output", out], check=True)
                rows.append({"lang": lang, "binary": name, **index_size(out, lang)})
    print(f"{'lang':5} {'binary':7} {'files':>6} {'raw KB':>9} {'gzip KB':>9} {'terms':>8} {'aliases':>8}")
    for r in rows:
        print(f"{r['lang']:5} {r['binary']:7} {r['files']:6} {r['raw'] / 1024:9.0f} {r['gzip'] / 1024:9.0f} "
              f"{r['terms']:8} {r['aliases']:8}")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()

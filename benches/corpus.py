#!/usr/bin/env python3
"""The benchmark corpus of issue 13: a deterministic, realistic N-page site, as a Folio site and a Hugo site.

Python 3 standard library only. As a command:

    python3 benches/corpus.py --pages 10000 --out /tmp/site-10k [--hugo /tmp/hugo-10k] [--seed 1]

As a module: `corpus.generate(folio_root, n, hugo_root=None, seed=1)` returns a `Corpus` (its pages and
statistics). The same seed and N always give the same bytes.

What is in it (shares of the N content pages):
* 30 % blog posts (`blog/post-NNNNN.md`, newest first, each by one of 12 authors), 50 % knowledge-base
  articles in categories and sub-categories (`kb/<cat>/[<sub>/]article-NNNNN.md`), 20 % guides next to
  products (`guides/<product>/guide-NNNNN.md` with `products: [<product>]`; one product page per 500
  content pages, at least 4). Plus section `_index.md` files, author pages and product pages.
* 20 % of the pages are Hebrew (`lang: he` on an English site); a quarter of their sentences carry
  English terms. A third of the pages have one or two fenced code blocks.
* About 1,000 words a page (log-normal, 250–3,000), in paragraphs, `##`/`###` sections, bullet and
  numbered lists, the odd table, inline code and bold, and 0–4 internal `@/…md` links a page.
* The words: real function words and a few hundred real domain words at the head of each language's
  ranking, then synthetic but pronounceable words, one per rank, drawn Zipf–Mandelbrot-wise
  (p(r) ∝ (r + q)^-s): a long tail, so the number of distinct words keeps growing with the corpus as in
  real text (Heaps' law, exponent about 0.48 here: 37 k distinct words at 1 k pages, 112 k at 10 k). Frequent words are
  short. English words take -s/-ed/-ing/-er/-ly endings; Hebrew words take the real prefixes ו ה ב ל מ ש כ
  and their combinations (וה, שב, כש, מה, …) and suffixes (ים, ות, ה, ו, נו, …) with final letter forms.
* Tags (a Zipf long tail that grows with N), authors, dates, descriptions.

The Hugo site follows benches/serve_latency.py's conventions: the same Markdown bytes and URLs, small
layouts computing what Folio's theme shows (menus, bylines, tags, table of contents, author box, lists,
products listing their guides), `@/` links resolved by a render hook; taxonomies, RSS and sitemap off.
"""

import argparse
import bisect
import datetime
import os
import random
import re
import sys
import time


POSTS, ARTICLES = 0.30, 0.50  # guides are the rest (20 %)
HEBREW = 0.20
CODE = 1 / 3
AUTHORS = [("noa", "נועה כהן", "he"), ("itay", "Itay Levi", "en"), ("dana", "Dana Mizrahi", "en"),
           ("yossi", "יוסי אברהם", "he"), ("miriam", "Miriam Shalom", "en"), ("omer", "עומר פרץ", "he"),
           ("sarah", "Sarah Klein", "en"), ("david", "David Brown", "en"), ("lior", "ליאור ביטון", "he"),
           ("emma", "Emma Stone", "en"), ("ravi", "Ravi Patel", "en"), ("maya", "מאיה דהן", "he")]
CODE_LANGS = ["python", "bash", "json", "yaml", "rust", "javascript", "sql"]


# ---------------------------------------------------------------------------------------------
# Words
# ---------------------------------------------------------------------------------------------

WORD_RX = re.compile(r"[^\W\d_]+")  # what "a word" is when counting distinct words: a run of letters

EN_FUNCTION = ("the of and to a in is that for it with as on be this by you are or from at an can your not we "
               "have if all will one more when which each their they there about into then than also only after "
               "before new use how what so but do its our other some any may need must should these those it's "
               "here where who just like most every first two three no up out over same such through while").split()
EN_DOMAIN = ("customer invoice payment account report team order product price tax receipt refund setting user "
             "permission import export webhook key limit plan card bank balance credit note document template "
             "email reminder discount currency rate subscription trial contact company supplier stock item "
             "quote project task calendar integration app mobile offline sync backup security password login "
             "role admin owner billing checkout cart shipping address phone number date month year week day "
             "search filter list table field column row page screen button menu link file folder upload "
             "download error warning message status update release version feature change support help "
             "question answer guide step example problem issue fix bug request response server client data "
             "record history log audit migration workflow rule automation trigger action event schedule").split()
HE_FUNCTION = ("של את על עם זה לא הוא היא גם כי אם אבל יש אין כל או רק עוד כמו אחרי לפני בין כך מה איך "
               "אנחנו אתם הם זו היה להיות יותר מאוד כבר עכשיו שלנו שלכם אותו אותה אלה כאן שם כדי אז עד "
               "כאשר לכן אחד אחת שני שתי הרבה פחות תמיד אף").split()
HE_DOMAIN = ("לקוח חשבונית תשלום חשבון דוח צוות הזמנה מוצר מחיר מס קבלה החזר הגדרה משתמש הרשאה ייבוא "
             "ייצוא מפתח מגבלה תוכנית כרטיס בנק יתרה זיכוי מסמך תבנית דואר תזכורת הנחה מטבע מנוי ניסיון "
             "איש קשר חברה ספק מלאי פריט הצעה פרויקט משימה יומן ממשק אפליקציה גיבוי אבטחה סיסמה כניסה "
             "תפקיד מנהל בעלים גבייה עגלה משלוח כתובת טלפון מספר תאריך חודש שנה שבוע יום חיפוש מסנן רשימה "
             "טבלה שדה עמודה שורה עמוד מסך כפתור תפריט קישור קובץ תיקייה העלאה הורדה שגיאה אזהרה הודעה "
             "מצב עדכון גרסה תכונה שינוי תמיכה עזרה שאלה תשובה מדריך שלב דוגמה בעיה תקלה תיקון בקשה").split()

EN_ONSETS = ["b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br",
             "cr", "dr", "fr", "gr", "pl", "pr", "st", "tr", "sh", "ch", "th", "sp", "bl"]
EN_NUCLEI = ["a", "e", "i", "o", "u", "ea", "ai", "ou"]
EN_CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "rt", "x", "ng"]
EN_ENDINGS = [("", 0.70), ("s", 0.14), ("ed", 0.06), ("ing", 0.06), ("er", 0.02), ("ly", 0.02)]
HE_CONSONANTS = list("בגדזחטכלמנסעפצקרשתאה")
HE_VOWELS = ["", "ו", "י"]  # matres lectionis; a syllable is a consonant and at most one of them
HE_FINAL = str.maketrans("כמנפצ", "ךםןףץ")
HE_UNFINAL = str.maketrans("ךםןףץ", "כמנפצ")
HE_PREFIXES = [("", 0.62), ("ה", 0.10), ("ו", 0.07), ("ב", 0.05), ("ל", 0.05), ("מ", 0.02), ("ש", 0.02),
               ("כ", 0.01), ("וה", 0.015), ("שה", 0.01), ("וב", 0.01), ("ול", 0.01), ("כש", 0.005),
               ("מה", 0.005), ("שב", 0.005), ("ומ", 0.005), ("לכש", 0.002), ("שכ", 0.003), ("וכש", 0.002)]
HE_SUFFIXES = [("", 0.70), ("ים", 0.09), ("ות", 0.07), ("ה", 0.03), ("ו", 0.025), ("י", 0.02), ("נו", 0.015),
               ("ית", 0.015), ("הם", 0.01), ("תי", 0.01), ("כם", 0.005)]
# Zipf–Mandelbrot exponent s and offset q per language, tuned so that 10 000 pages hold about 111 000
# distinct words (the issue's figure) and the count grows as a power of the corpus size (Heaps' law).
ZIPF = {"en": (2.7, 170.0), "he": (2.7, 112.0)}


def cumulative(pairs):
    total, out = 0.0, []
    for _, w in pairs:
        total += w
        out.append(total)
    return [p for p, _ in pairs], [c / total for c in out[:-1]]  # bisect(cum, u) indexes the values


class Vocabulary:
    """One language's words by frequency rank: function words, domain words, then synthetic words (one
    per rank, unique by construction: the rank's digits in a base of syllables, scrambled per position,
    so frequent words are short), drawn with p(rank) ∝ (rank + q)^-s and inflected per occurrence."""

    def __init__(self, lang, seed):
        self.lang = lang
        self.head = (HE_FUNCTION + HE_DOMAIN) if lang == "he" else (EN_FUNCTION + EN_DOMAIN)
        self.n_function = len(HE_FUNCTION if lang == "he" else EN_FUNCTION)
        if lang == "he":
            self.syllables = [c + v for c in HE_CONSONANTS for v in HE_VOWELS]
        else:
            self.syllables = [c + v for c in EN_ONSETS for v in EN_NUCLEI]
        self.s, self.q = ZIPF[lang]
        self.a, self.exponent = 1 + self.q, -1 / (self.s - 1)
        self.seed = seed
        self.memo = {}
        self.endings = cumulative(HE_SUFFIXES if lang == "he" else EN_ENDINGS)
        self.prefixes = cumulative(HE_PREFIXES)

    def rank(self, rng, content=False):
        """A 1-based rank, Zipf–Mandelbrot distributed (inverse CDF of the continuous law); `content`
        skips the function words."""
        while True:
            r = int(self.a * (1.0 - rng.random()) ** self.exponent - self.q)
            if r < 50_000_000 and not (content and r <= self.n_function):
                return r

    def word(self, rank):
        w = self.memo.get(rank)
        if w is None:
            w = self.head[rank - 1] if rank <= len(self.head) else self.synthetic(rank - len(self.head))
            self.memo[rank] = w
        return w

    def synthetic(self, k):
        base = len(self.syllables)
        n, lo = k + base - 1, base  # at least two syllables
        while n >= lo * base:
            lo *= base
        size = lo * (base - 1)  # numbers with as many digits as n: scramble n among them (a bijection)
        n = lo + ((n - lo) * 2654435761 + self.seed * 40503) % size
        digits = []
        while n:
            n, d = divmod(n, base)
            digits.append(d)
        out = [self.syllables[d] for d in reversed(digits)]
        if self.lang == "he":
            w = "".join(out)
            return w[:-1] + w[-1].translate(HE_FINAL)
        return "".join(out) + EN_CODAS[(k * 2654435761 >> 7) % len(EN_CODAS)]

    def token(self, rng, content=False):
        """One running-text occurrence of a word, inflected (content words only)."""
        r = self.rank(rng, content)
        w = self.memo.get(r) or self.word(r)
        if r <= self.n_function:
            return w
        rand = rng.random
        if self.lang == "he":
            pre = self.prefixes[0][bisect.bisect(self.prefixes[1], rand())]
            suf = self.endings[0][bisect.bisect(self.endings[1], rand())]
            if not suf:
                return pre + w
            if suf in ("ים", "ות", "ית", "ה") and w.endswith("ה"):
                w = w[:-1]
            full = w.translate(HE_UNFINAL) + suf  # a final letter becomes a plain one inside the word
            return pre + full[:-1] + full[-1].translate(HE_FINAL)
        end = self.endings[0][bisect.bisect(self.endings[1], rand())]
        if end in ("ed", "ing", "er") and w.endswith("e"):
            w = w[:-1]
        elif end == "s" and w.endswith("y") and w[-2:-1] not in "aeiou":
            w = w[:-1] + "ie"
        return w + end

    def words(self, rng, lo, hi, other=None, mixed=0.0, content=False):
        n = rng.randint(lo, hi)
        out = [self.token(rng, content and i == 0) for i in range(n)]
        if other is not None and rng.random() < mixed:  # an English term inside a Hebrew sentence
            at = rng.randrange(len(out) + 1)
            out[at:at] = [other.token(rng, True) for _ in range(rng.randint(1, 3))]
        return out

    def sentence(self, rng, lo, hi, other=None, mixed=0.0):
        out = self.words(rng, lo, hi, other, mixed)
        if len(out) > 6 and rng.random() < 0.3:
            at = rng.randrange(2, len(out) - 2)
            out[at] += ","
        if self.lang == "en":
            out[0] = out[0][:1].upper() + out[0][1:]
        return " ".join(out) + "."

    def paragraph(self, rng, other, mixed):
        sentences = [self.sentence(rng, 6, 24, other, mixed) for _ in range(rng.randint(2, 6))]
        roll = rng.random()
        if roll < 0.15:
            sentences.insert(1, f"**{self.phrase(rng, 1, 3)}**")
        elif roll < 0.25:
            sentences.insert(1, f"`{self.word(self.rank(rng, True)).lower()}`")
        return " ".join(sentences)

    def phrase(self, rng, lo, hi):
        return " ".join(self.words(rng, lo, hi, content=True))

    def title(self, rng, lo, hi):
        t = self.phrase(rng, lo, hi)
        return t[:1].upper() + t[1:] if self.lang == "en" else t

    def proper(self, rank):
        """A product: (id, name) from a fixed rank, e.g. ("stoubeal", "Stoubeal Hub")."""
        w = self.word(rank + len(self.head))
        return w, w.capitalize() + " " + ["Hub", "Cloud", "Pay", "Books", "Desk", "Sync", "Point"][rank % 7]


def q(text):
    """A single-quoted YAML scalar (Hebrew uses `"` inside words: מע"מ)."""
    return "'" + text.replace("'", "''") + "'"


class Page:
    """One content page: its front matter and where its body lives (read back lazily, so that 100 k pages
    need not stay in memory)."""

    def __init__(self, kind, rel, lang, date, title, description, author, tags, products):
        self.kind, self.rel, self.lang, self.date = kind, rel, lang, date
        self.title, self.description, self.author = title, description, author
        self.tags, self.products = tags, products
        self.path = None  # the written file, set by generate()

    def front_matter(self, title=None):
        lines = ["---", f"title: {q(title or self.title)}", f"description: {q(self.description)}",
                 f"date: {self.date}"]
        if self.lang != "en":
            lines.append(f"lang: {self.lang}")
        if self.author:
            lines.append(f"author: {self.author}")
        if self.products:
            lines.append("products: [" + ", ".join(self.products) + "]")
        lines.append("tags: [" + ", ".join(q(t) for t in self.tags) + "]")
        return "\n".join(lines + ["---"]) + "\n"

    def body(self):
        with open(self.path, encoding="utf-8") as f:
            return f.read().split("---\n", 2)[2][1:]

    def text(self, title=None, extra=""):
        return self.front_matter(title) + "\n" + self.body() + extra


class Corpus:
    def __init__(self, folio_root, hugo_root, pages, stats):
        self.folio_root, self.hugo_root, self.pages, self.stats = folio_root, hugo_root, pages, stats


def date_back(days):
    return (datetime.date(2026, 6, 30) - datetime.timedelta(days=days)).isoformat()


def plan(n, seed, en, he):
    """Every page's place, language and front matter (no bodies yet): links need all addresses first."""
    rng = random.Random(f"plan-{seed}")
    n_posts, n_articles = round(n * POSTS), round(n * ARTICLES)
    n_guides = n - n_posts - n_articles
    products = [en.proper(1000 + i) for i in range(max(4, n // 500))]
    n_cats = max(4, round(2 * n ** 0.33))
    cats = []  # (folder, title, lang)
    for c in range(n_cats):
        lang = "he" if c % 5 == 0 else "en"
        vocab = he if lang == "he" else en
        folder = f"kb/cat-{c:03d}"
        cats.append((folder, vocab.title(rng, 2, 3), lang, c))
        if c % 4 == 1:  # a quarter of the categories have two sub-categories
            for s in range(2):
                cats.append((f"{folder}/sub-{s}", vocab.title(rng, 2, 3), lang, s))
    leaf_cats = [c for c in cats if not any(o[0].startswith(c[0] + "/") for o in cats)]
    tag_pool = [v.word(v.n_function + 1 + int(i * 1.7))  # domain words first, then the synthetic tail
                for i, v in ((i, en if i % 3 else he) for i in range(int(40 * (n / 1000) ** 0.5)))]
    tag_weights = [1 / (i + 2) ** 1.1 for i in range(len(tag_pool))]
    author_weights = [1 / (i + 1) for i in range(len(AUTHORS))]
    post_gap = 3000 / max(n_posts, 3000)  # one post a day up to 3 000 posts, several a day beyond
    pages = []
    for i in range(n):
        lang = "he" if rng.random() < HEBREW else "en"
        vocab = he if lang == "he" else en
        author, prods = None, []
        if i < n_posts:
            kind, rel, date = "post", f"blog/post-{i:05d}.md", date_back(int(i * post_gap))
            author = rng.choices(AUTHORS, author_weights)[0][0]
        elif i < n_posts + n_articles:
            j = i - n_posts
            folder = leaf_cats[j % len(leaf_cats)][0]
            kind, rel, date = "article", f"{folder}/article-{j:05d}.md", date_back(rng.randrange(30, 1500))
            if rng.random() < 0.3:
                prods = [rng.choice(products)[0]]
        else:
            j = i - n_posts - n_articles
            pid = products[j % len(products)][0]
            kind, rel, date = "guide", f"guides/{pid}/guide-{j:05d}.md", date_back(rng.randrange(30, 1500))
            prods = [pid] + ([rng.choice(products)[0]] if rng.random() < 0.15 else [])
            prods = sorted(set(prods))
        tags = sorted(set(rng.choices(tag_pool, tag_weights, k=rng.randint(1, 4))))
        pages.append(Page(kind, rel, lang, date, vocab.title(rng, 3, 8), vocab.sentence(rng, 10, 22),
                          author, tags, prods))
    return pages, cats, products


def body_for(page, idx, seed, en, he, pages):
    """~1,000 words of Markdown for one page, seeded by the page alone (any page can be regenerated)."""
    rng = random.Random(f"body-{seed}-{idx}")
    vocab, other = (he, en) if page.lang == "he" else (en, he)
    target = int(min(3000, max(250, rng.lognormvariate(6.856, 0.35))))  # median 950, mean ~1 010 words
    links = rng.choice([0, 1, 1, 2, 2, 2, 3, 4])
    code_blocks = (1 + (rng.random() < 0.3)) if rng.random() < CODE else 0
    mixed = 0.25 if page.lang == "he" else 0.0
    parts, words = [], 0
    parts.append(vocab.paragraph(rng, other, mixed))
    words += parts[-1].count(" ") + 1
    while words < target:
        level = "###" if rng.random() < 0.25 and len(parts) > 2 else "##"
        parts.append(f"{level} {vocab.title(rng, 2, 6)}")
        for _ in range(rng.randint(1, 3)):
            para = vocab.paragraph(rng, other, mixed)
            if links and rng.random() < 0.5:
                target_page = pages[rng.randrange(len(pages))]
                label = vocab.phrase(rng, 2, 4)
                para += f" {vocab.phrase(rng, 2, 5)} [{label}](@/{target_page.rel})."
                links -= 1
            parts.append(para)
            words += para.count(" ") + 1
        roll = rng.random()
        if roll < 0.25:
            items = [vocab.sentence(rng, 4, 14) for _ in range(rng.randint(3, 6))]
            parts.append("\n".join(f"- {s}" for s in items))
        elif roll < 0.35:
            items = [vocab.sentence(rng, 5, 16) for _ in range(rng.randint(3, 7))]
            parts.append("\n".join(f"{k + 1}. {s}" for k, s in enumerate(items)))
        elif roll < 0.40:
            head = [vocab.phrase(rng, 1, 2) for _ in range(3)]
            rows = [[vocab.phrase(rng, 1, 3), str(rng.randint(1, 999)), vocab.phrase(rng, 1, 4)]
                    for _ in range(rng.randint(2, 5))]
            parts.append("\n".join("| " + " | ".join(r) + " |" for r in [head, ["---"] * 3] + rows))
        elif code_blocks and roll < 0.75:
            parts.append(code_block(rng, en))
            code_blocks -= 1
        words += sum(p.count(" ") for p in parts[-1:])
    for _ in range(code_blocks):
        parts.append(code_block(rng, en))
    while links:
        target_page = pages[rng.randrange(len(pages))]
        parts.append(f"{vocab.phrase(rng, 1, 3)}: [{vocab.phrase(rng, 2, 4)}](@/{target_page.rel}).")
        links -= 1
    return "\n\n".join(parts) + "\n"


def code_block(rng, en):
    """A fenced block with identifiers from the English vocabulary (so code adds vocabulary too)."""
    lang = rng.choice(CODE_LANGS)
    ids = [en.word(en.rank(rng)).lower() for _ in range(6)]
    a, b, c, d, e, f = ids
    n = rng.randint(2, 900)
    body = {
        "python": f"def {a}_{b}({c}, {d}={n}):\n    \"\"\"{en.sentence(rng, 5, 10)}\"\"\"\n"
                  f"    {e} = [{f} for {f} in {c} if {f}.{b} > {d}]\n    return sorted({e})\n",
        "bash": f"curl -sS https://api.example.com/v2/{a}/{n} \\\n  -H \"Authorization: Bearer $TOKEN\" \\\n"
                f"  | jq '.{b}[] | {{{c}, {d}}}'\n",
        "json": f"{{\n  \"{a}\": {n},\n  \"{b}\": \"{c} {d}\",\n  \"{e}\": [\"{f}\", \"{a}\"],\n  \"enabled\": true\n}}\n",
        "yaml": f"{a}:\n  {b}: {n}\n  {c}: [{d}, {e}]\n  # {en.sentence(rng, 4, 9)}\n  {f}: true\n",
        "rust": f"fn {a}_{b}({c}: &[u32]) -> u32 {{\n    // {en.sentence(rng, 4, 9)}\n"
                f"    {c}.iter().filter(|{d}| **{d} > {n}).sum()\n}}\n",
        "javascript": f"export async function {a}({b}) {{\n  const {c} = await fetch(`/api/{d}/${{{b}}}`);\n"
                      f"  return (await {c}.json()).{e}.slice(0, {n});\n}}\n",
        "sql": f"SELECT {a}, count(*) AS {b}\nFROM {c}\nWHERE {d} > {n}\nGROUP BY {a}\nORDER BY {b} DESC;\n",
    }[lang]
    return f"```{lang}\n{body}```"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_sections(roots, cats, products, en, he):
    """The section, category, author and product pages both sites share."""
    rng = random.Random("sections")
    files = {
        "_index.md": "---\ntitle: 'Acme — blog and help center'\n---\n\n" + en.paragraph(rng, he, 0) + "\n",
        "blog/_index.md": "---\ntitle: 'Blog'\n---\n",
        "kb/_index.md": "---\ntitle: 'Knowledge base'\n---\n",
        "guides/_index.md": "---\ntitle: 'Guides'\n---\n",
        "products/_index.md": "---\ntitle: 'Products'\n---\n",
        "authors/_index.md": "---\ntitle: 'Authors'\n---\n",
    }
    for folder, title, lang, weight in cats:
        lang_line = "lang: he\n" if lang == "he" else ""
        vocab = he if lang == "he" else en
        files[f"{folder}/_index.md"] = (f"---\ntitle: {q(title)}\ndescription: {q(vocab.sentence(rng, 8, 16))}\n"
                                        f"{lang_line}weight: {weight}\n---\n")
    for pid, name in products:
        files[f"products/{pid}.md"] = (f"---\ntitle: {q(name)}\ndescription: {q(en.sentence(rng, 8, 16))}\n---\n\n"
                                       + en.paragraph(rng, he, 0) + "\n")
        files[f"guides/{pid}/_index.md"] = f"---\ntitle: {q(name + ' guides')}\n---\n"
    for aid, name, lang in AUTHORS:
        vocab = he if lang == "he" else en
        files[f"authors/{aid}.md"] = (f"---\nname: {q(name)}\nrole: {q(vocab.phrase(rng, 2, 3))}\n---\n\n"
                                      + vocab.paragraph(rng, en, 0) + "\n")
    for root in roots:
        for rel, text in files.items():
            write(os.path.join(root, "content", rel), text)


FOLIO_SITE_YAML = """title: Acme — blog and help center
description: Invoicing and CRM for small businesses, in English and Hebrew.
base_url: https://example.com
language: en
author: noa
menus:
  main:
    - { name: Blog, url: "@/blog/_index.md" }
    - { name: Knowledge base, url: "@/kb/_index.md" }
    - { name: Guides, url: "@/guides/_index.md" }
    - { name: Products, url: "@/products/_index.md" }
"""


# ---------------------------------------------------------------------------------------------
# The Hugo site (conventions of benches/serve_latency.py: same Markdown and URLs, small layouts that
# compute what Folio's theme shows; no taxonomies, RSS or sitemap, which Hugo would build for free)
# ---------------------------------------------------------------------------------------------

HUGO_TOML = """baseURL = "https://example.com/"
languageCode = "en"
defaultContentLanguage = "en"
title = "Acme — blog and help center"
buildFuture = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[params]
description = "Invoicing and CRM for small businesses, in English and Hebrew."
[markup.goldmark.renderer]
unsafe = false
[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
{{- $lang := .Params.lang | default "en" }}
<html lang="{{ $lang }}" dir="{{ if eq $lang "he" }}rtl{{ else }}ltr{{ end }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/blog/" | relURL }}">Blog</a> <a href="{{ "/kb/" | relURL }}">Knowledge base</a> <a href="{{ "/guides/" | relURL }}">Guides</a> <a href="{{ "/products/" | relURL }}">Products</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
""",
    "partials/card.html": """<article class="card">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{- with .Description }}<p>{{ . }}</p>{{ end }}
{{- if eq .Section "blog" }}{{ with .Params.author }}{{ with site.GetPage (printf "/authors/%s" .) }}<p>By {{ .Params.name }}</p>{{ end }}{{ end }}{{ end }}
{{- if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ end }}
</article>
""",
    "_default/single.html": """{{ define "main" }}
<article>
{{- if ne .Section "blog" }}{{ with .Parent }}<p class="eyebrow"><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ end }}
<h1>{{ .Title }}</h1>
{{- with .Description }}<p class="lede">{{ . }}</p>{{ end }}
{{- $author := "" }}{{ with .Params.author }}{{ $author = site.GetPage (printf "/authors/%s" .) }}{{ end }}
{{- with $author }}<p>By <a href="{{ .RelPermalink }}">{{ .Params.name }}</a></p>{{ end }}
{{- if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ end }}
{{- with .Params.products }}<p>Applies to: {{ range . }}{{ with site.GetPage (printf "/products/%s" .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}{{ end }}</p>{{ end }}
{{- with .Params.tags }}<ul class="tags">{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
<nav class="toc">{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
{{- with $author }}<section class="author-box"><h2><a href="{{ .RelPermalink }}">About {{ .Params.name }}</a></h2>{{ .Content }}</section>{{ end }}
</article>
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- with .Sections }}<section><h2>Categories</h2>{{ range . }}<article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>{{ with .Description }}<p>{{ . }}</p>{{ end }}<p>{{ len .Pages }}</p></article>{{ end }}</section>{{ end }}
{{- with .RegularPages }}<ul>{{ range . }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul>{{ end }}
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<section><h2>Latest posts</h2><ul>{{ range first 5 (where site.RegularPages "Section" "blog").ByDate.Reverse }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul></section>
{{- with site.GetPage "/products" }}<section><h2>Products</h2>{{ range .RegularPages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</section>{{ end }}
{{- with site.GetPage "/kb" }}<section><h2>Knowledge base</h2>{{ range .Sections }}<article class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>{{ with .Description }}<p>{{ . }}</p>{{ end }}</article>{{ end }}</section>{{ end }}
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
    "products/single.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- with .Description }}<p class="lede">{{ . }}</p>{{ end }}
{{ .Content }}
{{- $id := .File.ContentBaseName }}
{{- $pages := where site.RegularPages "Params.products" "intersect" (slice $id) }}
<section><h2>Guides</h2><ul>{{ range where $pages "Section" "guides" }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul></section>
<section><h2>Articles</h2><ul>{{ range where $pages "Section" "kb" }}<li>{{ partial "card.html" . }}</li>{{ end }}</ul></section>
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


def write_hugo_config(root):
    write(os.path.join(root, "hugo.toml"), HUGO_TOML)
    for rel, text in HUGO_LAYOUTS.items():
        write(os.path.join(root, "layouts", rel), text)


def generate(folio_root, n, hugo_root=None, seed=1, log=None):
    """Writes the N-page corpus as a Folio site (and a Hugo site); returns a Corpus with its statistics."""
    started = time.perf_counter()
    en, he = Vocabulary("en", seed), Vocabulary("he", seed)
    pages, cats, products = plan(n, seed, en, he)
    roots = [r for r in (folio_root, hugo_root) if r]
    write(os.path.join(folio_root, "site.yaml"), FOLIO_SITE_YAML)
    if hugo_root:
        write_hugo_config(hugo_root)
    write_sections(roots, cats, products, en, he)
    distinct, tokens, body_bytes = set(), 0, 0
    for idx, page in enumerate(pages):
        text = page.front_matter() + "\n" + body_for(page, idx, seed, en, he, pages)
        for root in roots:
            write(os.path.join(root, "content", page.rel), text)
        page.path = os.path.join(folio_root, "content", page.rel)
        words = WORD_RX.findall((page.title + "\n" + text.split("---\n", 2)[2]).lower())
        tokens += len(words)
        distinct.update(words)
        body_bytes += len(text.encode("utf-8"))
        if log and idx and idx % 10000 == 0:
            log(f"  {idx} pages, {len(distinct)} distinct words, {time.perf_counter() - started:.0f} s")
    he_pages = sum(p.lang == "he" for p in pages)
    stats = {"pages": n, "posts": sum(p.kind == "post" for p in pages),
             "articles": sum(p.kind == "article" for p in pages), "guides": sum(p.kind == "guide" for p in pages),
             "hebrew_pages": he_pages, "categories": len(cats), "products": len(products),
             "words": tokens, "words_per_page": tokens / n, "distinct_words": len(distinct),
             "markdown_bytes": body_bytes, "seconds": time.perf_counter() - started}
    return Corpus(folio_root, hugo_root, pages, stats)


def describe(stats):
    s = stats
    return (f"{s['pages']} pages ({s['posts']} posts, {s['articles']} articles in {s['categories']} categories, "
            f"{s['guides']} guides for {s['products']} products; {s['hebrew_pages']} Hebrew); "
            f"{s['words']} words ({s['words_per_page']:.0f} a page), {s['distinct_words']} distinct words; "
            f"{s['markdown_bytes'] / 1e6:.1f} MB of Markdown; written in {s['seconds']:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10000, help="content pages (default 10000)")
    parser.add_argument("--out", required=True, help="folder for the Folio site (created)")
    parser.add_argument("--hugo", help="also write the same pages as a Hugo site here")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    if args.pages < 10:
        parser.error("--pages must be at least 10")
    for d in (args.out, args.hugo):
        if d and os.path.exists(d) and os.listdir(d):
            parser.error(f"{d} exists and is not empty: give a new folder")
    corpus = generate(args.out, args.pages, args.hugo, args.seed, log=lambda m: print(m, file=sys.stderr))
    print(describe(corpus.stats))


if __name__ == "__main__":
    main()

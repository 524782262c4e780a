//! The fixture of the randomized cache test: a small seeded random generator, and a model of a
//! realistic site (blog, knowledge base, guides, products, authors, a Hebrew corner, site.yaml,
//! templates, static files, feedback data) that mirrors exactly what is on disk, so random edits
//! can be drawn from what exists and replayed from the seed alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// splitmix64: tiny, fast and good enough to shuffle edits; the same seed gives the same sequence.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Words the random texts are made of: few enough that pages share them (so related pages change
/// with every edit), in English and Hebrew.
pub const WORDS: &[&str] = &[
    "invoice",
    "invoices",
    "refund",
    "billing",
    "payment",
    "setup",
    "install",
    "account",
    "password",
    "export",
    "report",
    "reports",
    "api",
    "key",
    "team",
    "invite",
    "customer",
    "customers",
    "import",
    "sync",
    "calendar",
    "email",
    "tax",
    "vat",
    "plan",
    "upgrade",
    "mobile",
    "offline",
    "backup",
    "security",
    "the",
    "and",
    "with",
];
pub const HEBREW_WORDS: &[&str] =
    &["חשבונית", "חשבוניות", "החזר", "תשלום", "לקוח", "לקוחות", "דוח", "הגדרות", "חשבון", "צוות", "מע״מ", "גיבוי"];
pub const TAGS: &[&str] = &["news", "News", "billing", "launch", "api", "חדשות", "Product Updates", "security"];

/// A Markdown file of the site: front-matter lines (key, YAML value) and a body.
#[derive(Debug, Clone, Default)]
pub struct PageFile {
    pub front: Vec<(String, String)>,
    pub body: String,
}

impl PageFile {
    pub fn new(front: &[(&str, &str)], body: &str) -> PageFile {
        PageFile { front: front.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(), body: body.into() }
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.front.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Sets `key` (keeping its place), or removes it when `value` is `None`.
    pub fn set(&mut self, key: &str, value: Option<String>) {
        match (self.front.iter().position(|(k, _)| k == key), value) {
            (Some(i), Some(v)) => self.front[i].1 = v,
            (None, Some(v)) => self.front.push((key.into(), v)),
            (Some(i), None) => {
                self.front.remove(i);
            }
            (None, None) => {}
        }
    }

    pub fn text(&self) -> String {
        let front: String = self.front.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
        format!("---\n{front}---\n{}", self.body)
    }
}

/// One setting of site.yaml and the texts it can take; the first is the starting one.
pub struct Knob {
    pub name: &'static str,
    pub choices: &'static [&'static str],
}

/// site.yaml, as independent blocks. Some choices break the build on purpose (a default author that
/// does not exist, a menu link to a deleted page); both builds must then fail alike.
pub const KNOBS: &[Knob] = &[
    Knob { name: "title", choices: &["title: Acme\n", "title: Acme Help Center\n"] },
    Knob {
        name: "base_url",
        choices: &["base_url: https://example.com\n", "base_url: https://example.com/docs/\n"],
    },
    Knob { name: "language", choices: &["language: en\n", "language: he\n"] },
    Knob { name: "author", choices: &["author: dana\n", "", "author: omer\n"] },
    Knob {
        name: "sections",
        choices: &[
            "sections:\n  guides: { kind: guides, title: Guides }\n",
            "sections:\n  guides: { kind: kb }\n",
            "sections:\n  guides: { kind: pages, title: Handbooks }\n",
            "sections:\n  blog: { kind: blog, title: News, sort_by: title }\n  kb: { kind: kb, paginate: 2 }\n",
            "sections:\n  kb: { kind: guides, description: Everything we wrote }\n  products: { kind: products, sort_by: title }\n",
            "",
        ],
    },
    Knob { name: "taxonomies", choices: &["taxonomies: [tags, categories, topics]\n", "", "taxonomies: [tags]\n"] },
    Knob { name: "paginate", choices: &["paginate: 4\n", "", "paginate: 2\n"] },
    Knob {
        name: "feeds",
        choices: &[
            "",
            "feeds:\n  formats: [atom]\n  content: summary\n  limit: 3\n",
            "feeds:\n  formats: []\n",
            "feeds:\n  authors: false\n  tags: false\n  formats: [rss, json]\n",
        ],
    },
    Knob { name: "search", choices: &["", "search:\n  enabled: false\n", "search:\n  text_chars: 60\n"] },
    Knob {
        name: "feedback",
        choices: &[
            "feedback:\n  transport: endpoint\n  endpoint: https://forms.example.com/f/1\n  email: docs@example.com\n  data: feedback/export.jsonl\n  min_votes: 2\n",
            "",
            "feedback:\n  transport: mailto\n  email: docs@example.com\n  sections: { blog: true, kb: false }\n",
            "feedback:\n  transport: endpoint\n  endpoint: /f\n  data: feedback/export.jsonl\n  min_votes: 1\n  next_step:\n    link: /contact/?page={url}&why={reason}\n",
        ],
    },
    Knob { name: "help_center", choices: &["", "help_center: false\n"] },
    Knob {
        name: "help_widget",
        choices: &["", "help_widget:\n  allowed_origins: [https://app.example.com]\n", "help_widget:\n  max_articles: 1\n"],
    },
    Knob {
        name: "trust",
        choices: &["", "trust:\n  verified_by: Support team\n  review_notice: true\n  require_approval: false\n"],
    },
    Knob {
        name: "menus",
        choices: &["menus:\n  main:\n    - { name: About, url: \"@/about.md\" }\n    - { name: KB, url: /kb/ }\n", ""],
    },
    Knob { name: "markdown", choices: &["", "markdown:\n  smart_punctuation: true\n  highlight: false\n"] },
    // `brand` is the folder beside the site until an edit creates themes/brand/, which wins.
    Knob { name: "theme", choices: &["theme: brand\n", ""] },
    // A typo makes site.yaml invalid: nothing is built until it is fixed.
    Knob { name: "typo", choices: &["", "descripton: a typo\n"] },
    Knob {
        name: "comments",
        choices: &[
            "",
            "comments:\n  provider: giscus\n  repo: acme/help\n  repo_id: R_1\n  category: Q\n  category_id: C_1\n  sections: { kb: false }\n",
        ],
    },
    Knob { name: "host", choices: &["", "host: netlify\n", "host: s3\n", "host: nginx\n", "host: vercel\n"] },
    Knob { name: "dates", choices: &["", "dates:\n  format: short\n", "dates:\n  calendar: hebrew\n  digits: native\n"] },
];

/// UI strings a site may override, by language.
pub const STRINGS: &[&str] = &["i18n/en.yaml", "i18n/he.yaml"];

/// Templates a site may override, with the text of the built-in one to start from.
/// The site's own `templates/` and the theme folder override different ones, so that neither hides
/// the other.
pub const SITE_TEMPLATES: &[&str] = &["page.html", "partials/related.html"];
pub const THEME_TEMPLATES: &[&str] = &["post.html", "partials/page-card.html"];

/// The site as the test believes it is on disk. Every edit goes through here.
pub struct Model {
    pub root: PathBuf,
    /// Path inside `content/` → file.
    pub pages: BTreeMap<String, PageFile>,
    /// Chosen text of each of `KNOBS`.
    pub knobs: Vec<usize>,
    /// Other files by path inside the site (templates, static files, content assets, feedback data).
    pub files: BTreeMap<String, String>,
    /// Numbers new names, so names never collide.
    pub counter: usize,
}

impl Model {
    /// Writes the starting site into `root`.
    pub fn create(root: &Path) -> Model {
        let mut model = Model {
            root: root.to_path_buf(),
            pages: BTreeMap::new(),
            knobs: vec![0; KNOBS.len()],
            files: BTreeMap::new(),
            counter: 0,
        };
        for (rel, page) in starting_pages() {
            model.write_page(&rel, page);
        }
        model.write_file("static/css/custom.css", "body { color: #222; }\n");
        model.write_file("static/images/omer.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
        model.write_file("content/guides/tour/map.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><path/></svg>\n");
        model.write_file("content/kb/billing/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>\n");
        let votes = "{\"page_id\":\"kb/billing/invoices.md\",\"vote\":\"yes\"}\n\
                     {\"page_id\":\"kb/billing/invoices.md\",\"vote\":\"no\"}\n";
        model.write_file("feedback/export.jsonl", votes);
        let post = std::fs::read_to_string(builtin_template("post.html")).expect("built-in template");
        model.write_file("brand/templates/post.html", &format!("{post}<!-- brand -->\n"));
        model.write_config();
        model
    }

    pub fn content_path(&self, rel: &str) -> PathBuf {
        self.root.join("content").join(rel)
    }

    pub fn write_page(&mut self, rel: &str, page: PageFile) -> PathBuf {
        let path = self.content_path(rel);
        write(&path, &page.text());
        self.pages.insert(rel.to_string(), page);
        path
    }

    pub fn remove_page(&mut self, rel: &str) -> PathBuf {
        let path = self.content_path(rel);
        std::fs::remove_file(&path).expect("remove page");
        self.pages.remove(rel);
        path
    }

    pub fn write_file(&mut self, rel: &str, text: &str) -> PathBuf {
        let path = self.root.join(rel);
        write(&path, text);
        self.files.insert(rel.to_string(), text.to_string());
        path
    }

    pub fn remove_file(&mut self, rel: &str) -> PathBuf {
        let path = self.root.join(rel);
        std::fs::remove_file(&path).expect("remove file");
        self.files.remove(rel);
        path
    }

    pub fn write_config(&mut self) -> PathBuf {
        let text: String = KNOBS.iter().zip(&self.knobs).map(|(knob, &i)| knob.choices[i]).collect();
        let path = self.root.join("site.yaml");
        write(&path, &text);
        path
    }

    /// A fresh name: `base-7`.
    pub fn fresh(&mut self, base: &str) -> String {
        self.counter += 1;
        format!("{base}-{}", self.counter)
    }

    /// Pages (not `_index.md`) whose path starts with `prefix`.
    pub fn pages_under(&self, prefix: &str) -> Vec<String> {
        self.pages.keys().filter(|rel| rel.starts_with(prefix) && !rel.ends_with("_index.md")).cloned().collect()
    }

    /// The category folders of the knowledge base: `kb/billing` (not page bundles: `kb/x/index.md`).
    pub fn categories(&self) -> Vec<String> {
        let mut dirs: Vec<String> = self
            .pages
            .keys()
            .filter_map(|rel| rel.strip_prefix("kb/"))
            .filter_map(|rest| rest.split_once('/').map(|(dir, _)| format!("kb/{dir}")))
            .collect();
        dirs.dedup();
        dirs.retain(|dir| !self.pages.contains_key(&format!("{dir}/index.md")));
        dirs
    }
}

/// The file of a template of the built-in theme, to start an override from.
pub fn builtin_template(name: &str) -> String {
    format!("{}/themes/default/templates/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent folder")).expect("create folder");
    std::fs::write(path, text).expect("write file");
}

/// Random text: a paragraph or three, sometimes a heading, sometimes a link to another page.
pub fn random_body(rng: &mut Rng, hebrew: bool, link_to: Option<&str>) -> String {
    let words = if hebrew { HEBREW_WORDS } else { WORDS };
    let mut body = String::new();
    for paragraph in 0..1 + rng.below(3) {
        if paragraph > 0 && rng.chance(40) {
            body.push_str(&format!("## {} {}\n\n", rng.pick(words), rng.pick(words)));
        }
        let sentence: Vec<&str> = (0..6 + rng.below(25)).map(|_| *rng.pick(words)).collect();
        body.push_str(&sentence.join(" "));
        body.push_str(".\n\n");
    }
    if let Some(target) = link_to {
        body.push_str(&format!("See [{}](@/{target}).\n", rng.pick(words)));
    }
    if rng.chance(10) {
        body.push_str("\n```rust\nfn main() {}\n```\n");
    }
    body
}

fn starting_pages() -> Vec<(String, PageFile)> {
    let mut rng = Rng::new(7);
    let mut pages = vec![
        ("authors/dana.md", PageFile::new(&[("name", "Dana Levi"), ("role", "CEO")], "Dana leads Acme.\n")),
        (
            "authors/omer.md",
            PageFile::new(&[("name", "Omer"), ("role", "CTO"), ("photo", "/images/omer.svg")], "Omer builds it.\n"),
        ),
        ("about.md", PageFile::new(&[("title", "About Acme")], "We make billing software.\n")),
        ("kb/_index.md", PageFile::new(&[("title", "Knowledge base")], "Answers.\n")),
        ("kb/billing/_index.md", PageFile::new(&[("title", "Billing"), ("weight", "1")], "All about money.\n")),
        ("kb/he/_index.md", PageFile::new(&[("title", "עזרה בעברית"), ("lang", "he")], "מאמרים בעברית.\n")),
        ("guides/_index.md", PageFile::new(&[("title", "Guides")], "In depth.\n")),
        (
            "guides/tour/index.md",
            PageFile::new(&[("title", "A guided tour"), ("image", "map.svg"), ("products", "[crm]")], ""),
        ),
        ("products/crm.md", PageFile::new(&[("title", "Acme CRM"), ("weight", "1")], "Customers in one place.\n")),
        ("products/invoicing.md", PageFile::new(&[("title", "Acme Invoicing"), ("weight", "2")], "Send invoices.\n")),
    ]
    .into_iter()
    .map(|(rel, page)| (rel.to_string(), page))
    .collect::<Vec<_>>();
    let posts = [
        ("2025-01-10-hello", "Hello world", "[news]", "author: dana"),
        ("2025-03-02-billing-update", "Billing update", "[billing, News]", "authors: [dana, omer]"),
        ("2025-06-20-api", "Our new API", "[api, launch]", "author: omer"),
        ("2025-09-01-security", "Security first", "[security]", "author: dana"),
        ("2026-02-14-he", "חדשות החורף", "[חדשות]", "lang: he"),
        ("2026-05-05-plans", "New plans", "[Product Updates, news]", "author: omer"),
    ];
    for (name, title, tags, extra) in posts {
        let (key, value) = extra.split_once(": ").unwrap_or_default();
        let page = PageFile::new(&[("title", title), ("tags", tags), (key, value)], "");
        pages.push((format!("blog/{name}.md"), page));
    }
    let articles = [
        ("kb/billing/invoices.md", "Invoices", "[crm]"),
        ("kb/billing/refunds.md", "Refunds", "[invoicing]"),
        ("kb/billing/taxes.md", "Taxes and VAT", "[]"),
        ("kb/setup/install.md", "Install Acme", "[crm, invoicing]"),
        ("kb/setup/accounts.md", "Accounts and passwords", "[]"),
        ("kb/setup/team.md", "Invite your team", "[crm]"),
        ("kb/he/invoices.md", "הפקת חשבוניות", "[invoicing]"),
        ("kb/he/backup.md", "גיבוי נתונים", "[]"),
        ("guides/first-week.md", "Your first week", "[crm]"),
        ("guides/migrate.md", "Migrate from spreadsheets", "[crm, invoicing]"),
        ("guides/automate.md", "Automate collection", "[invoicing]"),
    ];
    for (n, (rel, title, products)) in articles.into_iter().enumerate() {
        let mut page = PageFile::new(&[("title", title), ("products", products), ("weight", &n.to_string())], "");
        if n % 3 == 0 {
            page.set("tags", Some("[billing]".into()));
            page.set("topics", Some("[money]".into()));
        }
        pages.push((rel.to_string(), page));
    }
    pages.last_mut().expect("pages").1.set("related", Some("[kb/billing/refunds.md]".into()));
    for (rel, page) in &mut pages {
        if page.body.is_empty() {
            page.body = random_body(&mut rng, rel.contains("/he") || rel.ends_with("-he.md"), None);
        }
    }
    pages
}

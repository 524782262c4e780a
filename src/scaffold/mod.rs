//! `folio init` and `folio new`: starter sites and new content files with correct front matter.
//!
//! Neither ever overwrites a file: an existing file is an error, so no writer loses work. `ci` writes the
//! publishing workflow for `folio init --ci`.

pub mod ci;

use crate::config::{load_config, SectionKind};
use crate::diagnostics::{Diagnostic, Location};
use crate::site::slugify;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Hebrew,
    English,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    Post,
    Article,
    Guide,
    Product,
    /// An author page; the title is the author's name.
    Author,
}

fn today() -> String {
    let d = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Writes a small working site into `dir`, which must not exist or be empty.
pub fn init_site(dir: &Path, lang: Language) -> Result<(), Diagnostic> {
    init_site_with_ci(dir, lang, None).map(|_| ())
}

/// The CI workflow `folio init --ci` adds: the host, how CI installs Folio and the branch that publishes.
pub struct CiSetup {
    pub host: ci::CiHost,
    pub install: ci::Install,
    pub branch: String,
}

/// Like `init_site`, also writing a publishing workflow. A folder that already holds a site (a `site.yaml`)
/// only gets the workflow, so an existing site can add CI with the same command. Returns the files written.
pub fn init_site_with_ci(dir: &Path, lang: Language, ci: Option<CiSetup>) -> Result<Vec<PathBuf>, Diagnostic> {
    let existing_site = dir.join("site.yaml").is_file();
    let mut files = Vec::new();
    if !(existing_site && ci.is_some()) {
        files.extend(write_starter(dir, lang)?);
    }
    if let Some(ci) = ci {
        let (path, text) = ci::workflow(ci.host, &ci.install, &ci.branch);
        let path = dir.join(path);
        write_new(&path, &text)
            .map_err(|e| e.with_help("the site already has this workflow; delete it first to write a new one"))?;
        files.push(path);
    }
    Ok(files)
}

fn write_starter(dir: &Path, lang: Language) -> Result<Vec<PathBuf>, Diagnostic> {
    let not_empty = std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()).unwrap_or(false);
    if not_empty {
        return Err(Diagnostic::new(Location::file(dir), "folder is not empty; `folio init` only creates new sites")
            .with_help("choose a new folder name, e.g. folio init my-site"));
    }
    let mut written = Vec::new();
    for (path, text) in starter_files(lang, &today()) {
        write_new(&dir.join(path), &text)?;
        written.push(dir.join(path));
    }
    Ok(written)
}

/// Creates a content file for `title` and returns its path.
pub fn new_content(root: &Path, kind: NewKind, title: &str, category: Option<&str>) -> Result<PathBuf, Diagnostic> {
    let config = load_config(root).map_err(|e| {
        e.errors.into_iter().next().unwrap_or_else(|| Diagnostic::new(Location::file(root), "cannot read site.yaml"))
    })?;
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Diagnostic::new(Location::file("title"), format!("cannot make a file name from `{title}`"))
            .with_help("use a title with letters or digits"));
    }
    let wanted = match kind {
        NewKind::Post => SectionKind::Blog,
        NewKind::Article => SectionKind::Kb,
        NewKind::Guide => SectionKind::Guides,
        NewKind::Product => SectionKind::Products,
        NewKind::Author => SectionKind::Authors,
    };
    let default_folder = match wanted {
        SectionKind::Blog => "blog",
        SectionKind::Kb => "kb",
        SectionKind::Guides => "guides",
        SectionKind::Authors => "authors",
        _ => "products",
    };
    let folder = config
        .sections
        .iter()
        .find(|(_, s)| s.kind == wanted)
        .map(|(name, _)| name.clone())
        .unwrap_or_else(|| default_folder.to_string());
    let mut dir = config.content_dir().join(&folder);
    if let Some(category) = category {
        dir = dir.join(slugify(category));
    }
    let date = today();
    let quoted = serde_json::Value::String(title.to_string());
    let (file, front) = match kind {
        NewKind::Post => {
            let author = config.default_author.map(|a| format!("author: {a}\n")).unwrap_or_default();
            (
                format!("{date}-{slug}.md"),
                format!("title: {quoted}\ndate: {date}\n{author}description: \"\"\ntags: []\ndraft: true\n"),
            )
        }
        NewKind::Article => {
            (format!("{slug}.md"), format!("title: {quoted}\ndescription: \"\"\nproducts: []\nweight: 10\n"))
        }
        NewKind::Guide => {
            (format!("{slug}.md"), format!("title: {quoted}\ndescription: \"\"\nproducts: []\nweight: 10\n"))
        }
        NewKind::Product => (format!("{slug}.md"), format!("title: {quoted}\ndescription: \"\"\nweight: 10\n")),
        // The name as written, so posts that name the author this way find them.
        NewKind::Author => (format!("{slug}.md"), format!("name: {quoted}\n")),
    };
    let path = dir.join(file);
    write_new(&path, &format!("---\n{front}---\n\n"))?;
    Ok(path)
}

/// Creates `path` (and its folders); never replaces an existing file.
fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| Diagnostic::new(Location::file(path), format!("cannot create: {e}"));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::new(Location::file(path), "file already exists; Folio does not overwrite it")
                .with_help("choose another title, or edit the existing file")
        } else {
            fail(e)
        }
    })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(fail)
}

const AVATAR: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" role="img" aria-label="avatar"><rect width="96" height="96" rx="48" fill="#2f6f8f"/><circle cx="48" cy="38" r="17" fill="#e8f1f5"/><path d="M18 84c4-18 17-27 30-27s26 9 30 27" fill="#e8f1f5"/></svg>
"##;

fn starter_files(lang: Language, date: &str) -> Vec<(&'static str, String)> {
    let t = match lang {
        Language::Hebrew => &HEBREW,
        Language::English => &ENGLISH,
    };
    vec![
        // The built site and the resized images are made again by every build (and in CI); they
        // do not belong in version control.
        (".gitignore", "/public/\n/.folio-cache/\n".to_string()),
        (
            "site.yaml",
            format!(
                "title: \"{}\"\ndescription: \"{}\"\nbase_url: https://example.com\nlanguage: {}\nauthor: founder\nmenus:\n  main:\n    - {{ name: \"{}\", url: \"@/blog/_index.md\" }}\n    - {{ name: \"{}\", url: \"@/kb/_index.md\" }}\n    - {{ name: \"{}\", url: \"@/products/_index.md\" }}\n",
                t.site_title, t.site_description, t.code, t.blog, t.kb, t.products
            ),
        ),
        ("content/_index.md", format!("---\ntitle: \"{}\"\n---\n\n{}\n", t.site_title, t.home_text)),
        ("content/blog/_index.md", format!("---\ntitle: \"{}\"\n---\n", t.blog)),
        (
            "content/blog/welcome.md",
            format!("---\ntitle: \"{}\"\ndate: {date}\ntags: [{}]\n---\n\n{}\n", t.post_title, t.tag, t.post_text),
        ),
        ("content/kb/_index.md", format!("---\ntitle: \"{}\"\n---\n", t.kb)),
        ("content/kb/getting-started/_index.md", format!("---\ntitle: \"{}\"\nweight: 1\n---\n", t.category)),
        (
            "content/kb/getting-started/first-steps.md",
            format!("---\ntitle: \"{}\"\nproducts: [app]\nweight: 1\n---\n\n{}\n", t.article_title, t.article_text),
        ),
        ("content/products/_index.md", format!("---\ntitle: \"{}\"\n---\n", t.products)),
        (
            "content/products/app.md",
            format!("---\ntitle: \"{}\"\ndescription: \"{}\"\nweight: 1\n---\n\n{}\n", t.product_title, t.product_description, t.product_text),
        ),
        ("content/guides/_index.md", format!("---\ntitle: \"{}\"\n---\n", t.guides)),
        (
            "content/guides/setup.md",
            format!("---\ntitle: \"{}\"\nproducts: [app]\n---\n\n{}\n", t.guide_title, t.guide_text),
        ),
        (
            "content/authors/founder.md",
            format!("---\nname: \"{}\"\nrole: \"{}\"\nphoto: /images/founder.svg\n---\n\n{}\n", t.author_name, t.author_role, t.author_bio),
        ),
        ("static/images/founder.svg", AVATAR.to_string()),
    ]
}

struct Starter {
    code: &'static str,
    site_title: &'static str,
    site_description: &'static str,
    home_text: &'static str,
    blog: &'static str,
    kb: &'static str,
    products: &'static str,
    guides: &'static str,
    category: &'static str,
    tag: &'static str,
    post_title: &'static str,
    post_text: &'static str,
    article_title: &'static str,
    article_text: &'static str,
    product_title: &'static str,
    product_description: &'static str,
    product_text: &'static str,
    guide_title: &'static str,
    guide_text: &'static str,
    author_name: &'static str,
    author_role: &'static str,
    author_bio: &'static str,
}

const ENGLISH: Starter = Starter {
    code: "en",
    site_title: "My Company",
    site_description: "News from our team and answers for our customers.",
    home_text: "Welcome. Read the latest from our team, or find an answer in the knowledge base.",
    blog: "Blog",
    kb: "Knowledge base",
    products: "Products",
    guides: "Guides",
    category: "Getting started",
    tag: "news",
    post_title: "Welcome to our blog",
    post_text: "This is the first post. Edit `content/blog/welcome.md` to make it yours.\n\n## What comes next\n\nWe will write here about what we build and why.",
    article_title: "First steps",
    article_text: "Sign in, then follow the [setup guide](@/guides/setup.md).\n\n> [!TIP]\n> Articles live in `content/kb/`, one folder per category.",
    product_title: "The App",
    product_description: "Our main product.",
    product_text: "Describe the product here. Guides and articles that name it with `products: [app]` are listed on this page.",
    guide_title: "Setting up the app",
    guide_text: "## Install\n\n```bash\nmy-app install\n```\n\n## Configure\n\nOpen the settings and enter your account key.",
    author_name: "Dana Levi",
    author_role: "Founder and CEO",
    author_bio: "Dana founded the company to make customer knowledge easy to share.",
};

const HEBREW: Starter = Starter {
    code: "he",
    site_title: "החברה שלי",
    site_description: "חדשות מהצוות ותשובות ללקוחות שלנו.",
    home_text: "ברוכים הבאים. קראו את החדשות מהצוות, או מצאו תשובה במאגר הידע.",
    blog: "בלוג",
    kb: "מאגר ידע",
    products: "מוצרים",
    guides: "מדריכים",
    category: "צעדים ראשונים",
    tag: "חדשות",
    post_title: "ברוכים הבאים לבלוג",
    post_text: "זהו הפוסט הראשון. ערכו את `content/blog/welcome.md` כדי להתאים אותו לכם.\n\n## מה הלאה\n\nנכתוב כאן על מה שאנחנו בונים ולמה.",
    article_title: "הצעדים הראשונים",
    article_text: "התחברו לחשבון, ואז עקבו אחר [מדריך ההתקנה](@/guides/setup.md).\n\n> [!TIP]\n> מאמרים נמצאים בתיקייה `content/kb/`, תיקייה לכל קטגוריה.",
    product_title: "האפליקציה",
    product_description: "המוצר המרכזי שלנו.",
    product_text: "תארו כאן את המוצר. מדריכים ומאמרים שמציינים אותו ב־`products: [app]` מופיעים בעמוד הזה.",
    guide_title: "התקנת האפליקציה",
    guide_text: "## התקנה\n\n```bash\nmy-app install\n```\n\n## הגדרה\n\nפתחו את ההגדרות והזינו את מפתח החשבון.",
    author_name: "דנה לוי",
    author_role: "מייסדת ומנכ״לית",
    author_bio: "דנה הקימה את החברה כדי שיהיה קל לשתף ידע עם לקוחות.",
};

//! `llms.txt`, the pages' Markdown copies and (`llms.full`) `llms-full.txt`: verified knowledge first, community
//! contributions only when asked for, drafts never, `@/` links made absolute.

use crate::support;

use support::site::{assert_contains, assert_lacks, TestSite};

fn site(extra: &str) -> TestSite {
    let site = TestSite::with_config(&format!(
        "title: Acme Help\ndescription: Answers for Acme customers\nbase_url: https://help.acme.example/docs\nlanguage: en\n{extra}"
    ));
    site.page(
        "kb/billing/refunds.md",
        "title: Refunds\ndescription: How refunds work\nverified_by: Billing team",
        "Ask within 14 days. See [invoices](@/kb/billing/invoices.md#download).\n",
    )
    .page("kb/billing/invoices.md", "title: Invoices", "## Download\n\nFrom the billing page.\n")
    .page(
        "kb/billing/tip.md",
        "title: A customer's tip\nsource: community\ncontributor: Dana\nstatus: approved",
        "Export first.\n",
    )
    .page("kb/billing/secret.md", "title: Not yet\ndraft: true", "Draft text.\n")
    .page("blog/launch.md", "title: We launched\ndate: 2026-01-05", "Big day.\n")
    .page("products/app.md", "title: The App\ndescription: Our app", "The app.\n");
    site
}

#[test]
fn llms_txt_lists_verified_knowledge_first_and_leaves_community_and_drafts_out() {
    let built = site("llms:\n  full: true\n").build();
    let index = built.text("llms.txt");
    assert!(index.starts_with("# Acme Help\n\n> Answers for Acme customers\n\n## Knowledge base\n\n"), "{index}");
    let refunds =
        index.find("[Refunds](https://help.acme.example/docs/kb/billing/refunds/index.md): How refunds work").unwrap();
    let invoices = index.find("[Invoices](https://help.acme.example/docs/kb/billing/invoices/index.md)").unwrap();
    let product = index
        .find("## Products\n\n- [The App](https://help.acme.example/docs/products/app/index.md): Our app")
        .unwrap();
    let blog = index.find("- [We launched](https://help.acme.example/docs/blog/launch/index.md)").unwrap();
    assert!(refunds < invoices && invoices < product && product < blog, "verified first, then the rest: {index}");
    assert_lacks(&index, &["A customer's tip", "Not yet"]);
    assert!(!built.has("kb/billing/tip/index.md") && !built.has("kb/billing/secret/index.md"));

    let copy = built.text("kb/billing/refunds/index.md");
    assert_eq!(
        copy,
        "# Refunds\n\nSource: https://help.acme.example/docs/kb/billing/refunds/\n\n> How refunds work\n\n\
         Ask within 14 days. See [invoices](https://help.acme.example/docs/kb/billing/invoices/#download).\n"
    );
    let full = built.text("llms-full.txt");
    assert_contains(&full, &["# Acme Help", "\n---\n\n# Refunds\n", "From the billing page.", "Big day."]);
    assert_lacks(&full, &["Export first.", "Draft text."]);
}

#[test]
fn community_pages_come_last_and_marked_when_asked_for_and_the_files_can_be_turned_off() {
    let index = site("llms:\n  community: true\n").build().text("llms.txt");
    assert_contains(&index, &["## Community contributions (not verified by the company)\n\n- [A customer's tip]"]);
    assert!(index.find("A customer's tip").unwrap() > index.find("We launched").unwrap(), "{index}");

    let default = site("").build();
    assert!(default.has("llms.txt") && default.has("kb/billing/refunds/index.md"));
    assert!(!default.has("llms-full.txt"), "llms-full.txt only when `full: true` asks for it");

    let off = site("llms:\n  enabled: false\n").build();
    assert!(!off.has("llms.txt") && !off.has("llms-full.txt") && !off.has("kb/billing/refunds/index.md"));

    let error = site("llms:\n  comunity: true\n").build_error();
    assert_contains(&error, &["site.yaml:6", "comunity"]);
}

#[test]
fn folio_build_streams_the_markdown_copies_and_writes_what_the_in_memory_build_makes() {
    // `folio build` hands each copy to its staging folder as it is made (unless `llms-full.txt` needs
    // them together); the files must be the same as the in-memory build's either way.
    for extra in ["", "llms:\n  full: true\n"] {
        let site = site(extra);
        let memory = site.build();
        let run = site.run(&["build", "-q"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let copies = ["kb/billing/refunds/index.md", "kb/billing/invoices/index.md", "blog/launch/index.md"];
        for file in copies.iter().chain(&["products/app/index.md", "llms.txt"]) {
            let written = std::fs::read_to_string(site.path(&format!("public/{file}"))).unwrap();
            assert_eq!(written, memory.text(file), "{file} with {extra:?}");
        }
        assert!(written_contains(&site, "kb/billing/refunds/index.md", "[invoices](https://help.acme.example/docs/"));
        assert_eq!(site.path("public/llms-full.txt").exists(), !extra.is_empty(), "{extra:?}");
        assert!(!site.path("public/kb/billing/secret/index.md").exists(), "drafts have no copy");
    }
}

#[test]
fn folio_build_takes_unchanged_copies_and_feeds_from_the_output_folder_as_a_cold_build_writes_them() {
    // The copies, `llms.txt`, the feeds and the sitemap are kept by key (`site-files.bin`) and taken
    // from the output folder when unchanged; `llms-full.txt` still needs every copy's bytes.
    for extra in ["", "llms:\n  full: true\n"] {
        let site = site(extra);
        let build = |step: &str| {
            let run = site.run(&["build"]);
            assert_eq!(run.code, 0, "{step} with {extra:?}: {}", run.stderr);
            let memory = site.build();
            for (path, source) in &memory.built.output.files {
                let written = std::fs::read(site.path(&format!("public/{path}"))).unwrap();
                assert!(written == *source.read().unwrap(), "{step} with {extra:?}: {path}");
            }
            run.stdout
        };
        build("first build");
        assert_contains(&build("no change"), &["(nothing changed)"]);
        // A copy edited in the output folder is made again.
        std::fs::write(site.path("public/kb/billing/refunds/index.md"), "edited by hand").unwrap();
        assert_contains(&build("a copy edited in the output folder"), &["1 file changed"]);
        let refunds = std::fs::read_to_string(site.path("content/kb/billing/refunds.md")).unwrap();
        site.file("content/kb/billing/refunds.md", &refunds.replacen("refund", "money back", 1));
        build("a page edited");
        assert_contains(&build("no change after the edit"), &["(nothing changed)"]);
    }
}

fn written_contains(site: &TestSite, file: &str, needle: &str) -> bool {
    std::fs::read_to_string(site.path(&format!("public/{file}"))).is_ok_and(|text| text.contains(needle))
}

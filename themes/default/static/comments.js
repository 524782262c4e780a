// Folio: comments that load only when a reader asks. Loaded as a module only on pages that show comments.
//
// Nothing is fetched from the comment provider until the reader clicks "Show comments" (or, with
// `load: scroll`, until the thread scrolls into view). Without this script the button stays hidden and a
// <noscript> line says why. No inline code, so a strict Content-Security-Policy works (the documentation
// lists what each provider needs in it).

function prefersDark() {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** An async <script> for `src`, with the attributes that have a value. */
function script(src, attributes = {}) {
  const element = document.createElement("script");
  element.src = src;
  element.async = true;
  for (const [name, value] of Object.entries(attributes)) {
    if (value) element.setAttribute(name, value);
  }
  return element;
}

/** An element with an id and attributes, for a provider's script to find and fill. */
function container(tag, id, attributes = {}) {
  const element = document.createElement(tag);
  element.id = id;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

/** Each provider's loader: `d` is the section's data attributes, `thread` the element to fill. */
const providers = {
  giscus(d, thread) {
    thread.classList.add("giscus");
    thread.append(script("https://giscus.app/client.js", {
      "data-repo": d.repo,
      "data-repo-id": d.repoId,
      "data-category": d.category,
      "data-category-id": d.categoryId,
      "data-mapping": d.mapping,
      "data-reactions-enabled": "1",
      "data-emit-metadata": "0",
      "data-input-position": "bottom",
      "data-theme": "preferred_color_scheme",
      "data-lang": d.lang,
      "data-loading": "lazy",
      "crossorigin": "anonymous",
    }));
  },
  utterances(d, thread) {
    thread.append(script("https://utteranc.es/client.js", {
      "repo": d.repo,
      "issue-term": d.mapping,
      "label": d.label,
      "theme": "preferred-color-scheme",
      "crossorigin": "anonymous",
    }));
  },
  disqus(d, thread) {
    thread.append(container("div", "disqus_thread"));
    // Disqus reads its settings from this global function.
    window.disqus_config = function () {
      this.page.url = d.pageUrl;
      this.page.identifier = d.pageId;
      this.page.title = d.pageTitle;
      this.language = d.lang.replace("-", "_");
    };
    thread.append(script(`https://${d.shortname}.disqus.com/embed.js`, { "data-timestamp": String(Date.now()) }));
  },
  isso(d, thread) {
    thread.append(container("section", "isso-thread", { "data-isso-id": d.pageId, "data-title": d.pageTitle }));
    thread.append(script(`${d.url}/js/embed.min.js`, {
      "data-isso": `${d.url}/`,
      "data-isso-lang": d.lang.split("-")[0],
      "data-isso-css": "true",
    }));
  },
  remark42(d, thread) {
    thread.append(container("div", "remark42"));
    // Remark42 reads its settings from this global object.
    window.remark_config = {
      host: d.url,
      site_id: d.siteId,
      url: d.pageUrl,
      page_title: d.pageTitle,
      locale: d.lang.split("-")[0],
      theme: prefersDark() ? "dark" : "light",
      components: ["embed"],
    };
    thread.append(script(`${d.url}/web/embed.js`));
  },
  cusdis(d, thread) {
    const host = d.url || "https://cusdis.com";
    thread.append(container("div", "cusdis_thread", {
      "data-host": host,
      "data-app-id": d.appId,
      "data-page-id": d.pageId,
      "data-page-url": d.pageUrl,
      "data-page-title": d.pageTitle,
      "data-theme": "auto",
    }));
    thread.append(script(`${host}/js/cusdis.es.js`));
  },
  custom(d, thread, section) {
    const template = section.querySelector("template.comments-embed");
    if (!template) return;
    const copy = document.importNode(template.content, true);
    // Scripts copied from a <template> do not run; recreate them so they do.
    for (const old of copy.querySelectorAll("script")) {
      const fresh = document.createElement("script");
      for (const { name, value } of old.attributes) fresh.setAttribute(name, value);
      fresh.text = old.text;
      old.replaceWith(fresh);
    }
    thread.append(copy);
  },
};

// Started here, below the providers table: a `const` cannot be read before its line has run.
for (const section of document.querySelectorAll("[data-folio-comments]")) setUpComments(section);

function setUpComments(section) {
  const d = section.dataset;
  const button = section.querySelector(".comments-load");
  const thread = section.querySelector(".comments-thread");
  const load = providers[d.provider];
  if (!button || !thread || !load) return;
  let loaded = false;
  const start = () => {
    if (loaded) return;
    loaded = true;
    button.hidden = true;
    section.classList.add("is-loaded");
    load(d, thread, section);
  };
  button.hidden = false;
  button.addEventListener("click", start);
  if (d.load === "scroll" && "IntersectionObserver" in window) {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        start();
      }
    }, { rootMargin: "200px" });
    observer.observe(section);
  }
}

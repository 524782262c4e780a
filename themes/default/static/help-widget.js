// Folio help widget: help inside the product. A product page on any origin embeds it with one tag,
//   <script src="https://help.example.com/help-widget.js" async data-lang="en" data-position="end"></script>
// and gets a launcher button that opens a small panel listing the help site's articles for the screen the
// reader is on (`context:` patterns, from help/context.json), a search box over the site's own index (the
// same search/core.js the /search/ page uses), and "Did this help?" sent to the site's feedback endpoint.
//
// Everything lives in a shadow root, so the product's CSS cannot reach in and ours cannot leak out; its
// stylesheet is a <link> to the help site (no inline styles or scripts: a strict CSP needs only the help
// site's origin in script-src, style-src and connect-src). No cookies and no storage: requests are made
// without credentials, and a vote is remembered only until the page is left. The list follows the
// product's own navigation (history.pushState, back and forward). content/docs/help-widget.md documents it.

(() => {
  const script = document.currentScript;
  if (!script || !script.src || window.__folioHelpWidget) return;
  window.__folioHelpWidget = true;
  const base = new URL(".", script.src);
  const options = script.dataset;

  /** JSON over CORS, never with the product's cookies. */
  const getJson = async (url) => {
    const response = await fetch(url, { mode: "cors", credentials: "omit" });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  };

  /** The context file of the language asked for (data-lang, else the page's lang), else the site's default. */
  async function loadContext() {
    const first = await getJson(options.context || new URL("help/context.json", base).href);
    const wanted = (options.lang || document.documentElement.lang || "").trim().toLowerCase();
    if (!wanted || wanted === String(first.lang).toLowerCase()) return first;
    const codes = Object.keys(first.languages || {});
    const code = codes.find((c) => c.toLowerCase() === wanted)
      || codes.find((c) => c.toLowerCase() === wanted.split("-")[0]);
    if (!code || code === first.lang) return first;
    return getJson(first.languages[code]).catch(() => first);
  }

  /** `/billing/*` → a test of a path: `*` is one segment, a trailing `*` everything below (as the Rust side). */
  function compile(pattern) {
    const parts = pattern.replace(/\/+$/, "").split("/").slice(1);
    const rest = parts[parts.length - 1] === "*";
    if (rest) parts.pop();
    return (path) => {
      const segments = path.replace(/\/+$/, "").split("/").slice(1).map(decodeSegment);
      if (rest ? segments.length < parts.length : segments.length !== parts.length) return false;
      return parts.every((p, i) => (p === "*" ? segments[i] !== "" : p === segments[i]));
    };
  }

  function decodeSegment(segment) {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }

  function element(tag, attributes = {}, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function start(doc) {
    const t = doc.strings || {};
    const contexts = (doc.contexts || []).map((c) => ({ ...c, test: compile(c.pattern) }));
    const host = element("folio-help-widget");
    const root = host.attachShadow({ mode: "open" });
    const frame = element("div", { class: "frame", lang: doc.lang, dir: doc.dir || "ltr", hidden: "" });
    frame.dataset.position = options.position === "start" ? "start" : "end";
    const sheet = element("link", { rel: "stylesheet", href: doc.stylesheet });
    // Shown once styled, so the product never sees the bare markup.
    sheet.addEventListener("load", () => frame.removeAttribute("hidden"));
    sheet.addEventListener("error", () => console.warn(`Folio help widget: cannot load ${doc.stylesheet} (does style-src allow it?)`));
    root.append(sheet, frame);

    const launcher = element("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "panel" });
    launcher.append(element("span", { class: "launcher-icon", "aria-hidden": "true" }, "?"), element("span", {}, t.open));
    const panel = element("section", { id: "panel", class: "panel", role: "dialog", "aria-labelledby": "title", hidden: "" });
    const header = element("header", { class: "head" });
    const close = element("button", { type: "button", class: "close", "aria-label": t.close }, "×");
    header.append(element("h2", { id: "title" }, t.title), close);

    const form = element("form", { role: "search", class: "search" });
    const input = element("input", {
      id: "query", type: "search", autocomplete: "off", spellcheck: "false", placeholder: t.search_placeholder || "",
    });
    form.append(element("label", { for: "query", class: "visually-hidden" }, t.search_label), input);
    if (!doc.search) form.hidden = true;
    const status = element("p", { class: "status", role: "status", "aria-live": "polite" });
    const heading = element("h3", { id: "list-title", class: "list-title" }, t.articles);
    const list = element("ul", { class: "articles", "aria-labelledby": "list-title" });

    const vote = element("div", { class: "vote" });
    const question = element("p", { id: "vote-question", class: "question" }, t.question);
    const buttons = element("p", { class: "buttons", role: "group", "aria-labelledby": "vote-question" });
    const yes = element("button", { type: "button", "data-vote": "yes" }, t.feedback_yes);
    const no = element("button", { type: "button", "data-vote": "no" }, t.feedback_no);
    buttons.append(yes, no);
    // After a "No": why (optional), as on the site's own form, then "Still need help?".
    const reasons = element("form", { class: "reasons", hidden: "" });
    const fieldset = element("fieldset");
    fieldset.append(element("legend", {}, t.feedback_reason));
    for (const reason of doc.feedback?.reasons || []) {
      const label = element("label");
      label.append(element("input", { type: "radio", name: "reason", value: reason }), ` ${t[`feedback_reason_${reason}`] || reason}`);
      fieldset.append(label);
    }
    reasons.append(fieldset, element("button", { type: "submit", class: "send" }, t.feedback_send));
    const answer = element("p", { class: "answer", role: "status", tabindex: "-1" });
    const next = nextStep(doc.feedback?.next_step);
    vote.append(question, buttons, reasons, answer, next.box);
    if (!doc.feedback) vote.hidden = true;

    const footer = element("p", { class: "foot" });
    footer.append(link(doc.home, t.all_help));
    panel.append(header, form, status, heading, list, vote, footer);
    frame.append(panel, launcher);
    document.body.append(host);

    /** "Still need help?": the site's contact page, e-mail or the product's own chat (`feedback.next_step`). */
    function nextStep(step) {
      const box = element("div", { class: "next", hidden: "" });
      if (!step) return { box, show() {} };
      box.append(element("p", { class: "next-title" }, t.feedback_next_title));
      const contact = step.href ? element("a", { target: "_blank", rel: "noopener" }, step.kind === "email" ? t.feedback_next_email : t.feedback_next_link) : null;
      const chat = step.chat ? element("button", { type: "button", class: "chat" }, t.feedback_next_chat) : null;
      box.append(...[contact, chat].filter(Boolean));
      let detail = null;
      chat?.addEventListener("click", () => {
        // The product's own chat: an event any launcher can listen to, and the configured function.
        document.dispatchEvent(new CustomEvent("folio:need-help", { detail }));
        const launch = window[step.chat];
        if (typeof launch === "function") launch(detail);
      });
      return {
        box,
        show(payload) {
          detail = { url: payload.url, page_id: payload.page_id, title: payload.title, lang: payload.lang, vote: payload.vote, reason: payload.reason };
          if (contact) {
            const fill = { url: payload.url, title: payload.title, reason: payload.reason, lang: payload.lang };
            contact.href = step.href.replace(/\{(url|title|reason|lang)\}/g, (_, key) => encodeURIComponent(fill[key] || ""));
          }
          box.hidden = false;
        },
      };
    }

    function link(href, text) {
      const a = element("a", { href, target: "_blank", rel: "noopener" }, text);
      a.append(element("span", { class: "visually-hidden" }, ` ${t.new_tab || ""}`));
      return a;
    }

    function item(title, href, summary) {
      const li = element("li");
      li.append(link(href, title));
      if (summary) li.append(element("p", { class: "summary" }, summary));
      return li;
    }

    // The screen the reader is on: its most specific pattern and the articles of every pattern it matches.
    let screen = { pattern: null, articles: [] };
    const voted = new Map();
    function match() {
      const path = location.pathname;
      const seen = new Set();
      const articles = [];
      let pattern = null;
      for (const context of contexts) {
        if (!context.test(path)) continue;
        pattern = pattern || context.pattern;
        for (const article of context.articles) {
          if (seen.has(article.url)) continue;
          seen.add(article.url);
          articles.push(article);
        }
      }
      return { pattern, articles: articles.slice(0, doc.max_articles || 8) };
    }

    function showScreen() {
      screen = match();
      if (input.value.trim()) return;
      heading.textContent = t.articles;
      list.replaceChildren(...screen.articles.map((a) => item(a.title, a.url, a.summary)));
      status.textContent = screen.articles.length ? "" : t.none;
      showVote();
    }

    function showVote() {
      const given = voted.get(screen.pattern);
      buttons.hidden = Boolean(given);
      question.hidden = Boolean(given);
      reasons.hidden = true;
      answer.textContent = given ? t.thanks : "";
      next.box.hidden = given !== "no";
    }

    // Search, through the help site's own client, loaded on first use.
    let index = null;
    const loadIndex = () => {
      if (!index) {
        index = import(new URL("search/core.js", base).href)
          .then(({ SearchIndex }) => SearchIndex.load(doc.search.base, doc.search.lang));
        index.catch(() => { index = null; });
      }
      return index;
    };
    // A query that found nothing goes to the feedback endpoint as the /search/ page sends it (`type: search`),
    // once it has stood for two seconds: only the query, e-mail addresses and long numbers blanked, at most
    // five a visit. Off with `search.report_gaps: false`.
    const gaps = new Set();
    let gapTimer = 0;
    function noteGap(query) {
      if (!doc.search.report_gaps || !doc.feedback) return;
      gapTimer = setTimeout(() => {
        const text = query.replace(/\S+@\S+/g, "…").replace(/\d{4,}/g, "…").trim().slice(0, 100);
        if (!text || gaps.has(text) || gaps.size >= 5) return;
        gaps.add(text);
        const body = JSON.stringify({
          type: "search", reason: "no_results", text, lang: doc.lang,
          url: location.origin + (screen.pattern || "/"), page_id: "help-widget:search",
        });
        const headers = { "Content-Type": "application/json" };
        fetch(doc.feedback.endpoint, { method: "POST", mode: "cors", credentials: "omit", keepalive: true, headers, body })
          .catch(() => {});
      }, 2000);
    }

    let asked = 0;
    async function search() {
      const query = input.value.trim();
      const ask = ++asked;
      if (!query) {
        showScreen();
        return;
      }
      status.textContent = t.search_loading || "";
      try {
        const found = await (await loadIndex()).search(query, { limit: doc.max_articles || 8 });
        if (ask !== asked) return;
        heading.textContent = t.results;
        const items = found.results.map((r) => item(r.title, new URL(r.url, doc.search.base).href, r.summary));
        list.replaceChildren(...items);
        status.textContent = items.length ? "" : t.no_results;
        if (found.total === 0) noteGap(query);
      } catch {
        if (ask === asked) status.textContent = t.search_error || "";
      }
    }
    let typing = null;
    input.addEventListener("input", () => {
      clearTimeout(typing);
      clearTimeout(gapTimer);
      typing = setTimeout(search, 150);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(typing);
      search();
    });

    // "Did this help?": about the help for this screen, named by its pattern, never by the reader's own path
    // (which may hold ids); the payload is the site feedback's, so `folio feedback report` reads it.
    async function send(value, reason = "") {
      const pattern = screen.pattern || "/";
      const payload = {
        url: location.origin + pattern,
        page_id: `help-widget:${pattern}`,
        title: `In-product help: ${pattern}`,
        lang: doc.lang,
        vote: value,
        reason,
        text: "",
        email: "",
        timestamp: new Date().toISOString(),
      };
      const json = doc.feedback.format !== "form";
      const sendButton = reasons.querySelector(".send");
      yes.disabled = no.disabled = sendButton.disabled = true;
      try {
        const response = await fetch(doc.feedback.endpoint, {
          method: "POST",
          mode: "cors",
          credentials: "omit",
          headers: { "Content-Type": json ? "application/json" : "application/x-www-form-urlencoded" },
          body: json ? JSON.stringify(payload) : new URLSearchParams(payload).toString(),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        voted.set(screen.pattern, value);
        showVote();
        if (value === "no") next.show(payload);
      } catch {
        answer.textContent = t.failed;
      } finally {
        yes.disabled = no.disabled = sendButton.disabled = false;
      }
      answer.focus();
    }
    yes.addEventListener("click", () => send("yes"));
    no.addEventListener("click", () => {
      if (!reasons.querySelector("input")) {
        send("no");
        return;
      }
      buttons.hidden = true;
      reasons.hidden = false;
      reasons.querySelector("input").focus();
    });
    reasons.addEventListener("submit", (event) => {
      event.preventDefault();
      send("no", reasons.querySelector("input:checked")?.value || "");
    });

    function open() {
      showScreen();
      panel.hidden = false;
      launcher.setAttribute("aria-expanded", "true");
      (doc.search ? input : close).focus();
    }
    function shut() {
      panel.hidden = true;
      launcher.setAttribute("aria-expanded", "false");
      launcher.focus();
    }
    launcher.addEventListener("click", () => (panel.hidden ? open() : shut()));
    close.addEventListener("click", shut);
    // Escape closes from anywhere inside the widget; the product's own keys are left alone.
    root.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !panel.hidden) {
        event.stopPropagation();
        shut();
      }
    });

    // The product's own navigation: the Navigation API where there is one, else pushState and replaceState
    // announce themselves; back and forward are popstate.
    const changed = () => {
      if (!panel.hidden) showScreen();
    };
    if (window.navigation && typeof window.navigation.addEventListener === "function") {
      window.navigation.addEventListener("currententrychange", changed);
    } else {
      for (const name of ["pushState", "replaceState"]) {
        const original = history[name];
        history[name] = function (...args) {
          const result = original.apply(this, args);
          changed();
          return result;
        };
      }
    }
    window.addEventListener("popstate", changed);
    showScreen();
  }

  const ready = (then) => (document.body ? then() : document.addEventListener("DOMContentLoaded", then, { once: true }));
  loadContext().then(
    (doc) => ready(() => start(doc)),
    (error) => console.warn(`Folio help widget: cannot load its context (${error.message})`),
  );
})();

// Folio search: the page side. Turns the header's search form into a combobox with instant results
// (`/` focuses it; ↑ ↓ choose, Enter opens, Esc closes) and fills the /search/ page from `?q=`. Both search the
// page's language; on a site with several, an "all languages" switch searches every language's index, and
// results in another language carry their own `lang` and `dir` and the language's name.
// Everything is built with DOM calls (never innerHTML) so page text cannot inject markup; no inline scripts.
// The core is imported on first use, so an ordinary page load fetches this one small file.

const MAX_SUGGESTIONS = 7;
// The results page shows ten results, then ten more at a time: each result's record is a request.
const PAGE_SIZE = 10;
// The sessionStorage key of a query that did not help, until the next page says where the reader went.
const PENDING_GAP = "folio-search-gap";

// The header's form, and on a help-center home a second, large one (`data-id-prefix` keeps their ids
// apart); `/` focuses the header's.
const forms = [...document.querySelectorAll("form.search-form")];
forms.forEach((form, n) => {
  const strings = readStrings(form);
  const loader = lazyIndex(form, strings);
  setUpCombobox(form, strings, loader, n === 0);
  const page = n === 0 && document.querySelector("[data-search-page]");
  if (page) setUpResultsPage(page, strings, loader);
});
if (!document.querySelector("[data-search-page]")) reportPageReached();

function readStrings(form) {
  const strings = {};
  for (const [key, value] of Object.entries(form.dataset)) {
    if (/^t[A-Z]/.test(key)) strings[key[1].toLowerCase() + key.slice(2)] = value;
  }
  return strings;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/**
 * The search indexes, loaded on first use: `own()` is the page's language (falling back to the site language),
 * `languages()` the list of indexed languages (`[{lang, dir, docs}]`), and `search(query, options, all)`
 * searches the own index, or every language's with the own one first. The own index comes with the strings
 * results are told in (`search/strings-<lang>.json`), added to `strings` where the form has none of its own.
 */
function lazyIndex(form, strings) {
  const { searchBase, lang, siteLang } = form.dataset;
  let texts = null;
  const loadTexts = () => {
    if (!texts) {
      texts = fetch(`${searchBase}strings-${lang}.json`)
        .then((response) => {
          if (!response.ok) throw new Error(`search strings: HTTP ${response.status}`);
          return response.json();
        })
        .then((fetched) => {
          for (const [key, value] of Object.entries(fetched)) if (!(key in strings)) strings[key] = value;
        });
      texts.catch(() => { texts = null; });
    }
    return texts;
  };
  const core = () => import("./core.js");
  const loaded = new Map();
  const load = (code) => {
    if (!loaded.has(code)) {
      const loading = core().then(({ SearchIndex }) => SearchIndex.load(searchBase, code));
      loading.catch(() => loaded.delete(code));
      loaded.set(code, loading);
    }
    return loaded.get(code);
  };
  let listing = null;
  const loader = async () => {
    const [own] = await Promise.all([load(lang).catch(() => load(siteLang)), loadTexts()]);
    return own;
  };
  loader.languages = () => {
    if (!listing) {
      listing = fetch(`${searchBase}languages.json`).then((r) => (r.ok ? r.json() : [])).catch(() => []);
    }
    return listing;
  };
  loader.search = async (query, options, all) => {
    const own = await loader();
    if (!all) return own.search(query, options);
    const others = (await loader.languages()).filter((l) => l.lang !== own.manifest.lang && l.docs > 0);
    const indexes = [own, ...(await Promise.all(others.map((l) => load(l.lang).catch(() => null))))];
    const { searchMany } = await core();
    return searchMany(indexes.filter(Boolean), query, options);
  };
  return loader;
}

/** Shows the "all languages" switches once the site turns out to have more than one indexed language. */
async function revealLanguageSwitch(loader, switches) {
  const languages = await loader.languages();
  if (languages.filter((l) => l.docs > 0).length > 1) for (const node of switches) node.hidden = false;
  return languages;
}

/**
 * When the page's language has nothing: how many results the other languages have, as a sentence to append
 * (empty when they have none, or the site has one language).
 */
async function otherLanguagesNote(loader, query, strings) {
  try {
    const languages = await loader.languages();
    if (languages.filter((l) => l.docs > 0).length < 2) return "";
    const answer = await loader.search(query, { limit: 0, prefix: false }, true);
    return answer.total > 0 ? ` ${fill(strings.otherLanguages, { n: answer.total })}` : "";
  } catch {
    return "";
  }
}

/** Marks a result in another language than the page's: `lang`, `dir` and the language's name. */
function markLanguage(node, result, languages, pageLang, badgeClass) {
  if (!result.lang) return;
  node.lang = result.lang;
  const known = languages.find((l) => l.lang === result.lang);
  node.dir = known ? known.dir : "auto";
  if (result.lang === pageLang) return;
  const badge = element("span", badgeClass, languageName(result.lang, pageLang));
  badge.lang = pageLang;
  badge.dir = "auto";
  return badge;
}

function languageName(code, inLang) {
  try {
    return new Intl.DisplayNames([inLang || "en"], { type: "language" }).of(code) || code;
  } catch {
    return code;
  }
}

/** `parts` from the core (`{ text, hit }`) as text nodes and <mark> elements. */
function appendParts(parent, parts) {
  for (const part of parts) {
    if (part.hit) {
      const mark = document.createElement("mark");
      mark.textContent = part.text;
      parent.append(mark);
    } else {
      parent.append(part.text);
    }
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** "{n} results" in the plural form the language gives `total` (the variants are `countOne`, `countFew`… of
 *  search/strings-<lang>.json; a missing one falls back to the plain form, as on the Rust side). */
function countText(strings, total) {
  let category = total === 1 ? "one" : "other";
  try {
    category = new Intl.PluralRules(document.documentElement.lang || undefined).select(total);
  } catch {
    // An unknown language tag: keep the English-like choice above.
  }
  return fill(strings[`count${capitalize(category)}`] || strings.count, { n: total });
}

function searchUrl(form, query) {
  return `${form.getAttribute("action")}?q=${encodeURIComponent(query)}`;
}

// ---- The header combobox ----

function setUpCombobox(form, strings, loader, shortcut) {
  const input = form.querySelector("input[role=combobox]");
  const popup = form.querySelector(".search-popup");
  const listbox = form.querySelector("[role=listbox]");
  const status = form.querySelector(".search-status");
  const allLanguages = form.querySelector(".search-all-langs");
  let languages = [];
  let active = -1;
  let generation = 0;

  const options = () => [...listbox.querySelectorAll("[role=option]")];
  const open = (isOpen) => {
    popup.hidden = !isOpen;
    input.setAttribute("aria-expanded", String(isOpen));
    if (!isOpen) setActive(-1);
  };
  const setActive = (index) => {
    const all = options();
    active = all.length === 0 ? -1 : Math.max(-1, Math.min(index, all.length - 1));
    all.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const update = async () => {
    const query = input.value;
    const mine = ++generation;
    if (query.trim() === "") {
      listbox.replaceChildren();
      status.textContent = "";
      open(false);
      return;
    }
    let answer;
    try {
      if (allLanguages) languages = await revealLanguageSwitch(loader, [allLanguages.closest(".search-scope")]);
      answer = await loader.search(query, { limit: MAX_SUGGESTIONS }, allLanguages?.checked);
    } catch (error) {
      if (mine !== generation) return;
      status.textContent = strings.error;
      listbox.replaceChildren();
      open(true);
      return;
    }
    if (mine !== generation) return;
    renderOptions(form, listbox, answer, strings, languages, allLanguages?.checked);
    status.textContent = answer.total === 0 ? fill(strings.noResults, { q: query.trim() }) : countText(strings, answer.total);
    if (answer.total === 0 && !allLanguages?.checked) {
      const note = await otherLanguagesNote(loader, query, strings);
      if (mine !== generation) return;
      status.textContent += note;
    }
    if (answer.total === 0 && answer.suggestions.length > 0) {
      status.textContent += ` ${strings.didYouMean} ${answer.suggestions[0]}`;
    }
    open(true);
    setActive(-1);
  };

  input.addEventListener("input", update);
  allLanguages?.addEventListener("change", () => { update(); });
  input.addEventListener("focus", () => { loader().catch(() => {}); if (input.value.trim()) update(); });
  input.addEventListener("keydown", (event) => {
    const count = options().length;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (popup.hidden) update().then(() => setActive(0));
      else setActive(active + 1 >= count ? 0 : active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive(active <= 0 ? count - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      const link = options()[active].querySelector("a");
      if (link) window.location.assign(link.href);
    } else if (event.key === "Escape") {
      if (!popup.hidden) {
        event.preventDefault();
        open(false);
      } else if (input.value) {
        event.preventDefault();
        input.value = "";
      }
    }
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) open(false);
  });
  if (shortcut) document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLElement
      && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
    if (typing) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
}

function renderOptions(form, listbox, answer, strings, languages, all) {
  const pageLang = form.dataset.lang;
  const items = answer.results.map((result, i) => {
    const option = element("li", "search-option");
    option.id = `${form.dataset.idPrefix || "search"}-option-${i}`;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    const link = element("a", "search-option-link");
    link.href = result.url;
    link.tabIndex = -1;
    const title = element("span", "search-option-title");
    appendParts(title, result.titleParts);
    const section = element("span", "search-option-section", strings[`section${capitalize(result.section)}`] || "");
    const excerpt = element("span", "search-option-excerpt");
    appendParts(excerpt, result.excerpt);
    const badge = markLanguage(option, result, languages, pageLang, "search-option-lang");
    link.append(title, ...(badge ? [badge] : []), section, excerpt);
    option.append(link);
    return option;
  });
  if (answer.total > 0) {
    const all = element("li", "search-option search-option-all");
    all.id = `${form.dataset.idPrefix || "search"}-option-${items.length}`;
    all.setAttribute("role", "option");
    all.setAttribute("aria-selected", "false");
    const link = element("a", "search-option-link", fill(strings.seeAll, { q: answer.query.trim() }));
    link.href = searchUrl(form, answer.query.trim()) + (all ? "&all=1" : "");
    link.tabIndex = -1;
    all.append(link);
    items.push(all);
  }
  listbox.replaceChildren(...items);
}

function capitalize(word) {
  return word ? word[0].toUpperCase() + word.slice(1) : "";
}

// ---- The /search/ page ----

function setUpResultsPage(page, strings, loader) {
  const input = page.querySelector("#search-page-input");
  const section = page.querySelector("#search-section");
  const product = page.querySelector("#search-product");
  const count = page.querySelector("#search-count");
  const suggestions = page.querySelector("#search-suggestions");
  const list = page.querySelector("#search-results");
  const allLanguages = page.querySelector("#search-all-langs");
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  if (allLanguages) allLanguages.checked = params.get("all") === "1";
  if (section) section.value = params.get("section") || "";
  if (product) product.value = params.get("product") || "";
  let generation = 0;
  let shown = PAGE_SIZE;
  const noteGap = gapReporter(page, list);

  const run = async () => {
    const query = input.value.trim();
    const mine = ++generation;
    syncUrl(query, section, product, allLanguages);
    suggestions.replaceChildren();
    if (!query) {
      list.replaceChildren();
      count.textContent = "";
      return;
    }
    count.textContent = strings.loading;
    let answer;
    let languages = [];
    try {
      const index = await loader();
      if (allLanguages) languages = await revealLanguageSwitch(loader, [allLanguages.closest(".search-scope")]);
      const all = Boolean(allLanguages?.checked);
      // Sections are the page language's; with all languages every section may have results.
      hideAbsentSections(section, all ? null : index.sections);
      answer = await loader.search(query, {
        limit: shown,
        prefix: false,
        section: section?.value || undefined,
        product: product?.value || undefined,
      }, all);
    } catch (error) {
      if (mine === generation) count.textContent = strings.error;
      return;
    }
    if (mine !== generation) return;
    renderResults(list, answer, strings, languages);
    noteGap(query, answer.total);
    count.textContent = answer.total === 0 ? fill(strings.noResults, { q: query }) : countText(strings, answer.total);
    if (answer.partial) count.textContent += ` ${strings.partial}`;
    if (answer.total === 0 && !allLanguages?.checked) {
      const note = await otherLanguagesNote(loader, query, strings);
      if (mine !== generation) return;
      count.textContent += note;
    }
    renderSuggestions(suggestions, answer, strings, page);
    if (answer.total > shown) {
      const more = element("button", "button search-more", "…");
      more.type = "button";
      more.textContent = `${countText(strings, answer.total - shown)} …`;
      more.addEventListener("click", () => { shown += PAGE_SIZE; run(); });
      const item = element("li", "search-more-item");
      item.append(more);
      list.append(item);
    }
  };

  page.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    shown = PAGE_SIZE;
    run();
  });
  for (const select of [section, product, allLanguages]) select?.addEventListener("change", () => { shown = PAGE_SIZE; run(); });
  window.addEventListener("popstate", () => {
    const again = new URLSearchParams(window.location.search);
    input.value = again.get("q") || "";
    run();
  });
  run();
}

function syncUrl(query, section, product, allLanguages) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (section?.value) params.set("section", section.value);
  if (product?.value) params.set("product", product.value);
  if (allLanguages?.checked) params.set("all", "1");
  const search = params.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ""}`;
  if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
}

/** Hides the sections the page language's index lacks; `sections` null shows them all. */
function hideAbsentSections(select, sections) {
  if (!select) return;
  for (const option of select.options) {
    option.hidden = sections !== null && option.value !== "" && !sections.includes(option.value);
  }
}

// ---- Search gaps ----

/** Queries that found nothing, and queries whose results nobody opened, go to the site's feedback endpoint
 *  (the one the list form on this page posts to) as `type: search`, for `folio feedback report`'s "write these
 *  next". Only the query travels: no cookie, no reader id; digits runs and e-mail addresses are blanked, at most
 *  five reports a visit. A query counts once it has stood for two seconds, or when the reader leaves, so half-typed
 *  words are not reported. Off with `search.report_gaps: false`, and without an endpoint transport.
 *  The last query that did not help waits in this tab's sessionStorage (never sent anywhere by itself) so that
 *  the next page of the site the reader opens, within half an hour, can say it was reached instead
 *  (`reportPageReached`). */
function gapReporter(page, list) {
  const form = document.querySelector('.list-feedback[data-transport="endpoint"]');
  if (!page.hasAttribute("data-report-gaps") || !form || !form.dataset.action) return () => {};
  const action = form.dataset.action;
  const lang = document.documentElement.lang;
  const clean = (query) => query.replace(/\S+@\S+/g, "…").replace(/\d{4,}/g, "…").trim().slice(0, 100);
  const sent = new Set();
  let current = null;
  let timer = 0;
  const send = (reason, query) => {
    const text = clean(query);
    if (!text || sent.has(`${reason} ${text}`) || sent.size >= 5) return;
    sent.add(`${reason} ${text}`);
    postGap(action, { type: "search", reason, text, lang, url: location.origin + location.pathname });
    remember(text);
  };
  // Written as soon as results are shown, not as the page goes away: the next page may start before this
  // one's `pagehide` has run. Opening a result takes it back (the query helped).
  const remember = (text) => writePending(text && { action, text, lang, at: Date.now() });
  const settle = () => {
    if (current && current.total === 0) send("no_results", current.query);
    else if (current && !current.opened) send("not_opened", current.query);
  };
  list.addEventListener("click", (event) => {
    if (!current || !event.target.closest("a")) return;
    current.opened = true;
    writePending(current.before);
  });
  window.addEventListener("pagehide", settle);
  return (query, total) => {
    clearTimeout(timer);
    current = { query, total, opened: false, before: readPending() };
    if (total === 0) timer = setTimeout(settle, 2000);
    else if (sent.size < 5) remember(clean(query));
  };
}

function postGap(action, record) {
  fetch(action, {
    method: "POST", body: JSON.stringify({ ...record, page_id: "search" }), keepalive: true, credentials: "omit",
    headers: { "Content-Type": "application/json" },
  }).catch(() => {});
}

/** The first page a reader opens after a query that did not help — a result of a later query, or a page found
 *  through the menu — is where they went instead: reported once (`reason: reached`, this page's address and the
 *  query), so the report can say what readers who asked for X ended up reading. */
function reportPageReached() {
  const pending = readPending();
  writePending(null);
  if (!pending || !pending.action || Date.now() - pending.at > 30 * 60 * 1000) return;
  postGap(pending.action, {
    type: "search", reason: "reached", text: pending.text, lang: pending.lang,
    url: location.origin + location.pathname,
  });
}

/** The query waiting for the page reached instead, or null (storage off or unreadable too). */
function readPending() {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_GAP) || "null");
  } catch {
    return null;
  }
}

function writePending(pending) {
  try {
    if (pending) sessionStorage.setItem(PENDING_GAP, JSON.stringify(pending));
    else sessionStorage.removeItem(PENDING_GAP);
  } catch {
    // Storage may be off: no page is reported as reached instead, the gaps themselves still are.
  }
}

function renderResults(list, answer, strings, languages) {
  const lang = document.documentElement.lang || undefined;
  const items = answer.results.map((result) => {
    const item = element("li", "search-result");
    const badge = markLanguage(item, result, languages, lang, "search-result-lang");
    const heading = element("h2", "search-result-title");
    const link = element("a");
    link.href = result.url;
    appendParts(link, result.titleParts);
    heading.append(link);
    const meta = element("p", "search-result-meta");
    if (badge) meta.append(badge, " · ");
    const bits = [strings[`section${capitalize(result.section)}`]];
    // The date as the site writes it (`dates:` in site.yaml); older indexes have only the ISO day.
    if (result.date) bits.push(result.dateText || formatDate(result.date, lang));
    bits.push(...result.products);
    meta.append(bits.filter(Boolean).join(" · "));
    const excerpt = element("p", "search-result-excerpt");
    appendParts(excerpt, result.excerpt);
    item.append(heading, meta, excerpt);
    return item;
  });
  list.replaceChildren(...items);
}

function renderSuggestions(container, answer, strings, page) {
  if (answer.total > 0 || answer.suggestions.length === 0) return;
  const text = element("p", "search-did-you-mean", `${strings.didYouMean} `);
  answer.suggestions.forEach((suggestion, i) => {
    const link = element("a", "", suggestion);
    const params = new URLSearchParams({ q: suggestion });
    link.href = `${window.location.pathname}?${params}`;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      page.querySelector("#search-page-input").value = suggestion;
      page.querySelector("form").requestSubmit();
    });
    if (i > 0) text.append(", ");
    text.append(link);
  });
  container.append(text);
}

function formatDate(iso, lang) {
  const date = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }).format(date);
  } catch {
    return iso;
  }
}

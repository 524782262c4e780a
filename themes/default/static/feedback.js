// Folio: "Was this page helpful?" and the list pages' "Didn't find what you need?", enhanced. Loaded as a
// module only on pages that show one of the forms.
//
// The form works without this script (it posts, or opens a mail or a GitHub issue). With it, the reader
// votes first, then may add a reason, text and an e-mail; the result is sent without leaving the page,
// remembered in localStorage (one vote per page; no cookies), and when the endpoint cannot be reached the
// reader gets a retry and an e-mail fallback. No inline code, so a strict Content-Security-Policy works.
// A list form (data-folio-feedback="list") sends a vote-less request (`type: not_found`, a hidden
// field) and is never remembered: a reader may tell us about more than one thing they did not find.
//
// "Still need help?" (.feedback-next, after a "No"): its link gets the reader's reason in place of
// `{reason}`, and a chat launcher button calls the site's function (`feedback.next_step.chat`) and
// dispatches a `folio:need-help` event on `document` whose `detail` holds url, page_id, title, lang,
// vote and reason, so any chat widget can be opened from it.

const STORE_PREFIX = "folio-feedback:";

for (const box of document.querySelectorAll("[data-folio-feedback]")) setUpFeedback(box);

function remembered(id) {
  try {
    return localStorage.getItem(STORE_PREFIX + id);
  } catch {
    return null; // storage blocked: ask again rather than fail
  }
}

function remember(id, vote) {
  try {
    localStorage.setItem(STORE_PREFIX + id, vote);
  } catch {
    // storage blocked or full: the vote was still sent
  }
}

function show(element, visible) {
  if (element) element.hidden = !visible;
}

function value(form, name) {
  const field = form.elements[name];
  return field && typeof field.value === "string" ? field.value.trim() : "";
}

/** A chosen radio button's value, or the hidden field of that name (the list form's vote and reason). */
function checked(form, name) {
  const hidden = form.querySelector(`input[type='hidden'][name='${name}']`);
  return form.querySelector(`input[name='${name}']:checked`)?.value ?? hidden?.value ?? "";
}

/** The documented payload: the same names the form posts without JavaScript. A request (`type`)
 * has no vote and no reason. */
function payload(box, form) {
  const { pageUrl, pageId, pageTitle, lang } = box.dataset;
  const type = checked(form, "type");
  const answer = type ? { type } : { vote: checked(form, "vote"), reason: checked(form, "reason") };
  return {
    url: pageUrl,
    page_id: pageId,
    title: pageTitle,
    lang,
    ...answer,
    text: value(form, "text") || value(form, "body"),
    email: value(form, "email"),
    timestamp: new Date().toISOString(),
  };
}

// The body is read by the site's team, who get feedback from pages in every language in one place:
// its labels stay English, like the JSON fields the endpoint receives.
function messageText(p) {
  const lines = [`Page: ${p.title} <${p.url}>`, p.type ? `Request: ${p.type.replace("_", " ")}` : `Helpful: ${p.vote}`];
  if (p.reason) lines.push(`Reason: ${p.reason}`);
  if (p.text) lines.push("", p.text);
  if (p.email) lines.push("", `Reply to: ${p.email}`);
  return lines.join("\n");
}

/** The subject of a mail or issue, in the page's language (`feedback_issue_title`, carried as data-t-subject). */
function subjectText(box, p) {
  return (box.dataset.tSubject || "Feedback: {title}").replace("{title}", p.title);
}

function mailtoUrl(box, p) {
  const subject = encodeURIComponent(subjectText(box, p));
  return `mailto:${box.dataset.email}?subject=${subject}&body=${encodeURIComponent(messageText(p))}`;
}

function issueUrl(box, p) {
  const title = encodeURIComponent(subjectText(box, p));
  let url = `https://github.com/${box.dataset.repo}/issues/new?title=${title}&body=${encodeURIComponent(messageText(p))}`;
  if (box.dataset.labels) url += `&labels=${encodeURIComponent(box.dataset.labels)}`;
  return url;
}

async function post(box, p) {
  const json = box.dataset.format !== "form";
  const response = await fetch(box.dataset.action, {
    method: "POST",
    headers: {
      "Content-Type": json ? "application/json" : "application/x-www-form-urlencoded",
      "Accept": "application/json",
    },
    body: json ? JSON.stringify(p) : new URLSearchParams(p).toString(),
    credentials: "omit",
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

function setUpFeedback(box) {
  const form = box.querySelector(".feedback-form");
  if (!form) return;
  const thanks = box.querySelector(".feedback-thanks");
  const voted = box.querySelector(".feedback-voted");
  const failed = box.querySelector(".feedback-failed");
  const retry = box.querySelector(".feedback-retry");
  const mailto = box.querySelector(".feedback-mailto");
  const send = box.querySelector(".feedback-send");
  let pending = null;
  const once = box.dataset.folioFeedback !== "list";
  box.classList.add("is-enhanced");

  if (once && remembered(box.dataset.pageId)) {
    show(form, false);
    show(voted, true);
    return;
  }

  const next = box.querySelector(".feedback-next");
  const showNext = (p) => {
    if (!next) return;
    const link = next.querySelector(".feedback-next-link");
    if (link && next.dataset.href) link.href = next.dataset.href.split("{reason}").join(encodeURIComponent(p.reason));
    show(next.querySelector(".feedback-next-chat"), true);
    box.classList.toggle("needs-help", p.vote === "no");
  };
  next?.querySelector(".feedback-next-chat")?.addEventListener("click", () => {
    const p = payload(box, form);
    const detail = { url: p.url, page_id: p.page_id, title: p.title, lang: p.lang, vote: p.vote, reason: p.reason };
    document.dispatchEvent(new CustomEvent("folio:need-help", { detail }));
    const launch = window[next.dataset.chat];
    if (typeof launch === "function") launch(detail);
  });

  form.addEventListener("change", (event) => {
    if (event.target.name === "vote") box.classList.add("has-vote");
    if (event.target.name === "vote" || event.target.name === "reason") showNext(payload(box, form));
  });

  const done = (p) => {
    if (once) remember(box.dataset.pageId, p.vote);
    show(form, false);
    show(failed, false);
    show(thanks, true);
    box.classList.add("is-sent");
    showNext(p);
    thanks.focus();
  };

  const deliver = async (p) => {
    const { transport } = box.dataset;
    if (transport === "mailto") {
      window.location.href = mailtoUrl(box, p);
      done(p);
      return;
    }
    if (transport === "github") {
      window.open(issueUrl(box, p), "_blank", "noopener");
      done(p);
      return;
    }
    if (send) send.disabled = true;
    const sent = await post(box, p).then(() => true, () => false);
    if (send) send.disabled = false;
    if (sent) {
      done(p);
      return;
    }
    pending = p;
    if (mailto && box.dataset.email) mailto.href = mailtoUrl(box, p);
    show(failed, true);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!checked(form, "vote") && !checked(form, "type")) return;
    const p = payload(box, form);
    // A filled honeypot is a bot: look successful, send nothing.
    if (value(form, "website")) {
      done(p);
      return;
    }
    deliver(p);
  });

  retry?.addEventListener("click", () => {
    show(failed, false);
    if (pending) deliver(pending);
  });
  mailto?.addEventListener("click", () => {
    if (pending) done(pending);
  });
}

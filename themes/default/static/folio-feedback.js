// Folio: "Was this helpful?" and comments, enhanced.
//
// The feedback form works without this script (it posts, or opens a mail or a GitHub issue). With
// it, the reader votes first, then may add a reason, text and an e-mail; the result is sent without
// leaving the page, remembered in localStorage (one vote per page; no cookies), and when the
// endpoint cannot be reached the reader gets a retry and an e-mail fallback.
//
// Comments load nothing from the provider until the reader clicks "Show comments" (or, with
// `load: scroll`, until the thread scrolls into view). No inline code anywhere: a strict
// Content-Security-Policy works (see the documentation for the policy each provider needs).
(function () {
  "use strict";

  var STORE_PREFIX = "folio-feedback:";

  function remembered(id) {
    try {
      return window.localStorage.getItem(STORE_PREFIX + id);
    } catch (e) {
      return null; // storage blocked: ask again rather than fail
    }
  }

  function remember(id, vote) {
    try {
      window.localStorage.setItem(STORE_PREFIX + id, vote);
    } catch (e) {
      /* storage blocked or full: the vote was still sent */
    }
  }

  function show(el, visible) {
    if (el) el.hidden = !visible;
  }

  function value(form, name) {
    var field = form.elements[name];
    if (!field) return "";
    if (typeof field.value === "string") return field.value.trim();
    return "";
  }

  function checked(form, name) {
    var picked = form.querySelector("input[name='" + name + "']:checked");
    return picked ? picked.value : "";
  }

  // The documented payload: the same names the form posts without JavaScript.
  function payload(box, form) {
    var d = box.dataset;
    return {
      url: d.pageUrl,
      page_id: d.pageId,
      title: d.pageTitle,
      lang: d.lang,
      vote: checked(form, "vote"),
      reason: checked(form, "reason"),
      text: value(form, "text") || value(form, "body"),
      email: value(form, "email"),
      timestamp: new Date().toISOString()
    };
  }

  function messageText(p) {
    var lines = [
      "Page: " + p.title + " <" + p.url + ">",
      "Helpful: " + p.vote
    ];
    if (p.reason) lines.push("Reason: " + p.reason);
    if (p.text) lines.push("", p.text);
    if (p.email) lines.push("", "Reply to: " + p.email);
    return lines.join("\n");
  }

  function mailtoUrl(address, p) {
    return "mailto:" + address + "?subject=" + encodeURIComponent("Feedback: " + p.title) +
      "&body=" + encodeURIComponent(messageText(p));
  }

  function issueUrl(box, p) {
    var url = "https://github.com/" + box.dataset.repo + "/issues/new?title=" +
      encodeURIComponent("Feedback: " + p.title) + "&body=" + encodeURIComponent(messageText(p));
    if (box.dataset.labels) url += "&labels=" + encodeURIComponent(box.dataset.labels);
    return url;
  }

  function post(box, p) {
    var json = box.dataset.format !== "form";
    var body = json ? JSON.stringify(p) : new URLSearchParams(p).toString();
    return fetch(box.dataset.action, {
      method: "POST",
      headers: {
        "Content-Type": json ? "application/json" : "application/x-www-form-urlencoded",
        "Accept": "application/json"
      },
      body: body,
      credentials: "omit"
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
    });
  }

  function setUpFeedback(box) {
    var form = box.querySelector(".feedback-form");
    if (!form) return;
    var thanks = box.querySelector(".feedback-thanks");
    var voted = box.querySelector(".feedback-voted");
    var failed = box.querySelector(".feedback-failed");
    var retry = box.querySelector(".feedback-retry");
    var mailto = box.querySelector(".feedback-mailto");
    var send = box.querySelector(".feedback-send");
    var pending = null;
    box.classList.add("is-enhanced");

    if (remembered(box.dataset.pageId)) {
      show(form, false);
      show(voted, true);
      return;
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "vote") box.classList.add("has-vote");
    });

    function done(p) {
      remember(box.dataset.pageId, p.vote);
      show(form, false);
      show(failed, false);
      show(thanks, true);
      box.classList.add("is-sent");
      thanks.focus();
    }

    function deliver(p) {
      var transport = box.dataset.transport;
      if (transport === "mailto") {
        window.location.href = mailtoUrl(box.dataset.email, p);
        done(p);
        return;
      }
      if (transport === "github") {
        window.open(issueUrl(box, p), "_blank", "noopener");
        done(p);
        return;
      }
      if (send) send.disabled = true;
      post(box, p).then(function () {
        done(p);
      }, function () {
        pending = p;
        if (mailto && box.dataset.email) mailto.href = mailtoUrl(box.dataset.email, p);
        show(failed, true);
      }).then(function () {
        if (send) send.disabled = false;
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!checked(form, "vote")) return;
      var p = payload(box, form);
      // A filled honeypot is a bot: look successful, send nothing.
      if (value(form, "website")) {
        done(p);
        return;
      }
      deliver(p);
    });

    if (retry) {
      retry.addEventListener("click", function () {
        show(failed, false);
        if (pending) deliver(pending);
      });
    }
    if (mailto) {
      mailto.addEventListener("click", function () {
        if (pending) done(pending);
      });
    }
  }

  // ---------- Comments ----------

  function dark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function script(src, attributes) {
    var el = document.createElement("script");
    el.src = src;
    el.async = true;
    Object.keys(attributes || {}).forEach(function (name) {
      if (attributes[name]) el.setAttribute(name, attributes[name]);
    });
    return el;
  }

  var providers = {
    giscus: function (d, thread) {
      thread.classList.add("giscus");
      thread.appendChild(script("https://giscus.app/client.js", {
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
        "crossorigin": "anonymous"
      }));
    },
    utterances: function (d, thread) {
      thread.appendChild(script("https://utteranc.es/client.js", {
        "repo": d.repo,
        "issue-term": d.mapping,
        "label": d.label,
        "theme": "preferred-color-scheme",
        "crossorigin": "anonymous"
      }));
    },
    disqus: function (d, thread) {
      var box = document.createElement("div");
      box.id = "disqus_thread";
      thread.appendChild(box);
      window.disqus_config = function () {
        this.page.url = d.pageUrl;
        this.page.identifier = d.pageId;
        this.page.title = d.pageTitle;
        this.language = d.lang.replace("-", "_");
      };
      thread.appendChild(script("https://" + d.shortname + ".disqus.com/embed.js", {
        "data-timestamp": String(Date.now())
      }));
    },
    isso: function (d, thread) {
      var box = document.createElement("section");
      box.id = "isso-thread";
      box.setAttribute("data-isso-id", d.pageId);
      box.setAttribute("data-title", d.pageTitle);
      thread.appendChild(box);
      thread.appendChild(script(d.url + "/js/embed.min.js", {
        "data-isso": d.url + "/",
        "data-isso-lang": d.lang.split("-")[0],
        "data-isso-css": "true"
      }));
    },
    remark42: function (d, thread) {
      var box = document.createElement("div");
      box.id = "remark42";
      thread.appendChild(box);
      window.remark_config = {
        host: d.url,
        site_id: d.siteId,
        url: d.pageUrl,
        page_title: d.pageTitle,
        locale: d.lang.split("-")[0],
        theme: dark() ? "dark" : "light",
        components: ["embed"]
      };
      thread.appendChild(script(d.url + "/web/embed.js"));
    },
    cusdis: function (d, thread) {
      var host = d.url || "https://cusdis.com";
      var box = document.createElement("div");
      box.id = "cusdis_thread";
      box.setAttribute("data-host", host);
      box.setAttribute("data-app-id", d.appId);
      box.setAttribute("data-page-id", d.pageId);
      box.setAttribute("data-page-url", d.pageUrl);
      box.setAttribute("data-page-title", d.pageTitle);
      box.setAttribute("data-theme", "auto");
      thread.appendChild(box);
      thread.appendChild(script(host + "/js/cusdis.es.js"));
    },
    custom: function (d, thread, section) {
      var template = section.querySelector("template.comments-embed");
      if (!template) return;
      var copy = document.importNode(template.content, true);
      // Scripts copied from a <template> do not run; recreate them so they do.
      Array.prototype.forEach.call(copy.querySelectorAll("script"), function (old) {
        var fresh = document.createElement("script");
        Array.prototype.forEach.call(old.attributes, function (a) {
          fresh.setAttribute(a.name, a.value);
        });
        fresh.text = old.text;
        old.parentNode.replaceChild(fresh, old);
      });
      thread.appendChild(copy);
    }
  };

  function setUpComments(section) {
    var d = section.dataset;
    var button = section.querySelector(".comments-load");
    var thread = section.querySelector(".comments-thread");
    var load = providers[d.provider];
    if (!button || !thread || !load) return;
    var loaded = false;
    function start() {
      if (loaded) return;
      loaded = true;
      show(button, false);
      section.classList.add("is-loaded");
      load(d, thread, section);
    }
    show(button, true);
    button.addEventListener("click", start);
    if (d.load === "scroll" && "IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          observer.disconnect();
          start();
        }
      }, { rootMargin: "200px" });
      observer.observe(section);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-folio-feedback]"), setUpFeedback);
  Array.prototype.forEach.call(document.querySelectorAll("[data-folio-comments]"), setUpComments);
})();

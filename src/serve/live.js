// Folio's live reload, injected only by `folio serve` (as /__folio/live.js?since=VERSION). The server sends Server-Sent Events:
// `reload` (content changed: reload, keeping the scroll position), `css` (only stylesheets changed:
// swap them in place) and `hello` (sent on every connection; a new server id means the server
// restarted while the page was open, so the page reloads). EventSource reconnects by itself.
(() => {
  // The site version this page was served from, so no rebuild in between is missed.
  const since = new URL(document.currentScript.src).searchParams.get("since") || "";
  const scrollKey = "folio-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    addEventListener("load", () => scrollTo(0, Number(saved)));
  }
  const reload = () => {
    sessionStorage.setItem(scrollKey, String(scrollY));
    location.reload();
  };
  let server = null;
  const events = new EventSource("/__folio/events?since=" + encodeURIComponent(since));
  events.addEventListener("hello", (event) => {
    if (server !== null && server !== event.data) reload();
    server = event.data;
  });
  events.addEventListener("reload", reload);
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("folio-reload", String(Date.now()));
      link.href = url.href;
    }
  });
  window.__folioLive = events;
})();

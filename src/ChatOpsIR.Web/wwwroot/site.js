// ChatOpsIR: what every page of the web product shares (the incident list, insights, the incident page's extras).
// Plain ES2020, no framework. Text from the server is always inserted with textContent.
(() => {
  "use strict";

  const NAME_KEY = "chatopsir.name";
  let session = null;

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  /** Creates an element with a class and text (never markup). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function readName() {
    try {
      return window.localStorage.getItem(NAME_KEY) || "";
    } catch {
      return "";
    }
  }

  /** Who the page acts as: the signed-in person (from the session), else the name picked in the war room. */
  async function loadSession() {
    if (session) return session;
    try {
      const response = await fetch("/api/webchat/session", { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" });
      const body = response.ok ? await response.json() : null;
      session = body && body.signedIn
        ? { signedIn: true, name: body.name, antiforgeryToken: body.antiforgeryToken || "" }
        : { signedIn: false, name: readName(), antiforgeryToken: "" };
    } catch {
      session = { signedIn: false, name: readName(), antiforgeryToken: "" };
    }

    if (session.signedIn) {
      const out = document.getElementById("sign-out");
      if (out) out.hidden = false;
    }

    const who = document.getElementById("current-user");
    if (who) who.textContent = session.name || "";
    return session;
  }

  /** Adds ?user= (the war room's picked name) when nobody is signed in, so private incidents show to their people. */
  function withUser(path) {
    if (!session || session.signedIn || !session.name) return path;
    return `${path}${path.includes("?") ? "&" : "?"}user=${encodeURIComponent(session.name)}`;
  }

  /**
   * Calls the JSON API. Refusals are RFC 7807 problems: the error carries their detail, ready to show where it happened.
   * options: { method, body (JSON), raw: true to get the Response itself, etag: the version shown, so an unchanged
   * answer (304) comes back as null }. With etag, the result is { body, etag } (body null when nothing changed).
   */
  async function api(path, options = {}) {
    await loadSession();
    const headers = { Accept: options.accept || "application/json" };
    if (options.body) headers["Content-Type"] = "application/json";
    if (options.etag) headers["If-None-Match"] = options.etag;
    if (options.method === "POST" && session.antiforgeryToken) headers["X-ChatOpsIR-Antiforgery"] = session.antiforgeryToken;
    let response;
    try {
      response = await fetch(withUser(path), {
        method: options.method || "GET",
        headers,
        body: options.body ? JSON.stringify(options.body) : undefined,
        cache: "no-store",
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError("Can't reach the ChatOpsIR server. Check that it is running and your connection is up.", 0);
    }

    if (response.status === 304 && "etag" in options) return { body: null, etag: options.etag };

    if (response.status === 401 && session.signedIn) {
      window.location.assign(`/signin?returnUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }

    if (!response.ok) {
      let payload = null;
      try {
        payload = await response.json();
      } catch {
        payload = null;
      }
      const reason = payload && typeof payload.detail === "string" && payload.detail
        ? payload.detail
        : payload && typeof payload.title === "string" && payload.title ? payload.title : `The server answered ${response.status}.`;
      throw new ApiError(reason, response.status);
    }

    if (options.raw) return response;
    const body = response.status === 204 ? null : await response.json();
    return "etag" in options ? { body, etag: response.headers.get("ETag") || "" } : body;
  }

  /** Marks the current page in the top navigation. */
  function markNavigation(key) {
    for (const link of document.querySelectorAll(".site-nav a[data-nav]")) {
      if (link.dataset.nav === key) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }

  /** "3 Dec 2026, 14:05" in the browser's zone, with the full ISO time as the tooltip. */
  function timeElement(iso, withTime = true) {
    const node = el("time");
    if (!iso) return node;
    const date = new Date(iso);
    node.dateTime = date.toISOString();
    node.title = date.toISOString();
    node.textContent = withTime
      ? date.toLocaleString(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" })
      : date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
    return node;
  }

  const SEVERITY_LABELS = { 1: "SEV1 · critical", 2: "SEV2 · high", 3: "SEV3 · moderate", 4: "SEV4 · low" };

  /** A coloured severity badge: "SEV2". */
  function severityBadge(severity) {
    const badge = el("span", `badge sev sev-${severity}`, `SEV${severity}`);
    badge.title = SEVERITY_LABELS[severity] || "";
    return badge;
  }

  /** A status badge: open, resolved, closed. */
  function statusBadge(status) {
    return el("span", `badge status status-${status}`, status);
  }

  /** Runs fn every ms while the page is visible, at once when it becomes visible again; returns a stopper. */
  function every(ms, fn) {
    let timer = 0;
    const tick = async () => {
      if (document.visibilityState === "visible") {
        try {
          await fn();
        } catch (error) {
          console.warn(error.message);
        }
      }
      timer = window.setTimeout(tick, ms);
    };
    const onVisible = () => {
      if (document.visibilityState === "visible") {
        window.clearTimeout(timer);
        tick();
      }
    };
    document.addEventListener("visibilitychange", onVisible);
    timer = window.setTimeout(tick, ms);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }

  window.ChatOpsSite = { ApiError, api, el, every, loadSession, markNavigation, severityBadge, statusBadge, timeElement, withUser };
})();

// ChatOpsIR: the incident list (/incidents). Filters live in the address, so a filtered view can be shared and survives a
// reload; the list polls every 3 s with If-None-Match and redraws only when the server's version changed.
// Plain ES2020, no framework. Text from the server is always inserted with textContent.
(() => {
  "use strict";

  const site = window.ChatOpsSite;
  const { el } = site;
  const $ = (id) => document.getElementById(id);
  const POLL_MS = 3000;
  const SEARCH_DELAY_MS = 300;
  const PLATFORMS = { web: "Web war room", slack: "Slack", teams: "Teams" };

  let etag = "";
  let version = "";
  let request = 0;
  let searchTimer = 0;

  /** The filters as the address holds them (unknown or empty values left out). */
  function readFilters(search) {
    const params = new URLSearchParams(search);
    const severities = params.getAll("severity").flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => /^[1-4]$/.test(v));
    return {
      q: (params.get("q") || "").trim(),
      status: ["open", "resolved", "closed"].includes(params.get("status")) ? params.get("status") : "all",
      kind: ["real", "exercise"].includes(params.get("kind")) ? params.get("kind") : "all",
      severity: [...new Set(severities)].sort(),
      from: /^\d{4}-\d{2}-\d{2}$/.test(params.get("from") || "") ? params.get("from") : "",
      to: /^\d{4}-\d{2}-\d{2}$/.test(params.get("to") || "") ? params.get("to") : "",
    };
  }

  function formFilters() {
    const form = $("filters");
    return {
      q: form.elements.q.value.trim(),
      status: form.elements.status.value,
      kind: form.elements.kind.value,
      severity: [...form.querySelectorAll("input[name=severity]:checked")].map((box) => box.value).sort(),
      from: form.elements.from.value,
      to: form.elements.to.value,
    };
  }

  function showFilters(filters) {
    const form = $("filters");
    form.elements.q.value = filters.q;
    form.elements.status.value = filters.status;
    form.elements.kind.value = filters.kind;
    for (const box of form.querySelectorAll("input[name=severity]")) box.checked = filters.severity.includes(box.value);
    form.elements.from.value = filters.from;
    form.elements.to.value = filters.to;
  }

  /** The query string of the filters: the page's address and the API's share it. */
  function queryOf(filters) {
    const params = new URLSearchParams();
    if (filters.q) params.set("q", filters.q);
    if (filters.status !== "all") params.set("status", filters.status);
    if (filters.kind !== "all") params.set("kind", filters.kind);
    if (filters.severity.length) params.set("severity", filters.severity.join(","));
    if (filters.from) params.set("from", filters.from);
    if (filters.to) params.set("to", filters.to);
    return params.toString();
  }

  function isFiltered(filters) {
    return queryOf(filters) !== "";
  }

  /** Reads the list; null when the server says nothing changed since the version shown. */
  async function fetchList(query) {
    const answer = await site.api(`/api/incidents${query ? `?${query}` : ""}`, { etag });
    etag = answer.etag;
    return answer.body;
  }

  function badge(className, text, title) {
    const node = el("span", `badge ${className}`, text);
    if (title) node.title = title;
    return node;
  }

  function metaItem(label, content) {
    const item = el("span", "row-meta-item");
    if (label) item.appendChild(el("span", "row-meta-label", `${label} `));
    item.appendChild(typeof content === "string" ? document.createTextNode(content) : content);
    return item;
  }

  function row(incident) {
    const item = el("li");
    const link = el("a", `incident-row status-row-${incident.status}`);
    link.href = `/incidents/${encodeURIComponent(incident.id)}`;
    link.dataset.reference = incident.reference;

    const head = el("span", "row-head");
    head.append(el("span", "row-ref", incident.reference), el("span", "row-title", incident.title));
    const badges = el("span", "row-badges");
    badges.append(site.severityBadge(incident.severity), site.statusBadge(incident.status));
    if (incident.private) badges.appendChild(badge("badge-private", "private", "Only its people see this incident"));
    if (incident.exercise) badges.appendChild(badge("exercise", "exercise", incident.exerciseKind));
    head.appendChild(badges);

    const meta = el("span", "row-meta");
    meta.appendChild(metaItem("", `${PLATFORMS[incident.platform] || incident.platform} · #${incident.channelName}`));
    meta.appendChild(metaItem("Commander", incident.commander || "none"));
    meta.appendChild(metaItem("Declared", site.timeElement(incident.declaredAt)));
    if (incident.resolvedAt) meta.appendChild(metaItem("Resolved", site.timeElement(incident.resolvedAt)));
    const actions = incident.openActionItems;
    meta.appendChild(el("span", `row-meta-item${actions ? " row-actions-open" : ""}`, actions === 1 ? "1 open action item" : `${actions || "No"} open action items`));

    link.append(head, meta);
    link.appendChild(el("span", "row-status", incident.lastStatus ? `Last status: ${incident.lastStatus}` : "No status posted yet"));
    item.appendChild(link);
    return item;
  }

  function fillGroup(key, incidents, emptyText) {
    $(`count-${key}`).textContent = String(incidents.length);
    const list = $(`rows-${key}`);
    list.replaceChildren(...(incidents.length ? incidents.map(row) : [el("li", "row-none muted", emptyText)]));
    $(`group-${key}`).hidden = false;
  }

  function draw(list, filters) {
    $("list-loading").hidden = true;
    const none = list.total === 0;
    $("empty-all").hidden = !none || isFiltered(filters);
    $("empty-filtered").hidden = !none || !isFiltered(filters);
    for (const key of ["open", "resolved", "exercises"]) $(`group-${key}`).hidden = none;
    $("list-truncated").hidden = !list.truncated;
    if (!none) {
      fillGroup("open", list.open, "No open incident matches.");
      fillGroup("resolved", list.resolved, "No resolved or closed incident matches.");
      fillGroup("exercises", list.exercises, "No exercise matches.");
    }

    const now = new Date().toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
    $("list-live").textContent = `Live · updated ${now}`;
  }

  function showError(message) {
    const box = $("list-error");
    box.textContent = message || "";
    box.hidden = !message;
  }

  /** Reads the list for the filters in the address; redraws when its version changed (or always, when asked). */
  async function refresh(force = false) {
    const filters = readFilters(window.location.search);
    const query = queryOf(filters);
    const mine = ++request;
    if (force) etag = "";
    // Refused here rather than by the server, so the browser logs no failed request for a range typed backwards.
    if (filters.from && filters.to && filters.to < filters.from) {
      $("list-loading").hidden = true;
      showError("“Declared to” ('to') is before “Declared from” ('from'): change one of the two days.");
      return;
    }

    try {
      const list = await fetchList(query);
      if (mine !== request) return;
      showError("");
      if (list && (force || list.version !== version)) {
        version = list.version;
        draw(list, filters);
      }
    } catch (error) {
      if (mine !== request) return;
      $("list-loading").hidden = true;
      showError(version ? `The list could not be refreshed: ${error.message}` : error.message);
    }
  }

  /** Puts the form's filters in the address (replacing it, so Back leaves the page) and reads the list again. */
  function applyForm() {
    const query = queryOf(formFilters());
    const address = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (address !== window.location.pathname + window.location.search) window.history.replaceState(null, "", address);
    refresh(true);
  }

  function clearFilters() {
    showFilters(readFilters(""));
    applyForm();
    $("filter-q").focus();
  }

  async function start() {
    site.markNavigation("incidents");
    const filters = readFilters(window.location.search);
    showFilters(filters);
    // A filter the address held in another form (e.g. severity=2&severity=1) is written back in the page's own form.
    const query = queryOf(filters);
    if (query !== window.location.search.replace(/^\?/, "")) {
      window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
    }

    const session = await site.loadSession();
    $("name-notice").hidden = session.signedIn || Boolean(session.name);

    const form = $("filters");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      window.clearTimeout(searchTimer);
      applyForm();
    });
    form.addEventListener("change", (event) => {
      if (event.target.name === "q") return;
      applyForm();
    });
    form.elements.q.addEventListener("input", () => {
      window.clearTimeout(searchTimer);
      searchTimer = window.setTimeout(applyForm, SEARCH_DELAY_MS);
    });
    $("clear-filters").addEventListener("click", clearFilters);
    $("clear-filters-empty").addEventListener("click", clearFilters);

    await refresh(true);
    site.every(POLL_MS, () => refresh(false));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

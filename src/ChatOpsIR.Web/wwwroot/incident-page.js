// ChatOpsIR incident page (/incidents/{id}): the incident's header, its war-room conversation and command box (app.js's
// room, without the channel picker), and beside them its whole record, kept current by polling with If-None-Match.
// Plain ES2020, no framework. Text from the server is inserted with textContent only.
(() => {
  "use strict";

  const POLL_MS = 3000;
  const CLOCK_MS = 30000;
  const CHANNEL_CHECK_MS = 10000;
  const ROLE_LABELS = { commander: "Commander", deputy: "Deputy", scribe: "Scribe", comms: "Comms", lead: "Technical lead" };
  const STATUS_LABELS = { open: "Open", resolved: "Resolved", closed: "Closed" };
  const PLATFORMS = { slack: "Slack", teams: "Microsoft Teams", web: "the web war room" };

  const $ = (id) => document.getElementById(id);

  let room = null;
  let incidentId = "";
  let detail = null;
  let etag = "";
  let polling = false;
  let pollAgain = false;
  let lastChannelCheck = 0;
  let newer = null; // the channel's current incident when it is not this one: { reference, id }
  let started = false;

  function el(tag, className, text) {
    return window.ChatOpsSite ? window.ChatOpsSite.el(tag, className, text) : room.el(tag, className, text);
  }

  function withUser(path) {
    const user = room.user();
    if (room.signedIn() || !user) return path;
    return `${path}${path.includes("?") ? "&" : "?"}user=${encodeURIComponent(user)}`;
  }

  const dateTime = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  const dateOnly = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });

  function when(iso) {
    const node = el("time", "", dateTime.format(new Date(iso)));
    node.dateTime = new Date(iso).toISOString();
    node.title = new Date(iso).toISOString();
    return node;
  }

  // ---------- loading ----------

  /** Reads the record; answers false when nothing changed (304 or the same version). */
  async function load() {
    const headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    let response;
    try {
      response = await fetch(withUser(`/api/incidents/${encodeURIComponent(incidentId)}`), { headers, cache: "no-store", credentials: "same-origin" });
    } catch {
      throw new Error("Can't reach the ChatOpsIR server. Check that it is running and your connection is up.");
    }
    if (response.status === 304) return false;
    if (response.status === 401 && room.signedIn()) {
      window.location.assign(`/signin?returnUrl=${encodeURIComponent(window.location.pathname)}`);
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) {
      const reason = body && typeof body.detail === "string" && body.detail ? body.detail : `The server answered ${response.status}.`;
      const error = new Error(reason);
      error.status = response.status;
      throw error;
    }
    etag = response.headers.get("ETag") || "";
    if (detail && body && body.version === detail.version) return false;
    detail = body;
    return true;
  }

  async function poll(force) {
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    try {
      const changed = await load();
      showError("");
      if (changed || force) render();
    } catch (error) {
      showError(`The incident could not be refreshed: ${error.message}`);
    } finally {
      polling = false;
    }
    if (Date.now() - lastChannelCheck > CHANNEL_CHECK_MS) checkChannel();
    if (pollAgain) {
      pollAgain = false;
      poll(false);
    }
  }

  // The war-room channel may have moved on to a newer incident: commands typed here then act on that one.
  async function checkChannel() {
    const channel = detail && detail.incident.warRoomChannel;
    if (!channel) return;
    lastChannelCheck = Date.now();
    try {
      const data = await room.api(withUser(`/api/webchat/channels/${encodeURIComponent(channel)}/timeline`));
      const current = data && data.incident;
      const next = current && current.reference !== detail.incident.reference ? { reference: current.reference, id: current.id || "", title: current.title } : null;
      if (JSON.stringify(next) !== JSON.stringify(newer)) {
        newer = next;
        renderNote();
      }
    } catch {
      // The poll of the record says when the server can't be reached.
    }
  }

  function showError(message) {
    const box = $("incident-page-error");
    if (box.textContent !== message) box.textContent = message;
    box.hidden = !message;
  }

  // ---------- header ----------

  function renderHeader() {
    const incident = detail.incident;
    $("incident-page-ref").textContent = incident.reference;
    $("incident-page-title").textContent = incident.title;

    const badges = $("incident-page-badges");
    badges.replaceChildren();
    badges.appendChild(window.ChatOpsSite ? window.ChatOpsSite.severityBadge(incident.severity) : el("span", `badge sev sev-${incident.severity}`, `SEV${incident.severity}`));
    const status = el("span", `badge status status-${incident.status}`, STATUS_LABELS[incident.status] || incident.status);
    badges.appendChild(status);
    if (incident.private) badges.appendChild(el("span", "badge badge-private", "Private"));
    if (incident.exercise) {
      const exercise = el("span", "badge exercise", "EXERCISE");
      exercise.title = incident.exerciseKind || "Exercise";
      badges.appendChild(exercise);
    }

    const facts = $("incident-page-facts");
    facts.replaceChildren();
    fact(facts, "Commander", incident.commander || "nobody yet");
    fact(facts, "Declared", when(incident.declaredAt));
    fact(facts, "Resolved", incident.resolvedAt ? when(incident.resolvedAt) : "not yet");
    if (incident.warRoomChannel) {
      const link = el("a", "", `#${incident.warRoomChannel}`);
      link.href = `/#channel=${encodeURIComponent(incident.warRoomChannel)}`;
      fact(facts, "War room", link);
    } else {
      fact(facts, "Channel", `${incident.channelName} on ${PLATFORMS[String(incident.platform).toLowerCase()] || incident.platform}`);
    }

    const report = $("incident-report");
    if (detail.reportUrl) {
      report.href = detail.reportUrl;
      report.removeAttribute("aria-disabled");
      report.title = "The post-mortem report, in a new tab";
    } else {
      report.removeAttribute("href");
      report.setAttribute("aria-disabled", "true");
      report.title = "No report link for this incident here: type report in its channel.";
    }
    const exportPath = (format) => withUser(`/api/incidents/${encodeURIComponent(incidentId)}/export?format=${format}`);
    $("incident-export-json").href = exportPath("json");
    $("incident-export-md").href = exportPath("md");
    renderNote();
  }

  function fact(list, name, value) {
    list.appendChild(el("dt", "", name));
    const dd = el("dd");
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = value;
    list.appendChild(dd);
  }

  function renderNote() {
    const note = $("incident-page-note");
    note.replaceChildren();
    note.classList.remove("newer-incident");
    const incident = detail && detail.incident;
    if (!incident) {
      note.hidden = true;
      return;
    }
    if (!incident.warRoomChannel) {
      const where = PLATFORMS[String(incident.platform).toLowerCase()] || incident.platform;
      note.textContent = `This incident runs in ${where}, in ${incident.channelName}: type its commands there. This page shows its record and follows it as it changes.`;
      note.hidden = false;
      return;
    }
    if (newer) {
      note.classList.add("newer-incident");
      note.appendChild(document.createTextNode(`#${incident.warRoomChannel} has moved on to a newer incident, `));
      if (newer.id) {
        const link = el("a", "", `${newer.reference}${newer.title ? ` · ${newer.title}` : ""}`);
        link.href = `/incidents/${encodeURIComponent(newer.id)}`;
        note.appendChild(link);
      } else {
        note.appendChild(el("strong", "", newer.reference));
      }
      note.appendChild(document.createTextNode(`: commands typed below act on it. Name ${incident.reference} in a command (e.g. note ${incident.reference} …) to add to this one.`));
      note.hidden = false;
      return;
    }
    note.hidden = true;
  }

  // ---------- the record beside the conversation ----------

  // The API's state words ("not-started", "in-progress") as a person reads them.
  function words(value) {
    return String(value || "").replace(/-/g, " ");
  }

  function section(title, className) {
    const part = el("section", `record-section ${className || ""}`.trim());
    part.appendChild(el("h3", "record-title", title));
    return part;
  }

  function empty(text) {
    return el("p", "muted record-empty", text);
  }

  function renderRecord() {
    const body = $("incident-body");
    const scroll = $("incident-panel").scrollTop;
    body.replaceChildren(
      rolesSection(),
      momentsSection(),
      durationsSection(),
      clocksSection(),
      actionItemsSection(),
      evidenceSection(),
      postMortemSection(),
    );
    if (detail.incident.lastStatus) {
      const status = el("div", "last-status");
      status.appendChild(el("div", "label", "Latest status"));
      status.appendChild(el("p", "", detail.incident.lastStatus));
      body.prepend(status);
    }
    tickClocks();
    room.renderTimeline(detail.incident, detail.timeline || []);
    $("incident-panel").scrollTop = scroll;
  }

  function rolesSection() {
    const part = section("Roles", "record-roles");
    const roles = Object.entries(detail.roles || {});
    if (roles.length === 0) {
      part.appendChild(empty("No roles given yet. The commander hands them out with role scribe @person."));
      return part;
    }
    const list = el("dl", "facts");
    for (const [role, holder] of roles) fact(list, ROLE_LABELS[role] || role, holder);
    part.appendChild(list);
    return part;
  }

  function momentsSection() {
    const part = section("Key moments", "record-moments");
    const list = el("ol", "moments");
    for (const moment of detail.moments || []) {
      const item = el("li", moment.at ? "moment moment-marked" : "moment moment-open");
      item.dataset.moment = moment.name;
      item.appendChild(el("span", "moment-name", moment.label));
      if (moment.at) item.appendChild(when(moment.at));
      else item.appendChild(el("span", "muted", "not yet"));
      list.appendChild(item);
    }
    part.appendChild(list);
    if ((detail.moments || []).every((m) => !m.at)) part.appendChild(empty("Mark them as they happen: mark detected, mark contained at 14:05."));
    return part;
  }

  function durationsSection() {
    const part = section("Durations", "record-durations");
    const durations = Object.entries(detail.durations || {});
    if (durations.length === 0) {
      part.appendChild(empty("Durations appear once two key moments are marked."));
      return part;
    }
    const list = el("dl", "facts durations");
    for (const [name, value] of durations) fact(list, name, value);
    part.appendChild(list);
    return part;
  }

  function clocksSection() {
    const part = section("Notification clocks", "record-clocks");
    const clocks = detail.clocks || [];
    if (clocks.length === 0) {
      part.appendChild(empty("No clock running. Clocks start when the post-mortem's impact section records personal or regulated data."));
      return part;
    }
    const list = el("ul", "clocks");
    for (const clock of clocks) {
      const item = el("li", "clock");
      item.dataset.due = clock.dueAt;
      const head = el("div", "clock-head");
      head.appendChild(el("span", "clock-regime", clock.regime));
      head.appendChild(el("span", "clock-left"));
      item.appendChild(head);
      item.appendChild(el("div", "clock-what", `${clock.category}: notify ${clock.notify}`));
      const due = el("div", "clock-due", "due ");
      due.appendChild(when(clock.dueAt));
      if (clock.fromDeclaration) due.appendChild(document.createTextNode(" (counted from the declaration)"));
      item.appendChild(due);
      list.appendChild(item);
    }
    part.appendChild(list);
    return part;
  }

  // The same words as the server's clock cards: "3 days 4 h", "5 h 20 min", "40 min".
  function formatLeft(ms) {
    const minutes = Math.floor(Math.abs(ms) / 60000);
    const hours = Math.floor(minutes / 60);
    if (hours >= 72) return `${Math.floor(hours / 24)} days ${hours % 24} h`;
    if (hours >= 1) return `${hours} h ${minutes % 60} min`;
    return `${minutes} min`;
  }

  // The time left is worked out here from dueAt, so it ticks between polls.
  function tickClocks() {
    for (const item of document.querySelectorAll("#incident-body .clock")) {
      const left = new Date(item.dataset.due).getTime() - Date.now();
      const overdue = left < 0;
      item.classList.toggle("clock-overdue", overdue);
      const text = overdue ? `overdue by ${formatLeft(left)}` : `${formatLeft(left)} left`;
      const node = item.querySelector(".clock-left");
      if (node.textContent !== text) node.textContent = text;
    }
  }

  function table(headings, rows, className) {
    const grid = el("table", `record-table ${className}`);
    const head = el("tr");
    for (const heading of headings) head.appendChild(el("th", "", heading));
    const thead = el("thead");
    thead.appendChild(head);
    grid.appendChild(thead);
    const tbody = el("tbody");
    for (const row of rows) tbody.appendChild(row);
    grid.appendChild(tbody);
    return grid;
  }

  function cell(row, content, className) {
    const td = el("td", className || "");
    if (content instanceof Node) td.appendChild(content);
    else td.textContent = content === undefined || content === null ? "" : String(content);
    row.appendChild(td);
    return td;
  }

  function actionItemsSection() {
    const part = section("Action items", "record-actions");
    const items = detail.actionItems || [];
    if (items.length === 0) {
      part.appendChild(empty("None yet. Add one with action @owner +7d <what to do>."));
      return part;
    }
    const rows = items.map((item) => {
      const row = el("tr", item.overdue ? "overdue" : "");
      row.dataset.reference = item.reference;
      cell(row, item.reference, "mono");
      cell(row, item.title);
      cell(row, item.owner);
      cell(row, dateOnly.format(new Date(`${item.dueDate}T12:00:00Z`)));
      const status = cell(row, words(item.status));
      if (item.overdue) status.appendChild(el("span", "badge overdue-badge", "overdue"));
      return row;
    });
    part.appendChild(table(["Ref", "Action", "Owner", "Due", "Status"], rows, "actions-table"));
    return part;
  }

  function evidenceSection() {
    const part = section("Evidence", "record-evidence");
    const items = detail.evidence || [];
    if (items.length === 0) {
      part.appendChild(empty("None recorded. Drop a file on the command box, or type evidence <description> <sha256>."));
      return part;
    }
    const rows = items.map((item) => {
      const row = el("tr", item.superseded ? "superseded" : "");
      row.dataset.reference = item.reference;
      cell(row, item.reference, "mono");
      const what = cell(row, item.description);
      if (item.fileName) what.appendChild(el("div", "muted", item.fileName));
      cell(row, words(item.state));
      cell(row, item.holder);
      const hash = el("span", "mono hash", item.sha256 ? item.sha256.slice(0, 12) : "—");
      if (item.sha256) hash.title = item.sha256;
      cell(row, hash);
      return row;
    });
    part.appendChild(table(["Ref", "Item", "State", "Holder", "SHA-256"], rows, "evidence-table"));
    return part;
  }

  function postMortemSection() {
    const part = section("Post-mortem", "record-postmortem");
    const pm = detail.postMortem;
    if (!pm) {
      part.appendChild(empty("Not started. Open it to go through its sections one card at a time."));
    } else {
      const facts = el("dl", "facts");
      fact(facts, "Status", words(pm.status));
      if (pm.publishedVersion) fact(facts, "Published", `version ${pm.publishedVersion}`);
      part.appendChild(facts);
      const list = el("ol", "pm-sections");
      for (const item of pm.sections || []) {
        const row = el("li", `pm-section pm-${String(item.state).toLowerCase().replace(/[^a-z]+/g, "-")}`);
        row.dataset.section = item.key;
        row.appendChild(el("span", "pm-section-title", item.title));
        row.appendChild(el("span", "pm-section-state", words(item.state)));
        list.appendChild(row);
      }
      part.appendChild(list);
    }

    const actions = el("div", "record-buttons");
    if (detail.incident.warRoomChannel) {
      const open = el("button", "primary", "Open post-mortem");
      open.type = "button";
      open.addEventListener("click", () => room.sendCommand(`postmortem ${detail.incident.reference}`));
      actions.appendChild(open);
    }
    if (detail.reportUrl) {
      const report = el("a", "button ghost", "Report");
      report.href = detail.reportUrl;
      report.target = "_blank";
      report.rel = "noopener noreferrer";
      actions.appendChild(report);
    }
    if (actions.childElementCount > 0) part.appendChild(actions);
    return part;
  }

  // ---------- start ----------

  function render() {
    if (!detail) return;
    renderHeader();
    renderRecord();
    room.updateTitle();
  }

  async function open(name) {
    room.setUser(name);
    try {
      await load();
    } catch (error) {
      $("incident-header").hidden = false;
      $("incident-page-title").textContent = error.status === 404 ? "Incident not found" : "The incident could not be loaded";
      $("incident-page-actions").querySelectorAll("a:not(#incident-back)").forEach((a) => { a.hidden = true; });
      showError(error.status === 404
        ? "There is no incident at this address, or it is private and you are not one of its people. Go back to the incidents list to find it."
        : error.message);
      return;
    }

    $("incident-header").hidden = false;
    document.body.classList.add("incident-mode");
    const channel = detail.incident.warRoomChannel;
    if (channel) {
      document.body.classList.remove("record-only");
      room.enterRoom(name, channel);
    } else {
      // Run in Slack or Teams: no conversation here, the record only.
      document.body.classList.add("record-only");
      $("room").hidden = false;
    }
    $("incident-title").textContent = "Record";
    render();
    if (!started) {
      started = true;
      const every = window.ChatOpsSite ? window.ChatOpsSite.every : (ms, fn) => window.setInterval(fn, ms);
      every(POLL_MS, () => poll(false));
      window.setInterval(tickClocks, CLOCK_MS);
    }
  }

  function start(roomApi, id) {
    room = roomApi;
    incidentId = id;
    if (window.ChatOpsSite) window.ChatOpsSite.markNavigation("incidents");
    room.attach({
      // The room calls this when its channel shows something new: the record, and whether the channel moved on.
      refresh: () => {
        lastChannelCheck = 0;
        poll(false);
      },
      title: () => (detail ? `${detail.incident.reference} · ${detail.incident.title}` : "Incident"),
      onNamed: (name) => open(name),
      roles: () => (detail && detail.roles) || {},
      detail: async () => detail,
    });
    $("setup-lead").textContent = "Pick the name others know you by to open this incident and its war room.";
    const name = room.signedIn() ? room.user() : room.storedName();
    if (room.signedIn() || room.validName(name)) open(name);
    else room.askName();
  }

  window.ChatOpsIncidentPage = { start };
})();

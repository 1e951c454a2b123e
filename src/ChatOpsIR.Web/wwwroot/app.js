// ChatOpsIR web war room: a small chat client over /api/webchat. Plain ES2020, no framework, no build step.
// All text from the server is inserted with textContent; only the Adaptive Cards renderer builds markup,
// and it gets markdown from markdown-it with raw HTML disabled.
(() => {
  "use strict";

  const POLL_MS = 1500;
  const PAGE_SIZE = 200;
  const TIMELINE_REFRESH_MS = 10000;
  const MAX_HISTORY = 50;
  const NAME_PATTERN = /^[^<>@\u0000-\u001f\u007f]{1,40}$/;
  const CHANNEL_PATTERN = /^[a-z0-9][a-z0-9_-]{0,79}$/;
  const STORAGE = { name: "chatopsir.name", channel: "chatopsir.channel", history: "chatopsir.history" };
  const HINTS = ["declare <title> sev2", "note <text> at 14:05", "status <text>", "mark contained", "timeline", "resolve"];
  const KEY_MOMENT_LABELS = {
    "first-activity": "First activity",
    detected: "Detected",
    acknowledged: "Acknowledged",
    contained: "Contained",
    eradicated: "Eradicated",
    recovered: "Recovered",
  };
  const ROLE_LABELS = { commander: "Commander", deputy: "Deputy", scribe: "Scribe", comms: "Comms", lead: "Technical lead" };

  const $ = (id) => document.getElementById(id);

  const state = {
    user: "",
    // With sign-in on, who the server says is signed in and the token every POST carries; the name is not editable.
    session: { signedIn: false, antiforgeryToken: "" },
    channel: "",
    messages: new Map(), // id -> rendered element
    pollCursor: 0, // highest id the poll has seen; replies to our own posts never move it, so nothing is skipped
    pollTimer: 0,
    pollGeneration: 0,
    timelineTimer: 0,
    sending: false,
    history: [],
    historyIndex: -1,
    draft: "",
    unread: 0,
    setupTouched: false,
    retry: null, // { text, id } of a command that failed to reach the server, so a retry reuses its id
    online: true,
    people: new Set(), // display names of the people who wrote in this channel, for @ completion
    incident: null, // the channel's latest incident as the panel last showed it
    // On an incident's page (incident-page.js): the channel is the incident's, the panel its full record.
    // { refresh(), title(), onNamed(name), roles(), detail() } while that page runs, null in the channel war room.
    page: null,
  };

  // ---------- small helpers ----------

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch {
      return "UTC";
    }
  }

  function readStorage(key) {
    try {
      return window.localStorage.getItem(key) || "";
    } catch {
      return "";
    }
  }

  function writeStorage(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Private mode or storage full: the page still works, it just forgets.
    }
  }

  function normaliseName(name) {
    return String(name || "").split(" ").filter(Boolean).join(" ");
  }

  function sameUser(a, b) {
    return normaliseName(a).toLowerCase() === normaliseName(b).toLowerCase();
  }

  function initials(name) {
    const parts = normaliseName(name).split(" ");
    const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : parts[0].slice(0, 2);
    return (letters || "?").toUpperCase();
  }

  // A stable, pleasant hue per person so avatars are easy to tell apart.
  function hueFor(name) {
    let hash = 0;
    for (const ch of normaliseName(name).toLowerCase()) hash = (hash * 31 + ch.codePointAt(0)) % 360;
    return hash;
  }

  const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });
  const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", month: "long", day: "numeric", year: "numeric" });

  function dayKey(date) {
    return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
  }

  function timeElement(iso, withDate) {
    const date = new Date(iso);
    const node = el("time", "time", (withDate ? dateTimeFormat : timeFormat).format(date));
    node.dateTime = date.toISOString();
    node.title = fullFormat.format(date);
    return node;
  }

  // ---------- API ----------

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, options = {}) {
    let response;
    try {
      const headers = options.body ? { "Content-Type": "application/json", Accept: "application/json" } : { Accept: "application/json" };
      // A FormData body (an upload) sets its own multipart Content-Type with the boundary.
      if (options.method === "POST" && state.session.antiforgeryToken) headers["X-ChatOpsIR-Antiforgery"] = state.session.antiforgeryToken;
      response = await fetch(path, {
        method: options.method || "GET",
        headers,
        body: options.form || (options.body ? JSON.stringify(options.body) : undefined),
        cache: "no-store",
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError("Can't reach the ChatOpsIR server. Check that it is running and your connection is up.", 0);
    }

    let payload = null;
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }

    if (response.status === 401 && state.session.signedIn) {
      // The session ended (expired or signed out elsewhere): sign in again, back to this page.
      window.location.assign(`/signin?returnUrl=${encodeURIComponent(window.location.pathname)}`);
    }

    if (!response.ok) {
      // Refusals are RFC 7807 problems: the detail says what to do, the title what happened.
      const reason = payload && typeof payload.detail === "string" && payload.detail
        ? payload.detail
        : payload && typeof payload.title === "string" && payload.title ? payload.title : `The server answered ${response.status}.`;
      throw new ApiError(reason, response.status);
    }

    return payload;
  }

  const channelPath = (channel) => `/api/webchat/channels/${encodeURIComponent(channel)}`;

  // ---------- Adaptive Cards ----------

  const hostConfig = {
    fontFamily: "\"Inter\", \"Segoe UI\", system-ui, -apple-system, \"Helvetica Neue\", Arial, sans-serif",
    supportsInteractivity: true,
    spacing: { small: 6, default: 10, medium: 16, large: 22, extraLarge: 30, padding: 14 },
    separator: { lineThickness: 1, lineColor: "#e3e7ee" },
    fontTypes: {
      default: {
        fontFamily: "\"Inter\", \"Segoe UI\", system-ui, -apple-system, \"Helvetica Neue\", Arial, sans-serif",
        fontSizes: { small: 12, default: 14, medium: 15, large: 17, extraLarge: 21 },
        fontWeights: { lighter: 300, default: 400, bolder: 650 },
      },
      monospace: {
        fontFamily: "\"JetBrains Mono\", \"Cascadia Mono\", \"SFMono-Regular\", Menlo, Consolas, monospace",
        fontSizes: { small: 12, default: 13, medium: 14, large: 16, extraLarge: 20 },
        fontWeights: { lighter: 300, default: 400, bolder: 650 },
      },
    },
    containerStyles: {
      default: containerStyle("#ffffff"),
      emphasis: containerStyle("#f2f4f8"),
      accent: containerStyle("#e9f0fe"),
      good: containerStyle("#e7f6ed"),
      warning: containerStyle("#fff3df"),
      attention: containerStyle("#fdeceb"),
    },
    actions: {
      maxActions: 6,
      spacing: "default",
      buttonSpacing: 8,
      showCard: { actionMode: "inline", inlineTopMargin: 12 },
      actionsOrientation: "horizontal",
      actionAlignment: "left",
    },
    adaptiveCard: { allowCustomStyle: false },
    factSet: {
      title: { color: "default", size: "default", isSubtle: true, weight: "bolder", wrap: true, maxWidth: 160 },
      value: { color: "default", size: "default", isSubtle: false, weight: "default", wrap: true },
      spacing: 8,
    },
    inputs: {
      label: {
        requiredInputs: { weight: "bolder", suffix: " *", suffixColor: "attention" },
        optionalInputs: { weight: "bolder" },
      },
      errorMessage: { color: "attention", size: "small" },
    },
  };

  function containerStyle(backgroundColor) {
    return {
      backgroundColor,
      foregroundColors: {
        default: { default: "#1d2330", subtle: "#5d6678" },
        dark: { default: "#10141c", subtle: "#454d5c" },
        light: { default: "#ffffff", subtle: "#eef1f6" },
        accent: { default: "#2457c5", subtle: "#3a6bd6" },
        good: { default: "#1c7a43", subtle: "#2b8c53" },
        warning: { default: "#9a5b00", subtle: "#a86a10" },
        attention: { default: "#b42318", subtle: "#c4372c" },
      },
    };
  }

  function setUpCards() {
    if (!window.AdaptiveCards) return false;
    if (window.markdownit) {
      const md = window.markdownit({ html: false, linkify: false, typographer: false });
      window.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
        result.outputHtml = md.render(text);
        result.didProcess = true;
      };
    }
    return true;
  }

  let cardsAvailable = false;
  let cardHostConfig = null;

  function renderCard(json) {
    if (!cardsAvailable) return null;
    try {
      const card = new window.AdaptiveCards.AdaptiveCard();
      if (!cardHostConfig) cardHostConfig = new window.AdaptiveCards.HostConfig(hostConfig);
      card.hostConfig = cardHostConfig;
      card.onExecuteAction = onCardAction;
      card.parse(json);
      return card.render() || null;
    } catch (error) {
      console.warn("Could not render a card; showing its text instead.", error);
      return null;
    }
  }

  // All values are sent as strings, the way the server's action endpoint expects them.
  function stringValues(data) {
    const result = {};
    if (!data || typeof data !== "object") return result;
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined || value === null) continue;
      result[key] = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    return result;
  }

  function onCardAction(action) {
    const type = typeof action.getJsonTypeName === "function" ? action.getJsonTypeName() : "";
    if (type === "Action.OpenUrl") {
      openSafeUrl(action.url);
      return;
    }
    if (type !== "Action.Execute" && type !== "Action.Submit") return;

    const data = stringValues(action.data);
    const verb = type === "Action.Execute" && action.verb ? action.verb : data.verb;
    if (!verb) {
      showComposerError("That button has nothing to do.");
      return;
    }
    runAction(verb, data, action.title || verb);
  }

  function openSafeUrl(url) {
    try {
      const parsed = new URL(url, window.location.href);
      if (parsed.protocol === "https:" || parsed.protocol === "http:") {
        window.open(parsed.href, "_blank", "noopener,noreferrer");
      }
    } catch {
      // Not a URL: ignore.
    }
  }

  async function runAction(verb, data, title) {
    if (state.sending) return;
    hideComposerError();
    setBusy(true);
    try {
      const reply = await api(`${channelPath(state.channel)}/actions`, {
        method: "POST",
        body: { user: state.user, verb, data, clientMessageId: newId(), timeZone: browserZone() },
      });
      addMessages(reply.messages, true);
      refreshTimeline();
    } catch (error) {
      showComposerError(`“${title}” didn't go through: ${error.message}`);
    } finally {
      setBusy(false);
    }
  }

  // ---------- messages ----------

  function messageList() {
    return $("messages");
  }

  function isNearBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  }

  function addMessages(messages, fromMe) {
    if (!Array.isArray(messages) || messages.length === 0) return;
    const list = messageList();
    const stick = fromMe || isNearBottom(list);
    let added = 0;
    for (const message of messages) {
      if (!message || typeof message.id !== "number" || state.messages.has(message.id)) continue;
      if (!message.fromBot && message.authorName) state.people.add(normaliseName(message.authorName));
      const node = renderMessage(message);
      state.messages.set(message.id, node);
      insertInOrder(list, node, message.id);
      added++;
    }
    if (added === 0) return;
    refreshDayDividers(list);
    $("empty-state").hidden = true;
    if (stick) list.scrollTop = list.scrollHeight;
    if (!fromMe && document.hidden) {
      state.unread += added;
      updateTitle();
    }
  }

  function updateTitle() {
    const prefix = state.unread > 0 ? `(${state.unread}) ` : "";
    document.title = `${prefix}${state.page ? state.page.title() : `#${state.channel}`} · ChatOpsIR`;
  }

  function insertInOrder(list, node, id) {
    const after = Array.from(list.children).find((child) => child.dataset.id && Number(child.dataset.id) > id);
    list.insertBefore(node, after || null);
  }

  // Dividers are rebuilt after each batch: messages may arrive out of order (our replies before the poll).
  function refreshDayDividers(list) {
    list.querySelectorAll(".day-divider").forEach((node) => node.remove());
    let lastDay = "";
    const today = dayKey(new Date());
    for (const node of Array.from(list.children)) {
      const posted = new Date(node.dataset.posted);
      const key = dayKey(posted);
      if (key !== lastDay) {
        const label = key === today ? "Today" : dayFormat.format(posted);
        const divider = el("div", "day-divider");
        divider.setAttribute("role", "separator");
        divider.appendChild(el("span", "", label));
        list.insertBefore(divider, node);
        lastDay = key;
      }
    }
  }

  function renderMessage(message) {
    const mine = !message.fromBot && sameUser(message.authorName, state.user);
    const classes = ["msg", message.fromBot ? "msg-bot" : "msg-person"];
    if (mine) classes.push("msg-mine");
    if (message.isError) classes.push("msg-error");
    if (message.isPrivate) classes.push("msg-private");

    const node = el("article", classes.join(" "));
    node.dataset.id = String(message.id);
    node.dataset.posted = message.postedAt;

    const avatar = el("div", "avatar", message.fromBot ? "IR" : initials(message.authorName));
    avatar.setAttribute("aria-hidden", "true");
    if (!message.fromBot) avatar.style.setProperty("--hue", String(hueFor(message.authorName)));
    node.appendChild(avatar);

    const body = el("div", "msg-body");
    const meta = el("div", "msg-meta");
    meta.appendChild(el("span", "msg-author", mine ? `${message.authorName} (you)` : message.authorName));
    if (message.fromBot) meta.appendChild(el("span", "badge badge-bot", "bot"));
    meta.appendChild(timeElement(message.postedAt, false));
    if (message.isPrivate) meta.appendChild(el("span", "badge badge-private", "Only visible to you"));
    body.appendChild(meta);

    body.appendChild(renderMessageContent(message));
    node.appendChild(body);
    return node;
  }

  function renderMessageContent(message) {
    if (message.card) {
      const rendered = renderCard(message.card);
      if (rendered) {
        const wrapper = el("div", "card-frame");
        wrapper.appendChild(rendered);
        return wrapper;
      }
    }
    const bubble = el("div", message.fromBot ? "msg-text bot-text" : "msg-text bubble", message.text);
    if (message.isError) bubble.setAttribute("role", "note");
    return bubble;
  }

  function clearMessages() {
    state.messages.clear();
    state.people.clear();
    state.pollCursor = 0;
    messageList().replaceChildren();
  }

  // ---------- polling ----------

  // Reads one page of new messages; returns how many came and whether any were new to the page.
  async function pollOnce(generation) {
    const path = `${channelPath(state.channel)}/messages?user=${encodeURIComponent(state.user)}&after=${state.pollCursor}`;
    const reply = await api(path);
    if (generation !== state.pollGeneration) return { count: 0, fresh: false };
    const messages = (reply && reply.messages) || [];
    for (const message of messages) state.pollCursor = Math.max(state.pollCursor, message.id);
    const fresh = messages.some((m) => !state.messages.has(m.id));
    addMessages(messages, false);
    return { count: messages.length, fresh };
  }

  function startPolling() {
    stopPolling();
    const generation = ++state.pollGeneration;
    let failures = 0;
    const tick = async () => {
      if (generation !== state.pollGeneration) return;
      try {
        // The server sends at most PAGE_SIZE messages at a time: keep reading while pages are full.
        let changed = false;
        for (let page = 0; page < 50 && generation === state.pollGeneration; page++) {
          const result = await pollOnce(generation);
          changed = changed || result.fresh;
          if (result.count < PAGE_SIZE) break;
        }
        failures = 0;
        setOnline(true);
        $("empty-state").hidden = state.messages.size > 0;
        if (changed) refreshTimeline();
      } catch (error) {
        failures++;
        setOnline(false, error);
      }
      if (generation !== state.pollGeneration) return;
      messageList().removeAttribute("aria-busy");
      const delay = failures === 0 ? POLL_MS : Math.min(POLL_MS * 2 ** Math.min(failures, 4), 15000);
      state.pollTimer = window.setTimeout(tick, document.hidden ? Math.max(delay, 5000) : delay);
    };
    messageList().setAttribute("aria-busy", "true");
    tick();
    state.timelineTimer = window.setInterval(refreshTimeline, TIMELINE_REFRESH_MS);
  }

  function stopPolling() {
    state.pollGeneration++;
    window.clearTimeout(state.pollTimer);
    window.clearInterval(state.timelineTimer);
  }

  function setOnline(online, error) {
    state.online = online;
    const indicator = $("connection");
    indicator.classList.toggle("offline", !online);
    const text = online ? "Live" : "Reconnecting…";
    if (indicator.textContent !== text) indicator.textContent = text;
    indicator.title = online ? "Receiving new messages" : (error && error.message) || "The server can't be reached.";
  }

  // ---------- incident panel ----------

  let timelineRequest = 0;

  async function refreshTimeline() {
    // On an incident's page the panel is that incident's record, which its own poll keeps current.
    if (state.page) {
      state.page.refresh();
      return;
    }
    if (!state.channel) return;
    const request = ++timelineRequest;
    const channel = state.channel;
    try {
      // The person is named so a private incident's panel shows to its people (signed in, the session says who).
      const data = await api(`${channelPath(channel)}/timeline${state.user ? `?user=${encodeURIComponent(state.user)}` : ""}`);
      if (request !== timelineRequest || channel !== state.channel) return;
      state.incident = (data && data.incident) || null;
      renderIncident(state.incident);
      renderTimeline(state.incident, (data && data.entries) || []);
    } catch {
      // The poll reports connection problems; the panel keeps what it last showed.
    }
  }

  function severityLabel(severity) {
    const names = { 1: "critical", 2: "high", 3: "moderate", 4: "low" };
    return `SEV${severity}${names[severity] ? ` · ${names[severity]}` : ""}`;
  }

  function renderIncident(incident) {
    const body = $("incident-body");
    body.replaceChildren();
    $("toggle-panel").classList.toggle("has-incident", Boolean(incident && incident.status === "open"));
    if (!incident) {
      body.appendChild(el("p", "muted", "No incident in this channel yet. Declare one with “declare <title> sev2”."));
      return;
    }

    const head = el("div", "incident-head");
    head.appendChild(el("div", "incident-ref", incident.reference));
    head.appendChild(el("div", "incident-name", incident.title));
    body.appendChild(head);

    const badges = el("div", "incident-badges");
    badges.appendChild(el("span", `badge sev sev-${incident.severity}`, severityLabel(incident.severity)));
    const status = el("span", `badge status status-${incident.status}`, STATUS_LABELS[incident.status] || incident.status);
    status.dataset.status = incident.status;
    badges.appendChild(status);
    if (incident.exercise) {
      const exercise = el("span", "badge exercise", "EXERCISE");
      exercise.title = incident.exerciseKind || "Exercise";
      badges.appendChild(exercise);
    }
    body.appendChild(badges);

    const facts = el("dl", "facts");
    addFact(facts, "Type", incident.exerciseKind);
    addFact(facts, "Declared", formatMoment(incident.declaredAt, true));
    if (incident.resolvedAt) addFact(facts, "Resolved", formatMoment(incident.resolvedAt, true));
    const roles = incident.roles || {};
    for (const [role, holder] of Object.entries(roles)) addFact(facts, ROLE_LABELS[role] || role, holder);
    if (!roles.commander && incident.commander) addFact(facts, "Commander", incident.commander);
    body.appendChild(facts);

    if (incident.lastStatus) {
      const status = el("div", "last-status");
      status.appendChild(el("div", "label", "Latest status"));
      status.appendChild(el("p", "", incident.lastStatus));
      body.appendChild(status);
    }

    const durations = Object.entries(incident.durations || {});
    if (durations.length > 0) {
      const list = el("dl", "facts durations");
      for (const [name, value] of durations) addFact(list, name, value);
      body.appendChild(el("div", "label", "Durations"));
      body.appendChild(list);
    }

    if (incident.id) {
      const link = el("a", "button ghost incident-page-link", "Open incident page");
      link.href = `/incidents/${encodeURIComponent(incident.id)}`;
      body.appendChild(link);
    }
  }

  function addFact(list, name, value) {
    if (value === undefined || value === null || value === "") return;
    list.appendChild(el("dt", "", name));
    list.appendChild(el("dd", "", value));
  }

  function formatMoment(iso, withDate) {
    return (withDate ? dateTimeFormat : timeFormat).format(new Date(iso));
  }

  function spansDays(incident, entries) {
    const moments = entries.map((e) => e.occurredAt);
    if (incident) moments.push(incident.declaredAt);
    if (incident && incident.resolvedAt) moments.push(incident.resolvedAt);
    const days = new Set(moments.map((iso) => dayKey(new Date(iso))));
    return days.size > 1;
  }

  function renderTimeline(incident, entries) {
    const list = $("timeline");
    list.replaceChildren();
    list.classList.toggle("is-empty", entries.length === 0);
    if (entries.length === 0) {
      list.appendChild(el("li", "timeline-empty muted", incident ? "Nothing recorded yet." : "The timeline starts when an incident is declared."));
      return;
    }
    const withDate = spansDays(incident, entries);
    list.classList.toggle("with-dates", withDate);
    for (const entry of entries) list.appendChild(renderEntry(entry, withDate));
  }

  const STATUS_LABELS = { open: "Open", resolved: "Resolved", closed: "Closed" };

  function renderEntry(entry, withDate) {
    const item = el("li", "entry");
    item.dataset.kind = entry.kind;
    if (entry.keyMoment) {
      item.classList.add("entry-key");
      item.dataset.keyMoment = entry.keyMoment;
    }
    if (entry.backdated) item.classList.add("entry-backdated");
    if (entry.addedAfterResolve) item.classList.add("entry-after-resolve");

    const when = el("div", "entry-when");
    when.appendChild(timeElement(entry.occurredAt, withDate));
    item.appendChild(when);

    const content = el("div", "entry-content");
    const meta = el("div", "entry-meta");
    meta.appendChild(el("span", "entry-author", entry.author));
    if (entry.keyMoment) meta.appendChild(el("span", "badge key-moment", KEY_MOMENT_LABELS[entry.keyMoment] || entry.keyMoment));
    else if (entry.kind && entry.kind !== "Note") meta.appendChild(el("span", "entry-kind", entry.kind));
    if (entry.addedAfterResolve) meta.appendChild(el("span", "badge after-resolve", "added after resolve"));
    content.appendChild(meta);
    content.appendChild(el("p", "entry-text", entry.text));
    if (entry.backdated) {
      const recorded = el("div", "entry-recorded", "Back-dated · recorded ");
      recorded.appendChild(timeElement(entry.recordedAt, true));
      content.appendChild(recorded);
    }
    item.appendChild(content);
    return item;
  }

  // ---------- composer ----------

  function showComposerError(message) {
    const box = $("composer-error");
    box.textContent = message;
    box.hidden = false;
  }

  function hideComposerError() {
    const box = $("composer-error");
    box.hidden = true;
    box.textContent = "";
  }

  function setBusy(busy) {
    state.sending = busy;
    $("send").disabled = busy;
    $("help").disabled = busy;
    $("evidence-pick").disabled = busy;
    $("composer").classList.toggle("busy", busy);
  }

  function remember(text) {
    if (state.history[state.history.length - 1] !== text) state.history.push(text);
    if (state.history.length > MAX_HISTORY) state.history.splice(0, state.history.length - MAX_HISTORY);
    state.historyIndex = -1;
    writeStorage(STORAGE.history, JSON.stringify(state.history));
  }

  // The server's limit, served with the page; without it the server still refuses a line that is too long, and says so.
  function maxCommandLength() {
    const limit = Number.parseInt($("command").dataset.maxLength, 10);
    return Number.isFinite(limit) && limit > 0 ? limit : Infinity;
  }

  const formatCount = (n) => n.toLocaleString("en-US");

  // Nothing typed or pasted is cut: near the limit a counter shows, over it the box says by how much.
  function updateCommandCount() {
    const box = $("command");
    const counter = $("command-count");
    const limit = maxCommandLength();
    const length = box.value.trim().length;
    const over = length > limit;
    const near = !over && length >= limit * 0.9;
    counter.hidden = !(over || near);
    counter.classList.toggle("over", over);
    counter.classList.toggle("near", near);
    counter.textContent = over
      ? `${formatCount(length - limit)} characters too long: a command is at most ${formatCount(limit)} characters. Shorten it, or split it into several notes.`
      : near ? `${formatCount(length)} of ${formatCount(limit)} characters` : "";
    if (over) box.setAttribute("aria-invalid", "true");
    else box.removeAttribute("aria-invalid");
  }

  async function sendCommand(text, fromBox) {
    const line = text.trim();
    if (!line || state.sending) return;
    hideComposerError();
    if (line.length > maxCommandLength()) {
      updateCommandCount();
      showComposerError(`Not sent: a command is at most ${formatCount(maxCommandLength())} characters and this one has ${formatCount(line.length)}. Your text is still in the box.`);
      return;
    }

    // A retry of the same text after a failure reuses its id, so it can never run twice.
    const clientMessageId = state.retry && state.retry.text === line ? state.retry.id : newId();
    state.retry = { text: line, id: clientMessageId };
    setBusy(true);
    try {
      const reply = await api(`${channelPath(state.channel)}/commands`, {
        method: "POST",
        body: { user: state.user, text: line, clientMessageId, timeZone: browserZone() },
      });
      state.retry = null;
      if (fromBox) {
        remember(line);
        const box = $("command");
        if (box.value.trim() === line) box.value = "";
        updateCommandCount();
      }
      addMessages(reply.messages, true);
      refreshTimeline();
    } catch (error) {
      if (error.status && error.status >= 400 && error.status < 500) state.retry = null;
      const prefix = error.status === 0 ? "Not sent" : "The server refused that command";
      showComposerError(`${prefix}: ${error.message}${fromBox ? " Your text is still in the box." : ""}`);
    } finally {
      setBusy(false);
      if (fromBox) $("command").focus();
    }
  }

  // ---------- evidence upload ----------

  function maxEvidenceBytes() {
    const limit = Number.parseInt($("evidence-file").dataset.maxBytes, 10);
    return Number.isFinite(limit) && limit > 0 ? limit : Infinity;
  }

  const formatMegabytes = (bytes) => `${(bytes / (1024 * 1024)).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;

  // The file goes as multipart/form-data with the fields first; the server hashes it as it arrives and posts the card.
  async function uploadEvidence(file) {
    if (!file || state.sending) return;
    hideComposerError();
    if (file.size > maxEvidenceBytes()) {
      showComposerError(`Not sent: ${file.name} is larger than the evidence limit of ${formatMegabytes(maxEvidenceBytes())}. Record it with evidence <description> <sha256> <location> instead.`);
      return;
    }

    const form = new FormData();
    form.append("user", state.user || "");
    form.append("timeZone", browserZone());
    form.append("clientMessageId", newId());
    form.append("file", file, file.name);
    setBusy(true);
    try {
      const reply = await api(`${channelPath(state.channel)}/evidence`, { method: "POST", form });
      addMessages(reply.messages, true);
      refreshTimeline();
    } catch (error) {
      showComposerError(`${file.name} was not recorded: ${error.message}`);
    } finally {
      setBusy(false);
      $("evidence-file").value = "";
      $("evidence-pick").focus();
    }
  }

  function onEvidenceDrop(event) {
    event.preventDefault();
    $("composer").classList.remove("dropping");
    const files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length > 0) uploadEvidence(files[0]);
  }

  function recallHistory(direction) {
    const box = $("command");
    if (state.history.length === 0) return false;
    if (state.historyIndex === -1) {
      if (direction > 0) return false;
      state.draft = box.value;
      state.historyIndex = state.history.length;
    }
    const next = state.historyIndex + direction;
    if (next < 0) return true;
    if (next >= state.history.length) {
      state.historyIndex = -1;
      box.value = state.draft;
    } else {
      state.historyIndex = next;
      box.value = state.history[next];
    }
    const end = box.value.length;
    box.setSelectionRange(end, end);
    updateCommandCount();
    return true;
  }

  function onCommandKey(event) {
    if (event.isComposing) return;
    // An open list of suggestions takes the arrows, Tab, Enter (on a highlighted option) and Escape first.
    if (completion && completion.handleKey(event)) return;
    if (event.key === "ArrowUp" && !event.shiftKey && !event.altKey) {
      if (recallHistory(-1)) event.preventDefault();
    } else if (event.key === "ArrowDown" && !event.shiftKey && !event.altKey && state.historyIndex !== -1) {
      if (recallHistory(1)) event.preventDefault();
    } else if (event.key === "Escape") {
      hideComposerError();
    }
  }

  function renderHints() {
    const holder = $("hint-chips");
    holder.replaceChildren();
    for (const hint of HINTS) {
      const chip = el("button", "chip", hint);
      chip.type = "button";
      chip.title = `Put “${hint}” in the command box`;
      chip.addEventListener("click", () => useHint(hint));
      holder.appendChild(chip);
    }
  }

  // Fills the box with the hint; the first <placeholder> is selected, ready to type over.
  function useHint(hint) {
    const box = $("command");
    box.value = hint;
    updateCommandCount();
    box.focus();
    const start = hint.indexOf("<");
    if (start >= 0) box.setSelectionRange(start, hint.indexOf(">", start) + 1);
    else box.setSelectionRange(hint.length, hint.length);
  }

  // ---------- setup screen ----------

  async function loadChannels(selected) {
    const holder = $("channel-list");
    let channels = [];
    try {
      // Channels of private incidents are listed to their people only: say who is asking once a name is known.
      const name = state.user || readStorage(STORAGE.name);
      channels = (await api(`/api/webchat/channels${name ? `?user=${encodeURIComponent(name)}` : ""}`)) || [];
    } catch (error) {
      holder.replaceChildren(el("p", "field-error", `Couldn't load the channel list: ${error.message}`));
      return;
    }
    holder.replaceChildren();
    if (channels.length === 0) {
      holder.appendChild(el("p", "muted", "No channels yet. Name a new one below."));
    }
    // Preselect the remembered or linked channel; else the first listed; else suggest a new one.
    // If the person already picked or typed something while the list was loading, that choice stays.
    const known = channels.some((c) => c.id === selected);
    const pick = state.setupTouched ? "" : known ? selected : selected ? "" : channels.length > 0 ? channels[0].id : "";
    for (const channel of channels) holder.appendChild(channelOption(channel, pick));
    if (!pick && !state.setupTouched) {
      $("new-channel-choice").checked = true;
      $("setup-channel").value = selected || "war-room";
    }
  }

  function channelOption(channel, selected) {
    const label = el("label", "radio channel-option");
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "channel";
    input.value = channel.id;
    input.checked = channel.id === selected;
    label.appendChild(input);

    const text = el("span", "channel-option-text");
    text.appendChild(el("span", "channel-option-name", `#${channel.id}`));
    const detail = el("span", "channel-option-detail");
    if (channel.openIncident) {
      detail.appendChild(el("span", "badge status-open", "open"));
      detail.appendChild(document.createTextNode(` ${channel.openIncident}`));
    } else {
      detail.textContent = "No open incident";
    }
    text.appendChild(detail);
    const active = el("span", "channel-option-time");
    active.appendChild(document.createTextNode("active "));
    active.appendChild(timeElement(channel.lastActivityAt, true));
    text.appendChild(active);
    label.appendChild(text);
    return label;
  }

  function showSetup(focusField) {
    stopPolling();
    $("room").hidden = true;
    $("topbar-room").hidden = true;
    $("topbar-actions").hidden = true;
    $("setup").hidden = false;
    $("setup-name").value = state.user || readStorage(STORAGE.name);
    $("setup-name").closest(".field").hidden = state.session.signedIn;
    $("channel-list").closest("fieldset").hidden = Boolean(state.page);
    $("setup-cancel").hidden = !(state.user && (state.channel || state.page));
    $("setup-name-error").textContent = "";
    $("setup-channel-error").textContent = "";
    // The channel field works before the list arrives: it starts as "new channel" with the preferred name.
    const preferred = state.channel || channelFromHash() || readStorage(STORAGE.channel);
    state.setupTouched = false;
    $("new-channel-choice").checked = true;
    $("setup-channel").value = preferred || "war-room";
    if (!state.page) loadChannels(preferred);
    const field = focusField === "channel" || state.session.signedIn ? $("setup-channel") : $("setup-name");
    field.focus();
  }

  function validName(name) {
    return NAME_PATTERN.test(name);
  }

  function onSetupSubmit(event) {
    event.preventDefault();
    const name = normaliseName($("setup-name").value);
    if (state.page) {
      // An incident's page has its channel already: only the name is asked.
      $("setup-name-error").textContent = "";
      if (!state.session.signedIn && !validName(name)) {
        $("setup-name-error").textContent = "Pick a name of 1 to 40 characters, without <, > or @.";
        $("setup-name").focus();
        return;
      }
      state.page.onNamed(state.session.signedIn ? state.user : name);
      return;
    }
    const picked = document.querySelector("input[name=channel]:checked");
    const channel = picked && picked.value ? picked.value : $("setup-channel").value.trim().toLowerCase();

    let ok = true;
    $("setup-name-error").textContent = "";
    $("setup-channel-error").textContent = "";
    if (!state.session.signedIn && !validName(name)) {
      $("setup-name-error").textContent = "Pick a name of 1 to 40 characters, without <, > or @.";
      ok = false;
    }
    if (!CHANNEL_PATTERN.test(channel)) {
      $("setup-channel-error").textContent = "Choose a channel, or name a new one: lowercase letters, digits, - and _.";
      ok = false;
    }
    if (!ok) {
      (state.session.signedIn || validName(name) ? $("setup-channel") : $("setup-name")).focus();
      return;
    }
    enterRoom(state.session.signedIn ? state.user : name, channel);
  }

  // ---------- room ----------

  function enterRoom(name, channel) {
    const switching = channel !== state.channel;
    state.user = name;
    state.channel = channel;
    if (!state.session.signedIn) writeStorage(STORAGE.name, name);
    if (!state.page) {
      writeStorage(STORAGE.channel, channel);
      updateHash(channel);
    }

    $("setup").hidden = true;
    $("room").hidden = false;
    $("topbar-room").hidden = false;
    $("topbar-actions").hidden = false;
    $("current-channel").textContent = channel;
    $("current-user").textContent = name;
    const avatar = $("user-avatar");
    avatar.textContent = initials(name);
    avatar.style.setProperty("--hue", String(hueFor(name)));
    state.unread = 0;
    updateTitle();

    // Private replies depend on who is asking, so the list is rebuilt for a new name too.
    clearMessages();
    $("empty-state").hidden = true;
    hideComposerError();
    if (switching) {
      $("incident-body").replaceChildren(el("p", "muted", "Loading…"));
      $("timeline").replaceChildren();
      $("timeline").classList.add("is-empty");
    }
    startPolling();
    refreshTimeline();
    $("command").focus();
  }

  function channelFromHash() {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    const channel = (params.get("channel") || "").toLowerCase();
    return CHANNEL_PATTERN.test(channel) ? channel : "";
  }

  function updateHash(channel) {
    const hash = `#channel=${encodeURIComponent(channel)}`;
    if (window.location.hash !== hash) window.history.replaceState(null, "", hash);
  }

  function onHashChange() {
    if (state.page) return;
    const channel = channelFromHash();
    if (!channel || channel === state.channel) return;
    if (state.user) enterRoom(state.user, channel);
    else showSetup("name");
  }

  function togglePanel(open) {
    const panel = $("incident-panel");
    const show = open === undefined ? !panel.classList.contains("open") : open;
    panel.classList.toggle("open", show);
    $("toggle-panel").setAttribute("aria-expanded", String(show));
    if (show) refreshTimeline();
  }

  // ---------- completion and the incident page ----------

  let completion = null;

  // A# and E# references come from the incident's record: the page's own on an incident page, else the channel's incident's.
  let channelDetail = { id: "", at: 0, value: null };

  async function incidentDetail() {
    if (state.page) return state.page.detail();
    const incident = state.incident;
    if (!incident || !incident.id) return null;
    if (channelDetail.id === incident.id && Date.now() - channelDetail.at < 5000) return channelDetail.value;
    try {
      const value = await api(`/api/incidents/${encodeURIComponent(incident.id)}${userQuery()}`);
      channelDetail = { id: incident.id, at: Date.now(), value };
      return value;
    } catch {
      return null;
    }
  }

  let incidentList = { at: 0, value: null };

  // Incident references for INC-: the list endpoint may be missing on an older server, so a refusal just offers none.
  async function incidentReferences() {
    if (incidentList.value && Date.now() - incidentList.at < 30000) return incidentList.value;
    try {
      const list = await api(`/api/incidents${userQuery()}`);
      const all = [...(list.open || []), ...(list.resolved || []), ...(list.exercises || [])];
      incidentList = { at: Date.now(), value: all.map((i) => ({ reference: i.reference, title: i.title })) };
    } catch {
      incidentList = { at: Date.now(), value: [] };
    }
    return incidentList.value;
  }

  function userQuery() {
    return state.user && !state.session.signedIn ? `?user=${encodeURIComponent(state.user)}` : "";
  }

  const completionSource = {
    people: () => Array.from(state.people),
    roles: () => (state.page ? state.page.roles() : (state.incident && state.incident.roles) || {}),
    detail: incidentDetail,
    incidents: incidentReferences,
  };

  // What incident-page.js drives: the room without its channel picker, and the panel's timeline renderer.
  const room = {
    api,
    el,
    timeElement,
    user: () => state.user,
    signedIn: () => state.session.signedIn,
    storedName: () => readStorage(STORAGE.name),
    validName,
    attach(page) {
      state.page = page;
      $("switch-channel").hidden = true;
    },
    askName: () => showSetup("name"),
    setUser(name) {
      state.user = name;
      if (!state.session.signedIn) writeStorage(STORAGE.name, name);
      $("current-user").textContent = name;
      const avatar = $("user-avatar");
      avatar.textContent = initials(name);
      avatar.style.setProperty("--hue", String(hueFor(name)));
      $("setup").hidden = true;
      $("topbar-actions").hidden = false;
    },
    enterRoom: (name, channel) => (name === state.user && channel === state.channel && !$("room").hidden ? undefined : enterRoom(name, channel)),
    sendCommand: (text) => sendCommand(text, false),
    renderTimeline,
    updateTitle,
  };

  function incidentPageId() {
    const match = /^\/incidents\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(window.location.pathname);
    return match ? match[1].toLowerCase() : "";
  }

  // ---------- start ----------

  function loadHistory() {
    try {
      const saved = JSON.parse(readStorage(STORAGE.history) || "[]");
      if (Array.isArray(saved)) state.history = saved.filter((s) => typeof s === "string").slice(-MAX_HISTORY);
    } catch {
      state.history = [];
    }
  }

  function wireEvents() {
    $("setup-form").addEventListener("submit", onSetupSubmit);
    $("setup-cancel").addEventListener("click", () => (state.page ? state.page.onNamed(state.user) : enterRoom(state.user, state.channel)));
    $("setup-channel").addEventListener("input", () => {
      $("new-channel-choice").checked = true;
      state.setupTouched = true;
    });
    $("channel-list").closest("fieldset").addEventListener("change", () => {
      state.setupTouched = true;
    });
    $("setup-channel").addEventListener("focus", () => {
      $("new-channel-choice").checked = true;
    });
    $("switch-channel").addEventListener("click", () => showSetup("channel"));
    $("change-name").addEventListener("click", () => showSetup("name"));
    $("toggle-panel").addEventListener("click", () => togglePanel());
    $("close-panel").addEventListener("click", () => {
      togglePanel(false);
      $("toggle-panel").focus();
    });
    $("composer").addEventListener("submit", (event) => {
      event.preventDefault();
      sendCommand($("command").value, true);
    });
    if (window.ChatOpsComplete) completion = window.ChatOpsComplete.attach($("command"), completionSource);
    $("command").addEventListener("keydown", onCommandKey);
    $("command").addEventListener("input", updateCommandCount);
    $("help").addEventListener("click", () => sendCommand("help", false));
    $("evidence-pick").addEventListener("click", () => $("evidence-file").click());
    $("evidence-file").addEventListener("change", () => uploadEvidence($("evidence-file").files[0]));
    $("composer").addEventListener("dragover", (event) => {
      event.preventDefault();
      $("composer").classList.add("dropping");
    });
    $("composer").addEventListener("dragleave", () => $("composer").classList.remove("dropping"));
    $("composer").addEventListener("drop", onEvidenceDrop);
    window.addEventListener("hashchange", onHashChange);
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && state.unread > 0) {
        state.unread = 0;
        updateTitle();
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && $("incident-panel").classList.contains("open")) togglePanel(false);
    });
  }

  // With sign-in on, the page acts as the session's person: their name is shown, not asked for, and a sign-out link
  // replaces the name picker. Without it, the server answers signedIn=false and the page asks for a name as before.
  async function loadSession() {
    try {
      const session = await api("/api/webchat/session");
      if (session && session.signedIn) {
        state.session = { signedIn: true, antiforgeryToken: session.antiforgeryToken || "" };
        state.user = session.name;
        $("change-name").disabled = true;
        $("change-name").title = `Signed in as ${session.name}`;
        $("sign-out").hidden = false;
        $("setup-lead").textContent = `Signed in as ${session.name}. Pick a channel to coordinate an incident with your team.`;
      }
    } catch (error) {
      console.error(`The session could not be read: ${error.message}`);
    }
  }

  async function start() {
    cardsAvailable = setUpCards();
    if (!cardsAvailable) console.error("adaptivecards.min.js did not load: cards are shown as plain text.");
    loadHistory();
    renderHints();
    wireEvents();
    await loadSession();

    const incidentId = incidentPageId();
    if (incidentId && window.ChatOpsIncidentPage) {
      window.ChatOpsIncidentPage.start(room, incidentId);
      return;
    }
    if (window.ChatOpsSite) window.ChatOpsSite.markNavigation("war-room");

    const name = state.session.signedIn ? state.user : readStorage(STORAGE.name);
    const channel = channelFromHash() || readStorage(STORAGE.channel);
    if ((state.session.signedIn || validName(name)) && CHANNEL_PATTERN.test(channel)) enterRoom(name, channel);
    else showSetup("name");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// ChatOpsIR command completion: while a command is typed, a list under the box offers the verbs, then their arguments
// (severities, roles, key moments, people, action item and evidence references, incident references).
// ARIA combobox pattern: the box owns a listbox; arrows move, Tab or Enter takes the highlighted option, Escape closes.
// Plain ES2020, no framework. Every offered text is inserted with textContent.
(() => {
  "use strict";

  const SEVERITIES = [
    ["1", "critical"],
    ["2", "high"],
    ["3", "moderate"],
    ["4", "low"],
  ];
  const ROLES = [
    ["commander", "runs the response"],
    ["deputy", "may do what the commander does"],
    ["scribe", "keeps the timeline"],
    ["comms", "talks to people outside the room"],
    ["lead", "technical lead"],
  ];
  const MOMENTS = [
    ["first-activity", "the attacker's first known activity"],
    ["detected", "someone noticed"],
    ["acknowledged", "the response began"],
    ["contained", "the spread stopped"],
    ["eradicated", "the cause removed"],
    ["recovered", "back to normal"],
  ];
  const EVIDENCE_STEPS = [
    ["list", "every item with its holder and state"],
    ["stored", "where an item is kept"],
    ["transfer", "hand an item to someone"],
    ["verify", "compare a fresh hash"],
    ["release", "end custody: given back"],
    ["dispose", "end custody: destroyed"],
    ["supersede", "mark an item replaced"],
  ];
  // Words that follow a verb, for the verbs that take a fixed word first.
  const FIRST_WORDS = {
    capture: [["on", "copy every message into the timeline"], ["off", "stop copying"]],
    postmortem: [["status", "show the post-mortem's progress"]],
    action: [["done", "close an action item"]],
    access: [["grant", "record access handed out"], ["revoked", "record access taken back"]],
    audit: [["verify", "check the audit trail's hash chain"]],
    export: [["plan", "the plan review's sign-off"]],
    plan: [["status", "the last and next review"], ["review", "start the yearly review"]],
  };
  const INCIDENT_REFERENCE = /^inc-\d+$/i;

  let catalog = null;
  let catalogRequest = null;

  // The verbs come from the server's help catalog, so nothing offered is unknown to it. Until it answers, nothing is offered.
  function loadCatalog() {
    if (!catalogRequest) {
      catalogRequest = fetch("/api/webchat/commands", { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then((response) => (response.ok ? response.json() : null))
        .then((body) => {
          catalog = body && Array.isArray(body.commands) ? body : { commands: [], aliases: {} };
          return catalog;
        })
        .catch(() => {
          catalogRequest = null;
          return null;
        });
    }
    return catalogRequest;
  }

  function canonicalVerb(word) {
    const lower = word.toLowerCase();
    const aliases = (catalog && catalog.aliases) || {};
    return aliases[lower] || lower;
  }

  /** The word being typed at the caret, where it starts, and the words before it. */
  function wordAtCaret(value, caret) {
    const before = value.slice(0, caret);
    const token = /(\S*)$/.exec(before)[1];
    const start = caret - token.length;
    const words = before.slice(0, start).trim().split(/\s+/).filter(Boolean);
    return { token, start, words };
  }

  const option = (value, label, detail) => ({ value, label: label || value, detail: detail || "" });

  function people(source) {
    const names = new Map();
    for (const [role, holder] of Object.entries(source.roles() || {})) {
      if (holder && !names.has(holder.toLowerCase())) names.set(holder.toLowerCase(), option(`@${holder}`, `@${holder}`, role));
    }
    for (const name of source.people() || []) {
      if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), option(`@${name}`, `@${name}`, "in this channel"));
    }
    return Array.from(names.values());
  }

  async function actionItems(source) {
    const detail = await source.detail();
    const items = (detail && detail.actionItems) || [];
    return items
      .filter((item) => item.status !== "done")
      .map((item) => option(item.reference, item.reference, `${item.title} · ${item.owner}${item.overdue ? " · overdue" : ""}`));
  }

  async function evidence(source) {
    const detail = await source.detail();
    return ((detail && detail.evidence) || []).map((item) => option(item.reference, item.reference, `${item.description} · ${item.state}`));
  }

  async function incidents(source) {
    const list = (await source.incidents()) || [];
    return list.map((incident) => option(incident.reference, incident.reference, incident.title));
  }

  /** Everything that may follow what was typed, before filtering by the word at the caret. */
  async function candidates(context, source) {
    const { token, words } = context;
    if (words.length === 0) {
      if (!token || !catalog) return [];
      return catalog.commands.map((command) => ({ value: command.verb, label: command.verb, detail: command.summary, syntax: command.syntax }));
    }
    if (token.startsWith("@")) return people(source);
    if (/^inc-?/i.test(token) && token.length >= 3) return incidents(source);

    const verb = canonicalVerb(words[0]);
    // `note INC-0003 …` names another incident; what follows is as without it.
    const args = words.slice(1).filter((word, index) => !(index === 0 && INCIDENT_REFERENCE.test(word)));
    if (verb === "help" && args.length === 0 && catalog) return catalog.commands.map((command) => option(command.verb, command.verb, command.summary));
    if (verb === "sev" && args.length === 0) return SEVERITIES.map(([value, label]) => option(value, value, label));
    if (verb === "role" && args.length === 0) return ROLES.map(([value, detail]) => option(value, value, detail));
    if ((verb === "role" && args.length === 1) || (verb === "invite" && args.length === 0)) return people(source);
    if (verb === "access" && args.length === 1 && args[0].toLowerCase() === "grant") return people(source);
    if (verb === "mark" && args.length === 0) return MOMENTS.map(([value, detail]) => option(value, value, detail));
    if (verb === "action" && args.length === 1 && args[0].toLowerCase() === "done") return actionItems(source);
    if (verb === "evidence" && args.length === 0) {
      return [...EVIDENCE_STEPS.map(([value, detail]) => option(value, value, detail)), ...(await evidence(source))];
    }
    if (verb === "evidence" && args.length === 1 && EVIDENCE_STEPS.some(([step]) => step === args[0].toLowerCase()) && args[0].toLowerCase() !== "list") {
      return evidence(source);
    }
    if (FIRST_WORDS[verb] && args.length === 0) return FIRST_WORDS[verb].map(([value, detail]) => option(value, value, detail));
    return [];
  }

  function matches(options, token) {
    const typed = token.toLowerCase();
    return options.filter((o) => o.value.toLowerCase().startsWith(typed)).slice(0, 12);
  }

  let listCount = 0;

  /**
   * Wires completion to a command box. source: { people(): names, roles(): {role: holder}, detail(): Promise of the
   * incident's record or null, incidents(): Promise of [{reference, title}] }. Returns { handleKey(event), close() }:
   * the box's own keydown handler calls handleKey first and stops when it returns true.
   */
  function attach(input, source) {
    const list = document.getElementById(input.getAttribute("aria-controls") || "command-options");
    if (!list) return { handleKey: () => false, close() {} };
    const prefix = `command-option-${++listCount}`;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    let shown = [];
    let active = -1;
    let context = null;
    let generation = 0;

    function isOpen() {
      return !list.hidden;
    }

    function close() {
      generation++;
      list.hidden = true;
      list.replaceChildren();
      shown = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      Array.from(list.children).forEach((node, i) => node.setAttribute("aria-selected", String(i === index)));
      if (index >= 0) {
        const node = list.children[index];
        input.setAttribute("aria-activedescendant", node.id);
        node.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render(options) {
      shown = options;
      active = -1;
      list.replaceChildren();
      options.forEach((o, index) => {
        const item = document.createElement("li");
        item.id = `${prefix}-${index}`;
        item.className = "completion-option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.dataset.value = o.value;
        const label = document.createElement("span");
        label.className = "completion-value";
        label.textContent = o.label;
        item.appendChild(label);
        if (o.detail) {
          const detail = document.createElement("span");
          detail.className = "completion-detail";
          detail.textContent = o.detail;
          item.appendChild(detail);
        }
        if (o.syntax) item.title = o.syntax;
        // Pressing the mouse must not take the focus from the box; the click then takes the option.
        item.addEventListener("mousedown", (event) => event.preventDefault());
        item.addEventListener("click", () => accept(index));
        list.appendChild(item);
      });
      list.hidden = options.length === 0;
      input.setAttribute("aria-expanded", String(options.length > 0));
      input.removeAttribute("aria-activedescendant");
    }

    async function update() {
      const run = ++generation;
      if (!catalog) await loadCatalog();
      const caret = input.selectionStart === null ? input.value.length : input.selectionStart;
      const current = wordAtCaret(input.value, caret);
      let options;
      try {
        options = matches(await candidates(current, source), current.token);
      } catch {
        options = [];
      }
      if (run !== generation) return;
      context = current;
      render(options);
    }

    function accept(index) {
      const chosen = shown[index];
      if (!chosen || !context) return;
      const caret = input.selectionStart === null ? input.value.length : input.selectionStart;
      const rest = input.value.slice(caret).replace(/^\S*\s*/, "");
      const head = `${input.value.slice(0, context.start)}${chosen.value} `;
      input.value = head + rest;
      input.setSelectionRange(head.length, head.length);
      input.focus();
      // The box's own listeners (the length counter) and the next suggestions both follow from this.
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function handleKey(event) {
      if (!isOpen() || event.altKey || event.ctrlKey || event.metaKey) return false;
      const count = shown.length;
      switch (event.key) {
        case "ArrowDown":
          highlight(active + 1 >= count ? 0 : active + 1);
          break;
        case "ArrowUp":
          highlight(active - 1 < 0 ? count - 1 : active - 1);
          break;
        case "Tab":
          if (event.shiftKey) return false;
          accept(active >= 0 ? active : 0);
          break;
        case "Enter":
          // With nothing highlighted, Enter sends what is typed, as without the list.
          if (active < 0) {
            close();
            return false;
          }
          accept(active);
          break;
        case "Escape":
          close();
          event.stopPropagation();
          break;
        default:
          return false;
      }
      event.preventDefault();
      return true;
    }

    input.addEventListener("input", update);
    input.addEventListener("blur", () => window.setTimeout(() => {
      if (document.activeElement !== input) close();
    }, 150));
    loadCatalog();
    return { handleKey, close, isOpen };
  }

  window.ChatOpsComplete = { attach };
})();

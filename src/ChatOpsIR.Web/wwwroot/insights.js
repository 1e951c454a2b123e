// ChatOpsIR insights: the scope's incident figures by quarter and this year against last, drawn with Chart.js.
// Plain ES2020, no framework. Server text is inserted with textContent only; every chart's numbers are also in a table.
(() => {
  "use strict";

  const site = window.ChatOpsSite;
  const { el } = site;
  const charts = new Map();

  const COLORS = {
    sev1: "#b42318",
    sev2: "#e8590c",
    sev3: "#d4a20b",
    sev4: "#6f8fd8",
    real: "#2457c5",
    exercise: "#5b3cc4",
    detect: "#2457c5",
    contain: "#e8590c",
    recover: "#1c7a43",
    opened: "#6f8fd8",
    closed: "#1c7a43",
    overdue: "#b42318",
    principle: "#5b3cc4",
  };

  /** "45m", "5.5h", "3.2d": a duration in minutes the way people say it. */
  function duration(minutes) {
    if (minutes === null || minutes === undefined) return "—";
    if (minutes < 60) return `${Math.round(minutes)}m`;
    if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1).replace(/\.0$/, "")}h`;
    return `${(minutes / 1440).toFixed(1).replace(/\.0$/, "")}d`;
  }

  function figureValue(value, unit) {
    if (value === null || value === undefined) return "—";
    return unit === "minutes" ? duration(value) : String(value);
  }

  const hours = (minutes) => (minutes === null || minutes === undefined ? null : Math.round((minutes / 60) * 10) / 10);
  const days = (minutes) => (minutes === null || minutes === undefined ? null : Math.round((minutes / 1440) * 10) / 10);

  function show(id, visible) {
    document.getElementById(id).hidden = !visible;
  }

  function setError(id, message) {
    const node = document.getElementById(id);
    node.textContent = message || "";
    node.hidden = !message;
  }

  // ---------- this year against last ----------

  const CARD_KEYS = [
    "incidents", "exercises", "sev1",
    "timeToDetectMedian", "timeToContainMedian", "timeToRecoverMedian",
    "actionItemsClosed", "actionItemsOverdue", "timeToCloseMedian",
  ];

  const VERDICT_TEXT = {
    better: "better than last year",
    worse: "worse than last year",
    same: "same as last year",
    changed: "changed from last year",
    "not comparable": "nothing to compare with",
  };

  function changeText(figure) {
    if (figure.change === null || figure.change === undefined) return "—";
    if (figure.change === 0) return "no change";
    const arrow = figure.change > 0 ? "▲" : "▼";
    const amount = figure.unit === "minutes" ? duration(Math.abs(figure.change)) : String(Math.abs(figure.change));
    return `${arrow} ${figure.change > 0 ? "+" : "−"}${amount}`;
  }

  function renderYears(years) {
    const { current, previous, figures } = years;
    document.getElementById("years-note").textContent =
      `${current.label} (1 January to today) against ${previous.label}, the same stretch of last year. Green is better, red is worse; for times and overdue items lower is better.`;
    const cards = document.getElementById("year-cards");
    cards.replaceChildren();
    for (const key of CARD_KEYS) {
      const figure = figures.find((f) => f.key === key);
      if (!figure) continue;
      const card = el("article", `year-card verdict-${figure.verdict.replace(/ /g, "-")}`);
      card.dataset.key = figure.key;
      card.append(el("h3", "year-card-label", figure.label));
      const now = el("p", "year-card-current");
      now.append(el("span", "year-card-value", figureValue(figure.current, figure.unit)), el("span", "year-card-period", ` ${current.label}`));
      card.append(now);
      card.append(el("p", "year-card-previous", `${figureValue(figure.previous, figure.unit)} in ${previous.label}`));
      const change = el("p", "year-card-change", changeText(figure));
      change.append(el("span", "visually-hidden", `, ${VERDICT_TEXT[figure.verdict] || figure.verdict}`));
      change.title = VERDICT_TEXT[figure.verdict] || figure.verdict;
      card.append(change);
      cards.append(card);
    }

    document.getElementById("years-current").textContent = current.label;
    document.getElementById("years-previous").textContent = previous.label;
    const body = document.querySelector("#years-table tbody");
    body.replaceChildren();
    for (const figure of figures) {
      const row = el("tr");
      row.dataset.key = figure.key;
      row.append(el("th", null, figure.label), el("td", null, figureValue(figure.current, figure.unit)), el("td", null, figureValue(figure.previous, figure.unit)));
      const change = el("td", `verdict-${figure.verdict.replace(/ /g, "-")}`, `${changeText(figure)} (${VERDICT_TEXT[figure.verdict] || figure.verdict})`);
      row.append(change);
      body.append(row);
    }
    const principles = el("tr");
    const top = (p) => (p.failedPrinciples.length ? `${p.failedPrinciples[0].principle} (${p.failedPrinciples[0].count})` : "none recorded");
    principles.append(el("th", null, "First principle that failed most"), el("td", null, top(current)), el("td", null, top(previous)), el("td", null, "—"));
    body.append(principles);
  }

  // ---------- the numbers by quarter ----------

  const QUARTER_ROWS = [
    ["Incidents", (q) => q.incidents],
    ["Exercises", (q) => q.exercises],
    ["Private incidents (counted only)", (q) => q.privateIncidents],
    ["SEV1", (q) => q.bySeverity.sev1],
    ["SEV2", (q) => q.bySeverity.sev2],
    ["SEV3", (q) => q.bySeverity.sev3],
    ["SEV4", (q) => q.bySeverity.sev4],
    ["Median time to detect (h)", (q) => hours(q.timeToDetect.medianMinutes)],
    ["90th pct time to detect (h)", (q) => hours(q.timeToDetect.p90Minutes)],
    ["Median time to contain (h)", (q) => hours(q.timeToContain.medianMinutes)],
    ["90th pct time to contain (h)", (q) => hours(q.timeToContain.p90Minutes)],
    ["Median time to recover (h)", (q) => hours(q.timeToRecover.medianMinutes)],
    ["90th pct time to recover (h)", (q) => hours(q.timeToRecover.p90Minutes)],
    ["Action items opened", (q) => q.actionItemsOpened],
    ["Action items closed", (q) => q.actionItemsClosed],
    ["Action items overdue (by quarter opened)", (q) => q.actionItemsOverdue],
    ["Median time to close (days)", (q) => days(q.timeToClose.medianMinutes)],
    ["90th pct time to close (days)", (q) => days(q.timeToClose.p90Minutes)],
  ];

  function renderQuarterTable(quarters) {
    const head = document.querySelector("#quarters-table thead");
    const headRow = el("tr");
    headRow.append(el("th", null, "Figure"));
    for (const quarter of quarters) {
      const cell = el("th", null, quarter.label);
      cell.scope = "col";
      headRow.append(cell);
    }
    head.replaceChildren(headRow);
    const body = document.querySelector("#quarters-table tbody");
    body.replaceChildren();
    for (const [label, of] of QUARTER_ROWS) {
      const row = el("tr");
      const name = el("th", null, label);
      name.scope = "row";
      row.append(name);
      for (const quarter of quarters) {
        const value = of(quarter);
        row.append(el("td", null, value === null || value === undefined ? "—" : String(value)));
      }
      body.append(row);
    }
  }

  // ---------- charts ----------

  function baseOptions(extra = {}) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } }, tooltip: { mode: "index", intersect: false } },
      ...extra,
    };
  }

  function draw(id, config) {
    const canvas = document.getElementById(id);
    const old = window.Chart.getChart(canvas);
    if (old) old.destroy();
    charts.set(id, new window.Chart(canvas, config));
  }

  function bars(label, data, color, extra = {}) {
    return { label, data, backgroundColor: color, borderColor: color, ...extra };
  }

  function line(label, data, color, dashed) {
    return { type: "line", label, data, borderColor: color, backgroundColor: color, borderDash: dashed ? [6, 4] : [], spanGaps: true, tension: 0.2, pointRadius: 3 };
  }

  function renderCharts(report) {
    if (!window.Chart) {
      setError("insights-error", "The charts could not be drawn (chart.umd.min.js did not load). The tables below hold every number.");
      return;
    }
    const labels = report.quarters.map((q) => q.label);
    const q = report.quarters;
    draw("chart-severity", {
      type: "bar",
      data: {
        labels,
        datasets: [
          bars("SEV1 · critical", q.map((x) => x.bySeverity.sev1), COLORS.sev1),
          bars("SEV2 · high", q.map((x) => x.bySeverity.sev2), COLORS.sev2),
          bars("SEV3 · moderate", q.map((x) => x.bySeverity.sev3), COLORS.sev3),
          bars("SEV4 · low", q.map((x) => x.bySeverity.sev4), COLORS.sev4),
        ],
      },
      options: baseOptions({ scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }),
    });
    draw("chart-exercises", {
      type: "bar",
      data: { labels, datasets: [bars("Real incidents", q.map((x) => x.incidents), COLORS.real), bars("Exercises", q.map((x) => x.exercises), COLORS.exercise)] },
      options: baseOptions({ scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }),
    });
    draw("chart-times", {
      type: "line",
      data: {
        labels,
        datasets: [
          line("Detect, median", q.map((x) => hours(x.timeToDetect.medianMinutes)), COLORS.detect, false),
          line("Detect, 90th pct", q.map((x) => hours(x.timeToDetect.p90Minutes)), COLORS.detect, true),
          line("Contain, median", q.map((x) => hours(x.timeToContain.medianMinutes)), COLORS.contain, false),
          line("Contain, 90th pct", q.map((x) => hours(x.timeToContain.p90Minutes)), COLORS.contain, true),
          line("Recover, median", q.map((x) => hours(x.timeToRecover.medianMinutes)), COLORS.recover, false),
          line("Recover, 90th pct", q.map((x) => hours(x.timeToRecover.p90Minutes)), COLORS.recover, true),
        ],
      },
      options: baseOptions({ scales: { y: { beginAtZero: true, title: { display: true, text: "hours" } } } }),
    });
    draw("chart-actions", {
      type: "bar",
      data: {
        labels,
        datasets: [
          bars("Opened", q.map((x) => x.actionItemsOpened), COLORS.opened),
          bars("Closed", q.map((x) => x.actionItemsClosed), COLORS.closed),
          bars("Overdue (by quarter opened)", q.map((x) => x.actionItemsOverdue), COLORS.overdue),
        ],
      },
      options: baseOptions({ scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }),
    });
    draw("chart-close", {
      type: "line",
      data: {
        labels,
        datasets: [
          line("Median", q.map((x) => days(x.timeToClose.medianMinutes)), COLORS.closed, false),
          line("90th percentile", q.map((x) => days(x.timeToClose.p90Minutes)), COLORS.closed, true),
        ],
      },
      options: baseOptions({ scales: { y: { beginAtZero: true, title: { display: true, text: "days" } } } }),
    });
    const principles = report.failedPrinciples;
    show("principles-empty", principles.length === 0);
    document.getElementById("chart-principles").closest(".chart-box").hidden = principles.length === 0;
    if (principles.length) {
      draw("chart-principles", {
        type: "bar",
        data: { labels: principles.map((p) => p.principle), datasets: [bars("Root causes naming it", principles.map((p) => p.count), COLORS.principle)] },
        options: baseOptions({ indexAxis: "y", plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }),
      });
    }
  }

  // ---------- loading ----------

  async function load() {
    setError("insights-error", "");
    let answer;
    try {
      answer = await site.api("/api/insights");
    } catch (error) {
      document.getElementById("insights-status").textContent = "";
      setError("insights-error", `The figures could not be loaded: ${error.message}`);
      return;
    }

    const report = answer.insights;
    document.getElementById("download-csv").href = answer.csvUrl;
    const first = report.quarters[0];
    const last = report.quarters[report.quarters.length - 1];
    document.getElementById("insights-period").textContent =
      `How the team responded from ${first.label} to ${last.label}, and this year against last. Open now: ${report.openIncidents} ${report.openIncidents === 1 ? "incident" : "incidents"}.`;
    document.getElementById("insights-status").textContent = report.isEmpty ? "" : `Figures as of ${new Date(report.generatedAt).toLocaleString()}.`;
    show("insights-empty", report.isEmpty);
    show("sample-offer", report.isEmpty && answer.sampleAvailable);
    show("insights-content", !report.isEmpty);
    if (report.isEmpty) return;

    renderYears(report.years);
    renderQuarterTable(report.quarters);
    renderCharts(report);
  }

  async function addSample(event) {
    const button = event.currentTarget;
    button.disabled = true;
    setError("sample-error", "");
    try {
      await site.api("/api/insights/sample", { method: "POST" });
      await load();
      document.getElementById("insights").focus();
    } catch (error) {
      setError("sample-error", `The sample year was not added: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    site.markNavigation("insights");
    site.loadSession();
    document.getElementById("add-sample").addEventListener("click", addSample);
    document.getElementById("print-page").addEventListener("click", () => window.print());
    // Charts redraw at the printed page's width, and back afterwards.
    window.addEventListener("beforeprint", () => {
      for (const details of document.querySelectorAll("details.figure-table")) details.open = true;
      charts.forEach((chart) => chart.resize());
    });
    window.addEventListener("afterprint", () => charts.forEach((chart) => chart.resize()));
    load();
  });
})();

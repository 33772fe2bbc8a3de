// The playground: draws the feed of /_sim/playground/feed and drives the control API.
"use strict";
(() => {
  const FEED = "/_sim/playground/feed";
  const ACT = { "X-GPUaaS-Playground": "1", "Content-Type": "application/json" };
  const MAX_REQUESTS = 200;
  const MAX_EVENTS = 30;
  const byId = (id) => document.getElementById(id);

  function row(cells) {
    const tr = document.createElement("tr");
    for (const [text, cls] of cells) {
      const td = document.createElement("td");
      td.textContent = text === null || text === undefined ? "" : String(text);
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  }

  function fill(tbody, rows, empty) {
    const columns = tbody.closest("table").querySelectorAll("thead th").length;
    if (rows.length === 0) {
      const tr = row([[empty, "none"]]);
      tr.firstChild.colSpan = columns;
      tbody.replaceChildren(tr);
    } else {
      tbody.replaceChildren(...rows);
    }
  }

  function money(minor, currency) {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(minor / 100);
  }

  function size(bytes) {
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${unit ? value.toFixed(1) : value} ${units[unit]}`;
  }

  function clockTime(iso) {
    return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC");
  }

  function drawState(s) {
    byId("account").textContent = `${s.account.user} · tenant ${s.account.tenant_id}`;
    byId("now").textContent = clockTime(s.clock.now);
    byId("now").dateTime = s.clock.now;
    const speed = byId("speed");
    if (document.activeElement !== speed) speed.value = String(s.clock.speed);
    byId("balance").textContent = money(s.balance.amount_minor, s.balance.currency);
    fill(
      byId("allocations"),
      s.allocations.map((a) =>
        row([[a.id, "id"], [a.sku], [a.gpus_total], [a.region_code], [a.status, a.status]]),
      ),
      "None yet: create one with the SDK.",
    );
    fill(
      byId("instances"),
      s.app_instances.map((i) =>
        row([[i.id, "id"], [i.app_slug], [i.name], [i.status, i.status]]),
      ),
      "None yet.",
    );
    fill(
      byId("files"),
      s.storage.newest_files.map((f) => row([[f.path, "id"], [size(f.size_bytes)]])),
      "No files yet.",
    );
    byId("usage").textContent =
      `${size(s.storage.used_bytes)} in ${s.storage.object_count} objects ` +
      `(quota ${size(s.storage.quota_bytes)})`;
    const faults = s.faults.map((f) => {
      const li = document.createElement("li");
      const what = f.kind === "latency" ? `+${f.delay} s` : f.kind === "status" ? f.status : f.kind;
      const left = f.remaining === null ? "until cleared" : `${f.remaining} left`;
      li.textContent = `${f.method || "any"} ${f.path || "*"}: ${what} (${left})`;
      return li;
    });
    if (s.stream_cut_after !== null) {
      const li = document.createElement("li");
      li.textContent = `event streams drop after ${s.stream_cut_after} events`;
      faults.push(li);
    }
    if (faults.length === 0) {
      const li = document.createElement("li");
      li.className = "none";
      li.textContent = "Nothing: the platform behaves.";
      faults.push(li);
    }
    byId("faults").replaceChildren(...faults);
  }

  function requestRow(r) {
    const time = new Date(r.at * 1000).toLocaleTimeString("en-GB", { hour12: false });
    const status = r.status === null ? "—" : r.status;
    const cls = r.outcome === "dropped" ? "dropped" : r.status ? `s${String(r.status)[0]}` : "";
    const note = { dropped: " (dropped)", streaming: " (stream)" }[r.outcome] || "";
    return row([
      [time],
      [r.method],
      [r.path],
      [`${status}${note}`, cls],
      [`${r.latency_ms.toFixed(1)} ms`],
      [r.correlation_id || "—"],
    ]);
  }

  function eventRow(e) {
    const type = e.type.replaceAll(".", ".\u200b"); // a narrow panel may break it after a dot
    return row([[e.id], [type], [e.allocation_id || e.instance_id || "", "id"], [e.status, e.status]]);
  }

  function prepend(tbody, tr, max) {
    if (tbody.querySelector("td.none")) tbody.replaceChildren();
    tbody.prepend(tr);
    while (tbody.rows.length > max) tbody.deleteRow(-1);
  }

  function setLive(text, state) {
    byId("live").textContent = text;
    byId("live").dataset.state = state;
  }

  const feed = new EventSource(FEED);
  feed.addEventListener("open", () => setLive("Live", "live"));
  feed.addEventListener("error", () => setLive("Reconnecting…", "lost"));
  feed.addEventListener("hello", (m) => {
    const hello = JSON.parse(m.data);
    fill(byId("requests"), hello.requests.map(requestRow).reverse(), "No API requests yet.");
    fill(byId("events"), hello.events.map(eventRow).reverse(), "No events yet.");
  });
  feed.addEventListener("state", (m) => drawState(JSON.parse(m.data)));
  feed.addEventListener("request", (m) =>
    prepend(byId("requests"), requestRow(JSON.parse(m.data)), MAX_REQUESTS),
  );
  feed.addEventListener("event", (m) =>
    prepend(byId("events"), eventRow(JSON.parse(m.data)), MAX_EVENTS),
  );

  async function act(label, url, body) {
    const acted = byId("acted");
    try {
      const answer = await fetch(url, { method: "POST", headers: ACT, body: JSON.stringify(body) });
      if (!answer.ok) {
        const error = (await answer.json()).error;
        acted.textContent = `${label}: ${error.message}`;
        return;
      }
      const data = await answer.json();
      if (data.state) drawState(data.state);
      acted.textContent = `${label}: done`;
    } catch (error) {
      acted.textContent = `${label}: the simulator did not answer (${error.message})`;
    }
  }

  for (const button of document.querySelectorAll("[data-scenario]")) {
    button.addEventListener("click", () =>
      act(button.textContent, `/_sim/playground/scenarios/${button.dataset.scenario}`, {}),
    );
  }
  byId("clear").addEventListener("click", () => act("Clear faults", "/_sim/playground/clear", {}));
  byId("reset").addEventListener("click", () => act("Reset", "/_sim/reset", {}));
  byId("speed").addEventListener("change", (e) =>
    act("Clock speed", "/_sim/clock/speed", { speed: Number(e.target.value) }),
  );
  for (const button of document.querySelectorAll("[data-advance]")) {
    button.addEventListener("click", () =>
      act(button.textContent, "/_sim/clock/advance", { seconds: Number(button.dataset.advance) }),
    );
  }
})();

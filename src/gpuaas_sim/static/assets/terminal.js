// The browser terminal page: xterm.js on the allocation's terminal WebSocket.
// Frames are those of openapi/components/terminal.yaml; refusals arrive as close codes
// 4000 + HTTP status with the error code as the reason (subprotocol gpuaas.terminal.v1).
"use strict";

(() => {
  const SUBPROTOCOL = "gpuaas.terminal.v1";
  const NEW_LINK =
    "Open a new one: client.allocations.connect(allocation_id) opens it in a browser.";
  const REFUSALS = {
    token_expired: [
      "This terminal link has expired",
      "A terminal link works once, within a minute of being made. " + NEW_LINK,
    ],
    token_invalid: [
      "This terminal link was already used or is not valid",
      "Each link opens one terminal session. " + NEW_LINK,
    ],
    allocation_not_found: [
      "There is no such allocation",
      "The allocation does not exist, or is not in your account.",
    ],
    allocation_not_active: [
      "The allocation is not active",
      "It may still be provisioning, or it has been released. Wait until it is active, then open a new link.",
    ],
  };

  const box = document.getElementById("terminal");
  const state = document.getElementById("state");
  const problem = document.getElementById("problem");
  const allocationId = box.dataset.allocationId;

  function setState(text, name) {
    state.textContent = text;
    state.dataset.state = name;
  }

  function fail(title, text) {
    box.hidden = true;
    document.getElementById("problem-title").textContent = title;
    document.getElementById("problem-text").textContent = text;
    problem.hidden = false;
    setState("Not connected", "failed");
  }

  // The token is in the fragment, which no server sees; forget it from the address bar.
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
  window.history.replaceState(null, "", window.location.pathname + window.location.search);
  if (!token) {
    fail("This page needs a terminal link", "The link carries a one-time token. " + NEW_LINK);
    return;
  }
  if (typeof window.Terminal !== "function" || typeof window.FitAddon !== "object") {
    fail(
      "The terminal could not start",
      "xterm.js did not load. Reload the page; if it persists, run make setup where the simulator is installed.",
    );
    return;
  }

  const term = new window.Terminal({
    cursorBlink: true,
    fontFamily: '"DejaVu Sans Mono", "Cascadia Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: { background: "#0f1117", foreground: "#e7e9ef" },
  });
  const fit = new window.FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(box);
  fit.fit();

  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  const url =
    `${scheme}//${window.location.host}/v1/allocations/${encodeURIComponent(allocationId)}` +
    `/terminal?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url, [SUBPROTOCOL]);
  let opened = false;
  let exitCode = null;

  function send(frame) {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  function sendSize() {
    box.dataset.cols = String(term.cols);
    box.dataset.rows = String(term.rows);
    send({ type: "resize", cols: term.cols, rows: term.rows });
  }

  socket.addEventListener("open", () => {
    opened = true;
    setState("Connected", "connected");
    sendSize();
    term.focus();
  });

  socket.addEventListener("message", (message) => {
    const frame = JSON.parse(message.data);
    if (frame.type === "stdout") term.write(frame.data);
    else if (frame.type === "stderr") term.write(`\x1b[31m${frame.data}\x1b[0m`);
    else if (frame.type === "exit") exitCode = frame.code;
  });

  socket.addEventListener("close", (event) => {
    if (event.code >= 4000 && event.code < 5000) {
      const [title, text] = REFUSALS[event.reason] || [
        "The platform refused the terminal",
        `HTTP ${event.code - 4000}: ${event.reason || "no reason given"}. ${NEW_LINK}`,
      ];
      fail(title, text);
    } else if (!opened) {
      fail(
        "The terminal service could not be reached",
        "Check that the platform is running, then open a new link. " + NEW_LINK,
      );
    } else if (exitCode !== null) {
      term.write(`\r\n\x1b[33m[the shell exited with status ${exitCode}]\x1b[0m\r\n`);
      setState(`Session ended (status ${exitCode})`, "ended");
    } else {
      term.write("\r\n\x1b[31m[the connection to the terminal was lost]\x1b[0m\r\n");
      setState("Connection lost", "failed");
    }
  });

  term.onData((data) => send({ type: "stdin", data }));
  term.onResize(sendSize);
  new ResizeObserver(() => fit.fit()).observe(box);
})();

// Loads a page in headless Chromium over the DevTools protocol, exercises it as a reader would
// (hover, keyboard focus, select, panel link, Escape), and prints what the tests check as one
// JSON object: console errors and uncaught exceptions, the marked results counted in the DOM,
// the article's text as the DOM holds it; saves a screenshot.
//
//   node --experimental-websocket drive.mjs CHROMIUM PAGE.html SHOT.png
//
// Node 20's WebSocket is behind that flag; nothing is installed from npm.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [chromium, page, shot] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "claimex-chromium-"));
const browser = spawn(chromium, [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--disable-dev-shm-usage", `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank",
], { stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
browser.stderr.on("data", (d) => { stderr += d; });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function finish(code, result) {
  try { browser.kill("SIGKILL"); } catch (e) { /* gone already */ }
  try { rmSync(profile, { recursive: true, force: true }); } catch (e) { /* best effort */ }
  // Exit only once the output is flushed: a pipe takes 64 KB at a time.
  if (result) process.stdout.write(JSON.stringify(result) + "\n", () => process.exit(code));
  else process.exit(code);
}
setTimeout(() => { process.stderr.write("timed out\n" + stderr); finish(3); }, 180000);

let port = null;
for (let i = 0; i < 300 && !port; i++) {
  const file = join(profile, "DevToolsActivePort");
  if (existsSync(file)) {
    const lines = readFileSync(file, "utf8").split("\n");
    if (lines.length >= 2 && lines[1]) port = lines;
  }
  if (!port) await sleep(100);
}
if (!port) { process.stderr.write("Chromium did not start:\n" + stderr); finish(3); }

const ws = new WebSocket(`ws://127.0.0.1:${port[0]}${port[1]}`);
await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
let nextId = 1;
const pending = new Map();
const listeners = [];
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && pending.has(msg.id)) {
    const { ok, fail } = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) fail(new Error(JSON.stringify(msg.error))); else ok(msg.result);
  } else if (msg.method) {
    listeners.forEach((l) => l(msg));
  }
};
function send(method, params = {}, sessionId) {
  const id = nextId++;
  ws.send(JSON.stringify({ id, method, params, sessionId }));
  return new Promise((ok, fail) => pending.set(id, { ok, fail }));
}

const errors = [];
let loaded = false;
listeners.push((msg) => {
  if (msg.method === "Runtime.exceptionThrown") {
    const d = msg.params.exceptionDetails;
    errors.push("uncaught: " + ((d.exception && d.exception.description) || d.text));
  } else if (msg.method === "Runtime.consoleAPICalled" && ["error", "assert"].includes(msg.params.type)) {
    errors.push("console." + msg.params.type + ": " + msg.params.args.map((a) => a.value ?? a.description).join(" "));
  } else if (msg.method === "Log.entryAdded" && msg.params.entry.level === "error") {
    errors.push("log: " + msg.params.entry.text + " " + (msg.params.entry.url || ""));
  } else if (msg.method === "Page.loadEventFired") {
    loaded = true;
  }
});

const { targetId } = await send("Target.createTarget", { url: "about:blank" });
const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
const s = (method, params) => send(method, params, sessionId);
await s("Runtime.enable");
await s("Log.enable");
await s("Page.enable");
await s("Emulation.setDeviceMetricsOverride", { width: 1280, height: 860, deviceScaleFactor: 1, mobile: false });
const started = Date.now();
await s("Page.navigate", { url: pathToFileURL(resolve(page)).href });
while (!loaded) await sleep(20);
const loadMs = Date.now() - started;

// What the page holds, and a reader's first steps on it.
const probe = `(() => {
  const distinct = (attr, key) => {
    const seen = new Set();
    document.querySelectorAll("[" + attr + "]").forEach((n) =>
      n.getAttribute(attr).split(" ").forEach((t) => seen.add(key ? key(t) : t)));
    return seen.size;
  };
  const article = document.getElementById("text");
  const out = {
    title: document.title,
    lang: document.documentElement.lang,
    scripts: document.scripts.length,
    external: document.querySelectorAll("[src], link[href]").length,
    mentions: distinct("data-e"),
    entities: distinct("data-e", (t) => t.split(".")[0]),
    figures: distinct("data-f"),
    claims: distinct("data-c"),
    rows: document.querySelectorAll("tbody tr").length,
    svgs: document.querySelectorAll("svg").length,
    text: article ? article.textContent : null,
  };
  out.ms = {};
  let t0 = performance.now();
  const lap = (name) => { const t = performance.now(); out.ms[name] = Math.round(t - t0); t0 = t; };
  lap("counts");
  if (article) {
    const mark = article.querySelector("[data-e]");
    if (mark) {
      mark.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
      out.tipShown = !document.getElementById("tip").hidden;
      lap("hover");
      mark.focus();
      mark.click();
      out.picked = document.getElementById("selection-style").textContent.length > 0;
      lap("pick");
      // Only this entity's pieces: computing the style of every mark of a 1 MB page takes seconds.
      const entity = mark.dataset.e.split(".")[0];
      out.highlighted = [...article.querySelectorAll('[data-e^="' + entity + '."]')].filter(
        (n) => getComputedStyle(n).backgroundColor === "rgb(240, 228, 66)").length;
      lap("highlighted");
    }
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    out.cleared = document.getElementById("selection-style").textContent === "";
    window.scrollTo(0, document.body.scrollHeight);
    window.scrollTo(0, 0);
    lap("scroll");
    // Left selected for the screenshot: the first claim, picked from the panel.
    const link = document.querySelector("a[data-claim]");
    if (link) { link.click(); out.claimPicked = document.getElementById("selection-style").textContent.includes(link.dataset.claim); }
    if (document.activeElement) document.activeElement.blur();
    window.scrollTo(0, 0);
    lap("panel");
  }
  return JSON.stringify(out);
})()`;
const evaluated = await s("Runtime.evaluate", { expression: probe, returnByValue: true });
if (evaluated.exceptionDetails) errors.push("probe: " + JSON.stringify(evaluated.exceptionDetails));
const facts = JSON.parse(evaluated.result.value || "{}");
// Let anything the clicks started finish and report.
await sleep(200);
if (shot) {
  // The panel link's jump to its claim lands after the probe: back to the top for the picture.
  await s("Runtime.evaluate", { expression: "window.scrollTo(0, 0)" });
  await sleep(100);
  const { data } = await s("Page.captureScreenshot", { format: "png" });
  writeFileSync(shot, Buffer.from(data, "base64"));
}
// Chromium may close the socket before it answers Browser.close: wait a little, not forever
// (an unanswered close once hung the test until its 180 s timeout under load).
ws.onclose = () => pending.forEach(({ ok }) => ok());
await Promise.race([send("Browser.close").catch(() => {}), sleep(2000)]);
finish(0, { errors, loadMs, ...facts });

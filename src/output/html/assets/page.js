// claimex review page: details on hover and focus, selection of a result and everything that
// belongs to it. Reads the document's JSON from #claimex-data; builds every node with
// textContent, never from markup, so the article's words can never run as code.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("claimex-data").textContent);
  var text = document.getElementById("text");
  var tip = document.getElementById("tip");
  var details = document.getElementById("details-body");
  var pickStyle = document.getElementById("selection-style");
  var entities = {}, figures = {}, claims = {};
  data.entities.forEach(function (e) { entities[e.id] = e; });
  data.figures.forEach(function (f) { figures[f.id] = f; });
  data.claims.forEach(function (c) { claims[c.id] = c; });
  var MARKED = "[data-e],[data-f],[data-c],[data-k],[data-s]";
  var picked = null;

  function words(node, name) {
    var v = node.getAttribute(name);
    return v ? v.split(" ") : [];
  }
  function make(tag, cls, content) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (content !== undefined && content !== null) n.textContent = String(content);
    return n;
  }
  function kbLink(kb) {
    var m = /^wikidata:(Q[0-9]+)$/.exec(kb), g = /^geonames:([0-9]+)$/.exec(kb);
    var url = m ? "https://www.wikidata.org/wiki/" + m[1] : g ? "https://www.geonames.org/" + g[1] : null;
    if (!url) return document.createTextNode(kb);
    var a = make("a", "kb", kb);
    a.href = url;
    a.rel = "noopener noreferrer";
    return a;
  }
  function card(title, rows) {
    var box = make("div", "card");
    box.appendChild(make("h4", null, title));
    var dl = make("dl");
    rows.forEach(function (r) {
      var v = r[1];
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) return;
      dl.appendChild(make("dt", null, r[0]));
      var dd = make("dd");
      if (v instanceof Node) dd.appendChild(v); else dd.textContent = Array.isArray(v) ? v.join(", ") : String(v);
      dl.appendChild(dd);
    });
    box.appendChild(dl);
    return box;
  }
  function entityCard(token) {
    var dot = token.indexOf("."), e = entities[token.slice(0, dot)];
    if (!e) return null;
    var m = e.mentions[Number(token.slice(dot + 1)) - 1] || {};
    return card(e.type + ": " + e.name, [
      ["id", e.id], ["subtype", e.subtype], ["kb_id", e.kb_id ? kbLink(e.kb_id) : null],
      ["mention", m.text], ["mention kind", m.kind], ["mentions", e.mentions.length], ["via", m.via]
    ]);
  }
  function figureCard(id) {
    var f = figures[id];
    if (!f) return null;
    return card("figure: " + f.text, [
      ["id", f.id], ["value", f.value], ["low", f.low], ["high", f.high], ["qualifier", f.qualifier],
      ["approximate", f.approximate ? "yes" : null], ["unit", f.unit], ["via", f.via]
    ]);
  }
  function claimCard(id) {
    var c = claims[id];
    if (!c) return null;
    var src = c.source, who = null;
    if (src) who = src.text + (src.entity && entities[src.entity] ? " (" + entities[src.entity].name + ")" : "");
    var text = c.text.length > 200 ? c.text.slice(0, 200) + "\u2026" : c.text;
    return card("claim " + c.id + ": " + c.kind.replace(/_/g, " "), [
      ["source", who], ["role", src && src.role ? src.role.text : null],
      ["for", src && src.affiliation && entities[src.affiliation] ? entities[src.affiliation].name : null],
      ["cue", c.cue ? c.cue.text : null], ["cue class", c.cue ? c.cue["class"] : null],
      ["hedges", c.hedges], ["figures", c.figures.map(function (f) { return figures[f] ? figures[f].text : f; })],
      ["content", text], ["via", c.via]
    ]);
  }
  function describe(node) {
    var box = make("div");
    var add = function (c) { if (c) box.appendChild(c); };
    words(node, "data-e").forEach(function (t) { add(entityCard(t)); });
    words(node, "data-f").forEach(function (t) { add(figureCard(t)); });
    var seen = {};
    ["data-s", "data-k", "data-c"].forEach(function (name) {
      words(node, name).forEach(function (t) { if (!seen[t]) { seen[t] = 1; add(claimCard(t)); } });
    });
    return box;
  }
  function showTip(node) {
    tip.replaceChildren(describe(node));
    tip.hidden = false;
    var r = node.getBoundingClientRect();
    var left = Math.max(4, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4));
    tip.style.left = left + "px";
    tip.style.top = (window.scrollY + r.bottom + 6) + "px";
  }
  function hideTip() { tip.hidden = true; }

  // What a click selects in a marked piece, innermost first: entity, figure, then claims.
  function choices(node) {
    var out = [];
    words(node, "data-e").forEach(function (t) { out.push(t.slice(0, t.indexOf("."))); });
    out = out.concat(words(node, "data-f"), words(node, "data-k"), words(node, "data-s"), words(node, "data-c"));
    return out.filter(function (v, i) { return out.indexOf(v) === i; });
  }
  function selectors(id) {
    if (id.charAt(0) === "e") return ['[data-e^="' + id + '."]', '[data-e*=" ' + id + '."]'];
    if (id.charAt(0) === "f") return ['[data-f~="' + id + '"]'];
    var c = claims[id], parts = ['[data-c~="' + id + '"]', '[data-k~="' + id + '"]', '[data-s~="' + id + '"]'];
    if (c) c.figures.forEach(function (f) { parts.push('[data-f~="' + f + '"]'); });
    return parts;
  }
  function pick(id) {
    picked = id;
    // One style rule marks every piece at once, however many there are.
    pickStyle.textContent = id ? selectors(id).join(",") + "{background:#f0e442 !important;color:#000;box-shadow:0 0 0 2px #000}" : "";
    Array.prototype.forEach.call(document.querySelectorAll("a[data-claim]"), function (a) {
      a.classList.toggle("picked", a.getAttribute("data-claim") === id);
    });
    var c = !id ? null : id.charAt(0) === "e" ? entityCard(id + ".1") : id.charAt(0) === "f" ? figureCard(id) : claimCard(id);
    if (c) details.replaceChildren(c);
  }
  function pickIn(node) {
    var options = choices(node);
    if (!options.length) return;
    var at = options.indexOf(picked);
    pick(options[(at + 1) % options.length]);
  }

  text.addEventListener("mouseover", function (ev) {
    var node = ev.target.closest && ev.target.closest(MARKED);
    if (node) showTip(node); else hideTip();
  });
  text.addEventListener("mouseleave", hideTip);
  text.addEventListener("focusin", function (ev) {
    var node = ev.target.closest && ev.target.closest(MARKED);
    if (node) showTip(node);
  });
  text.addEventListener("focusout", hideTip);
  text.addEventListener("click", function (ev) {
    var node = ev.target.closest && ev.target.closest(MARKED);
    if (node) pickIn(node);
  });
  text.addEventListener("keydown", function (ev) {
    var node = ev.target.closest && ev.target.closest(MARKED);
    if (node && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); pickIn(node); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { pick(null); hideTip(); }
  });
  document.getElementById("panel").addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a[data-claim]");
    if (a) pick(a.getAttribute("data-claim"));
  });
})();

/* Marsad: the article page's tooltip, table-to-text links and layer toggles.
   Hand-written, no library. Every value reaches the page through textContent, never innerHTML. */
(function () {
  "use strict";

  // The page's words for the tooltip (data-l-* on #tip, from the message catalogue), its
  // number locale and the fact labels; English when absent.
  var L = {}, labels = {}, locale = "en-US";

  function t(key, fallback) { return L[key] || fallback; }
  function lab(code) { return labels[code] || code; }

  function fmtNum(s) {
    if (s === undefined || s === null || s === "") return "";
    var v = Number(s);
    if (!isFinite(v)) return String(s);
    var a = Math.abs(v), o = {maximumFractionDigits: 2};
    if (a >= 1e12) return (v / 1e12).toLocaleString(locale, o) + " " + t("tn", "tn");
    if (a >= 1e9) return (v / 1e9).toLocaleString(locale, o) + " " + t("bn", "bn");
    if (a >= 1e6) return (v / 1e6).toLocaleString(locale, o) + " " + t("m", "m");
    return v.toLocaleString(locale, {maximumFractionDigits: 6});
  }

  function factText(el) {
    var fid = el.getAttribute("data-fid"), parts = [];
    document.querySelectorAll('#article [data-fid="' + fid + '"]').forEach(function (p) {
      parts.push(p.textContent);
    });
    return parts.join("");
  }

  function describe(el) {
    var d = el.dataset, rows = [], title;
    if (el.classList.contains("q")) {
      title = lab(d.kind) + (d.qualifier ? " (" + lab(d.qualifier) + ")" : "");
      rows.push([t("text", "text"), factText(el)]);
      rows.push([t("value", "value"), fmtNum(d.value) + (d.valueMax ? " – " + fmtNum(d.valueMax) : "") + " (" + d.value + ")"]);
      if (d.unit) rows.push([d.kind === "money" ? t("currency", "currency") : t("unit", "unit"), d.unit]);
      if (d.usd) rows.push(["USD", "$" + fmtNum(d.usd)]);
      if (d.fxRate) rows.push([t("fxRate", "FX rate"), d.fxRate + " " + t("usdPer", "USD per") + " " + (d.unit || "unit") +
                               (d.fxMethod ? " (" + d.fxMethod + (d.fxYear ? ", " + d.fxYear : "") + ")" : "")]);
      if (d.fxSource) rows.push([t("fxSource", "FX source"), d.fxSource]);
      rows.push([t("extractor", "extractor"), d.extractor || ""]);
    } else if (el.classList.contains("ent")) {
      title = d.name + " · " + lab(d.type);
      rows.push([t("asWritten", "as written"), factText(el)]);
      if (d.kb) rows.push([t("kb", "kb id"), d.kb]);
      if (d.ticker) rows.push([t("ticker", "ticker"), d.ticker]);
      if (d.country) rows.push([t("country", "country"), d.country]);
      rows.push([t("extractor", "extractor"), d.extractor || ""]);
    } else {
      title = t("event", "event") + ": " + (d.events || "").split(" ").map(lab).join(", ");
      (d.summary || "").split(" | ").forEach(function (s, i) { rows.push(["#" + (i + 1), s]); });
      rows.push([t("extractor", "extractor"), d.extractor || ""]);
    }
    return {title: title, rows: rows};
  }

  var tip, pinned = null;

  function show(el) {
    if (!tip) return;
    var info = describe(el);
    tip.replaceChildren();
    var h = document.createElement("div");
    h.className = "tip-title";
    h.textContent = info.title;
    var dl = document.createElement("dl");
    info.rows.forEach(function (r) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = r[0];
      dd.textContent = r[1];
      dd.dir = "auto";
      dl.append(dt, dd);
    });
    tip.append(h, dl);
    tip.hidden = false;
    var rect = el.getBoundingClientRect();
    var left = rect.left + window.scrollX;
    var maxLeft = window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = Math.max(8, Math.min(left, maxLeft)) + "px";
    var below = rect.bottom + 6, above = rect.top - tip.offsetHeight - 6;
    var top = (below + tip.offsetHeight > window.innerHeight && above > 0) ? above : below;
    tip.style.top = (top + window.scrollY) + "px";
    tip.dataset.fid = el.dataset.fid;
  }

  function hide() {
    if (tip) { tip.hidden = true; }
    if (pinned) { pinned.classList.remove("active"); pinned = null; }
  }

  function pin(el) {
    if (pinned) pinned.classList.remove("active");
    pinned = el;
    el.classList.add("active");
    show(el);
  }

  function init() {
    var article = document.getElementById("article");
    tip = document.getElementById("tip");
    if (!article || !tip) return;
    Object.keys(tip.dataset).forEach(function (k) {
      if (k.length > 1 && k[0] === "l" && k[1] === k[1].toUpperCase()) L[k[1].toLowerCase() + k.slice(2)] = tip.dataset[k];
    });
    if (tip.dataset.locale) locale = tip.dataset.locale;
    try { labels = JSON.parse(tip.dataset.labels || "{}"); } catch (e) { labels = {}; }
    article.addEventListener("mouseover", function (e) {
      var el = e.target.closest("mark.q, span.ent");
      if (el && !pinned) show(el);
    });
    article.addEventListener("mouseout", function (e) {
      var el = e.target.closest("mark.q, span.ent");
      if (el && !pinned && !(e.relatedTarget && el.contains(e.relatedTarget))) tip.hidden = true;
    });
    article.addEventListener("click", function (e) {
      var el = e.target.closest("mark.q, span.ent, span.ev");
      if (!el || el === pinned) { hide(); return; }
      pin(el);
    });
    article.addEventListener("focusin", function (e) {
      var el = e.target.closest("mark.q, span.ent");
      if (el && el.matches(":focus-visible")) pin(el);  // keyboard only: a click pins below
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    document.querySelectorAll("tr[data-fid]").forEach(function (row) {
      function go() {
        var target = document.getElementById("f-" + row.dataset.fid);
        if (!target) return;
        target.scrollIntoView({block: "center", behavior: "smooth"});
        target.classList.remove("flash");
        void target.offsetWidth;
        target.classList.add("flash");
        pin(target);
      }
      row.addEventListener("click", function (e) { if (!e.target.closest("a")) go(); });
      row.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
    });
    document.querySelectorAll("#legend input[data-layer]").forEach(function (box) {
      box.addEventListener("change", function () {
        article.classList.toggle("hide-" + box.dataset.layer, !box.checked);
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

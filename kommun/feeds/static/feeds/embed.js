/*
 * Kommun: the disruption banner on another site.
 *   <script src="https://KOMMUN/embed/banner.js" data-lang="sv" async></script>
 * Shows what the banner says and keeps it current every 30 seconds. Sites with a strict
 * Content-Security-Policy use the iframe form instead: <iframe src="https://KOMMUN/embed/banner/">.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute("data-lang") || "sv";
  var names = { sv: "Driftinformation", uk: "Інформація про перебої", en: "Disruptions" };
  var more = { sv: "Se all driftinformation", uk: "Уся інформація про перебої", en: "See all disruption information" };

  var box = document.createElement("section");
  box.setAttribute("aria-label", names[lang] || names.sv);
  box.className = "kommun-banner";
  var text = document.createElement("p");
  text.setAttribute("aria-live", "polite");
  var link = document.createElement("a");
  link.href = origin + "/" + lang + "/driftinformation/";
  link.textContent = more[lang] || more.sv;
  box.appendChild(text);
  box.appendChild(link);
  // Styles through the CSSOM, which a CSP forbidding inline style attributes allows.
  box.style.padding = "0.5em 1em";
  box.style.border = "2px solid currentColor";
  box.style.fontFamily = "system-ui, sans-serif";
  text.style.margin = "0 0 0.25em";
  text.style.fontWeight = "bold";
  link.style.color = "inherit";

  var target = document.getElementById(script.getAttribute("data-target") || "");
  if (target) target.appendChild(box);
  else script.parentNode.insertBefore(box, script.nextSibling);

  function show(status) {
    var disrupted = status.ongoing > 0;
    var message = status.banner;
    if (status.most_severe) message += ": " + status.most_severe.headline;
    if (text.textContent !== message) text.textContent = message;
    box.setAttribute("data-state", disrupted ? "disrupted" : "clear");
    box.style.background = disrupted ? "#fdecea" : "#e6f4ea";
    box.style.color = disrupted ? "#8a1c12" : "#0f5323";
    if (status.most_severe) link.href = status.most_severe.url;
    else link.href = origin + "/" + lang + "/driftinformation/";
  }

  function update() {
    fetch(origin + "/api/v1/status", { headers: { "Accept-Language": lang } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) { if (status) show(status); })
      .catch(function () { /* keep the last known state; try again next round */ });
  }

  var seconds = parseInt(script.getAttribute("data-refresh"), 10) || 30;
  update();
  window.setInterval(update, Math.max(seconds, 1) * 1000);
})();

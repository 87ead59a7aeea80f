// Keeps the banner of an open page current: fetches the banner's content every
// data-banner-refresh seconds (30 by default) and swaps it in when it changed. The
// banner's aria-live="polite" region announces the change.
(function () {
  "use strict";

  function refresh(banner) {
    var content = banner.querySelector(".banner__content");
    var url = banner.getAttribute("data-banner-url");
    if (!content || !url || !window.fetch) return;
    fetch(url, { headers: { Accept: "text/html" }, cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error("banner " + response.status);
        return response.text();
      })
      .then(function (html) {
        if (html.trim() === content.innerHTML.trim()) return;
        content.innerHTML = html;
        var state = content.querySelector("[data-state]");
        var disrupted = state && state.getAttribute("data-state") === "disrupted";
        banner.classList.toggle("banner--disrupted", !!disrupted);
        banner.classList.toggle("banner--clear", !disrupted);
      })
      .catch(function () { /* Keep showing the last known state; try again next round. */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var banner = document.querySelector(".banner[data-banner-url]");
    if (!banner) return;
    var seconds = parseInt(banner.getAttribute("data-banner-refresh"), 10) || 30;
    window.setInterval(function () { refresh(banner); }, Math.max(seconds, 1) * 1000);
  });
})();

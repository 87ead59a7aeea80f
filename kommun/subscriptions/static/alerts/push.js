// Offers push notifications in this browser when it supports them and the site has VAPID keys.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("push-subscribe");
    if (!box || !("serviceWorker" in navigator) || !("PushManager" in window)) return;
    var key = box.getAttribute("data-vapid-key");
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    box.hidden = false;

    function keyBytes(base64) {
      var padded = (base64 + "===".slice((base64.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
      return Uint8Array.from(atob(padded), function (c) { return c.charCodeAt(0); });
    }

    button.addEventListener("click", function () {
      navigator.serviceWorker.register("/sw.js")
        .then(function (registration) {
          return registration.pushManager.subscribe({
            userVisibleOnly: true, applicationServerKey: keyBytes(key)
          });
        })
        .then(function (subscription) {
          return fetch(box.getAttribute("data-url"), {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRFToken": box.getAttribute("data-csrf") },
            body: JSON.stringify({ subscription: subscription.toJSON(), include_planned: true })
          });
        })
        .then(function (response) {
          if (!response.ok) throw new Error("push " + response.status);
          return response.json();
        })
        .then(function (result) {
          status.textContent = box.getAttribute("data-done") + " ";
          var link = document.createElement("a");
          link.href = result.manage_url;
          link.textContent = box.getAttribute("data-manage");
          status.appendChild(link);
        })
        .catch(function () { status.textContent = box.getAttribute("data-failed"); });
    });
  });
})();

// Shows the notifications Kommun pushes, and opens the notice when one is clicked.
self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Driftinformation", {
    body: data.body || "",
    data: { url: data.url || "/" },
    lang: data.lang || "sv"
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});

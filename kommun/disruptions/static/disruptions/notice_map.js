// Shows the notices' areas on a map. Everything the map shows is also written out as text
// on the page, so without this script, Leaflet or the tiles, nothing is lost.
(function () {
  "use strict";
  var COLOURS = { critical: "#b3261e", major: "#a14a00", minor: "#3d5a80" };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-notice-map]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-notice-map"));
      if (!window.L || !source) return;
      var data = JSON.parse(source.textContent);
      var drawn = data.features.filter(function (f) { return f.geometry; });
      if (!drawn.length) return;
      element.hidden = false;
      var map = L.map(element, { scrollWheelZoom: false });
      L.tileLayer(element.getAttribute("data-tiles"), {
        attribution: element.getAttribute("data-attribution"), maxZoom: 19
      }).addTo(map);
      var layer = L.geoJSON({ type: "FeatureCollection", features: drawn }, {
        style: function (feature) {
          var colour = COLOURS[feature.properties.severity] || COLOURS.minor;
          return { color: colour, weight: 2, fillOpacity: 0.25 };
        },
        onEachFeature: function (feature, shape) {
          var link = document.createElement("a");
          link.href = feature.properties.url;
          link.textContent = feature.properties.headline;
          shape.bindPopup(link);
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    });
  });
})();

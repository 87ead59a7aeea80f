// Draw or edit an area on a map in the admin; the GeoJSON textarea stays the source of truth
// and is rewritten after every change. Without this script the textarea works on its own.
(function () {
  "use strict";

  function polygonsOf(layerGroup) {
    var polygons = [];
    layerGroup.eachLayer(function (layer) {
      if (layer instanceof L.Polygon) polygons.push(layer.toGeoJSON().geometry);
    });
    return polygons;
  }

  function write(textarea, polygons) {
    if (!polygons.length) { textarea.value = ""; return; }
    var geometry = polygons.length === 1 ? polygons[0] : {
      type: "MultiPolygon",
      coordinates: polygons.map(function (p) {
        return p.type === "Polygon" ? p.coordinates : p.coordinates[0];
      })
    };
    textarea.value = JSON.stringify(geometry);
  }

  function setUp(box) {
    var textarea = box.querySelector("textarea");
    var element = box.querySelector(".map-widget__map");
    if (!window.L || !textarea || !element || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    element.hidden = false;
    var map = L.map(element);
    L.tileLayer(box.getAttribute("data-tiles"), {
      attribution: box.getAttribute("data-attribution"), maxZoom: 19
    }).addTo(map);
    var b = box.getAttribute("data-bbox").split(",").map(Number);
    map.fitBounds([[b[1], b[0]], [b[3], b[2]]]);

    var shapes = L.featureGroup().addTo(map);
    try {
      if (textarea.value.trim()) L.geoJSON(JSON.parse(textarea.value)).eachLayer(function (l) { shapes.addLayer(l); });
    } catch (error) { /* the server names what is wrong with the text on save */ }
    if (shapes.getLayers().length) map.fitBounds(shapes.getBounds());

    function sync() { write(textarea, polygonsOf(shapes)); }
    if (map.pm) {
      map.pm.setGlobalOptions({ layerGroup: shapes });
      map.pm.addControls({
        position: "topleft", drawMarker: false, drawCircleMarker: false, drawPolyline: false,
        drawCircle: false, drawText: false, cutPolygon: false, rotateMode: false
      });
      map.on("pm:create", function (event) { event.layer.on("pm:edit", sync); sync(); });
      map.on("pm:remove", sync);
      shapes.eachLayer(function (layer) { layer.on("pm:edit", sync); });
    }
  }

  function setUpAll() { document.querySelectorAll(".map-widget").forEach(setUp); }
  document.addEventListener("DOMContentLoaded", setUpAll);
  // Wagtail adds inline panels and side panels after load.
  document.addEventListener("w-formset:added", setUpAll);
})();

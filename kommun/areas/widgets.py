from django import forms
from django.conf import settings


class MapWidget(forms.Textarea):
    """
    GeoJSON in a textarea, with a map beside it to draw or edit the shape. Without
    JavaScript (or without the map library installed) the textarea alone still works.
    """

    template_name = "areas/widgets/map_widget.html"

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 6, "class": "geojson-input", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["map"] = {
            "tiles": settings.MAP_TILE_URL,
            "attribution": settings.MAP_TILE_ATTRIBUTION,
            "bbox": ",".join(str(v) for v in settings.MUNICIPALITY_BBOX),
        }
        return context

    @property
    def media(self):
        if not settings.MAPS_AVAILABLE:
            return forms.Media()
        return forms.Media(
            css={"all": ["vendor/leaflet/leaflet.css", "vendor/leaflet-geoman/leaflet-geoman.css"]},
            js=[
                "vendor/leaflet/leaflet.js",
                "vendor/leaflet-geoman/leaflet-geoman.js",
                "areas/map_widget.js",
            ],
        )

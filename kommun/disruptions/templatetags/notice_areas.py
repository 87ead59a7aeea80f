from django import template
from django.conf import settings

from ..affected import affected_addresses
from ..geojson import feature_collection
from ..models import LocalizedNotice, Notice
from ..summary import notice_path

register = template.Library()


@register.simple_tag
def addresses_affected_by(notice):
    """The number of registered addresses a notice affects and their streets, as text."""
    return affected_addresses(notice)


@register.inclusion_tag("disruptions/includes/notice_map.html")
def notice_map(notices, element_id="notice-map"):
    """A map of the notices' (or one notice's) areas, for pages that also give them as text."""
    if isinstance(notices, (Notice, LocalizedNotice)):
        notices = [notices]
    return {
        "available": settings.MAPS_AVAILABLE,
        "data": feature_collection(notices, notice_path),
        "element_id": element_id,
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
    }

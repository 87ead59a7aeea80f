"""
Uploaded files must never run script on the site's origin, where editors have their
sessions. So /media/ serves the uploaded images alone (Wagtail keeps them under images/ and
original_images/), as images, with headers that forbid a browser to treat them as anything
else. Documents are never served from here: Wagtail's document view serves them, as
downloads, at /documents/<id>/<name> (WAGTAILDOCS_* in settings/base.py).

granian cannot add headers to the files it serves, so `make run` serves /media/ through
this view; behind nginx, deploy/nginx.conf serves the same folders with the same headers.
"""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

IMAGE_FOLDERS = ("images", "original_images")
# An SVG is an image that can carry script: Wagtail does not accept them, nor does this.
REFUSED_TYPES = {"image/svg+xml"}
# Keeps a file opened on its own from running script or loading anything, even if a browser
# were to render it as a page; images embedded in pages are not affected.
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
}
MAX_AGE = 24 * 60 * 60


@require_safe
def image_file(request, path):
    parts = path.split("/")
    if parts[0] not in IMAGE_FOLDERS or any(part in ("", ".", "..") for part in parts):
        raise Http404("Only images are served here.")
    content_type, encoding = mimetypes.guess_type(path)
    if encoding or not content_type or not content_type.startswith("image/"):
        raise Http404("Only images are served here.")
    if content_type in REFUSED_TYPES:
        raise Http404("Only images are served here.")
    try:
        file = default_storage.open(path)
    except (FileNotFoundError, IsADirectoryError) as error:
        raise Http404("No such image.") from error
    response = FileResponse(file, content_type=content_type)
    for header, value in HEADERS.items():
        response[header] = value
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response

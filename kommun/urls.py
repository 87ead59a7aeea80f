from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kommun.api.api import api
from kommun.core import admin_reports, media
from kommun.feeds import urls as feeds_urls
from kommun.site import views as site_views
from kommun.subscriptions import views as subscription_views

# Machine interfaces and the admin: one address whatever the language.
urlpatterns = [
    # Ahead of Wagtail's admin: its reports, kept to the editor's municipality.
    *admin_reports.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("api/v1/", api.urls),
    path("", include(feeds_urls.language_neutral)),
    path("sw.js", subscription_views.service_worker, name="service-worker"),
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("documents/", include(wagtaildocs_urls)),
    # Uploaded images only, with headers that keep them images (documents: /documents/).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.image_file, name="media-image"),
    path("i18n/", include("django.conf.urls.i18n")),
]

# What residents read: under /sv/, /uk/ or /en/, so that every address names its language
# and a cache can keep each language apart. "/" redirects to the reader's language.
urlpatterns += i18n_patterns(
    path("", include(feeds_urls.per_language)),
    path("", include("kommun.disruptions.urls")),
    path("", include("kommun.subscriptions.urls")),
    path("", include(wagtail_urls)),
)

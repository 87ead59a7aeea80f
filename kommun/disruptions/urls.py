from django.urls import path

from . import views

urlpatterns = [
    path("banner/", views.banner_fragment, name="banner-fragment"),
    path("adress/", views.address_lookup, name="address-lookup"),
    path("feeds/driftinformation.geojson", views.notices_geojson, name="notices-geojson"),
]

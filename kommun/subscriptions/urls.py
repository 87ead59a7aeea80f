from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("prenumerera/", views.subscribe, name="subscribe"),
    path("prenumerera/bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("prenumerera/kod/<str:token>/", views.enter_code, name="code"),
    path("prenumerera/hantera/<str:token>/", views.manage, name="manage"),
    path("prenumerera/hantera/<str:token>/radera/", views.delete, name="delete"),
    path("prenumerera/hantera/<str:token>/ny-lank/", views.revoke, name="revoke"),
    path("prenumerera/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("prenumerera/push/", views.push_subscribe, name="push"),
]

from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "kommun.health"
    verbose_name = "Health"

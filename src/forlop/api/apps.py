from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "forlop.api"
    label = "api"
    verbose_name = "API"

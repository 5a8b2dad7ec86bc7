from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.gpcare"
    label = "gpcare"

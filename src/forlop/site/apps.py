from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.site"
    label = "site"

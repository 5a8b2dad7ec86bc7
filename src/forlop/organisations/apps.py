from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.organisations"
    label = "organisations"

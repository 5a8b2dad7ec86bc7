from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.collaboration"
    label = "collaboration"

from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.municipal"
    label = "municipal"

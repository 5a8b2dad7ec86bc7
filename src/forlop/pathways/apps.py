from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.pathways"
    label = "pathways"

from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.demo"
    label = "demo"

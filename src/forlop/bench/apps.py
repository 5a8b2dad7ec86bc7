from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.bench"
    label = "bench"

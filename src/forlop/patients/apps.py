from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.patients"
    label = "patients"

from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.worklist"
    label = "worklist"

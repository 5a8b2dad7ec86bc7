from django.apps import AppConfig


class Config(AppConfig):
    name = "forlop.accounts"
    label = "accounts"

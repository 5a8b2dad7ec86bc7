from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "forlop.plans"
    label = "plans"

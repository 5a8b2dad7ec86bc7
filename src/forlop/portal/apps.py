from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "forlop.portal"
    label = "portal"

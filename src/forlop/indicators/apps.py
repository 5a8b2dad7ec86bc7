from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Leaders' indicator pages (``/indikatorer/``), exports and ``forlop indicators``."""

    name = "forlop.indicators"
    default_auto_field = "django.db.models.BigAutoField"

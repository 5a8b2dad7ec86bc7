from django.apps import AppConfig
from django.db.backends.signals import connection_created


class Config(AppConfig):
    name = "forlop.site"
    label = "site"

    def ready(self) -> None:
        from forlop.site.textsearch import register_sqlite_lower

        connection_created.connect(register_sqlite_lower,
                                   dispatch_uid="forlop.site.textsearch")

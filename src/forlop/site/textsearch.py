"""Case-insensitive search in text that folds every letter, Æ, Ø and Å included.

PostgreSQL's ``UPPER``/``LOWER`` fold all letters (the database is UTF-8), so Django's
``icontains`` finds "Åsen legekontor" for "åsen" there. SQLite's ``LIKE`` and
``lower()`` fold A–Z only: the same search found nothing on the embedded database. On
SQLite ``lower`` is therefore Python's, registered on each connection (``Config.ready``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.functions import Lower

SQLITE_LOWER = "forlop_lower"


class Lowered(Lower):
    """Django's ``Lower``, with every letter folded on SQLite too."""

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function=SQLITE_LOWER, **extra)


def containing(rows: QuerySet, field: str, text: str) -> QuerySet:
    """``rows`` whose ``field`` holds ``text``, whatever the case of either."""
    return rows.alias(_lowered=Lowered(field)).filter(_lowered__contains=text.lower())


def register_sqlite_lower(sender, connection, **kwargs) -> None:
    """``connection_created``: Python's ``str.lower`` as the SQL function ``Lowered``
    calls on SQLite."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_LOWER, 1, _lower, deterministic=True)


def _lower(value):
    return value.lower() if isinstance(value, str) else value

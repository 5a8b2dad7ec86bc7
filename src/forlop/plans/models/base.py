"""Rows that are never changed or deleted once written (the database refuses too:
triggers from ``forlop.appendonly``, installed by this app's migrations)."""

from django.db import models


class ImmutableRowError(RuntimeError):
    """Raised when code tries to change or delete an append-only row."""


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableRowError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRowError(f"{type(self).__name__} rows are append-only.")

"""A statement the ORM builds once per process, bound per request.

The access rules are declared as ORM filters (``forlop.access.bases``). Building a
query from them costs milliseconds of Python on every request (the worklist's scope
cost ~25 ms a page, one pathway's access decision ~10 ms), while the SQL they produce
is the same for every user, pathway and day. So a hot read builds its query once,
with *stand-in* values for what varies (a user id, a pathway id, the day, the
moment), finds where each stand-in landed among the parameters, and afterwards only
binds the real values into those slots (microseconds). The declaration stays the one
in ``bases``; this only derives SQL from it (ADR 16, ADR 64).

A stand-in must arrive as a parameter, never inlined into the SQL: ``compile``
raises when one is missing, so a rule written in a way that inlines a value fails
loudly at the first request instead of binding the stand-in silently.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connection, connections

# Kinds of slot and how each is adapted for the database.
INT, DAY, NOW = "int", "day", "now"


def _adapt(ops, kind: str, value):
    if kind == DAY:
        return ops.adapt_datefield_value(value)
    if kind == NOW:
        return ops.adapt_datetimefield_value(value)
    return value


@dataclass(frozen=True)
class CompiledSql:
    """SQL with a slot per parameter: ``("=", constant)`` or ``(name,)``."""

    sql: str
    slots: tuple
    kinds: dict

    @classmethod
    def compile(cls, build, stand_ins: dict[str, tuple[str, object]],
                alias: str) -> CompiledSql:
        """``build(**values)`` returns a queryset; ``stand_ins`` maps each name to
        (kind, stand-in value). Stand-ins must be unlike any constant of the query."""
        ops = connections[alias].ops
        query = build(**{name: value for name, (_kind, value) in stand_ins.items()})
        sql, params = query.query.sql_with_params()
        adapted = {name: _adapt(ops, kind, value) for name, (kind, value) in stand_ins.items()}
        slots = tuple(next(((name,) for name, v in adapted.items()
                            if type(v) is type(p) and v == p), ("=", p)) for p in params)
        missing = set(stand_ins) - {s[0] for s in slots}
        if missing:  # the ORM inlined a value: binding would silently use the stand-in
            raise RuntimeError(f"statement compiled without parameters for {sorted(missing)}")
        return cls(sql, slots, {name: kind for name, (kind, _v) in stand_ins.items()})

    def bind(self, **values) -> tuple[str, list]:
        ops = connection.ops
        adapted = {name: _adapt(ops, self.kinds[name], value) for name, value in values.items()}
        return self.sql, [adapted[s[0]] if s[0] != "=" else s[1] for s in self.slots]


# Stand-ins: values no real row or constant of a rule has.
USER, PATHWAY = -7_013_001, -7_013_002
DAY_STAND_IN = dt.date(1901, 2, 3)
NOW_STAND_IN = dt.datetime(1902, 3, 4, 5, 6, 7, 890_000, tzinfo=dt.UTC)

_CACHES: list = []


def per_process(compile_for_alias):
    """Decorate ``f(alias) -> CompiledSql``: compiled once per process and database;
    ``forget()`` drops every such statement (tests that mutate a rule call it)."""
    cached = functools.cache(compile_for_alias)
    _CACHES.append(cached)
    return cached


def forget() -> None:
    """Compile every statement again at its next use (after a rule changed)."""
    for cached in _CACHES:
        cached.cache_clear()

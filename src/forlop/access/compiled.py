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

import collections
import datetime as dt
import functools
import operator
import re
from dataclasses import dataclass, field

from django.db import connection, connections
from django.db.models.query import get_related_populators

from forlop.hotpath import hot_cursor

# Kinds of slot and how each is adapted for the database.
INT, DAY, NOW, TEXT = "int", "day", "now", "text"


def _adapt(ops, kind: str, value):
    if kind == DAY:
        return ops.adapt_datefield_value(value)
    if kind == NOW:
        return ops.adapt_datetimefield_value(value)
    return value


@dataclass(frozen=True)
class CompiledSql:
    """SQL with a slot per parameter: ``("=", constant)`` or ``(name,)``; with the
    ORM's compiler kept, so ``rows`` and ``objects`` convert values (and build model
    instances) as the queryset would have, without building it again."""

    sql: str
    slots: tuple
    kinds: dict
    compiler: object = field(default=None, compare=False, repr=False)
    # PostgreSQL: the same statement with its constants written in and each stand-in
    # a named parameter, so a call sends (and psycopg dumps) a handful of values, not
    # ~150 (``_named``).
    named_sql: str | None = field(default=None, compare=False, repr=False)

    @classmethod
    def compile(cls, build, stand_ins: dict[str, tuple[str, object]],
                alias: str) -> CompiledSql:
        """``build(**values)`` returns a queryset; ``stand_ins`` maps each name to
        (kind, stand-in value). Stand-ins must be unlike any constant of the query."""
        ops = connections[alias].ops
        query = build(**{name: value for name, (_kind, value) in stand_ins.items()})
        compiler = query.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        adapted = {name: _adapt(ops, kind, value) for name, (kind, value) in stand_ins.items()}
        slots = tuple(next(((name,) for name, v in adapted.items()
                            if type(v) is type(p) and v == p), ("=", p)) for p in params)
        missing = set(stand_ins) - {s[0] for s in slots}
        if missing:  # the ORM inlined a value: binding would silently use the stand-in
            raise RuntimeError(f"statement compiled without parameters for {sorted(missing)}")
        named = _named(sql, slots) if connections[alias].vendor == "postgresql" else None
        return cls(sql, slots, {name: kind for name, (kind, _v) in stand_ins.items()},
                   compiler, named)

    def bind(self, **values) -> tuple[str, list | dict]:
        ops = connection.ops
        adapted = {name: _adapt(ops, self.kinds[name], value) for name, value in values.items()}
        if self.named_sql is not None and connection.vendor == "postgresql":
            return self.named_sql, adapted
        return self.sql, [adapted[s[0]] if s[0] != "=" else s[1] for s in self.slots]

    def _fetch(self, values) -> list:
        sql, params = self.bind(**values)
        with hot_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    @functools.cached_property
    def _converters(self) -> dict:
        """The ORM's value converters per column, worked out once (Django's
        ``results_iter`` works them out again on every call: ~1 ms a read)."""
        compiler = self.compiler
        return compiler.get_converters([s[0] for s in compiler.select[:compiler.col_count]])

    def _converted(self, values):
        rows = self._fetch(values)
        if self._converters:
            return self.compiler.apply_converters(rows, self._converters)
        return rows

    def rows(self, **values) -> list:
        """The rows for these values, each value converted as the ORM converts it
        (dates on SQLite, JSON columns): the queryset's ``values_list``."""
        return [tuple(r) for r in self._converted(values)]

    @functools.cached_property
    def _building(self) -> tuple:
        """What ``objects`` needs besides the rows, worked out once per statement:
        the model, where its columns are and their names, the related populators."""
        compiler, db = self.compiler, self.compiler.using
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        names = [f[0].target.attname for f in select[start:end]]
        return (klass_info["model"], db, start, end, names,
                get_related_populators(klass_info, select, db))

    @functools.cached_property
    def _record(self) -> type:
        """A named tuple of the model's field names (``attname``: ``pathway_id``), then
        the statement's annotations by their names, and ``pk``; for a statement
        without related models."""
        model, _db, start, end, names, populators = self._building
        compiler = self.compiler
        annotations = sorted(compiler.annotation_col_map.items(), key=operator.itemgetter(1))
        if (populators or start != 0 or [i for _n, i in annotations]
                != list(range(end, compiler.col_count))):
            raise TypeError("records are for a statement of one model's columns only")
        record = collections.namedtuple(f"{model.__name__}Record",
                                        [*names, *(n for n, _i in annotations)])
        return type(record.__name__, (record,), {
            "__slots__": (), "pk": property(operator.attrgetter(model._meta.pk.attname))})

    def records(self, **values) -> list:
        """The rows as light records with the model's field names (and annotations'),
        converted as the ORM converts them: what code that only reads fields needs, at
        a fraction of a model instance's cost (~15 µs each; a pathway's ~10 events on
        every read)."""
        return list(map(self._record._make, self._converted(values)))

    def objects(self, **values) -> list:
        """Model instances with their ``select_related`` relations, as iterating the
        queryset would have made them (Django's ``ModelIterable``, from the compiled
        statement's own select list)."""
        model, db, start, end, names, populators = self._building
        out = []
        for row in self._converted(values):
            obj = model.from_db(db, names, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            out.append(obj)
        return out


_PLACEHOLDER = re.compile(r"(%%|%s)")


def _literal(value) -> str | None:
    """SQL for a constant that is safe to write into the statement, else None (it
    stays a parameter): booleans, integers, and text (quoted as PostgreSQL quotes
    it; ``%`` doubled, as the driver reads the statement for placeholders)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):  # also the driver's Int4 and integer choices
        return str(int(value))
    if isinstance(value, str) and "\x00" not in value:  # also text choices
        return "'" + str.replace(value, "'", "''").replace("%", "%%") + "'"
    return None


def _named(sql: str, slots: tuple) -> str | None:
    """``sql`` with each constant written in and each stand-in ``%(name)s``; None
    when a constant is of a type not written in (then every slot stays positional)."""
    pieces, slot = _PLACEHOLDER.split(sql), iter(slots)
    for i in range(1, len(pieces), 2):  # text, mark, text, mark, …, text
        if pieces[i] == "%%":
            continue
        name, *constant = next(slot)
        pieces[i] = f"%({name})s" if name != "=" else _literal(constant[0])
        if pieces[i] is None:
            return None
    return "".join(pieces)


# Stand-ins: values no real row or constant of a rule has.
USER, PATHWAY = -7_013_001, -7_013_002
TEXT_STAND_IN = "\x1fforlop-stand-in\x1f"
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

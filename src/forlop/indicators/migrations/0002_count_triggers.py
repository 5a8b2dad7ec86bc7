# ruff: noqa: S608 - every name in this SQL is a constant of this file; nothing comes from input
"""Triggers on ``pathways_indicatorfact`` that keep ``IndicatorCount`` and
``IndicatorDays`` equal to the facts grouped (ADR 62), then the first fill.

PostgreSQL: statement-level triggers with transition tables, so a bulk write (the
recompute's batch, a COPY of the bench loader) adds its facts grouped, in one upsert
per table, in key order (concurrent writers take the counter rows' locks in the same
order). SQLite: row-level triggers (it has no transition tables). The SQL is written
out here, not imported, so this migration stays what it was when it ran.
"""

from django.db import migrations

FACTS = "pathways_indicatorfact"
COUNT = "indicators_indicatorcount"
DAYS = "indicators_indicatordays"
COUNT_KEY = "trust_id, month, indicator, unit_id, type, tertial, met_month, met_tertial, cause"
DAYS_KEY = "unit_id, month, indicator, tertial, days"


def _pg_delta(source: str, sign: str) -> str:
    """Upserts adding ``sign`` × the grouped rows of the transition table ``source``."""
    return f"""
        INSERT INTO {COUNT} AS c ({COUNT_KEY}, n)
        SELECT {COUNT_KEY}, {sign}count(*) FROM {source}
        GROUP BY {COUNT_KEY} ORDER BY {COUNT_KEY}
        ON CONFLICT ({COUNT_KEY}) DO UPDATE SET n = c.n + EXCLUDED.n;
        INSERT INTO {DAYS} AS d ({DAYS_KEY}, n)
        SELECT {DAYS_KEY}, {sign}count(*) FROM {source} WHERE days IS NOT NULL
        GROUP BY {DAYS_KEY} ORDER BY {DAYS_KEY}
        ON CONFLICT ({DAYS_KEY}) DO UPDATE SET n = d.n + EXCLUDED.n;"""


# Counter rows the removed facts emptied (only their keys: the table is not scanned).
PG_PRUNE = f"""
        DELETE FROM {COUNT} c USING (SELECT DISTINCT {COUNT_KEY} FROM removed) r
         WHERE c.n = 0 AND (c.trust_id, c.month, c.indicator, c.unit_id, c.type, c.tertial,
               c.met_month, c.met_tertial, c.cause) = (r.trust_id, r.month, r.indicator,
               r.unit_id, r.type, r.tertial, r.met_month, r.met_tertial, r.cause);
        DELETE FROM {DAYS} d USING (SELECT DISTINCT {DAYS_KEY} FROM removed) r
         WHERE d.n = 0 AND (d.unit_id, d.month, d.indicator, d.tertial, d.days)
               = (r.unit_id, r.month, r.indicator, r.tertial, r.days);"""

PG_INSTALL = [
    f"""CREATE FUNCTION indicators_facts_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN {_pg_delta('added', '')}
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION indicators_facts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN {_pg_delta('removed', '-')}
        {PG_PRUNE.strip()}
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION indicators_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {COUNT} AS c ({COUNT_KEY}, n)
        SELECT {COUNT_KEY}, sum(n) FROM (
            SELECT {COUNT_KEY}, 1 AS n FROM added
            UNION ALL SELECT {COUNT_KEY}, -1 FROM removed) AS delta
        GROUP BY {COUNT_KEY} HAVING sum(n) <> 0 ORDER BY {COUNT_KEY}
        ON CONFLICT ({COUNT_KEY}) DO UPDATE SET n = c.n + EXCLUDED.n;
        INSERT INTO {DAYS} AS d ({DAYS_KEY}, n)
        SELECT {DAYS_KEY}, sum(n) FROM (
            SELECT {DAYS_KEY}, 1 AS n FROM added WHERE days IS NOT NULL
            UNION ALL SELECT {DAYS_KEY}, -1 FROM removed WHERE days IS NOT NULL) AS delta
        GROUP BY {DAYS_KEY} HAVING sum(n) <> 0 ORDER BY {DAYS_KEY}
        ON CONFLICT ({DAYS_KEY}) DO UPDATE SET n = d.n + EXCLUDED.n;
        {PG_PRUNE.strip()}
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER indicators_facts_added AFTER INSERT ON {FACTS}
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT
        EXECUTE FUNCTION indicators_facts_added()""",
    f"""CREATE TRIGGER indicators_facts_removed AFTER DELETE ON {FACTS}
        REFERENCING OLD TABLE AS removed FOR EACH STATEMENT
        EXECUTE FUNCTION indicators_facts_removed()""",
    f"""CREATE TRIGGER indicators_facts_changed AFTER UPDATE ON {FACTS}
        REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT
        EXECUTE FUNCTION indicators_facts_changed()""",
]
PG_DROP = [
    f"DROP TRIGGER IF EXISTS indicators_facts_added ON {FACTS}",
    f"DROP TRIGGER IF EXISTS indicators_facts_removed ON {FACTS}",
    f"DROP TRIGGER IF EXISTS indicators_facts_changed ON {FACTS}",
    "DROP FUNCTION IF EXISTS indicators_facts_added()",
    "DROP FUNCTION IF EXISTS indicators_facts_removed()",
    "DROP FUNCTION IF EXISTS indicators_facts_changed()",
]


def _new(key: str) -> str:
    return ", ".join(f"NEW.{c.strip()}" for c in key.split(","))


def _match(key: str) -> str:
    return " AND ".join(f"{c.strip()} = OLD.{c.strip()}" for c in key.split(","))


SQLITE_ADD = f"""
    INSERT INTO {COUNT} ({COUNT_KEY}, n) SELECT {_new(COUNT_KEY)}, 1 WHERE true
    ON CONFLICT ({COUNT_KEY}) DO UPDATE SET n = n + 1;
    INSERT INTO {DAYS} ({DAYS_KEY}, n) SELECT {_new(DAYS_KEY)}, 1 WHERE NEW.days IS NOT NULL
    ON CONFLICT ({DAYS_KEY}) DO UPDATE SET n = n + 1;"""
SQLITE_REMOVE = f"""
    UPDATE {COUNT} SET n = n - 1 WHERE {_match(COUNT_KEY)};
    DELETE FROM {COUNT} WHERE n = 0 AND {_match(COUNT_KEY)};
    UPDATE {DAYS} SET n = n - 1 WHERE {_match(DAYS_KEY)};
    DELETE FROM {DAYS} WHERE n = 0 AND {_match(DAYS_KEY)};"""
SQLITE_INSTALL = [
    f"CREATE TRIGGER indicators_facts_added AFTER INSERT ON {FACTS} BEGIN {SQLITE_ADD} END",
    f"CREATE TRIGGER indicators_facts_removed AFTER DELETE ON {FACTS} BEGIN {SQLITE_REMOVE} END",
    f"CREATE TRIGGER indicators_facts_changed AFTER UPDATE ON {FACTS} BEGIN "
    f"{SQLITE_REMOVE} {SQLITE_ADD} END",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS indicators_facts_{name}"
               for name in ("added", "removed", "changed")]

FILL = [
    f"""INSERT INTO {COUNT} ({COUNT_KEY}, n)
        SELECT {COUNT_KEY}, count(*) FROM {FACTS} GROUP BY {COUNT_KEY}""",
    f"""INSERT INTO {DAYS} ({DAYS_KEY}, n)
        SELECT {DAYS_KEY}, count(*) FROM {FACTS} WHERE days IS NOT NULL GROUP BY {DAYS_KEY}""",
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": PG_INSTALL, "sqlite": SQLITE_INSTALL}.get(vendor)
    if statements is None:
        raise RuntimeError(f"indicator count triggers: no SQL for {vendor}")
    for sql in [*statements, *FILL]:
        schema_editor.execute(sql)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": PG_DROP, "sqlite": SQLITE_DROP}[vendor]:
        schema_editor.execute(sql)
    schema_editor.execute(f"DELETE FROM {COUNT}")
    schema_editor.execute(f"DELETE FROM {DAYS}")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_counts"),
        ("pathways", "0014_indicator_facts"),
    ]

    operations = [migrations.RunPython(install, remove)]

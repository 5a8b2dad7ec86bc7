"""Database triggers that make a table append-only (UPDATE and DELETE refused).

The models refuse too, but raw SQL, bulk updates and other clients must not be able
to rewrite history either. Used by migrations; PostgreSQL and SQLite.
"""

from django.db import migrations


def no_truncate(table: str, *, function: str, trigger: str):
    """PostgreSQL row triggers do not fire on TRUNCATE: refuse it with a statement
    trigger (reusing the append-only function). SQLite has no TRUNCATE."""
    up = (f"CREATE TRIGGER {trigger}_no_truncate BEFORE TRUNCATE ON {table} "
          f"FOR EACH STATEMENT EXECUTE FUNCTION {function}();")
    down = f"DROP TRIGGER IF EXISTS {trigger}_no_truncate ON {table};"
    return migrations.RunPython(_run({"postgresql": [up]}), _run({"postgresql": [down]}))


def append_only(table: str, *, function: str, trigger: str, message: str):
    """A migration operation adding the triggers (and removing them on reverse)."""
    postgres_up = f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{message}' USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {trigger}_append_only
  BEFORE UPDATE OR DELETE ON {table}
  FOR EACH ROW EXECUTE FUNCTION {function}();
"""
    postgres_down = f"""
DROP TRIGGER IF EXISTS {trigger}_append_only ON {table};
DROP FUNCTION IF EXISTS {function}();
"""
    sqlite_up = [
        f"""CREATE TRIGGER {trigger}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
        f"""CREATE TRIGGER {trigger}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{message}'); END;""",
    ]
    sqlite_down = [f"DROP TRIGGER IF EXISTS {trigger}_no_update;",
                   f"DROP TRIGGER IF EXISTS {trigger}_no_delete;"]
    return migrations.RunPython(
        _run({"postgresql": [postgres_up], "sqlite": sqlite_up}),
        _run({"postgresql": [postgres_down], "sqlite": sqlite_down}),
    )


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run

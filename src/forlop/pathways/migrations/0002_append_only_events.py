"""Database-level immutability for the event log: UPDATE and DELETE are refused.

The model refuses too, but raw SQL, bulk updates and other clients must not be able
to rewrite history either. Corrections are new rows (``supersedes``).
"""

from django.db import migrations

MESSAGE = "pathways_pathwayevent is append-only: register a correction instead"

POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION forlop_refuse_event_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER pathway_event_append_only
  BEFORE UPDATE OR DELETE ON pathways_pathwayevent
  FOR EACH ROW EXECUTE FUNCTION forlop_refuse_event_change();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS pathway_event_append_only ON pathways_pathwayevent;
DROP FUNCTION IF EXISTS forlop_refuse_event_change();
"""
SQLITE_UP = [
    f"""CREATE TRIGGER pathway_event_no_update BEFORE UPDATE ON pathways_pathwayevent
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER pathway_event_no_delete BEFORE DELETE ON pathways_pathwayevent
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS pathway_event_no_update;",
    "DROP TRIGGER IF EXISTS pathway_event_no_delete;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for sql in [statements] if isinstance(statements, str) else statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]

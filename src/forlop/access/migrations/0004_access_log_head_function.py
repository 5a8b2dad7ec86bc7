"""PostgreSQL: take the access log's writer lock and read the chain head in one round
trip. In a VOLATILE PL/pgSQL function each statement takes a fresh snapshot, so the
head read after the lock sees every row committed by the writer that held it before
(a single plain statement would read with a snapshot taken before it waited)."""

from django.db import migrations

UP = """
CREATE OR REPLACE FUNCTION forlop_access_log_head(lock_key bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN (SELECT hash FROM access_accesslogentry ORDER BY id DESC LIMIT 1);
END;
$$;
"""
DOWN = "DROP FUNCTION IF EXISTS forlop_access_log_head(bigint);"


def run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("access", "0003_access_log_no_truncate")]

    operations = [migrations.RunPython(run(UP), run(DOWN))]

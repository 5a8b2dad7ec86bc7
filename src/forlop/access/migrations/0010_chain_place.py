"""The chain's fork guard on each row's place in it (``seq``), not on ``prev_hash``
(ADR 79), and the head function gives the head's place too.

Existing rows are numbered in id order (the chain's order: the head is always the row
with the largest id), with the append-only triggers off for that statement only.
"""

from django.db import migrations, models

from forlop.appendonly import TABLES, per_vendor, reinstate_around_rebuild, unguarded

TABLE = "access_accesslogentry"
FIRST, LAST = reinstate_around_rebuild(TABLE, **TABLES[TABLE])

HEAD_WITH_PLACE = """
DROP FUNCTION IF EXISTS forlop_access_log_head(bigint);
CREATE FUNCTION forlop_access_log_head(lock_key bigint, OUT head_hash text,
                                       OUT head_seq bigint)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  -- Its own statement, so its own snapshot: every row of the writer before is seen.
  SELECT hash, seq INTO head_hash, head_seq FROM access_accesslogentry
   ORDER BY id DESC LIMIT 1;
END;
$$;
"""
HEAD_ONLY = """
DROP FUNCTION IF EXISTS forlop_access_log_head(bigint);
CREATE FUNCTION forlop_access_log_head(lock_key bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN (SELECT hash FROM access_accesslogentry ORDER BY id DESC LIMIT 1);
END;
$$;
"""


def number_the_rows(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        number = (f"UPDATE {TABLE} AS t SET seq = n.seq FROM (SELECT id, row_number() OVER"  # noqa: S608
                  f" (ORDER BY id) AS seq FROM {TABLE}) AS n WHERE t.id = n.id")
    else:
        number = (f"UPDATE {TABLE} SET seq = (SELECT COUNT(*) FROM {TABLE} AS earlier"  # noqa: S608
                  f" WHERE earlier.id <= {TABLE}.id)")
    for statement in unguarded(TABLE, vendor, [number]):
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [("access", "0009_alter_accesslogentry_basis")]

    operations = [
        FIRST,  # on the way back: the triggers again after SQLite's rebuild
        migrations.RemoveConstraint(model_name="accesslogentry",
                                    name="accesslog_one_successor"),
        migrations.AddField(model_name="accesslogentry", name="seq",
                            field=models.BigIntegerField(null=True, verbose_name="løpenummer")),
        migrations.RunPython(number_the_rows, migrations.RunPython.noop),
        migrations.AlterField(model_name="accesslogentry", name="seq",
                              field=models.BigIntegerField(verbose_name="løpenummer")),
        migrations.AddConstraint(
            model_name="accesslogentry",
            constraint=models.UniqueConstraint(fields=("seq",), name="accesslog_one_successor")),
        per_vendor({"postgresql": {"up": [HEAD_WITH_PLACE], "down": [HEAD_ONLY]}}),
        # SQLite rebuilt the table for the changes above: its triggers went too.
        LAST,
    ]

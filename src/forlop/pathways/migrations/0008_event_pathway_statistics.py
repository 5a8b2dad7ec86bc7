"""PostgreSQL: tell the planner a pathway has about ten events.

ANALYZE samples 30,000 rows of the events table; because a pathway's events sit
together, it estimated 222,000 distinct pathways among ten million events where
there were a million, so a batch of 5,000 pathways looked like 186,000 events and
the planner scanned the whole table instead of the (pathway, on) index: 0.55 s a
batch in the recompute against 0.03 s (docs/performance.md). ``n_distinct = -0.1``
says distinct pathways are a tenth of the rows. SQLite has no such statistic.
"""

from django.db import migrations

TABLE, COLUMN = "pathways_pathwayevent", "pathway_id"


def tell(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} SET (n_distinct = -0.1)")
        schema_editor.execute(f"ANALYZE {TABLE}")


def forget(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {COLUMN} RESET (n_distinct)")


class Migration(migrations.Migration):

    dependencies = [
        ("pathways", "0007_state_next_basis"),
    ]

    operations = [
        migrations.RunPython(tell, forget),
    ]

"""Database-level immutability for the event log: UPDATE and DELETE are refused.

Corrections are new rows (``supersedes``).
"""

from django.db import migrations

from forlop.appendonly import TABLES, append_only


class Migration(migrations.Migration):
    dependencies = [("pathways", "0001_initial")]

    operations = [
        append_only("pathways_pathwayevent", **TABLES["pathways_pathwayevent"]),
    ]

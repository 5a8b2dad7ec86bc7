from django.db import migrations

from forlop.appendonly import TABLES, no_truncate


class Migration(migrations.Migration):
    dependencies = [("pathways", "0003_worklist_and_recompute_indexes")]

    operations = [
        no_truncate("pathways_pathwayevent", **TABLES["pathways_pathwayevent"]),
    ]

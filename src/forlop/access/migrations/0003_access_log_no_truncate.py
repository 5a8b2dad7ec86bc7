from django.db import migrations

from forlop.appendonly import TABLES, no_truncate


class Migration(migrations.Migration):
    dependencies = [("access", "0002_access_log_append_only")]

    operations = [
        no_truncate("access_accesslogentry", **TABLES["access_accesslogentry"]),
    ]

"""The access log is append-only in the database too: UPDATE and DELETE are refused."""

from django.db import migrations

from forlop.appendonly import TABLES, append_only


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]

    operations = [
        append_only("access_accesslogentry", **TABLES["access_accesslogentry"]),
    ]

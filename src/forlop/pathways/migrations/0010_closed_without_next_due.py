"""A closed pathway has no next deadline (``projection.state_fields``): clear what
projections written before that rule still show."""

from django.db import migrations


def clear(apps, schema_editor):
    state_model = apps.get_model("pathways", "PathwayState")
    (state_model.objects.using(schema_editor.connection.alias)
     .filter(state="closed").exclude(next_due=None, next_clock="", next_basis="")
     .update(next_due=None, next_clock="", next_basis=""))


class Migration(migrations.Migration):

    dependencies = [
        ("pathways", "0009_coordinator_open_index"),
    ]

    operations = [
        migrations.RunPython(clear, migrations.RunPython.noop, elidable=True),
    ]

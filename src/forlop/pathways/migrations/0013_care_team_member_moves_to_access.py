# CareTeamMember moves to the access app (ADR 15): state only, the table stays
# (``pathways_careteammember``) and access/0007 takes the model over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('pathways', '0012_referral_intake'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='CareTeamMember',
                ),
            ],
            database_operations=[],
        ),
    ]

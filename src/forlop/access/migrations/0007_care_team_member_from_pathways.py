# CareTeamMember, a basis of access, now lives beside consent, emergency access and
# restriction (ADR 15). State only: the table made by pathways/0001 keeps its name.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('access', '0006_role_grants'),
        ('pathways', '0013_care_team_member_moves_to_access'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CareTeamMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('added_at', models.DateTimeField(auto_now_add=True)),
                        ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('pathway', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='care_team', to='pathways.pathway')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='care_team_memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'pathways_careteammember',
                        'constraints': [models.UniqueConstraint(fields=('pathway', 'user'), name='care_team_unique_member')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

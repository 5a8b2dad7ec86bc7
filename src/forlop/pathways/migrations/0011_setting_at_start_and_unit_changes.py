"""Change of setting and moves between units (ADR 12).

``Pathway.setting_at_start`` (what the kernel is given; ``setting`` is the setting
now) is filled from ``setting`` for existing pathways: none has changed setting yet.
``PathwayUnitChange`` is append-only (triggers, as for the events).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from forlop.appendonly import TABLES, append_only


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0001_initial'),
        ('pathways', '0010_closed_without_next_due'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='pathway',
            name='setting_at_start',
            field=models.CharField(choices=[('outpatient', 'Poliklinisk'), ('inpatient', 'Døgn')], default='', max_length=12, verbose_name='omsorgsnivå ved start'),
            preserve_default=False,
        ),
        migrations.RunSQL(
            "UPDATE pathways_pathway SET setting_at_start = setting",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.CreateModel(
            name='PathwayUnitChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('on', models.DateField(verbose_name='dato')),
                ('reason', models.CharField(max_length=300, verbose_name='begrunnelse')),
                ('changed_at', models.DateTimeField(auto_now_add=True)),
                ('changed_by', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('from_unit', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.unit', verbose_name='fra enhet')),
                ('pathway', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='unit_changes', to='pathways.pathway')),
                ('to_unit', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.unit', verbose_name='til enhet')),
            ],
            options={
                'verbose_name': 'flytting mellom enheter',
                'verbose_name_plural': 'flyttinger mellom enheter',
                'constraints': [models.CheckConstraint(condition=models.Q(('from_unit', models.F('to_unit')), _negated=True), name='unit_change_moves'), models.CheckConstraint(condition=models.Q(('reason', ''), _negated=True), name='unit_change_has_reason')],
            },
        ),
        append_only("pathways_pathwayunitchange", **TABLES["pathways_pathwayunitchange"]),
    ]

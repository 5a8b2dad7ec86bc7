"""``forlop export --unit RESH [--since DATE] --out DIR --by USERNAME``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from forlop.access.authorize import unit_permissions
from forlop.access.permissions import Permission
from forlop.accounts.models import User
from forlop.fhir.exporting import export_unit
from forlop.organisations.models import Unit


class Command(BaseCommand):
    help = ("Export a unit's pathways as FHIR NDJSON, one file per resource type, "
            "streaming in bounded memory. docs/fhir.md")

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="the unit's RESH id")
        parser.add_argument("--out", required=True, type=Path, help="folder for the files")
        parser.add_argument("--by", required=True,
                            help="username the export is read as (logged per patient; "
                                 "needs to see the unit's pathways)")
        parser.add_argument("--since", type=dt.date.fromisoformat,
                            help="only pathways created or registered in on or after DATE")

    def handle(self, *args, unit: str, out: Path, by: str, since: dt.date | None, **options):
        out = Path(out)
        found = Unit.objects.select_related("trust").filter(resh_id=unit).first()
        if found is None:
            raise CommandError(_("Ingen enhet har RESH-id %(resh)s.") % {"resh": unit})
        user = User.objects.filter(username=by, is_active=True).first()
        if user is None:
            raise CommandError(_("Ingen aktiv bruker heter %(by)s.") % {"by": by})
        if Permission.VIEW_PATHWAY not in unit_permissions(user, found):
            raise CommandError(_("%(user)s har ikke tilgang til forløpene i %(unit)s.")
                               % {"user": by, "unit": found.name})
        start = None
        if since is not None:
            start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
        bar = tqdm(unit=_(" forløp"), disable=not self.stdout.isatty(), leave=False)
        try:
            exported = export_unit(found, out, by=user, since=start, progress=bar.update)
        finally:
            bar.close()
        for kind, n in exported.counts.items():
            if n:
                self.stdout.write(f"{exported.files[kind]}\t{n}")

"""``forlop export --unit RESH [--since DATE] --out DIR --by USERNAME``, and
``forlop export purge`` (cron): the ``$export`` jobs' lifecycle (ADR 77)."""

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
from forlop.fhir.bulk_lifecycle import purge
from forlop.fhir.exporting import export_unit
from forlop.organisations.models import Unit


class Command(BaseCommand):
    help = ("Export a unit's pathways as FHIR NDJSON, one file per resource type, "
            "streaming in bounded memory. 'forlop export purge' fails the $export jobs "
            "that stopped and removes the expired ones, files and rows (run it from "
            "cron, e.g. hourly). docs/fhir.md")

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["purge"],
                            help="purge: the $export jobs' clean-up instead of an export")
        parser.add_argument("--unit", help="the unit's RESH id (required for an export)")
        parser.add_argument("--out", type=Path,
                            help="folder for the files (required for an export)")
        parser.add_argument("--by",
                            help="username the export is read as (logged per patient; "
                                 "needs to see the unit's pathways; required for an export)")
        parser.add_argument("--since", type=dt.date.fromisoformat,
                            help="only pathways created or registered in on or after DATE")

    def handle(self, *args, action: str | None, unit: str | None, out: Path | None,
               by: str | None, since: dt.date | None, **options):
        if action == "purge":
            self.purge()
            return
        missing = [name for name, value in (("--unit", unit), ("--out", out), ("--by", by))
                   if not value]
        if missing:
            raise CommandError(_("En eksport trenger %(names)s.")
                               % {"names": ", ".join(missing)})
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

    def purge(self) -> None:
        purged = purge(orphans=True)
        for job in purged.failed:
            self.stdout.write(_("feilet\t%(job)s\t%(client)s\tingen fremdrift siden %(since)s")
                              % {"job": job.pk, "client": job.requested_by.username,
                                 "since": (job.alive_at or job.requested_at).isoformat()})
        for job in purged.expired:
            self.stdout.write(_("fjernet\t%(job)s\t%(client)s\tferdig %(finished)s")
                              % {"job": job.pk, "client": job.requested_by.username,
                                 "finished": job.finished_at.isoformat()})
        for name in purged.orphans:
            self.stdout.write(_("fjernet\t%(job)s\t-\tmappe uten jobb") % {"job": name})
        self.stdout.write(_("feilet: %(failed)d, utløpte fjernet: %(expired)d, mapper uten "
                            "jobb fjernet: %(orphans)d.")
                          % {"failed": len(purged.failed), "expired": len(purged.expired),
                             "orphans": len(purged.orphans)})

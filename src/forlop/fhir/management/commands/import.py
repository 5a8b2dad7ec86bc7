"""``forlop import FILE``: a unit's pathway history from CSV or FHIR NDJSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from forlop.accounts.models import User
from forlop.fhir.importing.run import import_file


class Command(BaseCommand):
    help = ("Import a unit's pathway history (CSV, one row per event, or FHIR NDJSON). "
            "All or nothing; every rejected row is listed. docs/fhir.md")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--by", required=True,
                            help="username the rows are registered by (needs the right to "
                                 "register clinical events in each unit)")
        parser.add_argument("--format", choices=["csv", "ndjson"],
                            help="default: from the file name (.ndjson/.jsonl: NDJSON)")
        parser.add_argument("--dry-run", action="store_true",
                            help="check and write in a transaction that is rolled back")
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="the day clocks are judged on (default: today)")

    def handle(self, *args, file: Path, by: str, format: str | None,  # noqa: A002
               dry_run: bool, today: dt.date | None, **options):
        if not file.exists():
            raise CommandError(_("Finner ikke filen %(file)s.") % {"file": file})
        user = User.objects.filter(username=by, is_active=True).first()
        if user is None:
            raise CommandError(_("Ingen aktiv bruker heter %(by)s.") % {"by": by})
        bar = tqdm(unit=_(" hendelser"), disable=not self.stdout.isatty(), leave=False)
        try:
            outcome = import_file(file, by=user, today=today or timezone.localdate(),
                                  dry_run=dry_run, fmt=format,
                                  progress=lambda _step, n: bar.update(n))
        finally:
            bar.close()
        if outcome.rejections:
            for rejection in outcome.rejections:
                self.stderr.write(str(rejection))
            raise CommandError(_("Ingenting er importert: %(n)s feil i filen. Rett dem og "
                                 "kjør importen på nytt.") % {"n": len(outcome.rejections)})
        skipped = _("Ikke importert (bare Patient og EpisodeOfCare importeres): "
                    "%(types)s.") % {"types": ", ".join(
                        f"{kind} {n}" for kind, n in sorted(outcome.skipped.items()))}
        if not outcome.pathways:
            if outcome.skipped:
                self.stdout.write(skipped)
            raise CommandError(_("Ingenting er importert: filen har ingen forløp (ingen "
                                 "rader under overskriftslinjen, eller ingen "
                                 "EpisodeOfCare-linjer)."))
        counts = {"pathways": outcome.written.pathways, "events": outcome.written.events,
                  "patients": outcome.written.patients}
        if dry_run:
            self.stdout.write(_("Tørrkjøring: %(pathways)s forløp med %(events)s hendelser "
                                "(%(patients)s nye pasienter) ville blitt importert. Ingenting "
                                "er lagret.") % counts)
        else:
            self.stdout.write(_("Importert: %(pathways)s forløp med %(events)s hendelser "
                                "(%(patients)s nye pasienter).") % counts)
        if outcome.skipped:
            self.stdout.write(skipped)

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from forlop.indicators import counts
from forlop.pathways.services.indicator_rebuild import differences, rebuild


class Command(BaseCommand):
    help = ("The indicator summary: 'rebuild' rewrites it from the events, 'check' "
            "recomputes it from the events, and its counts (ADR 62) from it, and lists every "
            "difference (exit 1 on any); "
            "'compute FILE --period P' computes from JSON lines without the database.")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check", "compute"])
        parser.add_argument("rest", nargs="*", help="compute: FILE --period P [--today D]")
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="the reference day (YYYY-MM-DD); default: today")
        parser.add_argument("--period", help="compute: a month (2024-10) or tertial (2024-T1)")

    def handle(self, *args, action, rest, today, period, **options):
        if action == "compute":  # normally routed past Django by forlop.cli
            from forlop.kernel.cli import indicators_main

            argv = ["compute", *rest, *(["--period", period] if period else []),
                    *(["--today", today.isoformat()] if today else [])]
            code = indicators_main(argv, sys.stdin, self.stdout, self.stderr)
            if code:
                raise CommandError(f"exit {code}", returncode=code)
            return
        if action == "rebuild":
            written = rebuild(today=today)
            counts.refill()
            self.stdout.write(f"indicator summary rebuilt: {written} rows")
            return
        found = differences(today=today) + counts.differences()
        for line in found:
            self.stdout.write(line)
        if found:
            raise CommandError(f"{len(found)} differences between the indicator summary and "
                               "the events; run 'forlop indicators rebuild'", returncode=1)
        self.stdout.write("indicator summary agrees with the events")

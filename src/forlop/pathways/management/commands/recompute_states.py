import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from forlop.pathways.services.recompute import recompute_open_states


class Command(BaseCommand):
    help = ("Bring open pathways' deadlines up to today (run daily, e.g. just after "
            "midnight): clocks whose due date has passed become breached.")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="the day to compute for (YYYY-MM-DD); default: today")
        parser.add_argument("--all", action="store_true",
                            help="re-evaluate every open pathway, not only those now due")

    def handle(self, *args, today, all, **options):  # noqa: A002 - the option's name
        today = today or timezone.localdate()
        result = recompute_open_states(today=today, only_due=not all)
        self.stdout.write(
            f"{today}: {result.candidates} candidates, {result.updated} updated, "
            f"{result.refused} refused by the kernel"
        )

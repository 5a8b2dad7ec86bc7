import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from forlop.reminders.services import remind


class Command(BaseCommand):
    help = ("Daily reminders: one mail per coordinator of clocks due soon or overdue, "
            "escalation to the unit's leaders of clocks long overdue, the same notices "
            "in the app (/varsler/). Safe to run twice: nothing is sent twice. Run it "
            "after recompute_states (docs/reminders.md).")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat,
                            help="the day to remind for (YYYY-MM-DD); default: today")
        parser.add_argument("--ahead", type=int, default=settings.REMIND_DAYS_AHEAD,
                            help="clocks due within this many working days "
                                 "(default: FORLOP_REMIND_DAYS_AHEAD, %(default)s)")
        parser.add_argument("--escalate-after", type=int,
                            default=settings.REMIND_ESCALATE_AFTER_DAYS,
                            help="days overdue before the unit's leaders are told "
                                 "(default: FORLOP_REMIND_ESCALATE_AFTER_DAYS, %(default)s)")

    def handle(self, *args, today, ahead, escalate_after, **options):
        today = today or timezone.localdate()
        result = remind(today=today, ahead=ahead, escalate_after=escalate_after)
        self.stdout.write(f"{today}: {result.notices} new notices, {result.mails} mails sent")

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forlop.demo.load import load_demo
from forlop.pathways.models import Pathway


class Command(BaseCommand):
    help = "Load the synthetic demo (organisation, personas, pathways). Demo mode only."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument("--pathways", type=int, default=300)
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing when pathways already exist")

    def handle(self, *args, seed, pathways, if_empty, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demo data is refused outside demo mode (set FORLOP_DEMO=1).")
        if Pathway.objects.exists():
            if if_empty:
                self.stdout.write("Demo data already loaded.")
                return
            raise CommandError("The database already has pathways; use a fresh database.")
        counts = load_demo(seed=seed, pathways=pathways, today=timezone.localdate())
        summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Loaded {sum(counts.values())} pathways: {summary}"))

"""``forlop audit verify``: check the access log's hash chain."""

from django.core.management.base import BaseCommand, CommandError

from forlop.access.audit import verify


class Command(BaseCommand):
    help = "Access log tools. 'verify' checks the hash chain and names the first broken row."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = verify()
        if not result.ok:
            raise CommandError(
                f"Access log chain broken at row id {result.broken_id}: {result.problem}. "
                f"{result.checked} rows before it verified.")
        self.stdout.write(f"Access log intact: {result.checked} rows verified.")

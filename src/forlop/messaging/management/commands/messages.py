"""``forlop messages resend``: hand every message the transport has not delivered yet
to it again (a failed delivery leaves the message in state *sent*)."""

from django.core.management.base import BaseCommand

from forlop.messaging.services import deliver_pending


class Command(BaseCommand):
    help = "Messages: resend the ones not yet delivered."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["resend"])

    def handle(self, *args, **options):
        done, left = deliver_pending()
        self.stdout.write(f"delivered {done}, still pending {left}")
        return None

"""``forlop audit verify`` and ``forlop audit checkpoint``: the access log's hash chain."""

from django.core.management.base import BaseCommand, CommandError

from forlop.access import checkpoint
from forlop.access.audit import verify


class Command(BaseCommand):
    help = ("Access log tools. 'verify' checks the hash chain and the signed checkpoints and "
            "lists every broken row; 'checkpoint' writes a signed checkpoint of the head "
            "(run it on a schedule, e.g. hourly).")

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint"])

    def handle(self, *args, **options):
        if options["action"] == "checkpoint":
            point = checkpoint.take()
            self.stdout.write(f"Checkpoint written: row {point.last_id}, {point.rows} rows."
                              if point else "The access log is empty: no checkpoint.")
            return
        try:
            points = checkpoint.read_all()
        except checkpoint.CheckpointError as error:
            raise CommandError(f"Access log checkpoint refused: {error}") from error
        result = verify(checkpoints=points)
        if not result.ok:
            lines = [f"  row id {row}: {problem}" for row, problem in result.problems]
            raise CommandError(
                f"Access log chain broken at row id {result.broken_id}: "
                f"{len(result.problems)} problem(s) in {result.checked} rows:\n"
                + "\n".join(lines))
        self.stdout.write(f"Access log intact: {result.checked} rows verified, "
                          f"{len(points)} checkpoint(s) matched.")

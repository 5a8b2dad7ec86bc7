import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forlop.kernel.npr_cli import add_lint_options, lint_options, npr_lint_main, write_findings
from forlop.npr.selectors import findings_for
from forlop.organisations.models import Unit
from forlop.pathways.models import Pathway


class Command(BaseCommand):
    help = ("NPR reporting (docs/npr.md). 'lint' lists every pathway that would be "
            "reported wrong, each finding with its code and fix (exit 1 when there are "
            "findings); with FILE it reads JSON lines instead of the database. 'export' "
            "writes a period's pathway events as XML.")

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        lint = commands.add_parser("lint", help="list the pathways that would be reported wrong")
        lint.add_argument("file", nargs="?", help="JSON lines instead of the database")
        add_lint_options(lint)

    def handle(self, *args, command, **options):
        if command == "lint":
            return self.lint(options)
        raise CommandError(f"unknown command {command!r}")

    def lint(self, options):
        if options["file"]:
            argv = [options["file"], *_options_back(options)]
            status = npr_lint_main(argv, sys.stdin, self.stdout, self.stderr)
            if status:
                sys.exit(status)
            return
        args = _Namespace(options)
        try:
            period, today = lint_options(args)
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        pathways = Pathway.objects.all()
        if args.unit:
            unit = Unit.objects.filter(resh_id=args.unit).first()
            if unit is None:
                raise CommandError(f"--unit {args.unit}: no unit has this RESH id",
                                   returncode=2)
            pathways = pathways.filter(unit=unit)
        findings = findings_for(pathways, today or timezone.localdate(), period=period)
        write_findings(findings, self.stdout, as_json=args.json)
        if findings:
            sys.exit(1)


class _Namespace:
    def __init__(self, options):
        self.unit, self.period, self.today, self.json = (
            options.get("unit"), options.get("period"), options.get("today"),
            options.get("json"))


def _options_back(options) -> list[str]:
    out = []
    for name in ("unit", "period", "today"):
        if options.get(name):
            out += [f"--{name}", options[name]]
    if options.get("json"):
        out.append("--json")
    return out

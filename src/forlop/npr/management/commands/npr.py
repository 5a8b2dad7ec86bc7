import argparse
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from forlop.kernel.npr_cli import add_lint_options, lint_options, npr_lint_main, write_findings
from forlop.kernel.npr_lint import parse_period
from forlop.npr.export import ExportRefused, export
from forlop.npr.pak import MAPPING_VERSION
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
        out = commands.add_parser("export", help="write a period's pathway events as XML")
        out.add_argument("--period", required=True, help="month (2024-10) or tertial (2024-T1)")
        out.add_argument("--unit", required=True, help="the unit's RESH id")
        out.add_argument("--out", required=True, help="the XML file to write")
        out.add_argument("--force", action="store_true",
                         help="export even though the lint finds errors (they are counted "
                              "in the file's header)")
        out.add_argument("--today", help="reference day, YYYY-MM-DD (default: today)")

    def handle(self, *args, command, **options):
        if command == "lint":
            return self.lint(options)
        return self.export(options)

    def export(self, options):
        try:
            period = parse_period(options["period"])
            today = (_date(options["today"]) if options["today"] else timezone.localdate())
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        unit = _unit(options["unit"])
        try:
            done = export(unit=unit, period=period, out=Path(options["out"]), today=today,
                          force=options["force"])
        except ExportRefused as refused:
            if refused.findings:
                write_findings(refused.findings, self.stderr, as_json=False)
            for problem in refused.problems:
                self.stderr.write(problem)
            self.stderr.write(f"forlop npr export: {refused}")
            sys.exit(1 if refused.findings else 2)
        if done.forced_errors:
            self.stderr.write(f"forlop npr export: exported with {done.forced_errors} lint "
                              "error(s) (--force)")
        self.stdout.write(f"{done.path}: {done.pathways} pathway(s), {done.events} event(s), "
                          f"period {period.label}, unit {unit.resh_id}, mapping "
                          f"{MAPPING_VERSION}; {done.warnings} lint warning(s)")

    def lint(self, options):
        if options["file"]:
            argv = [options["file"], *_options_back(options)]
            status = npr_lint_main(argv, sys.stdin, self.stdout, self.stderr)
            if status:
                sys.exit(status)
            return
        args = argparse.Namespace(**options)
        try:
            period, today = lint_options(args, default_today=timezone.localdate())
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        pathways = Pathway.objects.all()
        if args.unit:
            pathways = pathways.filter(unit=_unit(args.unit))
        findings = findings_for(pathways, today, period=period)
        write_findings(findings, self.stdout, as_json=args.json)
        if findings:
            sys.exit(1)


def _unit(resh: str) -> Unit:
    unit = Unit.objects.filter(resh_id=resh).first()
    if unit is None:
        raise CommandError(f"--unit {resh}: no unit has this RESH id", returncode=2)
    return unit


def _date(text: str):
    from forlop.kernel.dates import parse_date

    day = parse_date(text)
    if day is None:
        raise ValueError(f"--today {text!r}: give a date as YYYY-MM-DD")
    return day


def _options_back(options) -> list[str]:
    out = []
    for name in ("unit", "period", "today"):
        if options.get(name):
            out += [f"--{name}", options[name]]
    if options.get("json"):
        out.append("--json")
    return out

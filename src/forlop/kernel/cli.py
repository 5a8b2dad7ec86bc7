"""Command functions for ``forlop evaluate``, ``forlop catalog`` and
``forlop indicators compute``.

The console entry point lives in ``forlop.cli`` and passes the arguments that
follow the sub-command name, e.g. ``evaluate_main(["case.json"], ...)`` and
``catalog_main(["show", "tsb"], ...)``. Streams are parameters so tests and other
callers need no process.

Exit codes: 0 ok, 1 validation errors / catalog problems, 2 unusable input.
"""

import argparse
import json
import sys
from datetime import date
from typing import IO

from .catalog_check import check_catalog
from .catalog_loader import DEFAULT_DIRECTORY, CatalogError, load_catalog
from .cli_input import InputError, parse_request, read_lines, read_source
from .cli_table import pathway_table
from .dates import parse_date
from .evaluation import evaluate
from .indicators import compute, member_of, parse_period


class _Exit(Exception):
    def __init__(self, status: int):
        self.status = status


class _Parser(argparse.ArgumentParser):
    """argparse writing to the given streams and raising instead of exiting."""

    def __init__(self, *args, out: IO[str], err: IO[str], **kwargs):
        super().__init__(*args, **kwargs)
        self._out, self._err = out, err

    def _print_message(self, message: str, file: IO[str] | None = None) -> None:
        if message:
            (self._err if file is sys.stderr else self._out).write(message)

    def exit(self, status: int = 0, message: str | None = None):
        if message:
            self._err.write(message)
        raise _Exit(status)


def evaluate_main(argv: list[str], stdin: IO[str], stdout: IO[str], stderr: IO[str]) -> int:
    """``forlop evaluate FILE.json`` (or ``-`` for stdin): print the evaluation as JSON."""
    parser = _Parser(prog="forlop evaluate", out=stdout, err=stderr,
                     description="Evaluate one pathway: state, clocks and errors as JSON.")
    parser.add_argument("file", help="JSON file with pathway, events and today; '-' for stdin")
    try:
        args = parser.parse_args(argv)
        request = parse_request(read_source(args.file, stdin))
    except _Exit as exc:
        return exc.status
    except InputError as exc:
        stderr.write(f"forlop evaluate: {exc}\n")
        return 2
    result = evaluate(request.pathway, request.events, request.today,
                      local_norms=request.local_norms)
    stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    return 1 if result.errors else 0


def catalog_main(argv: list[str], stdout: IO[str], stderr: IO[str]) -> int:
    """``forlop catalog check [DIR]`` and ``forlop catalog show PATHWAY [--ruleset ID]``."""
    parser = _Parser(prog="forlop catalog", out=stdout, err=stderr,
                     description="Check or show the versioned pathway rule sets.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", out=stdout, err=stderr,
                                help="list problems in the rule-set files")
    check.add_argument("directory", nargs="?", default=str(DEFAULT_DIRECTORY))
    show = commands.add_parser("show", out=stdout, err=stderr,
                               help="show a pathway's clocks for each rule set")
    show.add_argument("pathway", help="pathway key, e.g. tsb")
    show.add_argument("--ruleset", help="only this rule set id")
    show.add_argument("--dir", dest="directory", default=None, help="rule-set directory")
    try:
        args = parser.parse_args(argv)
    except _Exit as exc:
        return exc.status
    if args.command == "check":
        return _check(args.directory, stdout)
    return _show(args, stdout, stderr)


def _check(directory: str, stdout: IO[str]) -> int:
    problems = check_catalog(directory)
    if problems:
        stdout.write("".join(f"{problem}\n" for problem in problems))
        return 1
    catalog = load_catalog(directory)
    stdout.write(f"ok: {len(catalog.rulesets)} rule sets, {len(catalog.pathway_keys)} pathways\n")
    return 0


def _show(args: argparse.Namespace, stdout: IO[str], stderr: IO[str]) -> int:
    try:
        catalog = load_catalog(args.directory)
        rulesets = [catalog.ruleset(args.ruleset)] if args.ruleset else list(catalog.rulesets)
    except (CatalogError, KeyError) as exc:
        stderr.write(f"forlop catalog show: {exc}\n")
        return 2
    if args.pathway not in catalog.pathway_keys:
        stderr.write(f"forlop catalog show: unknown pathway {args.pathway!r} "
                     f"(known: {', '.join(catalog.pathway_keys)})\n")
        return 2
    tables = [pathway_table(rs, rs.pathways[args.pathway]) for rs in rulesets
              if args.pathway in rs.pathways]
    stdout.write("\n\n".join(tables) + "\n")
    return 0


def indicators_main(argv: list[str], stdin: IO[str], stdout: IO[str], stderr: IO[str]) -> int:
    """``forlop indicators compute FILE|- --period P [--today D]``: the five indicators
    of a period over JSON lines of pathways (``forlop evaluate`` input plus ``id`` and
    ``unit``). Exit 1 when a pathway does not validate, naming its id and line."""
    parser = _Parser(prog="forlop indicators", out=stdout, err=stderr,
                     description="Compute the pathway indicators of a period.")
    commands = parser.add_subparsers(dest="command", required=True)
    compute_cmd = commands.add_parser(
        "compute", out=stdout, err=stderr,
        help="indicators over JSON lines: {id, unit, pathway, events} per line")
    compute_cmd.add_argument("file", help="JSON lines file; '-' for stdin")
    compute_cmd.add_argument("--period", required=True,
                             help="a month (2024-10) or a tertial (2024-T1)")
    compute_cmd.add_argument("--today", help="reference day, YYYY-MM-DD (default: today)")
    try:
        args = parser.parse_args(argv)
        period = parse_period(args.period)
        today = parse_date(args.today) if args.today else date.today()
        if today is None:
            raise InputError(f"--today: {args.today!r} is not a date (YYYY-MM-DD)")
        lines = read_lines(args.file, stdin)
    except _Exit as exc:
        return exc.status
    except (InputError, ValueError) as exc:
        stderr.write(f"forlop indicators compute: {exc}\n")
        return 2
    members, refused = [], []
    for line, item in lines:
        member, evaluation = member_of(item.id, item.unit, item.request.pathway,
                                       item.request.events, today,
                                       local_norms=item.request.local_norms)
        if evaluation.errors:
            refused.append({"line": line, "id": item.id,
                            "errors": [e.to_dict() for e in evaluation.errors]})
            for error in evaluation.errors:
                stderr.write(f"line {line} (id {item.id}): {error.code}: {error.message}\n")
        members.append(member)
    if refused:
        stdout.write(json.dumps({"period": period.key, "errors": refused}, indent=2,
                                ensure_ascii=False, default=str) + "\n")
        return 1
    stdout.write(json.dumps(compute(members, period), indent=2, ensure_ascii=False) + "\n")
    return 0

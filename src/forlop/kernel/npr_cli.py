"""``forlop npr lint FILE`` (JSON lines, no database): the NPR code lint on a file.

One pathway per line: ``{"id": "...", "unit": "...", "pathway": {...}, "events": [...]}``
(the ``forlop evaluate`` input plus an id and a unit; ``today`` is not needed per
line, ``--today`` gives it). The database mode is the Django command ``npr`` (app
``forlop.npr``), which reads the same rules from ``npr_lint``.

Exit codes: 0 no findings, 1 findings, 2 unusable input.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import IO

from .cli import _Exit, _Parser
from .dates import parse_date
from .npr_lint import Finding, Record, lint, parse_period


class LinesError(ValueError):
    """A line that cannot be read as a pathway; the message names the line."""


def read_records(stream: IO[str], label: str) -> list[Record]:
    records = []
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LinesError(f"{label} line {number}: invalid JSON at column {exc.colno}: "
                             f"{exc.msg}") from exc
        if not isinstance(data, Mapping):
            raise LinesError(f"{label} line {number}: expected an object with id, unit, "
                             "pathway and events")
        for key, kind, what in (("id", (str, int), "text"), ("unit", (str, int), "text"),
                                ("pathway", Mapping, "an object"),
                                ("events", list, "a list")):
            if not isinstance(data.get(key), kind):
                raise LinesError(f"{label} line {number}: {key} missing or not {what}")
        records.append(Record.from_dict(data))
    return records


def write_findings(findings: list[Finding], stdout: IO[str], *, as_json: bool) -> None:
    if as_json:
        stdout.write(json.dumps({"findings": [f.to_dict() for f in findings]},
                                indent=2, ensure_ascii=False) + "\n")
        return
    for finding in findings:
        stdout.write(finding.line() + "\n")
    pathways = len({f.pathway for f in findings})
    errors = sum(f.is_error for f in findings)
    stdout.write(f"{_count(len(findings), 'finding')} ({_count(errors, 'error')}) in "
                 f"{_count(pathways, 'pathway')}\n" if findings else "no findings\n")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def add_lint_options(parser) -> None:
    parser.add_argument("--unit", help="only pathways of this unit (RESH id)")
    parser.add_argument("--period", help="only pathways under way in this month (2024-10) "
                        "or tertial (2024-T1)")
    parser.add_argument("--today", help="reference day, YYYY-MM-DD (default: today)")
    parser.add_argument("--json", action="store_true", help="findings as JSON")


def lint_options(args, *, default_today: date | None = None) -> tuple:
    """(period or None, today) from parsed options; ValueError names the bad one."""
    period = parse_period(args.period) if args.period else None
    today = default_today or date.today()
    if args.today:
        today = parse_date(args.today)
        if today is None:
            raise ValueError(f"--today {args.today!r}: give a date as YYYY-MM-DD")
    return period, today


def npr_lint_main(argv: list[str], stdin: IO[str], stdout: IO[str], stderr: IO[str]) -> int:
    parser = _Parser(prog="forlop npr lint", out=stdout, err=stderr,
                     description="List every pathway that would be reported wrong to NPR.")
    parser.add_argument("file", help="JSON lines, one pathway per line; '-' for stdin")
    add_lint_options(parser)
    try:
        args = parser.parse_args(argv)
        period, today = lint_options(args)
        if args.file == "-":
            records = read_records(stdin, "stdin")
        else:
            with open(args.file, encoding="utf-8") as stream:
                records = read_records(stream, args.file)
    except _Exit as exc:
        return exc.status
    except (ValueError, OSError) as exc:  # LinesError is a ValueError
        stderr.write(f"forlop npr lint: {exc}\n")
        return 2
    findings = lint(records, today, period=period, unit=args.unit)
    write_findings(findings, stdout, as_json=args.json)
    return 1 if findings else 0

"""The CSV layout: one row per event, grouped into pathways by ``pathway_ref``.

Columns (docs/fhir.md has the full table): pathway_ref, unit_resh,
patient_identifier, patient_name, birth_date, type, setting, severity,
coordinator_hpr, event, date, outcome and the event details
(together_with_patient, standardised_tool, user_involved, postponed_from,
postponed_to, first_trust_name, first_trust_start, new_setting). Comma or
semicolon separated, UTF-8 (a byte-order mark is allowed), a header line first.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.utils.translation import gettext as _

from forlop.fhir.importing.drafts import Draft, Rejection, parse_bool, parse_date

REQUIRED = ("pathway_ref", "unit_resh", "patient_identifier", "type", "setting", "event",
            "date")
PATHWAY_COLUMNS = ("unit_resh", "patient_identifier", "patient_name", "birth_date", "type",
                   "setting", "severity", "coordinator_hpr")
BOOLEANS = ("together_with_patient", "standardised_tool", "user_involved")
DATES = ("postponed_from", "postponed_to", "first_trust_start")
TEXTS = ("first_trust_name",)
# CSV column -> the event attribute it fills (``setting`` is the pathway's own column).
RENAMED = {"new_setting": "setting"}
COLUMNS = (*REQUIRED, "patient_name", "birth_date", "severity", "coordinator_hpr", "outcome",
           *BOOLEANS, *DATES, *TEXTS, *RENAMED)
KERNEL_NAMES = {"date": "date", "event": "event", "outcome": "outcome",
                **{k: k for k in (*BOOLEANS, *DATES, *TEXTS)}, "setting": "new_setting"}


def read(lines: Iterator[str], rejections: list[Rejection]) -> Iterator[Draft]:
    """Drafts in file order; what cannot be read goes to ``rejections``."""
    for group in groups(lines, rejections):
        yield draft(group, rejections)


def groups(lines: Iterator[str], rejections: list[Rejection]) -> Iterator[list[tuple[int, dict]]]:
    """The rows of one pathway at a time, as (line, row) pairs: a pathway's rows must be
    consecutive, so the file streams in bounded memory. A pathway whose rows come back
    after another pathway's is refused at the first row that comes back (that group is
    not read further); only the references seen and their first lines are kept."""
    lines = iter(lines)
    header = next(lines, "")
    if not header.strip():
        if any(line.strip() for line in lines):
            rejections.append(Rejection(1, "csv", _(
                "Første linje er tom. Den skal være overskriftslinjen med kolonnenavnene "
                "(se docs/fhir.md): fjern de tomme linjene over den.")))
        else:
            rejections.append(Rejection(1, "csv", _(
                "Filen er tom. Første linje skal være overskriftslinjen med "
                "kolonnenavnene (se docs/fhir.md), så én rad per hendelse.")))
        return
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(_chain(header, lines), delimiter=delimiter)
    fields = [f.strip() for f in (reader.fieldnames or [])]
    reader.fieldnames = fields
    missing = [c for c in REQUIRED if c not in fields]
    unknown = [(i, c) for i, c in enumerate(fields, start=1) if c not in COLUMNS]
    for column in missing:
        rejections.append(Rejection(1, column, _("Kolonnen mangler i overskriftslinjen.")))
    for number, column in unknown:
        if column:
            rejections.append(Rejection(1, column, _("Ukjent kolonne. Se kolonneoversikten i "
                                                     "docs/fhir.md.")))
        else:  # named by its place, as it has no name
            rejections.append(Rejection(1, _("kolonne %(number)s") % {"number": number}, _(
                "Kolonnen har ikke noe navn i overskriftslinjen. Skriv navnet, eller "
                "fjern kolonnen.")))
    if missing or unknown:
        return
    first_line: dict[str, int] = {}  # pathway_ref -> the line its rows began on
    group: list[tuple[int, dict]] = []
    current, skipping = None, False
    for line, row in _rows(reader, len(fields), delimiter, rejections):
        ref = row["pathway_ref"]
        if not ref:
            rejections.append(Rejection(line, "pathway_ref", _("Mangler forløpsreferanse.")))
            continue
        if ref == current:
            if not skipping:
                group.append((line, row))
            continue
        if group:
            yield group
        group, current = [], ref
        skipping = ref in first_line
        if skipping:
            rejections.append(Rejection(line, "pathway_ref", _(
                "Radene til forløp %(ref)s begynte på linje %(first)s, og andre forløps "
                "rader står imellom. Et forløps rader må stå etter hverandre i filen: flytt "
                "raden opp til de andre.") % {"ref": ref, "first": first_line[ref]}))
            continue
        first_line[ref] = line
        group.append((line, row))
    if group:
        yield group


def _rows(reader: csv.DictReader, columns: int, delimiter: str, rejections
          ) -> Iterator[tuple[int, dict]]:
    """(line, row) of each row with a value, its values stripped; a row is named by the
    line it begins on. What the csv module cannot split into the header's columns is
    refused here: a row running over several lines (a quote left open), one with more
    values than the header has columns, and a value past the csv module's limit (the
    rest of the file cannot be read after it)."""
    last = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            rejections.append(Rejection(last + 1, "csv", _(
                "Raden kan ikke leses: en verdi er over %(limit)s tegn lang. Trolig "
                "mangler et anførselstegn (\") sin avslutning i denne raden, så verdien "
                "fortsetter over resten av filen. Fjern anførselstegnet, eller sett hele "
                "verdien i anførselstegn. Resten av filen er ikke lest.")
                % {"limit": f"{csv.field_size_limit():,}".replace(",", " ")}))
            return
        # The line the row began on: after the line breaks inside its values (a value
        # open to the end of the file holds the last line's break too), and after
        # any blank lines the csv module skipped before it.
        surplus = row.pop(None, None) or []
        breaks = sum(v.count("\n") for v in (*row.values(), *surplus) if v)
        begun, last = max(last + 1, reader.line_num - breaks), reader.line_num
        row = {k: (v or "").strip() for k, v in row.items()}
        if not any(row.values()) and not any(v.strip() for v in surplus):
            continue  # a row of delimiters only, as Excel leaves after the data
        if breaks:
            rejections.append(Rejection(begun, "csv", _(
                "Raden går over linje %(first)s–%(last)s: et anførselstegn (\") mangler "
                "trolig sin avslutning. Fjern anførselstegnet, eller sett hele verdien i "
                "anførselstegn.") % {"first": begun, "last": last}))
            continue
        if surplus:  # even empty: a delimiter in a value shifts the values after it
            rejections.append(Rejection(begun, "csv", _(
                "Raden har %(found)s verdier, men overskriftslinjen har %(columns)s "
                "kolonner. Står det et skilletegn (%(delimiter)s) i en verdi? Sett verdien "
                "i anførselstegn, eller fjern verdiene som er for mye.")
                % {"found": columns + len(surplus), "columns": columns,
                   "delimiter": delimiter}))
        yield begun, row


def draft(group: list[tuple[int, dict]], rejections: list[Rejection]) -> Draft:
    """One pathway's draft from its rows (``groups``); a worker process's reading. The
    pathway's own columns come from its first row that fills any of them (not always
    the first: a file may list the newest event first)."""
    head = next((n for n, (_line, row) in enumerate(group)
                 if any(row.get(c) for c in PATHWAY_COLUMNS)), 0)
    line, row = group[head]
    made = _new_draft(row["pathway_ref"], line, row, rejections)
    seen: dict[tuple, int] = {}  # an event's values -> the line they were first on
    for n, (line, row) in enumerate(group):
        if n != head:
            _same_pathway(made, line, row, rejections)
        event = _event(line, row, rejections)
        if event is None:
            continue
        values = tuple(sorted((k, str(v)) for k, v in event.items()))
        if values in seen:
            rejections.append(Rejection(line, "event", _(
                "Raden er lik linje %(first)s (samme hendelse, dato og verdier): trolig "
                "limt inn to ganger. Fjern den ene raden.") % {"first": seen[values]}))
            continue
        seen[values] = line
        made.events.append((line, event))
    return made


def _chain(first: str, rest):
    yield first
    yield from rest


def _new_draft(ref: str, line: int, row: dict, rejections) -> Draft:
    born = row.get("birth_date", "")
    birth_date = parse_date(born) if born else None
    if born and birth_date is None:
        rejections.append(Rejection(line, "birth_date", _not_a_date(born)))
    return Draft(ref=ref, line=line, unit_resh=row["unit_resh"],
                 patient_identifier=row["patient_identifier"],
                 patient_name=row.get("patient_name", ""), birth_date=birth_date,
                 type=row["type"], setting=row["setting"], severity=row.get("severity", ""),
                 coordinator_hpr=row.get("coordinator_hpr", ""), names=KERNEL_NAMES)


def _same_pathway(draft: Draft, line: int, row: dict, rejections) -> None:
    """A pathway's own columns may be left blank after its first line, or repeated;
    a different value is an error (two pathways under one reference)."""
    for column in PATHWAY_COLUMNS:
        value = row.get(column, "")
        first = getattr(draft, column)
        first = first.isoformat() if hasattr(first, "isoformat") else (first or "")
        if value and value != first:
            rejections.append(Rejection(line, column, _(
                "Verdien %(value)s er ulik linje %(first)s (%(was)s) for samme forløp "
                "%(ref)s. Rett verdien eller bruk en annen forløpsreferanse.") % {
                "value": value, "first": draft.line, "was": first or "–", "ref": draft.ref}))


def _event(line: int, row: dict, rejections) -> dict | None:
    before = len(rejections)
    event = {"event": row["event"], "outcome": row.get("outcome") or None}
    day = parse_date(row["date"])
    if day is None:
        rejections.append(Rejection(line, "date", _not_a_date(row["date"])))
    event["date"] = day
    for column in BOOLEANS:
        if row.get(column):
            value = parse_bool(row[column])
            if value is None:
                rejections.append(Rejection(line, column, _(
                    "%(value)s er ikke ja eller nei. Skriv ja eller nei (eller la feltet "
                    "stå tomt).") % {"value": row[column]}))
            event[column] = value
    for column in DATES:
        if row.get(column):
            value = parse_date(row[column])
            if value is None:
                rejections.append(Rejection(line, column, _not_a_date(row[column])))
            event[column] = value
    for column in TEXTS:
        if row.get(column):
            event[column] = row[column]
    for column, attribute in RENAMED.items():
        if row.get(column):
            event[attribute] = row[column]
    return event if len(rejections) == before else None


def _not_a_date(value: str) -> str:
    return _("%(value)s er ikke en dato. Skriv datoen som ÅÅÅÅ-MM-DD, for eksempel "
             "2024-03-01.") % {"value": value or "–"}

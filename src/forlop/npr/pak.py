"""The NPR export: a period's pathway events as XML, and the parser that reads it back.

NPR receives pathway data in its ``pak`` message ("Pakkeforløp i psykisk helsevern og
TSB"), XML validated against the message schema. That schema's element names are not
public where we looked (docs/npr.md): the layout here is **our reading**, written so
that the mapping from our fields to the XML is this module's one table (``MAPPING``,
versioned by ``MAPPING_VERSION``) and checked against the XSD we wrote
(``schema/forlop-pak-1.xsd``). When the official schema is at hand, a new mapping
version and schema replace these two; nothing else should need to change.

Plain Python with lxml (no Django): the command ``forlop npr export`` (database) and
the tests call it with lint records (``forlop.kernel.npr_lint.Record``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from lxml import etree

from forlop.kernel import vocabulary as v
from forlop.kernel.catalog import Catalog
from forlop.kernel.catalog_loader import load_catalog
from forlop.kernel.dates import parse_date
from forlop.kernel.evaluation import evaluate
from forlop.kernel.npr_lint import Period, Record  # noqa: F401 - Period re-exported

MAPPING_VERSION = "forlop-pak-1"
NAMESPACE = "urn:forlop:npr:pak:1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "forlop-pak-1.xsd"
# NPR's HER-id as receiver of the messages (DESIGN.md §4, confirmed there).
NPR_HER_ID = "94378"


@dataclass(frozen=True)
class Field:
    """One of our fields and the XML attribute it is written to.

    ``kind``: str, date (xs:date, YYYY-MM-DD) or bool (xs:boolean). ``confirmed``: the
    meaning is NPR's (a source says so); otherwise the name and placement are ours."""

    key: str
    xml: str
    kind: str
    confirmed: bool
    note: str


# The one mapping table (version MAPPING_VERSION). docs/npr.md prints it with sources.
MAPPING: dict[str, object] = {
    "version": MAPPING_VERSION,
    "root": "pakEksport",
    "pathway_element": "forlop",
    "event_element": "hendelse",
    "header": (
        Field("mapping_version", "mappingVersjon", "str", False, "this table's version"),
        Field("period", "periode", "str", False, "month 2024-10 or tertial 2024-T1"),
        Field("period_start", "periodeFra", "date", False, "first day of the period"),
        Field("period_end", "periodeTil", "date", False, "last day of the period"),
        Field("unit", "resh", "str", True, "RESH id of the reporting unit "
              "(OID 2.16.578.1.12.4.1.4.102)"),
        Field("receiver", "mottakerHerId", "str", True, "NPR's HER-id 94378"),
        Field("created", "laget", "date", False, "the day the file was written"),
        Field("forced", "lintFeil", "str", False, "number of lint errors when exported "
              "with --force (absent otherwise)"),
    ),
    "pathway": (
        Field("id", "forlopId", "str", False, "our pathway id (the episode reference)"),
        Field("patient", "pasientRef", "str", False, "our patient id; the fødselsnummer "
              "goes only in NPR's separate ide message, never here"),
        Field("unit", "resh", "str", True, "RESH id of the unit owning the pathway"),
        Field("type", "forlopType", "str", False, "our pathway key (voksne, tsb, ...)"),
        Field("type_code", "typeKode", "str", True, "type code, code system 9321 (D01, D11, "
              "D12); absent where the rule set has none"),
        Field("setting", "omsorgsniva", "str", False, "setting at the start"),
        Field("severity", "alvorlighet", "str", False, "eating disorders only"),
        Field("ruleset", "regelsett", "str", False, "the rule set the pathway is judged by"),
        Field("start", "startDato", "date", True, "Nasjonalt pasientforløp start"),
    ),
    "event": (
        Field("event", "type", "str", False, "our event key"),
        Field("date", "dato", "date", True, "the day of the measurement point"),
        Field("outcome", "utfall", "str", False, "decision CU/CP/..., closure outcome, "
              "referral outcome"),
        Field("code", "kode", "str", False, "type code + letter where both are known "
              "(D11CU; D01L, code system 9322); written, not read back"),
        Field("postponed_from", "utsattFra", "date", False, "patient delay (L): the "
              "appointment the patient postponed"),
        Field("postponed_to", "utsattTil", "date", False, "patient delay (L): the new date"),
        Field("together_with_patient", "sammenMedPasient", "bool", False,
              "treatment plan made together with the patient"),
        Field("standardised_tool", "standardisertVerktoy", "bool", False,
              "evaluation used a standardised tool"),
        Field("user_involved", "brukermedvirkning", "bool", False,
              "evaluation with the patient involved"),
        Field("first_trust_start", "startForsteHf", "date", True,
              "Start pakkeforløp første helseforetak: date"),
        Field("first_trust_name", "forsteHf", "str", True,
              "Start pakkeforløp første helseforetak: name"),
    ),
}
_HEADER = {f.key: f for f in MAPPING["header"]}
_PATHWAY = {f.key: f for f in MAPPING["pathway"]}
_EVENT = {f.key: f for f in MAPPING["event"]}
# Event fields read back from the XML (the code is derived from type and outcome).
_READ_BACK = tuple(f for f in MAPPING["event"] if f.key != "code")


def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _text(value, kind: str) -> str:
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        return parse_date(value).isoformat()
    return str(value)


def _value(text: str, kind: str):
    if kind == "bool":
        return text in ("true", "1")
    return text  # dates stay ISO text, as in the exported events


# Days a pathway spent in one unit: (first day, last day or None while it stays).
Span = tuple[date, date | None]


def unit_spans(unit: str, first_unit: str, moves: Iterable[tuple[date, str, str]]
               ) -> list[Span]:
    """The days a pathway was in ``unit``, from the unit it started in and its moves
    ``(on, from_unit, to_unit)`` in the order they were made (ADR 61): from a move's
    day the pathway is in the unit it moved to, so an event on that day belongs to
    the new unit. Empty when it never was in ``unit``."""
    spans: list[Span] = []
    current, since = first_unit, date.min
    for on, _from_unit, to_unit in moves:
        if current == unit and on > since:
            spans.append((since, on - timedelta(days=1)))
        if to_unit != current:
            current, since = to_unit, on
    if current == unit:
        spans.append((since, None))
    return spans


def _in_spans(day: date, spans: Iterable[Span] | None) -> bool:
    return spans is None or any(first <= day and (last is None or day <= last)
                                for first, last in spans)


def exported_events(record: Record, period: Period, spans: Iterable[Span] | None = None
                    ) -> list[dict]:
    """The record's events the export carries: dated in the period (and, given
    ``spans``, on a day the pathway was in the exporting unit: ``unit_spans``),
    national measurement points only (no setting_change, ADR 12), each reduced to the
    mapped fields with dates as ISO text and booleans as booleans; in date order."""
    out = []
    spans = list(spans) if spans is not None else None
    for event in record.events:
        day = parse_date(event.get("date"))
        if event.get("event") in v.LOCAL_EVENTS or day is None or not period.contains(day) \
                or not _in_spans(day, spans):
            continue
        kept = {}
        for f in _READ_BACK:
            value = event.get(f.key)
            if value is None or value == "" or (f.kind == "date" and parse_date(value) is None):
                continue
            kept[f.key] = _value(_text(value, f.kind), f.kind)
        out.append(kept)
    return sorted(out, key=lambda e: e["date"])


def _event_code(type_code: str | None, event: Mapping, ruleset) -> str | None:
    if not type_code:
        return None
    if event["event"] == "clinical_decision" and event.get("outcome"):
        return f"{type_code}{event['outcome']}"
    definition = ruleset.events.get(event["event"]) if ruleset else None
    letter = definition.letter if definition else None
    return f"{type_code}{letter}" if letter else None


def build(records: Iterable[Record], period: Period, unit: str, *, created: date,
          forced_errors: int = 0, catalog: Catalog | None = None,
          spans: Mapping[str, list[Span]] | None = None) -> bytes:
    """The export document (UTF-8 XML bytes) for the records' events in the period.
    ``spans`` (record id -> ``unit_spans``) keeps only the events of the days each
    pathway was in ``unit`` (a pathway not named there: all its events). Records
    without an event left are left out."""
    catalog = catalog or load_catalog()
    root = etree.Element(_q(MAPPING["root"]), nsmap={None: NAMESPACE})
    header = {"mapping_version": MAPPING_VERSION, "period": period.label,
              "period_start": period.start, "period_end": period.end, "unit": unit,
              "receiver": NPR_HER_ID, "created": created}
    if forced_errors:
        header["forced"] = forced_errors
    for key, value in header.items():
        root.set(_HEADER[key].xml, _text(value, _HEADER[key].kind))
    for record in records:
        events = exported_events(record, period, (spans or {}).get(record.id))
        if events:
            root.append(_pathway_element(record, events, created, catalog))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _pathway_element(record: Record, events: list[dict], created: date, catalog: Catalog):
    spec = record.pathway
    result = evaluate(spec, record.events, created, catalog=catalog)  # start and rule set
    ruleset = catalog.ruleset(result.ruleset_id) if result.ruleset_id else None
    definition = ruleset.pathways.get(spec.get("type")) if ruleset else None
    type_code = definition.type_code if definition else None
    values = {"id": record.id, "patient": record.patient or None, "unit": record.unit,
              "type": spec.get("type"), "type_code": type_code,
              "setting": spec.get("setting"), "severity": spec.get("severity"),
              "ruleset": result.ruleset_id, "start": result.start_date}
    element = etree.Element(_q(MAPPING["pathway_element"]))
    for key, value in values.items():
        if value not in (None, ""):
            element.set(_PATHWAY[key].xml, _text(value, _PATHWAY[key].kind))
    for event in events:
        child = etree.SubElement(element, _q(MAPPING["event_element"]))
        code = _event_code(type_code, event, ruleset)
        for f in MAPPING["event"]:
            value = code if f.key == "code" else event.get(f.key)
            if value is not None:
                child.set(f.xml, _text(value, f.kind))
    return element


@dataclass(frozen=True)
class Parsed:
    header: dict
    records: list[Record]


def parse(data: bytes) -> Parsed:
    """Read an export back: its header and, per pathway, the spec and the events
    (the same shape ``exported_events`` gives). Raises ValueError on a document that
    does not follow the schema."""
    problems = validate(data)
    if problems:
        raise ValueError("not a valid export: " + "; ".join(problems))
    root = etree.fromstring(data)
    header = {f.key: root.get(f.xml) for f in MAPPING["header"] if root.get(f.xml) is not None}
    records = []
    for element in root.iter(_q(MAPPING["pathway_element"])):
        attrs = {f.key: element.get(f.xml) for f in MAPPING["pathway"]}
        spec = {"type": attrs["type"], "setting": attrs["setting"],
                "severity": attrs["severity"]}
        events = []
        for child in element.iter(_q(MAPPING["event_element"])):
            events.append({f.key: _value(child.get(f.xml), f.kind) for f in _READ_BACK
                           if child.get(f.xml) is not None})
        records.append(Record(attrs["id"], attrs["unit"], spec, events,
                              patient=attrs["patient"] or ""))
    return Parsed(header, records)


_schema: etree.XMLSchema | None = None


def schema() -> etree.XMLSchema:
    global _schema  # noqa: PLW0603 - parsed once, read-only afterwards
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))
    return _schema


def validate(data: bytes) -> list[str]:
    """Every way the document breaks our XSD (empty when it is valid)."""
    try:
        document = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [f"not XML: {exc}"]
    checker = schema()
    if checker.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]

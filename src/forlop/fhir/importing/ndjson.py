"""FHIR NDJSON: the Patient and EpisodeOfCare resources ``forlop export`` writes.

An EpisodeOfCare carries the pathway: its unit (managingOrganization's RESH
identifier), its patient (the reference's identifier, or a Patient in the file),
type, setting and severity, coordinator (careManager's HPR identifier) and its
events (``pathway-event`` extensions, ADR 0045). Other resource types are skipped:
Encounters and Tasks are derived from the events and clocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import orjson
from django.utils.translation import gettext as _

from forlop.fhir import systems
from forlop.fhir.importing.drafts import Draft, Rejection, parse_date

EVENT = "EpisodeOfCare.extension(pathway-event)"


# A Patient's line names its type with this text; other lines rarely do (a reference
# is "Patient/…"), and those that do are read again in the second pass.
PATIENT_MARK = '"Patient"'
SEPARATOR = "\x1f"  # between a Patient's indexed fields: one string a patient


def patients(files: list[tuple[str, Iterable[str]]], rejections: list[Rejection]
             ) -> tuple[dict[str, str], set[tuple[int, int]]]:
    """First pass: every Patient in the files, indexed compactly: its id -> its first
    identifier, name and birth date text in one string (``SEPARATOR``), not the
    resource (~200 bytes a patient).
    Also the (file, line) of lines that carried the mark but were not a Patient (the
    second pass reads them). A line that is not JSON is rejected here, once."""
    index, again = {}, set()
    for f, (name, lines) in enumerate(files):
        prefix = f"{name}: " if len(files) > 1 else ""
        for number, text in enumerate(lines, start=1):
            if PATIENT_MARK not in text:
                continue
            try:
                resource = orjson.loads(text)
            except orjson.JSONDecodeError as e:
                rejections.append(_not_json(number, prefix, e))
                continue
            if not isinstance(resource, dict) or resource.get("resourceType") != "Patient":
                again.add((f, number))
                continue
            idents = resource.get("identifier") or [{}]
            try:
                index[str(resource.get("id"))] = SEPARATOR.join((
                    idents[0].get("value", ""), ((resource.get("name") or [{}])[0]).get(
                        "text", ""), resource.get("birthDate") or ""))
            except (AttributeError, TypeError, KeyError, IndexError):
                rejections.append(Rejection(number, f"{prefix}Patient", _(
                    "Ressursen har elementer med feil form (ikke FHIR R4 Patient slik "
                    "forlop export skriver den).")))
    return index, again


def lines(files: list[tuple[str, Iterable[str]]], again: set[tuple[int, int]]
          ) -> Iterator[tuple[int, str, str]]:
    """Second pass: (line, prefix, text) of every line but the Patients (and the lines
    the first pass rejected); a worker reads each (``resource``)."""
    for f, (name, texts) in enumerate(files):
        prefix = f"{name}: " if len(files) > 1 else ""
        for number, text in enumerate(texts, start=1):
            if not text.strip() or (PATIENT_MARK in text and (f, number) not in again):
                continue
            yield number, prefix, text


def resource(item: tuple[int, str, str], patient_index: dict, rejections: list[Rejection],
             skipped: dict) -> Draft | None:
    """One line: an EpisodeOfCare's draft; another type is counted in ``skipped``."""
    number, prefix, text = item
    try:
        resource = orjson.loads(text)
    except orjson.JSONDecodeError as e:
        rejections.append(_not_json(number, prefix, e))
        return None
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    if not isinstance(kind, str):
        rejections.append(Rejection(number, f"{prefix}resourceType", _(
            "Linjen er ikke en FHIR-ressurs (et objekt med resourceType).")))
        return None
    if kind != "EpisodeOfCare":
        skipped[kind] = skipped.get(kind, 0) + 1
        return None
    try:
        return _draft(number, prefix, resource, patient_index, rejections)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError):
        # An element of the wrong shape (a string where FHIR has a list or object).
        rejections.append(Rejection(number, f"{prefix}EpisodeOfCare", _(
            "Ressursen har elementer med feil form (ikke FHIR R4 EpisodeOfCare slik "
            "forlop export skriver den).")))
        return None


def read(files: Iterable[tuple[str, Iterable[str]]], rejections: list[Rejection],
         skipped: dict) -> list[Draft]:
    """Every draft at once (small files, the bench's naive way). ``files``: (name,
    lines) pairs, e.g. a ``forlop export`` folder's Patient.ndjson and
    EpisodeOfCare.ndjson. With more than one file, each rejection's field starts
    with the file's name (its line numbers are that file's)."""
    files = [(name, list(texts)) for name, texts in files]
    index, again = patients(files, rejections)
    drafts = (resource(item, index, rejections, skipped) for item in lines(files, again))
    return [d for d in drafts if d is not None]


def _not_json(number: int, prefix: str, error) -> Rejection:
    return Rejection(number, f"{prefix}json", _("Linjen er ikke gyldig JSON (%(error)s).")
                     % {"error": error})


def _identifier(reference: dict | None, system: str | None = None) -> tuple[str, str]:
    ident = (reference or {}).get("identifier") or {}
    if system is not None and ident.get("system") != system:
        return "", ""
    return ident.get("system", ""), ident.get("value", "")


def _draft(line: int, prefix: str, r: dict, patients: dict, rejections) -> Draft:
    def reject(path, reason):
        rejections.append(Rejection(line, f"{prefix}{path}", reason))

    _s, resh = _identifier(r.get("managingOrganization"), systems.RESH)
    if not resh:
        reject("EpisodeOfCare.managingOrganization.identifier",
               _("Mangler enhetens RESH-id (identifier med system %(system)s).")
               % {"system": systems.RESH})
    patient_ref = r.get("patient") or {}
    _system, identifier = _identifier(patient_ref)
    reference = patient_ref.get("reference", "")
    indexed = patients.get(reference[8:]) if reference.startswith("Patient/") else None
    name, born = "", None
    if indexed is not None:
        first, name, birth = indexed.split(SEPARATOR)
        identifier = identifier or first
        born = parse_date(birth) if birth else None
    if not identifier:
        reject("EpisodeOfCare.patient", _("Mangler pasientens fødselsnummer, D-nummer eller "
                                          "FH-nummer (patient.identifier eller en Patient i "
                                          "filen)."))
    codes = [c.get("code", "") for t in r.get("type") or [] for c in t.get("coding") or []
             if c.get("system") == systems.PATHWAY_TYPE]
    extensions = r.get("extension") or []
    value = {e.get("url"): e.get("valueCode", "") for e in extensions}
    _s, hpr = _identifier(r.get("careManager"), systems.HPR)
    draft = Draft(ref=f"EpisodeOfCare/{r.get('id')}", line=line, unit_resh=resh,
                  patient_identifier=identifier, patient_name=name, birth_date=born,
                  type=codes[0] if codes else "", setting=value.get(systems.EXT_SETTING, ""),
                  severity=value.get(systems.EXT_SEVERITY, ""), coordinator_hpr=hpr,
                  names={"date": "date", "event": "code", "outcome": "outcome"})
    for i, ext in enumerate(e for e in extensions if e.get("url") == systems.EXT_EVENT):
        event = _event(ext, f"{EVENT}[{i}]", reject)
        if event is not None:
            draft.events.append((line, event))
    return _scalars_only(draft)


_TEXTS = ("unit_resh", "patient_identifier", "type", "setting", "severity", "coordinator_hpr")
_SCALARS = (str, bool, int, float, dt.date, type(None))


def _scalars_only(draft: Draft) -> Draft:
    """``draft`` when every value it took from the resource is one value (text, a
    flag, a number, a date); TypeError for a list or an object there, which would
    otherwise fail later, far from its line (``_draft``'s caller rejects the line)."""
    if not all(isinstance(getattr(draft, name), str) for name in _TEXTS):
        raise TypeError("a list or an object where the resource has text")
    for _line, event in draft.events:
        if not (isinstance(event["event"], str)
                and all(isinstance(value, _SCALARS) for value in event.values())):
            raise TypeError("a list or an object where an event has a value")
    return draft


def _event(ext: dict, path: str, reject) -> dict | None:
    event = {"event": "", "date": None, "outcome": None}
    for part in ext.get("extension") or []:
        url = part.get("url")
        if url == "code":
            event["event"] = (part.get("valueCoding") or {}).get("code", "")
        elif url == "date":
            event["date"] = parse_date(part.get("valueDate", ""))
            if event["date"] is None:
                reject(f"{path}.date", _("Datoen må være ÅÅÅÅ-MM-DD."))
                return None
        elif url == "outcome":
            event["outcome"] = part.get("valueCode") or None
        elif "valueBoolean" in part:
            event[url] = part["valueBoolean"]
        elif "valueDate" in part:
            event[url] = parse_date(part["valueDate"])
        elif "valueInteger" in part:
            event[url] = part["valueInteger"]
        else:
            event[url] = part.get("valueString", part.get("valueCode"))
    if event["date"] is None:
        reject(f"{path}.date", _("Hendelsen mangler dato."))
        return None
    return event

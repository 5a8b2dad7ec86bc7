"""FHIR NDJSON: the Patient and EpisodeOfCare resources ``forlop export`` writes.

An EpisodeOfCare carries the pathway: its unit (managingOrganization's RESH
identifier), its patient (the reference's identifier, or a Patient in the file),
type, setting and severity, coordinator (careManager's HPR identifier) and its
events (``pathway-event`` extensions, ADR 0045). Other resource types are skipped:
Encounters and Tasks are derived from the events and clocks.
"""

from __future__ import annotations

from collections.abc import Iterable

import orjson
from django.utils.translation import gettext as _

from forlop.fhir import systems
from forlop.fhir.importing.drafts import Draft, Rejection, parse_date

EVENT = "EpisodeOfCare.extension(pathway-event)"


def read(files: Iterable[tuple[str, Iterable[str]]], rejections: list[Rejection],
         skipped: dict) -> list[Draft]:
    """``files``: (name, lines) pairs, e.g. a ``forlop export`` folder's Patient.ndjson
    and EpisodeOfCare.ndjson. With more than one file, each rejection's field starts
    with the file's name (its line numbers are that file's)."""
    patients, episodes = {}, []
    files = list(files)
    for name, lines in files:
        prefix = f"{name}: " if len(files) > 1 else ""
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                resource = orjson.loads(text)
            except orjson.JSONDecodeError as e:
                rejections.append(Rejection(number, f"{prefix}json", _(
                    "Linjen er ikke gyldig JSON (%(error)s).") % {"error": e}))
                continue
            kind = resource.get("resourceType") if isinstance(resource, dict) else None
            if not isinstance(kind, str):
                rejections.append(Rejection(number, f"{prefix}resourceType", _(
                    "Linjen er ikke en FHIR-ressurs (et objekt med resourceType).")))
                continue
            if kind == "Patient":
                patients[f"Patient/{resource.get('id')}"] = resource
            elif kind == "EpisodeOfCare":
                episodes.append((number, prefix, resource))
            else:
                skipped[kind] = skipped.get(kind, 0) + 1
    drafts = []
    for n, prefix, r in episodes:
        try:
            drafts.append(_draft(n, prefix, r, patients, rejections))
        except (AttributeError, TypeError, KeyError, IndexError, ValueError):
            # An element of the wrong shape (a string where FHIR has a list or object).
            rejections.append(Rejection(n, f"{prefix}EpisodeOfCare", _(
                "Ressursen har elementer med feil form (ikke FHIR R4 EpisodeOfCare slik "
                "forlop export skriver den).")))
    return drafts


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
    resource = patients.get(patient_ref.get("reference", ""))
    name, born = "", None
    if resource is not None:
        idents = resource.get("identifier") or [{}]
        identifier = identifier or idents[0].get("value", "")
        name = ((resource.get("name") or [{}])[0]).get("text", "")
        born = parse_date(resource.get("birthDate", "")) if resource.get("birthDate") else None
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

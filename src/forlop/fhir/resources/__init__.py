"""Pure mappings from our rows to FHIR R4 resources (plain dicts, ready for JSON).

Each function reads attributes only (a model instance or a ``values_list(named=True)``
row), so the bulk export maps rows without building model instances. Every resource
parses with the FHIR model library (``forlop.fhir.validation``; tests hold each to it).
"""

from __future__ import annotations

import datetime as dt


def ref(resource_type: str, rid) -> dict:
    return {"reference": f"{resource_type}/{rid}"}


def iso(value) -> str | None:
    """A date or a moment as FHIR text; a date the bulk export read as its ISO text
    (``YYYY-MM-DD``, the database's own rendering) passes through as it is."""
    kind = type(value)
    if kind is str:  # the common cases first (the bulk export's many dates)
        return value
    if kind is dt.date:
        return value.isoformat()
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def fhir_id(text: str) -> str:
    """Our keys as FHIR ids (letters, digits, '-' and '.')."""
    return text.replace("_", "-")

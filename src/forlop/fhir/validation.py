"""Parse a resource with the FHIR model library (fhir.resources, R4B models).

fhir.resources 8 builds R5 by default and ships R4B (4.3) models beside it; no
release on pydantic 2 ships R4 (4.0.1) itself. R4B changed none of the resources
we serve from R4, so parsing our R4 JSON with the R4B models checks every element
name, cardinality and data type we use (pyproject.toml, ADR 0045).
"""

from __future__ import annotations

from fhir.resources.R4B import get_fhir_model_class


def parse(resource: dict):
    """The library's model of ``resource``; raises ``ValueError`` (pydantic's
    ``ValidationError`` is one) for anything that is not valid FHIR."""
    try:
        return get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    except (TypeError, KeyError) as e:
        # The library looks a contained resource's class up by its resourceType
        # unchecked: a list or object there is a TypeError, an unknown name a KeyError.
        raise ValueError(f"a resourceType that names no FHIR resource ({e!r})") from e

"""FHIR R4 for Forløp: resources mapped from our models, the REST endpoints at
``/fhir/R4/``, and the bulk import (CSV, NDJSON) and export (NDJSON). docs/fhir.md."""

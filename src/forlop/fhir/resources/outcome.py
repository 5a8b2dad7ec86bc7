"""OperationOutcome: every error the FHIR endpoints answer with (never a trace)."""

from __future__ import annotations


def operation_outcome(code: str, text: str, *, severity: str = "error",
                      expression: list[str] | None = None) -> dict:
    issue = {"severity": severity, "code": code, "diagnostics": text}
    if expression:
        issue["expression"] = expression
    return {"resourceType": "OperationOutcome", "issue": [issue]}

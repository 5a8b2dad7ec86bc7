"""Errors as JSON: RFC 9457 problem details on /api/, FHIR OperationOutcome on /fhir/.

Never a stack trace: the body says what went wrong in words a client can act on
(titles and details in Norwegian, as the pages speak), nothing of the server's inside.
"""

from __future__ import annotations

from django.http import JsonResponse

PROBLEM_TYPE = "application/problem+json"
FHIR_TYPE = "application/fhir+json"
# FHIR issue type per HTTP status (https://hl7.org/fhir/R4/valueset-issue-type.html)
_FHIR_CODES = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found",
               409: "conflict", 422: "processing", 500: "exception"}


def problem(status: int, title: str, detail: str = "", **extra) -> JsonResponse:
    body = {"type": "about:blank", "title": str(title), "status": status}
    if detail:
        body["detail"] = str(detail)
    body.update(extra)
    return JsonResponse(body, status=status, content_type=PROBLEM_TYPE,
                        json_dumps_params={"ensure_ascii": False})


def operation_outcome(status: int, detail: str) -> JsonResponse:
    body = {"resourceType": "OperationOutcome", "issue": [{
        "severity": "error", "code": _FHIR_CODES.get(status, "processing"),
        "diagnostics": str(detail)}]}
    return JsonResponse(body, status=status, content_type=FHIR_TYPE,
                        json_dumps_params={"ensure_ascii": False})


def error_for(path: str, status: int, title: str, detail: str = "") -> JsonResponse:
    """The error in the form the path's clients read: OperationOutcome under /fhir/."""
    if path.startswith("/fhir/"):
        return operation_outcome(status, f"{title}. {detail}".strip() if detail else title)
    return problem(status, title, detail)

"""What the endpoints share: error answers for the OpenAPI document, paging, output."""

from __future__ import annotations

from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Path, Schema
from pydantic import Field

from forlop.access.policy import role_permissions
from forlop.api.schemas import Problem
from forlop.pathways.presenters.events import masked_identifier

# Every operation may answer these (as problem details); 500 is never meant to happen.
ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem, 500: Problem}
WRITE_ERRORS = {**ERRORS, 409: Problem}
MAX_PAGE = 100
# A row id in a path: a positive 64-bit integer (a larger one is not an id: 422, not a
# database overflow).
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0, le=1_000_000)


# A service names the form's field (a choice of row); the API's field for the same
# thing is the row's id. A refusal must name the field the client sent.
API_FIELDS = {"to_unit": "to_unit_id", "gp_office": "gp_office_id"}


def api_field(field: str) -> str:
    return API_FIELDS.get(field, field)


def in_api_fields(refused: ValidationError) -> ValidationError:
    """A service's refusal with its fields named as the API names them."""
    if not hasattr(refused, "error_dict"):
        return refused
    return ValidationError({api_field(field): errors
                            for field, errors in refused.error_dict.items()})


def require_role(user, permission) -> None:
    """For reads not about one patient: the user's roles must give ``permission``."""
    if permission not in role_permissions(user):
        raise PermissionDenied


def unit_out(unit) -> dict:
    return {"id": unit.pk, "resh_id": unit.resh_id, "name": unit.name}


def patient_out(patient) -> dict:
    return {"id": patient.pk, "name": patient.name,
            "masked_identifier": masked_identifier(patient.identifier)}

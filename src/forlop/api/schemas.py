"""What the JSON API reads and writes (pydantic, through django-ninja). Codes are the
kernel's and the models' own; ``*_label`` fields carry the Norwegian text pages show."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import StringConstraints

MAX_ID = 2**63 - 1
# No NUL character: PostgreSQL's text refuses it (a 500 instead of a 422).
NO_NUL = r"^[^\x00]*$"


def text(max_length: int, min_length: int = 0):
    return Annotated[str, StringConstraints(max_length=max_length, min_length=min_length,
                                            pattern=NO_NUL)]


def row_id(minimum: int = 1):
    return Annotated[int, Field(ge=minimum, le=MAX_ID)]


def digits(count: int):
    """Exactly ``count`` ASCII digits (an organisation or municipality number): text,
    as leading zeros count. ``[0-9]``, not ``\\d``, which takes other scripts' digits."""
    return Annotated[str, StringConstraints(pattern=rf"^[0-9]{{{count}}}$")]


class ProblemItem(Schema):
    """One thing wrong: a kernel refusal (``code``, ``params``, ``event_index``) or a
    field of the request (``field``); ``message`` in Norwegian."""

    message: str
    field: str | None = None
    code: str | None = None
    event_index: int | None = None
    params: dict[str, Any] = Field(default_factory=dict)


class Problem(Schema):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[ProblemItem] | None = None


class UnitOut(Schema):
    id: int
    resh_id: str
    name: str


class PatientOut(Schema):
    id: int
    name: str
    # The last three digits only, as on the pathway page (need-to-know).
    masked_identifier: str


class PersonOut(Schema):
    id: int
    name: str


class GpOut(Schema):
    id: int
    name: str
    hpr_number: str


class StateOut(Schema):
    state: str
    next_due: dt.date | None
    next_clock: str
    breached: bool
    patient_caused_breach: bool


class PathwaySummary(Schema):
    id: int
    type: str
    type_label: str
    setting: str
    is_open: bool
    started_on: dt.date
    closed_on: dt.date | None
    unit: UnitOut
    patient: PatientOut
    state: StateOut | None


class EventOut(Schema):
    id: int
    event: str
    on: dt.date
    outcome: str
    data: dict[str, Any]
    supersedes: int | None
    is_retraction: bool
    reason: str
    registered_by: str
    registered_at: dt.datetime


class PathwayOut(PathwaySummary):
    severity: str
    ruleset: str
    coordinator: PersonOut | None
    # What the caller may do here (``forlop.access.permissions`` values).
    permissions: list[str]
    # Shown only as far as a consent-only reader's consent reaches (``ConsentScope``):
    # clocks from "plans", events from "collaboration"; null when not shared.
    clocks: list[dict[str, Any]] | None
    events: list[EventOut] | None


class PathwayPage(Schema):
    count: int
    items: list[PathwaySummary]


class EventIn(Schema):
    event: text(32)
    on: dt.date
    outcome: text(40) = ""
    # A patient's postponement (event ``patient_delay``): the appointment they moved.
    postponed_from: dt.date | None = None
    postponed_to: dt.date | None = None
    # The newest event id the client has seen (0: none); a registration made since is
    # refused with 409 instead of being applied on top of what the client did not see.
    expected_last_event: row_id(0) | None = None


class CorrectionIn(Schema):
    reason: text(300, 1)
    on: dt.date | None = None
    outcome: text(40) | None = None
    retract: bool = False
    expected_last_event: row_id(0) | None = None


class PatientIn(Schema):
    identifier: text(20)
    name: text(200, 1)
    birth_date: dt.date | None = None


class FirstTrustIn(Schema):
    name: text(200, 1)
    started_on: dt.date


class ReferralIn(Schema):
    unit_id: row_id()
    patient: PatientIn
    received_on: dt.date
    referrer_kind: text(24)
    referrer_name: text(200) = ""
    referrer_hpr: text(9) = ""
    gp_office_id: row_id() | None = None
    # The referring GP when they are a user here, by HPR number: they must work as a GP
    # at ``gp_office_id`` (``referrer_kind`` "gp"); their name and HPR number fill
    # ``referrer_name`` and ``referrer_hpr`` when those are empty.
    referring_gp_hpr: text(9) = ""
    first_trust: FirstTrustIn | None = None


class ReferralOut(Schema):
    id: int
    unit: UnitOut
    patient: PatientOut
    received_on: dt.date
    # The legal deadline for the assessment (10 working days).
    assessment_due: dt.date
    referrer_kind: str
    referrer_name: str
    referrer_hpr: str
    # The referring GP office (referrer kind "gp"), and the GP when they are a user here
    # (null otherwise).
    gp_office: PersonOut | None
    referring_gp: GpOut | None


class ReferralPage(Schema):
    count: int
    items: list[ReferralOut]


class ConsentIn(Schema):
    participant: text(16)
    scope: text(16)
    valid_from: dt.date
    valid_to: dt.date | None = None
    # The person (relative, meeting participant) by user id; a municipal consent is
    # given to the patient's own municipality.
    participant_user_id: row_id() | None = None
    only_this_pathway: bool = False


class ConsentOut(Schema):
    id: int
    participant: str
    participant_label: str
    scope: str
    pathway_id: int | None
    valid_from: dt.date
    valid_to: dt.date | None
    status: str


class WorklistRowOut(Schema):
    pathway_id: int
    type: str
    state: str
    next_due: dt.date | None
    next_clock: str
    breached: bool
    patient_caused_breach: bool
    unit_id: row_id()
    unit_name: str
    patient_id: int
    patient_name: str


class WorklistPage(Schema):
    count: int
    items: list[WorklistRowOut]


# --- the pathway's moves, closure and assessment ----------------------------------------

class AssessmentIn(Schema):
    assessed_on: dt.date
    right_granted: bool
    # When granted: the pathway to start (the kernel's codes; see docs/api.md).
    type: text(32) = ""
    setting: text(16) = ""
    severity: text(16) = ""
    coordinator_id: row_id() | None = None


class AssessmentOut(Schema):
    referral_id: int
    right_granted: bool
    pathway_id: int | None


class MoveIn(Schema):
    to_unit_id: row_id()
    on: dt.date
    reason: text(300, 1)


class TransferIn(Schema):
    to_unit_id: row_id()
    received_on: dt.date


class ChecklistIn(Schema):
    """The closure checklist (ADR 38); every item is needed for an agreed closure."""

    patient_agrees: bool = False
    service_agrees: bool = False
    follow_up_plan: text(4000) = ""
    individual_plan_used: bool = False
    municipal_responsible: text(200) = ""
    final_meeting_id: row_id() | None = None
    help_needs: text(4000) = ""
    knows_where_to_turn: bool = False
    risk_passed_on: bool = False
    risk_passed_to: text(200) = ""


class ClosureIn(Schema):
    on: dt.date
    # Agreed closures only (completed, transferred_contracted_specialist); others are an
    # event: POST /pathways/{id}/events with pathway_end and the outcome.
    outcome: text(40) = "completed"
    checklist: ChecklistIn


class PlanOut(Schema):
    """The current version of the treatment plan; each field only as far as the
    caller's access reaches (null: not shared with you)."""

    pathway_id: int
    version: int
    made_at: dt.datetime
    signed_at: dt.datetime | None
    goals: str | None
    what_matters: str | None
    options_offered: str | None
    option_chosen: str | None
    measures: list[dict[str, Any]] | None
    evaluation_dates: list[str] | None
    crisis_plan: str | None
    individual_plan: str | None
    responsibility_group: str | None


class IndicatorRowOut(Schema):
    """One unit or level; figures null where suppressed (small numbers outside your
    units, DESIGN.md §3)."""

    group: str
    kind: str
    name: str
    own: bool
    hidden: bool
    numerator: int | None
    denominator: int | None
    share: float | None
    service_caused_breaches: int | None
    patient_caused_breaches: int | None


class IndicatorOut(Schema):
    key: str
    label: str
    lower_is_better: bool
    rows: list[IndicatorRowOut]


class IndicatorsOut(Schema):
    period: str
    period_label: str
    indicators: list[IndicatorOut]


# --- reference data: the caller's units, GP offices ---------------------------------------

class TrustOut(Schema):
    id: int
    name: str
    org_number: str


class RoleOut(Schema):
    role: str
    role_label: str


class OwnUnitOut(UnitOut):
    """A unit the caller holds a role in today, its trust and the caller's roles there."""

    trust: TrustOut
    roles: list[RoleOut]


class MunicipalityOut(Schema):
    number: str
    name: str


class GpOfficeOut(Schema):
    id: int
    name: str
    org_number: str
    municipality: MunicipalityOut


class GpOfficePage(Schema):
    count: int
    items: list[GpOfficeOut]

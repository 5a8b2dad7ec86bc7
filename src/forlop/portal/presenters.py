"""What the portal pages show, in plain words, free of the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.models import ConsentScope
from forlop.pathways.presenters.labels import clock_label
from forlop.pathways.presenters.list_labels import Labels

# Tag colours (Designsystemet ``data-color``) per consent status.
STATUS_COLORS = {"active": "success", "not_started": "info", "expired": "neutral",
                 "revoked": "neutral"}


def clock_status_label(status: str) -> str:
    return {"met": _("Nådd i tide"), "breached": _("Fristen er passert"),
            "open": _("Pågår"), "closed": _("Avsluttet")}.get(status, status)


@dataclass(frozen=True)
class ClockRow:
    label: str
    due: dt.date | None
    done: dt.date | None
    status: str

    @classmethod
    def from_clock(cls, clock: dict) -> ClockRow:
        return cls(label=clock_label(clock["clock"]), due=_date(clock.get("due")),
                   done=_date(clock.get("done")), status=clock_status_label(clock["status"]))


@dataclass(frozen=True)
class PathwayRow:
    """One pathway as a patient or relative sees it. ``plans`` and ``clocks`` are
    only filled in when the reader may see them (a relative's consent scope)."""

    patient_name: str
    type: str
    unit: str
    state: str
    is_open: bool
    pk: int = 0
    patient_id: int = 0
    plans: bool = False
    next_due: dt.date | None = None
    next_due_passed: bool = False
    next_clock: str = ""
    coordinator: str = ""
    clocks: tuple[ClockRow, ...] | None = None

    @classmethod
    def from_pathway(cls, pathway, labels: Labels, access=None) -> PathwayRow:
        def shares(scope):
            return access is None or access.shares(scope)

        state = getattr(pathway, "state", None)
        row = {"pk": pathway.pk, "patient_id": pathway.patient_id,
               "patient_name": pathway.patient.name,
               "type": labels.types.get(pathway.type, pathway.type),
               "unit": pathway.unit.name, "is_open": pathway.is_open,
               "state": labels.states.get(state.state, state.state) if state else "–"}
        if shares(ConsentScope.PLANS):
            coordinator = pathway.coordinator
            due = state.next_due if state else None
            row.update(plans=True, next_due=due,
                       next_due_passed=bool(due and pathway.is_open
                                            and due < timezone.localdate()),
                       next_clock=clock_label(state.next_clock) if state else "",
                       coordinator=str(coordinator) if coordinator else "")
        if shares(ConsentScope.COLLABORATION):
            row["clocks"] = tuple(ClockRow.from_clock(c) for c in (state.clocks if state else []))
        return cls(**row)


def consent_status_label(status: str) -> str:
    return {"active": _("Gjelder"), "not_started": _("Ikke startet ennå"),
            "expired": _("Utløpt"), "revoked": _("Trukket tilbake")}[status]


@dataclass(frozen=True)
class ConsentRow:
    pk: int
    who: str
    participant: str
    scope: str
    pathway: str
    valid_from: dt.date
    valid_to: dt.date | None
    revoked_at: dt.datetime | None
    status: str
    status_label: str
    status_color: str
    can_revoke: bool

    @classmethod
    def from_consent(cls, consent, today: dt.date, labels: Labels) -> ConsentRow:
        status = consent.status(today)
        pathway = consent.pathway
        return cls(pk=consent.pk, who=_person_or_place(consent.participant_user,
                                                         consent.participant_municipality),
                   participant=consent.get_participant_display(),
                   scope=consent.get_scope_display(),
                   pathway=labels.types.get(pathway.type, pathway.type) if pathway
                   else _("Alle forløpene dine"),
                   valid_from=consent.valid_from, valid_to=consent.valid_to,
                   revoked_at=consent.revoked_at, status=status,
                   status_label=consent_status_label(status),
                   status_color=STATUS_COLORS[status],
                   can_revoke=status in {"active", "not_started"})


@dataclass(frozen=True)
class RestrictionRow:
    pk: int
    who: str
    kind: str
    since: dt.datetime
    lifted_at: dt.datetime | None
    reason: str

    @property
    def active(self) -> bool:
        return self.lifted_at is None

    @classmethod
    def from_restriction(cls, restriction) -> RestrictionRow:
        unit = restriction.barred_unit
        return cls(pk=restriction.pk,
                   who=_person_or_place(restriction.barred_user, unit),
                   kind=_("Enhet") if unit else _("Person"),
                   since=restriction.created_at, lifted_at=restriction.lifted_at,
                   reason=restriction.reason)


def _person_or_place(user, place) -> str:
    return str(user if user is not None else place)  # User.__str__: full name or username


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# Min side in plain language (docs/care-plans.md): where I am, what happens next.
def state_plain(state: str) -> str:
    return {
        "referred": _("Henvisningen din er mottatt. Den skal vurderes."),
        "assessed": _("Henvisningen din er vurdert."),
        "started": _("Forløpet ditt har startet."),
        "assessing": _("Du er i utredning. Dere finner ut sammen hva som kan hjelpe deg."),
        "extended_assessment": _("Du er i en utvidet utredning. Dere trenger mer tid for "
                                 "å finne ut hva som kan hjelpe deg."),
        "treatment": _("Du får behandling."),
        "closed": _("Forløpet ditt er avsluttet."),
    }.get(state, "")


def next_step_plain(clock: str) -> str:
    return {
        "referral_to_assessment": _("Henvisningen din skal vurderes"),
        "referral_to_first_attendance": _("Du skal få din første time"),
        "ocd_team_referral_to_first_attendance": _("Du skal få din første time hos "
                                                   "OCD-teamet"),
        "first_attendance_to_clinical_decision": _("Du og behandleren din skal bli enige "
                                                   "om hva som skal skje videre"),
        "detox_to_treatment": _("Behandlingen din skal starte etter avrusningen"),
        "clinical_decision_to_first_evaluation": _("Du og behandleren din skal se på om "
                                                   "behandlingen hjelper (første "
                                                   "evaluering)"),
        "evaluation_interval": _("Du og behandleren din skal se på om behandlingen "
                                 "hjelper (evaluering)"),
    }.get(clock, clock_label(clock))


@dataclass(frozen=True)
class NextStep:
    what: str
    due: dt.date
    passed: bool


@dataclass(frozen=True)
class PlanStatus:
    exists: bool
    signed_on: dt.date | None = None
    evaluation_dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class OwnPathwayCard:
    """One of the patient's pathways on Min side, in plain words."""

    pk: int
    title: str
    unit: str
    is_open: bool
    where: str
    next_step: NextStep | None
    coordinator: str
    coordinator_email: str
    clinicians: tuple[str, ...]
    plan: PlanStatus
    meetings: tuple = ()  # collaboration.presenters.MeetingTime, earliest first

    @classmethod
    def build(cls, pathway, labels: Labels, *, today: dt.date, clinicians, plan,
              meetings=()) -> OwnPathwayCard:
        state = getattr(pathway, "state", None)
        step = None
        if state is not None and state.next_due and pathway.is_open:
            step = NextStep(next_step_plain(state.next_clock), state.next_due,
                            state.next_due < today)
        coordinator = pathway.coordinator
        return cls(pk=pathway.pk, title=labels.types.get(pathway.type, pathway.type),
                   unit=pathway.unit.name, is_open=pathway.is_open,
                   where=state_plain(state.state) if state else "",
                   next_step=step, coordinator=str(coordinator) if coordinator else "",
                   coordinator_email=coordinator.email if coordinator else "",
                   clinicians=tuple(str(u) for u in clinicians), plan=plan,
                   meetings=tuple(meetings))

"""View-models for the municipal pages. What of a pathway a row holds follows the
reader's ``Access`` (its consent scope): ``PARTS`` says which scope each part needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from forlop.access.audit import Touch
from forlop.access.models import ConsentScope
from forlop.access.permissions import Permission
from forlop.access.policy import access_to
from forlop.collaboration import selectors as collab
from forlop.collaboration.presenters import meeting_times
from forlop.municipal import selectors
from forlop.pathways.presenters.list_labels import Labels
from forlop.site.dates import norwegian_date

# What each part of a pathway needs of a consent-only reader's scope. The pathway's
# type, status and dates are the overview; so are evaluation dates (as the treatment
# plan's "Evalueringsdatoer", forlop.plans.presenters). A closure being planned is a
# plan (the follow-up plan and who takes over): plans.
PARTS = {
    "pathway": ConsentScope.OVERVIEW,
    "evaluation_due": ConsentScope.OVERVIEW,
    "closure_planned": ConsentScope.PLANS,
}


@dataclass(frozen=True)
class PathwayLine:
    pk: int
    url: str
    type: str
    status: str
    started_on: str
    closed_on: str
    is_open: bool


@dataclass(frozen=True)
class DatedLine:
    pk: int
    url: str
    person: str
    type: str
    date: str


@dataclass
class PersonRow:
    person: str
    service: str
    municipality: str
    coordinator: str = ""
    pathways: list[PathwayLine] = field(default_factory=list)


def pathway_line(pathway, labels: Labels) -> PathwayLine:
    state = getattr(pathway, "state", None)
    return PathwayLine(
        pk=pathway.pk, url=labels.detail_url.format(pathway.pk),
        type=labels.types.get(pathway.type, ""),
        status=labels.states.get(state.state, "") if state else "",
        started_on=norwegian_date(pathway.started_on),
        closed_on=norwegian_date(pathway.closed_on), is_open=pathway.is_open)


def touches(seen) -> list[Touch]:
    """The access-log rows for the pathways a page shows (one per patient)."""
    return [Touch(p.patient_id, access.basis, access.role, access.unit_id)
            for p, access in seen]


def follow_ups_seen(user, follow_ups, seen) -> list:
    """(pathway, access) for the follow-up plans listed whose pathway the page does
    not already show, so each patient on the page is logged on its own basis."""
    shown = {p.pk for p, _ in seen}
    return [(r.pathway, access_to(user, r.pathway, break_glass=False))
            for r in follow_ups if r.pathway_id not in shown]


def _by_patient(seen, labels):
    lines: dict[int, list[PathwayLine]] = {}
    for pathway, access in seen:
        if access.shares(PARTS["pathway"]):
            lines.setdefault(pathway.patient_id, []).append(pathway_line(pathway, labels))
    return lines


def overview(user, municipality_ids, *, include_closed: bool):
    """The coordinating unit's overview: every coordinator and their people, each
    person's pathways only as far as the lead may see them. Returns (rows, seen)."""
    appointments = list(selectors.appointments_in(municipality_ids))
    seen = selectors.pathways_seen(user, {a.patient_id for a in appointments},
                                   include_closed=include_closed)
    lines = _by_patient(seen, Labels.current())
    rows = [PersonRow(person=a.person_name, service=a.service,
                      municipality=a.municipality.name,
                      coordinator=a.coordinator.get_full_name() or a.coordinator.username,
                      pathways=lines.get(a.patient_id, [])) for a in appointments]
    return rows, seen


@dataclass
class Worklist:
    people: list[PersonRow]
    meetings: list
    evaluations: list[DatedLine]
    closures: list[DatedLine]
    notices: list
    seen: list


def worklist(user, municipality_ids, *, include_closed: bool, today: dt.date) -> Worklist:
    """The municipal coordinator's worklist: their people, meetings they are invited
    to, evaluations coming up and closures being planned on their people's pathways
    (as far as consent and its scope allow), and notices waiting about them."""
    labels = Labels.current()
    appointments = list(selectors.appointments_of(user))
    patient_ids = {a.patient_id for a in appointments}
    seen = selectors.pathways_seen(user, patient_ids, include_closed=include_closed)
    lines = _by_patient(seen, labels)
    people = [PersonRow(person=a.person_name, service=a.service,
                        municipality=a.municipality.name,
                        pathways=lines.get(a.patient_id, [])) for a in appointments]
    names = {a.patient_id: a.person_name for a in appointments}
    evaluations, closures = [], []
    for pathway, access in seen:
        if not pathway.is_open:
            continue
        person = names.get(pathway.patient_id, "")
        kind = labels.types.get(pathway.type, "")
        url = labels.detail_url.format(pathway.pk)
        due = collab.evaluation_due(pathway) if access.shares(PARTS["evaluation_due"]) else None
        if due is not None:
            evaluations.append(DatedLine(pathway.pk, url, person, kind, norwegian_date(due)))
        if access.shares(PARTS["closure_planned"]):
            checklist = collab.latest_checklist(pathway)
            if checklist is not None:
                closures.append(DatedLine(pathway.pk, url, person, kind, norwegian_date(
                    timezone.localtime(checklist.saved_at).date())))
    meetings, also_seen = _meetings(user, municipality_ids, seen, names, today)
    notices = list(selectors.notices_waiting(municipality_ids, patient_ids))
    return Worklist(people=people, meetings=meetings, evaluations=evaluations,
                    closures=closures, notices=notices, seen=seen + also_seen)


@dataclass(frozen=True)
class MeetingLine:
    person: str
    type: str
    url: str
    time: object  # collaboration.presenters.MeetingTime


def _meetings(user, municipality_ids, seen, names, today):
    decided = {p.pk: access for p, access in seen}
    since = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    labels = Labels.current()
    out, also_seen = [], []
    for meeting in selectors.invited_meetings(user, decided, municipality_ids, since=since):
        pathway = meeting.pathway
        access = decided.get(pathway.pk)
        if access is None:  # invited in person to a pathway outside their people
            access = decided[pathway.pk] = access_to(user, pathway, break_glass=False)
            if access.can(Permission.VIEW_PATHWAY):
                also_seen.append((pathway, access))
        if not access.can(Permission.VIEW_PATHWAY):
            continue
        time = meeting_times([meeting], today=today, shares=access.shares)[0]
        out.append(MeetingLine(person=names.get(pathway.patient_id, pathway.patient.name),
                               type=labels.types.get(pathway.type, ""),
                               url=labels.detail_url.format(pathway.pk), time=time))
    return out, also_seen

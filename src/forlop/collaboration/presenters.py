"""What the collaboration pages show: plain Norwegian labels, the people who may be
invited or own an action, and the closure panel of the pathway page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forlop.access.models import Consent, ConsentScope, Participant
from forlop.collaboration.models import MeetingMode
from forlop.pathways.closure import missing_for
from forlop.site.dates import norwegian_date

LIFESTYLE_LABELS = {
    "smoking": gettext_lazy("røyking"),
    "alcohol_drugs": gettext_lazy("alkohol og andre rusmidler"),
    "diet": gettext_lazy("kosthold"),
    "activity": gettext_lazy("fysisk aktivitet"),
    "sleep": gettext_lazy("søvn"),
    "loneliness": gettext_lazy("ensomhet"),
    "side_effects": gettext_lazy("bivirkninger av legemidler"),
}


def consent_text(consent) -> str:
    if consent is None:
        return _("mangler samtykke")
    if consent.valid_to:
        return _("samtykke til og med %(date)s") % {"date": norwegian_date(consent.valid_to)}
    return _("samtykke gjelder")


def invite_candidates(pathway) -> list[tuple[str, str]]:
    """(key, label) for everyone outside the service who could take part: the patient's
    registered relatives with an account, everyone the patient has ever consented to
    for a meeting or as a relative, and the patient's municipality. Each label says
    whether a consent covers the pathway now; the service refuses those without."""
    from forlop.accounts.models import User
    from forlop.collaboration.services.meetings import consent_for

    patient = pathway.patient
    ever = Consent.objects.filter(patient=patient, participant__in=[
        Participant.RELATIVE, Participant.MEETING]).values("participant_user_id")
    people = User.objects.filter(Q(pk__in=ever) | Q(pk__in=patient.relatives.current().filter(
        user__isnull=False).values("user_id")), is_active=True).order_by("last_name",
                                                                         "first_name")
    out = [(f"u{p.pk}", f"{p.get_full_name() or p.username} "
                        f"({consent_text(consent_for(pathway, user=p))})") for p in people]
    if patient.municipality_id:
        consent = consent_for(pathway, municipality=patient.municipality)
        out.append((f"m{patient.municipality_id}",
                    f"{patient.municipality.name} ({consent_text(consent)})"))
    return out


def action_owners(pathway, meeting):
    """Who may own an agreed action: the unit's staff, the coordinator and the
    meeting's invited people (the service checks each can open the pathway)."""
    from forlop.access.permissions import Permission
    from forlop.access.policy import access_to
    from forlop.accounts.models import RoleAssignment, User

    staff = RoleAssignment.objects.active().filter(unit=pathway.unit_id).values("user_id")
    municipal = RoleAssignment.objects.active().filter(
        municipality=pathway.patient.municipality_id).values("user_id") if (
        pathway.patient.municipality_id) else RoleAssignment.objects.none().values("user_id")
    candidates = User.objects.filter(
        Q(pk__in=staff) | Q(pk=pathway.coordinator_id) | Q(pk__in=municipal)
        | Q(pk__in=meeting.participants.filter(user__isnull=False).values("user_id")),
        is_active=True).order_by("last_name", "first_name")
    allowed = [u.pk for u in candidates if access_to(u, pathway).can(Permission.VIEW_PATHWAY)]
    return User.objects.filter(pk__in=allowed).order_by("last_name", "first_name")


def closure_panel(pathway, checklist, has_evaluation: bool) -> dict:
    """The pathway page's closure box: shown from the first evaluation on, while open."""
    show = pathway.is_open and (has_evaluation or checklist is not None)
    # Every installed closure check (ADR 50): the checklist, the municipality's
    # confirmation of the follow-up plan (forlop.followup, ADR 59).
    return {"show": show, "missing": missing_for(pathway, "completed") if show else []}


def lifestyle_rows(evaluation) -> list[tuple[str, bool, str]]:
    return [(LIFESTYLE_LABELS[k], bool(v.get("asked")), v.get("agreed", ""))
            for k, v in evaluation.lifestyle.items() if k in LIFESTYLE_LABELS]


# What the patient and relatives read of a meeting (ADR 51). The patient reads all
# of it but the minutes (written for the professionals, with what others said; the
# patient gets them from the clinician or by asking for access to the record). A
# relative reads what the consent's scope covers: the time and the form of the
# meeting are dates of the pathway (the overview, like the evaluation dates); where
# it is (an address or a video link) and the agenda are agreements (plans).
MEETING_PARTS = (
    ("place", ConsentScope.PLANS),
    ("agenda", ConsentScope.PLANS),
)


@dataclass(frozen=True)
class MeetingTime:
    date: str
    time: str
    mode: str
    is_video: bool
    place: str
    agenda: str
    held_on: str
    is_final: bool
    upcoming: bool


def meeting_times(meetings, *, today, shares=None) -> list[MeetingTime]:
    """Plain lines for Min side and the relative's page; with ``shares`` (a
    consent reader's ``Access.shares``) only the parts its scope covers."""
    shown = {name for name, scope in MEETING_PARTS if shares is None or shares(scope)}
    out = []
    for m in meetings:
        local = timezone.localtime(m.starts_at)
        out.append(MeetingTime(
            date=norwegian_date(local.date()), time=f"{local:%H:%M}",
            mode=str(m.get_mode_display()), is_video=m.mode == MeetingMode.VIDEO,
            place=m.place if "place" in shown else "",
            agenda=m.agenda if "agenda" in shown else "",
            held_on=norwegian_date(m.held_on), is_final=m.is_final,
            upcoming=m.held_on is None and local.date() >= today))
    return out

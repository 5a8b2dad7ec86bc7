"""Reads. Views pass a patient or pathway they reached through a guard."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from forlop.collaboration.selectors import latest_checklist  # noqa: F401 (read here too)
from forlop.followup.models import (
    Confirmation,
    FollowUpRequest,
    PlanResponse,
    PlanVersion,
    ResponseKind,
)

CONFIRMED_ITEM = _("kommunen har bekreftet oppfølgingsplanen og ansvarlig fagperson")


def current_version(patient) -> PlanVersion | None:
    return PlanVersion.objects.filter(patient=patient).order_by("-number").first()


def versions(patient):
    return PlanVersion.objects.filter(patient=patient).select_related("made_by").order_by(
        "-number")


def has_plan(patient) -> bool:
    return PlanVersion.objects.filter(patient=patient).exists()


def signature_of(version: PlanVersion | None) -> PlanResponse | None:
    if version is None:
        return None
    return version.responses.filter(kind=ResponseKind.SIGNED).first()


def comments_on(patient):
    return (PlanResponse.objects.filter(version__patient=patient, kind=ResponseKind.COMMENT)
            .select_related("version").order_by("-at"))


def newest_request(pathway) -> FollowUpRequest | None:
    return (FollowUpRequest.objects.filter(pathway=pathway)
            .select_related("plan_version", "municipality", "requested_by")
            .order_by("-pk").first())


def confirmation_of(request: FollowUpRequest | None) -> Confirmation | None:
    if request is None:
        return None
    return Confirmation.objects.filter(request=request).select_related("confirmed_by").first()


def hand_over_problems(checklist, plan: PlanVersion | None) -> list[str]:
    """What keeps the closure checklist from being sent to the municipality: the
    follow-up plan (the individual plan when the patient has one) and the named
    responsible professional, each with how to fix it."""
    problems = []
    if checklist is None or not checklist.municipal_responsible.strip():
        problems.append(_("Skriv navnet på ansvarlig fagperson i kommunen i sjekklisten for "
                          "avslutning."))
    used = checklist is not None and checklist.individual_plan_used
    if plan is not None and not used:
        problems.append(_("Pasienten har individuell plan, og den er oppfølgingsplanen: "
                          "kryss av for det i sjekklisten."))
    elif used and plan is None:
        problems.append(_("Pasienten har ingen individuell plan. Skriv oppfølgingsplanen i "
                          "sjekklisten i stedet."))
    elif not used and (checklist is None or not checklist.follow_up_plan.strip()):
        problems.append(_("Skriv oppfølgingsplanen for kommunen i sjekklisten for "
                          "avslutning."))
    return problems


def _matches(request: FollowUpRequest, checklist) -> bool:
    """The checklist still says what the municipality confirmed."""
    if checklist is None:
        return False
    same_plan = (checklist.individual_plan_used == (request.plan_version_id is not None)
                 and (checklist.individual_plan_used
                      or checklist.follow_up_plan.strip() == request.follow_up_plan.strip()))
    return same_plan and (checklist.municipal_responsible.strip()
                          == request.responsible.strip())


def _filled_in(checklist) -> bool:
    """The checklist names a follow-up plan and a responsible (else it says so itself)."""
    return checklist is not None and bool(checklist.municipal_responsible.strip()) and (
        checklist.individual_plan_used or bool(checklist.follow_up_plan.strip()))


def missing_confirmation(pathway) -> list[str]:
    """What an agreed closure still lacks from the municipality, in words (ADR 59)."""
    checklist = latest_checklist(pathway)
    plan = current_version(pathway.patient)
    missing = []
    if plan is not None and not (checklist is not None and checklist.individual_plan_used):
        missing.append(_("pasienten har individuell plan: den er oppfølgingsplanen (kryss av "
                         "i sjekklisten)"))
    request = newest_request(pathway)
    if request is None or confirmation_of(request) is None:
        missing.append(str(CONFIRMED_ITEM))
    elif _filled_in(checklist) and not _matches(request, checklist):
        missing.append(_("oppfølgingsplanen eller ansvarlig fagperson er endret etter at "
                         "kommunen bekreftet: be kommunen bekrefte på nytt"))
    return missing


def follow_up_text(request: FollowUpRequest) -> str:
    """The follow-up plan as the municipality receives it (the message's body)."""
    from forlop.followup.presenters import plan_as_text

    pathway = request.pathway
    lines = [
        _("Spesialisthelsetjenesten planlegger å avslutte pakkeforløpet for %(name)s "
          "(%(unit)s).") % {"name": pathway.patient.name, "unit": pathway.unit.name},
        _("Kommunen bes bekrefte at den overtar oppfølgingen etter planen under, med "
          "navngitt ansvarlig fagperson."),
        "",
        _("Ansvarlig fagperson i kommunen: %(who)s") % {"who": request.responsible},
        "",
    ]
    if request.plan_version is not None:
        lines.append(_("Oppfølgingsplanen er pasientens individuelle plan (versjon %(n)s):")
                     % {"n": request.plan_version.number})
        lines.append(plan_as_text(request.plan_version))
    else:
        lines.append(_("Oppfølgingsplan:"))
        lines.append(request.follow_up_plan)
    lines += ["", _("Les planen og bekreft at kommunen overtar: %(url)s") % {
        "url": reverse("followup:confirm", args=[pathway.pk])}]
    return "\n".join(lines)


def closure_text(request: FollowUpRequest, event) -> str:
    """What the GP office is told when the pathway closes (the message's body)."""
    from forlop.site.dates import norwegian_date

    pathway = request.pathway
    confirmation = confirmation_of(request)
    return "\n".join([
        _("Pakkeforløpet for %(name)s i %(unit)s ble avsluttet %(date)s.") % {
            "name": pathway.patient.name, "unit": pathway.unit.name,
            "date": norwegian_date(event.on)},
        _("%(municipality)s bekreftet %(date)s at kommunen har overtatt oppfølgingen.") % {
            "municipality": request.municipality.name,
            "date": norwegian_date(confirmation.confirmed_at.date())},
        _("Ansvarlig fagperson i kommunen: %(who)s") % {"who": request.responsible},
        (_("Oppfølgingsplanen er pasientens individuelle plan.")
         if request.plan_version_id else _("Oppfølgingsplan: %(plan)s") % {
             "plan": request.follow_up_plan}),
    ])


def awaiting_confirmation(user) -> list[FollowUpRequest]:
    """Follow-up plans this municipal user should confirm: the newest request of each
    open pathway, sent to a municipality where the user holds a role that may confirm,
    not yet confirmed, and only where the patient's consent shares the pathway's plans
    with the municipality (``access_to``). Oldest first."""
    from forlop.access.models import ConsentScope
    from forlop.access.permissions import Permission
    from forlop.access.policy import access_to, municipal_roles_of

    municipalities = municipal_roles_of(user).values("municipality_id")
    candidates = (FollowUpRequest.objects.filter(
        municipality_id__in=municipalities, pathway__is_open=True, confirmation__isnull=True)
        .select_related("pathway__patient", "pathway__unit", "municipality", "plan_version")
        .order_by("requested_at", "pk"))
    out = []
    for request in candidates:
        if newest_request(request.pathway).pk != request.pk:
            continue
        access = access_to(user, request.pathway)
        if access.can(Permission.CONFIRM_FOLLOW_UP) and access.shares(ConsentScope.PLANS):
            out.append(request)
    return out

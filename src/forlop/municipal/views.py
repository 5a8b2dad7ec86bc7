"""The municipal pages (docs/municipality.md). Pages not about one patient are
guarded by ``requires``; the notice from a pathway by ``pathway_page``. Pathways shown
are logged before the page is rendered."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.audit import log_access
from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page, requires
from forlop.access.models import Action
from forlop.access.permissions import Permission
from forlop.collaboration.views.common import refuse
from forlop.followup.selectors import awaiting_confirmation
from forlop.messaging.services import mark_read
from forlop.municipal import presenters, selectors, services
from forlop.municipal.forms import (
    AppointForm,
    AppointPersonForm,
    EarlyFlagForm,
    HandleForm,
    PathwayNoticeForm,
    StaffNoticeForm,
)
from forlop.municipal.models import NoticeState, Source

SHOW_ALL = "alle"  # ?vis=alle: closed pathways too ("before and after")


def _places(user, permission):
    municipalities = selectors.staff_municipalities(user, permission)
    if not municipalities.exists():
        raise PermissionDenied
    return municipalities


def _log_seen(request, what, seen) -> None:
    if seen:
        log_access(request, action=Action.READ, what=what, touches=presenters.touches(seen))


@requires(Permission.COORDINATE_MUNICIPAL)
def home(request):
    """The municipal coordinator's worklist."""
    municipalities = _places(request.user, Permission.COORDINATE_MUNICIPAL)
    include_closed = request.GET.get("vis") == SHOW_ALL
    work = presenters.worklist(request.user, [m.pk for m in municipalities],
                               include_closed=include_closed, today=timezone.localdate())
    # Follow-up plans the specialist service asked the municipality to confirm before
    # it closes (forlop.followup, ADR 59): the same list as /oppfolgingsplaner/.
    follow_ups = awaiting_confirmation(request.user)
    _log_seen(request, "municipal_worklist", work.seen + presenters.follow_ups_seen(
        request.user, follow_ups, work.seen))
    return render(request, "municipal/home.html", {
        "work": work, "follow_ups": follow_ups, "include_closed": include_closed,
        "show_all": SHOW_ALL})


@requires(Permission.MANAGE_COORDINATION)
def coordinating_unit(request):
    """The coordinating unit: notices waiting, and every coordinator and their people."""
    municipalities = _places(request.user, Permission.MANAGE_COORDINATION)
    ids = [m.pk for m in municipalities]
    include_closed = request.GET.get("vis") == SHOW_ALL
    rows, seen = presenters.overview(request.user, ids, include_closed=include_closed)
    _log_seen(request, "coordinating_unit", seen)
    return render(request, "municipal/unit.html", {
        "municipalities": municipalities, "rows": rows,
        "notices": selectors.notices_waiting(ids), "handled": selectors.recent_handled(ids),
        "include_closed": include_closed, "show_all": SHOW_ALL})


@requires(Permission.MANAGE_COORDINATION)
def notice(request, notice_id: int):
    """One notice: appoint a coordinator from it, or record how it was handled."""
    found = selectors.notice_for(request.user, notice_id)
    if found is None:
        raise Http404
    if found.message is not None and request.method == "GET":
        # The coordinating unit has opened the notice: its message is read.
        mark_read(request.user, found.message)
    coordinators = selectors.coordinators_in(found.municipality)
    which = request.POST.get("skjema") if request.method == "POST" else None
    appoint = AppointForm(request.POST if which == "oppnevn" else None, prefix="oppnevn",
                          coordinators=coordinators)
    handle = HandleForm(request.POST if which == "behandlet" else None, prefix="behandlet")
    try:
        if which == "oppnevn" and appoint.is_valid():
            data = appoint.cleaned_data
            services.appoint_coordinator(
                by=request.user, municipality=found.municipality, patient=found.patient,
                person_name=found.person_name, coordinator=data["coordinator"],
                service=data["service"], phone=data["phone"], email=data["email"],
                notice=found)
            messages.success(request, _("Koordinatoren er oppnevnt, og meldingen er behandlet."))
            return redirect("municipal:unit")
        if which == "behandlet" and handle.is_valid():
            services.handle_notice(by=request.user, notice=found,
                                   note=handle.cleaned_data["note"])
            messages.success(request, _("Meldingen er merket som behandlet."))
            return redirect("municipal:unit")
    except NotPermitted as exc:
        raise Http404 from exc
    except ValidationError as refused:
        refuse(appoint if which == "oppnevn" else handle, refused)
    failed = appoint.errors or handle.errors or (request.method == "POST" and which not in (
        "oppnevn", "behandlet"))
    return render(request, "municipal/notice.html", {
        "notice": found, "appoint": appoint, "handle": handle,
        "waiting": found.state == NoticeState.RECEIVED,
        "current": selectors.municipal_coordinator_for(found.patient)},
        status=400 if failed else 200)


@requires(Permission.MANAGE_COORDINATION)
def appoint(request):
    """Appoint a coordinator for a person without a notice (pathway or not)."""
    municipalities = _places(request.user, Permission.MANAGE_COORDINATION)
    coordinators = selectors.coordinators_in_any(municipalities)
    form = AppointPersonForm(request.POST or None, municipalities=municipalities,
                             coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        municipality = form.chosen_municipality()
        try:
            patient = services.person_for(data["identifier"], data["name"],
                                          municipality=municipality)
            services.appoint_coordinator(
                by=request.user, municipality=municipality, patient=patient,
                person_name=" ".join(data["name"].split()), coordinator=data["coordinator"],
                service=data["service"], phone=data["phone"], email=data["email"])
            messages.success(request, _("Koordinatoren er oppnevnt."))
            return redirect("municipal:unit")
        except NotPermitted as exc:
            raise PermissionDenied from exc
        except ValidationError as refused:
            refuse(form, refused)
    return render(request, "municipal/appoint.html", {"form": form},
                  status=400 if form.errors else 200)


@requires(Permission.NOTIFY_NEED)
def notice_new(request):
    """Municipal staff send a notice of need to their coordinating unit."""
    municipalities = _places(request.user, Permission.NOTIFY_NEED)
    form = StaffNoticeForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.notify_from_municipality(
                by=request.user, municipality=form.chosen_municipality(),
                identifier=data["identifier"], name=data["name"], need=data["need"],
                description=data["description"])
            messages.success(request, _("Meldingen er sendt til koordinerende enhet."))
            return redirect("municipal:notice_new")
        except NotPermitted as exc:
            raise PermissionDenied from exc
        except ValidationError as refused:
            refuse(form, refused)
    return render(request, "municipal/notice_new.html", {"form": form},
                  status=400 if form.errors else 200)


@requires(Permission.FLAG_EARLY)
def early_flag(request):
    """Municipal staff ask a person's GP to assess a referral. The answer holds only
    what the flagger wrote: nothing from any pathway (docs/municipality.md)."""
    municipalities = _places(request.user, Permission.FLAG_EARLY)
    form = EarlyFlagForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.flag_early(by=request.user, municipality=form.chosen_municipality(),
                                identifier=data["identifier"], name=data["name"],
                                gp_office=data["gp_office"], concern=data["concern"])
            messages.success(request, _("Varselet er sendt til fastlegekontoret."))
            return redirect("municipal:early_flag")
        except NotPermitted as exc:
            raise PermissionDenied from exc
        except ValidationError as refused:
            refuse(form, refused)
    return render(request, "municipal/early_flag.html", {"form": form},
                  status=400 if form.errors else 200)


BACK = {Source.PATIENT: "portal:home", Source.RELATIVE: "portal:shared"}


@pathway_page(Permission.NOTIFY_NEED, what="need_notice")
def pathway_notice(request, pathway, access):
    """A notice of need from the patient, a relative or the specialist service, to the
    coordinating unit of the patient's municipality."""
    form = PathwayNoticeForm(request.POST or None)
    source = services.source_of(access)
    back = BACK.get(source)
    if request.method == "POST" and form.is_valid():
        try:
            services.notify_on_pathway(by=request.user, pathway=pathway,
                                       need=form.cleaned_data["need"],
                                       description=form.cleaned_data["description"],
                                       patient_agrees=form.cleaned_data["patient_agrees"])
            messages.success(request, _("Meldingen er sendt til koordinerende enhet i "
                                        "kommunen."))
            return redirect(back) if back else redirect("pathway_detail", pathway.pk)
        except NotPermitted as exc:
            raise Http404 from exc
        except ValidationError as refused:
            refuse(form, refused)
    return render(request, "municipal/pathway_notice.html", {
        "pathway": pathway, "form": form, "back": back, "source": source,
        "municipality": pathway.patient.municipality,
        "sent": selectors.notices_sent_by(request.user, pathway)},
        status=400 if form.errors else 200)

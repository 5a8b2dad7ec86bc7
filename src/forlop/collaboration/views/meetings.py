from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.collaboration import selectors, services
from forlop.collaboration.forms import ActionForm, MeetingForm, MinutesForm
from forlop.collaboration.models import MeetingAction
from forlop.collaboration.presenters import action_owners, invite_candidates
from forlop.collaboration.views.common import refuse
from forlop.site.dates import norwegian_date


def _invitees(pathway, keys):
    from forlop.accounts.models import User

    users = [int(k[1:]) for k in keys if k.startswith("u")]
    people = list(User.objects.filter(pk__in=users).order_by("last_name", "first_name"))
    municipality = pathway.patient.municipality if any(k.startswith("m") for k in keys) else None
    return people, municipality


@pathway_page(Permission.REGISTER_CLINICAL, what="meeting")
def meeting_new(request, pathway, access):
    due = selectors.evaluation_due(pathway)
    form = MeetingForm(request.POST or None, candidates=invite_candidates(pathway),
                       evaluation_due=due)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people, municipality = _invitees(pathway, data["participants"])
        try:
            made = services.plan_meeting(
                pathway=pathway, by=request.user, starts_at=form.starts_at(),
                mode=data["mode"], place=data["place"], agenda=data["agenda"],
                people=people, municipality=municipality, is_final=data["is_final"],
                evaluation_due=due if data.get("for_evaluation") else None)
        except NotPermitted as exc:
            raise Http404 from exc
        except ValidationError as refused:
            refuse(form, refused, {"starts_at": "day"})
        else:
            messages.success(request, _("Samarbeidsmøtet %(date)s er planlagt.")
                             % {"date": norwegian_date(data["day"])})
            return redirect("collaboration:meeting", pathway.pk, made.pk)
    return render(request, "collaboration/meeting_new.html", {
        "pathway": pathway, "form": form, "due": due,
        "meetings": selectors.meetings_of(pathway)}, status=400 if form.errors else 200)


@pathway_page(Permission.REGISTER_CLINICAL, what="meeting")
def meeting(request, pathway, access, meeting_id):
    """One meeting: its plan, participants, minutes and actions. A POST carries
    ``skjema`` = referat (minutes), tiltak (a new action) or utfort (an action done)."""
    found = get_object_or_404(selectors.meetings_of(pathway), pk=meeting_id)
    posted = request.POST if request.method == "POST" else None
    which = posted.get("skjema") if posted else None
    minutes = MinutesForm(posted if which == "referat" else None, prefix="referat",
                          initial={"minutes": found.minutes} if found.minutes else None)
    action = ActionForm(posted if which == "tiltak" else None, prefix="tiltak",
                        owners=action_owners(pathway, found))
    try:
        if which == "referat" and minutes.is_valid():
            services.record_minutes(meeting=found, by=request.user, **minutes.cleaned_data)
            messages.success(request, _("Referatet er lagret. Møtet er registrert som "
                                        "indirekte kontakt."))
            return redirect("collaboration:meeting", pathway.pk, found.pk)
        if which == "tiltak" and action.is_valid():
            services.add_action(meeting=found, by=request.user, **action.cleaned_data)
            messages.success(request, _("Tiltaket er lagt til på arbeidslisten til den "
                                        "ansvarlige."))
            return redirect("collaboration:meeting", pathway.pk, found.pk)
        if which == "utfort":
            done = get_object_or_404(MeetingAction, meeting=found, pk=posted.get("tiltak_id"))
            services.mark_action_done(action=done, by=request.user)
            messages.success(request, _("Tiltaket er merket som utført."))
            return redirect("collaboration:meeting", pathway.pk, found.pk)
    except NotPermitted as exc:
        raise Http404 from exc
    except ValidationError as refused:
        refuse(minutes if which == "referat" else action, refused)
    bad = minutes.errors or action.errors or (posted is not None and which not in (
        "referat", "tiltak", "utfort"))
    return render(request, "collaboration/meeting.html", {
        "pathway": pathway, "meeting": found, "minutes_form": minutes, "action_form": action,
        "actions": found.actions.select_related("owner").order_by("done_on", "due", "pk")},
        status=400 if bad else 200)

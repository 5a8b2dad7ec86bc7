"""Correct or withdraw a registered event, with a reason (a new row; the old one
stays visible, struck through)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission, permission_for_event
from forlop.pathways.closure import ClosureNotReady
from forlop.pathways.forms import CorrectEventForm
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.presenters.events import stale_text
from forlop.pathways.presenters.labels import event_with_outcome
from forlop.pathways.services import correct_event
from forlop.pathways.services.stale import StaleRegistration
from forlop.site.dates import norwegian_date


@pathway_page(Permission.EDIT_PATHWAY, what="pathway_correct")
def pathway_correct(request, pathway, access, event_id):
    event = get_object_or_404(pathway.events.effective().select_related("registered_by"),
                              pk=event_id)
    if not access.can(permission_for_event(event.event)):
        raise Http404  # e.g. a secretary and a clinical decision: not theirs to correct
    newest = pathway.events.order_by("-pk").values_list("pk", flat=True).first()
    form = CorrectEventForm(request.POST or None, event=event,
                            initial={"last_event": newest})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                correct_event(event=event, by=request.user, reason=data["reason"],
                              on=data["on"], outcome=data.get("outcome") or None,
                              retract=data["retract"], expected_last_event=data["last_event"])
            except NotPermitted as exc:
                raise Http404 from exc
            except PathwayRuleError as refused:
                form.add_kernel_errors(refused.errors)
            except ClosureNotReady as refused:  # e.g. "died" corrected to "completed"
                form.add_error(None, refused)
            except ValueError:  # corrected by someone else a moment ago
                form.add_error(None, _("Registreringen er allerede rettet. Se oppdatert side."))
            except StaleRegistration as stale:
                form.add_error(None, stale_text(stale))
                form.data = form.data.copy()
                form.data["last_event"] = str(newest)
                status = 409
            else:
                messages.success(request, _("%(what)s %(date)s er rettet.") % {
                    "what": event_with_outcome(event.event, event.outcome),
                    "date": norwegian_date(event.on)})
                return redirect("pathway_detail", pathway.pk)
    return render(request, "pathways/correct.html", {
        "pathway": pathway, "event": event, "form": form,
        "what": f"{event_with_outcome(event.event, event.outcome)} {norwegian_date(event.on)}",
    }, status=status)

"""Register an event from the pathway page (GET shows the page with the form)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.pathways.closure import ClosureNotReady
from forlop.pathways.forms import RegisterEventForm
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.offer import registrable_events
from forlop.pathways.presenters.events import stale_text
from forlop.pathways.presenters.labels import event_with_outcome
from forlop.pathways.services import register_event
from forlop.pathways.services.stale import StaleRegistration
from forlop.pathways.views.page import page_context, template_for
from forlop.site.dates import norwegian_date


@pathway_page(Permission.EDIT_PATHWAY, what="pathway_register")
def pathway_register(request, pathway, access):
    if request.method != "POST":
        return render(request, "pathways/detail.html", page_context(request, pathway, access))
    offer = registrable_events(pathway, access, timezone.localdate())
    form = RegisterEventForm(request.POST, offer=offer)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            register_event(pathway=pathway, event=data["event"], on=data["on"],
                           outcome=data["outcome"], data=form.event_data(), by=request.user,
                           expected_last_event=data["last_event"])
        except NotPermitted as exc:
            raise Http404 from exc
        except PathwayRuleError as refused:
            form.add_kernel_errors(refused.errors)
        except ClosureNotReady as refused:
            form.add_error(None, refused)
        except StaleRegistration as stale:
            form.add_error(None, stale_text(stale))
            form.data = form.data.copy()  # the next try is made on the page shown now
            form.data["last_event"] = str(pathway.events.order_by("-pk").first().pk)
            status = 409
        else:
            messages.success(request, _("%(what)s %(date)s er registrert.") % {
                "what": event_with_outcome(data["event"], data["outcome"]),
                "date": norwegian_date(data["on"])})
            if request.htmx:
                return render(request, template_for(request, ""),
                              page_context(request, pathway, access))
            return redirect("pathway_detail", pathway.pk)
    context = page_context(request, pathway, access, form=form)
    return render(request, template_for(request, "pathways/detail.html"), context,
                  status=status)

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.collaboration import selectors, services
from forlop.collaboration.forms import RelativeForm
from forlop.collaboration.views.common import refuse


@pathway_page(Permission.REGISTER_CLINICAL, what="relatives")
def relatives(request, pathway, access):
    """The register and a form to add to it; a POST with ``avslutt`` (an entry's id)
    marks that entry as no longer applying."""
    if request.method == "POST" and "avslutt" in request.POST:
        entry = get_object_or_404(selectors.relatives_of(pathway.patient),
                                  pk=request.POST["avslutt"])
        try:
            services.end_relative(pathway=pathway, by=request.user, relative=entry)
        except NotPermitted as exc:
            raise Http404 from exc
        messages.success(request, _("%(name)s gjelder ikke lenger som pårørende.")
                         % {"name": entry.name})
        return redirect("collaboration:relatives", pathway.pk)
    form = RelativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.add_relative(
                pathway=pathway, by=request.user, name=data["name"],
                relation=data["relation"], contact=data["contact"], minor=data["minor"],
                birth_year=data["birth_year"], information_needs=data["information_needs"],
                follow_up_by=data["follow_up_by"], support_needs=data["support_needs"],
                user=data["username"])
        except NotPermitted as exc:
            raise Http404 from exc
        except ValidationError as refused:
            refuse(form, refused, {"user": "username"})
        else:
            messages.success(request, _("%(name)s er lagt til i pårørendelisten.")
                             % {"name": entry.name})
            return redirect("collaboration:relatives", pathway.pk)
    return render(request, "collaboration/relatives.html", {
        "pathway": pathway, "form": form,
        "relatives": selectors.relatives_of(pathway.patient)},
        status=400 if form.errors else 200)

"""The pathway page: one patient's pathway, its clocks and events.

``pathway_page`` decides access and writes the access log before this runs; what a
consent-only reader (municipality, collaboration partner) sees follows the scope
of the consent.
"""

from django.shortcuts import render

from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.pathways.views.page import page_context


@pathway_page(Permission.VIEW_PATHWAY, what="pathway")
def pathway_detail(request, pathway, access):
    return render(request, "pathways/detail.html", page_context(request, pathway, access))

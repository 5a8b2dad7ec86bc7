"""The pathway's own NPR findings on its page: ``{% npr_findings pathway %}``.

A template tag, so the pathway page needs no import of this app. The same lint and
the same scope as the fix-list (``/npr/retting/``): shown to those who work on the
pathway's reporting (``selectors.fix_list_scope``), nothing for anyone else, and
nothing when there is nothing to correct."""

from django import template
from django.utils import timezone

from forlop.npr import selectors
from forlop.npr.presenters import PathwayFindings

register = template.Library()


@register.inclusion_tag("npr/_pathway_findings.html", takes_context=True)
def npr_findings(context, pathway):
    request = context.get("request")
    if request is None:
        return {"group": None}
    found = selectors.own_findings(request.user, pathway, timezone.localdate())
    return {"group": PathwayFindings.of(*found) if found else None}

"""``{% pathway_histories %}``: the setting and unit histories on the pathway page,
read here so the page's own view need not know about them (pathways/includes/
setting_history.html). Shown to those who see the pathway's events."""

from django import template

from forlop.access.models import ConsentScope
from forlop.pathways.moves.presenters import setting_history, unit_history

register = template.Library()


@register.inclusion_tag("pathways/moves/_histories.html", takes_context=True)
def pathway_histories(context):
    pathway, access = context["pathway"], context["access"]
    if not access.shares(ConsentScope.COLLABORATION):
        return {"show": False}
    changes = (pathway.events.filter(event="setting_change").select_related("registered_by"))
    moves = (pathway.unit_changes.select_related("from_unit", "to_unit", "changed_by")
             .order_by("on", "pk"))
    return {"show": True, "settings": setting_history(pathway, changes),
            "moves": unit_history(moves)}

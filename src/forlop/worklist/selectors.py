from django.db.models import F

from forlop.pathways.models import Pathway, PathwayState


def worklist_for(user):
    """Open pathways the user may see, ordered by next due date (none last)."""
    visible = Pathway.objects.visible_to(user).values("pk")
    return (
        PathwayState.objects.filter(is_open=True, pathway__in=visible)
        .select_related("pathway", "pathway__patient", "pathway__unit")
        .order_by(F("next_due").asc(nulls_last=True), "pathway_id")
    )

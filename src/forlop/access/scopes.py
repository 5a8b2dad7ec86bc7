"""The scopes ``Pathway.objects`` applies, from the rules in ``bases``.

pathways sits below access (ADR 15): ``PathwayQuerySet`` declares ``visible_to``,
``own_pathways`` and ``shared_pathways`` and this module gives them their rule,
installed when Django starts (``apps.AccessConfig.ready``). Without it every scope
is empty: deny by default.
"""

from forlop.access import bases
from forlop.access.policy import may_see_patients, pathway_scope


def visible_to(queryset, user):
    """The staff scope (unit roles, coordinator, care team, consent, emergency
    access, minus restrictions)."""
    if not may_see_patients(user):
        return queryset.none()
    return queryset.filter(pathway_scope(user))


def own_pathways(queryset, user):
    """The signed-in patient's own pathways (restrictions never hide these)."""
    if not may_see_patients(user):
        return queryset.none()
    return queryset.filter(bases.OWN_RECORD.q(user))


def shared_pathways(queryset, user):
    """Pathways a patient shares with this relative by an active consent."""
    if not may_see_patients(user):
        return queryset.none()
    return queryset.filter(bases.RELATIVE_CONSENT.q(user)).exclude(bases.barred(user))

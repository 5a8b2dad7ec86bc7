"""The closure checklist as a rule on every closure (ADR 50), installed in
pathways' closure hook by ``apps.Config.ready``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from forlop.collaboration.selectors import latest_checklist, missing_for_closure
from forlop.pathways.closure import ClosureCheck

# Closures agreed between patient and services (ADR 38): only these need the
# checklist. A death, a withdrawal, no right to care or a transfer to another
# trust close without it.
AGREED_OUTCOMES = ("completed", "transferred_contracted_specialist")


def missing_checklist_items(pathway) -> list[str]:
    """What the pathway's newest checklist still lacks, in words; all items with none."""
    return [label for _key, label in missing_for_closure(latest_checklist(pathway))]


CHECK = ClosureCheck(name="collaboration.checklist", outcomes=frozenset(AGREED_OUTCOMES),
                     missing=missing_checklist_items, url_name="collaboration:closure",
                     where=_("Avslutning (sjekkliste)"))

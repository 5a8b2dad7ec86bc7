"""An NPR fix-list example in the demo: DPS Nordby's coordinator meets one error.

The most recently closed adult pathway gets an evaluation dated after its end, as
a pathway migrated from an earlier system could carry (the kernel refuses such an
event when it is registered here, so the row is written as the migration would
have written it). The fix-list (/npr/retting/) shows it as NPR007 with a link to
the pathway page, where the coordinator corrects or retracts the evaluation;
``forlop npr export`` refuses the unit's period until then. Docs: docs/npr.md.
"""

from __future__ import annotations

import datetime as dt

from forlop.pathways.models import Pathway, PathwayEvent


def create_npr_examples(org, users, *, today: dt.date):
    closed = (Pathway.objects.filter(unit=org.units_by_type["voksne"], is_open=False,
                                     closed_on__lt=today)
              .order_by("-closed_on", "pk").first())
    if closed is None:
        return None  # a tiny demo (tests) may have closed none
    PathwayEvent.objects.create(
        pathway=closed, event="evaluation", on=closed.closed_on + dt.timedelta(days=1),
        registered_by=users["koordinator"],
        data={"standardised_tool": True, "user_involved": True})
    return closed

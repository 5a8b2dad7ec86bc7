"""Pages of care around the clock. Each is guarded by ``pathway_page`` (access decided
and logged before the view runs) and writes through one service, which checks the
actor again."""

from forlop.collaboration.views.closure import closure
from forlop.collaboration.views.evaluation import evaluation
from forlop.collaboration.views.meetings import meeting, meeting_new
from forlop.collaboration.views.relatives import relatives

__all__ = ["closure", "evaluation", "meeting", "meeting_new", "relatives"]

"""Writes. Each takes keyword-only arguments and the acting user (``by``), checks it
with ``require_on_pathway`` before writing, and runs in one transaction."""

from forlop.collaboration.services.closure import (
    ClosureIncomplete,
    close_with_checklist,
    save_checklist,
)
from forlop.collaboration.services.evaluations import record_evaluation
from forlop.collaboration.services.meetings import (
    MeetingRefused,
    add_action,
    mark_action_done,
    plan_meeting,
    record_minutes,
)
from forlop.collaboration.services.relatives import add_relative, end_relative

__all__ = ["ClosureIncomplete", "MeetingRefused", "add_action", "add_relative",
           "close_with_checklist", "end_relative", "mark_action_done", "plan_meeting",
           "record_evaluation", "record_minutes", "save_checklist"]

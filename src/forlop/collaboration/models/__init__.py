from forlop.collaboration.models.closure import ClosureChecklist
from forlop.collaboration.models.evaluation import (
    LIFESTYLE_TOPICS,
    ChildrenFollowUp,
    Evaluation,
    StillRight,
    Tool,
)
from forlop.collaboration.models.meeting import (
    Meeting,
    MeetingAction,
    MeetingMode,
    MeetingParticipant,
)

__all__ = ["LIFESTYLE_TOPICS", "ChildrenFollowUp", "ClosureChecklist", "Evaluation", "Meeting",
           "MeetingAction", "MeetingMode", "MeetingParticipant", "StillRight", "Tool"]

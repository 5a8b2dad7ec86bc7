from forlop.plans.models.cosigned import ResponseKind
from forlop.plans.models.plan import (
    IndividualPlan,
    PlanMeeting,
    PlanResponse,
    PlanVersion,
)
from forlop.plans.models.voices import RelativeMessage, SelfReport

__all__ = ["IndividualPlan", "PlanMeeting", "PlanResponse", "PlanVersion", "RelativeMessage",
           "ResponseKind", "SelfReport"]

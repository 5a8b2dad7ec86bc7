from forlop.pathways.models.choices import (
    CareSetting,
    PathwayType,
    Severity,
)
from forlop.pathways.models.event import PathwayEvent
from forlop.pathways.models.local_norm import LocalNorm
from forlop.pathways.models.pathway import CareTeamMember, Pathway
from forlop.pathways.models.referral import Referral, ReferrerKind
from forlop.pathways.models.state import PathwayState, PathwayStatusChange

__all__ = [
    "CareSetting",
    "CareTeamMember",
    "LocalNorm",
    "Pathway",
    "PathwayEvent",
    "PathwayState",
    "PathwayStatusChange",
    "PathwayType",
    "Referral",
    "ReferrerKind",
    "Severity",
]

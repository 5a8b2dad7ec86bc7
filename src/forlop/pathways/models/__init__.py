from forlop.pathways.models.choices import (
    CareSetting,
    PathwayType,
    Severity,
)
from forlop.pathways.models.event import PathwayEvent
from forlop.pathways.models.indicator import IndicatorFact
from forlop.pathways.models.local_norm import LocalNorm
from forlop.pathways.models.pathway import Pathway
from forlop.pathways.models.referral import Referral, ReferrerKind
from forlop.pathways.models.state import PathwayState, PathwayStatusChange
from forlop.pathways.models.unit_change import PathwayUnitChange

__all__ = [
    "CareSetting",
    "IndicatorFact",
    "LocalNorm",
    "Pathway",
    "PathwayEvent",
    "PathwayState",
    "PathwayStatusChange",
    "PathwayUnitChange",
    "PathwayType",
    "Referral",
    "ReferrerKind",
    "Severity",
]

"""Forløp domain kernel: catalog, calendar, event rules, clocks and state.

Plain Python with no Django import: events in, state, deadlines and errors out.
Start with ``evaluate``; see docs/kernel.md.
"""

from .catalog import Catalog, Limit, NoRuleSetError, PathwayDef, RuleSet, UnknownRuleSetError
from .catalog_check import check_catalog
from .catalog_loader import CatalogError, load_catalog
from .clocks import Clock
from .errors import ERROR_CODES, ValidationError
from .evaluation import Evaluation, evaluate
from .events import Event
from .local_norms import LocalNorm, LocalNorms
from .spec import PathwaySpec
from .workdays import add_working_days, is_working_day, working_days_between

__all__ = [
    "ERROR_CODES",
    "Catalog",
    "CatalogError",
    "Clock",
    "Evaluation",
    "Event",
    "Limit",
    "LocalNorm",
    "LocalNorms",
    "NoRuleSetError",
    "PathwayDef",
    "PathwaySpec",
    "RuleSet",
    "UnknownRuleSetError",
    "ValidationError",
    "add_working_days",
    "check_catalog",
    "evaluate",
    "is_working_day",
    "load_catalog",
    "working_days_between",
]

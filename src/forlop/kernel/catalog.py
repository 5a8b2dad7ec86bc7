"""Catalog model: versioned rule sets, their pathways, limits and codes.

Everything here is immutable and built once by ``catalog_loader.load_catalog``.
``RuleSet`` precomputes its limit lookups so that evaluating a pathway is a few
dictionary reads.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


class NoRuleSetError(LookupError):
    """No rule set is in force on the requested date."""


class UnknownRuleSetError(KeyError):
    """No rule set has the requested id."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Limit:
    """One pathway time: ``days`` for ``clock`` in ``setting`` (and ``severity``, if set)."""

    clock: str
    setting: str
    days: int
    unit: str
    basis: str  # "national" | "secondary"
    confirmed: bool
    source: str
    severity: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CodeDef:
    """A code in a rule set: an event letter, a clinical decision or a closure outcome."""

    key: str
    confirmed: bool
    source: str
    letter: str | None = None
    name_nb: str | None = None


@dataclass(frozen=True)
class PathwayDef:
    """One pathway type within a rule set."""

    key: str
    name_nb: str
    name_nn: str
    type_code: str | None
    type_code_confirmed: bool
    type_code_source: str
    clocks: tuple[str, ...]
    limits: tuple[Limit, ...]
    available_from: date | None = None


# eq=False: a rule set is identified by the object loaded from the catalog, which
# also makes it hashable for caches keyed by rule set.
@dataclass(frozen=True, eq=False)
class RuleSet:
    """The rules in force for pathways that start between valid_from and valid_to."""

    id: str
    name: str
    valid_from: date
    valid_to: date | None
    valid_from_confirmed: bool
    start_rule: str
    source_title: str
    source_url: str
    pathways: Mapping[str, PathwayDef]
    events: Mapping[str, CodeDef]
    clinical_decisions: Mapping[str, CodeDef]
    closure_outcomes: Mapping[str, CodeDef]
    _limits: dict = field(init=False, repr=False, compare=False)
    _strictest: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        limits: dict[tuple, Limit] = {}
        strictest: dict[tuple, Limit] = {}
        for pathway in self.pathways.values():
            for limit in pathway.limits:
                limits[(pathway.key, limit.clock, limit.setting, limit.severity)] = limit
                if limit.severity is not None:
                    key = (pathway.key, limit.clock, limit.setting)
                    if key not in strictest or limit.days < strictest[key].days:
                        strictest[key] = limit
        object.__setattr__(self, "_limits", limits)
        object.__setattr__(self, "_strictest", strictest)

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def limit(
        self, pathway: str, clock: str, setting: str, severity: str | None = None
    ) -> Limit | None:
        """The limit for this clock, preferring a severity-specific one."""
        found = self._limits.get((pathway, clock, setting, severity))
        if found is None and severity is not None:
            found = self._limits.get((pathway, clock, setting, None))
        return found

    def strictest_limit(self, pathway: str, clock: str, setting: str) -> Limit | None:
        """The shortest severity-specific limit; used when severity is unknown."""
        return self._strictest.get((pathway, clock, setting))

    def depends_on_severity(self, pathway: str, clock: str, setting: str) -> bool:
        return (pathway, clock, setting) in self._strictest


@dataclass(frozen=True)
class Catalog:
    """All rule sets, ordered by valid_from."""

    rulesets: tuple[RuleSet, ...]

    def ruleset_for(self, start_date: date) -> RuleSet:
        """The rule set in force on a pathway's start date.

        Raises NoRuleSetError naming the covered period when none applies.
        """
        for ruleset in self.rulesets:
            if ruleset.in_force_on(start_date):
                return ruleset
        covered = ", ".join(
            f"{r.id} {r.valid_from.isoformat()}..{r.valid_to.isoformat() if r.valid_to else ''}"
            for r in self.rulesets
        )
        raise NoRuleSetError(
            f"no rule set is in force on {start_date.isoformat()} (rule sets: {covered})"
        )

    def ruleset(self, ruleset_id: str) -> RuleSet:
        """The rule set with this id; UnknownRuleSetError lists the known ids."""
        for ruleset in self.rulesets:
            if ruleset.id == ruleset_id:
                return ruleset
        known = ", ".join(r.id for r in self.rulesets)
        raise UnknownRuleSetError(f"unknown rule set {ruleset_id!r} (known: {known})")

    @property
    def pathway_keys(self) -> tuple[str, ...]:
        keys: dict[str, None] = {}
        for ruleset in self.rulesets:
            keys.update(dict.fromkeys(ruleset.pathways))
        return tuple(keys)

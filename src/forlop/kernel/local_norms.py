"""Local norms: an organisation's own pathway time where no national value exists.

A local norm only fills a gap: when the catalog has a limit (national or secondary)
for the clock, that limit wins, so that pathways are measured the same way
everywhere (national goal 4). Clocks judged by a local norm say
``basis = "local_norm"`` so reports can keep them apart.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import vocabulary as v


@dataclass(frozen=True, slots=True)
class LocalNorm:
    """``days`` for (pathway, clock, setting[, severity]), set by the organisation."""

    pathway: str
    clock: str
    setting: str
    days: int
    severity: str | None = None
    source: str = "local norm"

    @property
    def unit(self) -> str:
        return v.CLOCKS[self.clock]


class LocalNorms:
    """Lookup of local norms keyed by (pathway, clock, setting, severity)."""

    __slots__ = ("_norms", "_key")

    def __init__(self, norms: Iterable[LocalNorm] = ()):
        self._norms: dict[tuple, LocalNorm] = {}
        for norm in norms:
            problem = norm_problem(norm)
            if problem:
                raise ValueError(problem)
            self._norms[(norm.pathway, norm.clock, norm.setting, norm.severity)] = norm
        self._key = frozenset(self._norms.values())

    # Equal by content, so that norm sets rebuilt per request share cached rule lookups.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, LocalNorms) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    @classmethod
    def from_dicts(cls, items: Iterable[Mapping]) -> "LocalNorms":
        """Build from plain dicts with keys pathway, clock, setting, days[, severity, source]."""
        return cls(
            LocalNorm(
                pathway=item["pathway"],
                clock=item["clock"],
                setting=item["setting"],
                days=item["days"],
                severity=item.get("severity"),
                source=item.get("source") or "local norm",
            )
            for item in items
        )

    def lookup(
        self, pathway: str, clock: str, setting: str, severity: str | None = None
    ) -> LocalNorm | None:
        """The most specific norm: severity-specific first, then any severity."""
        found = self._norms.get((pathway, clock, setting, severity))
        if found is None and severity is not None:
            found = self._norms.get((pathway, clock, setting, None))
        return found

    def __len__(self) -> int:
        return len(self._norms)


def norm_problem(norm: LocalNorm) -> str | None:
    """Why this norm is unusable, or None."""
    if norm.pathway not in v.PATHWAY_KEYS:
        return f"local norm: unknown pathway {norm.pathway!r}"
    if norm.clock not in v.CLOCKS:
        return f"local norm: unknown clock {norm.clock!r}"
    if norm.setting not in v.SETTINGS:
        return f"local norm: setting must be one of {', '.join(v.SETTINGS)}, got {norm.setting!r}"
    if norm.severity is not None and norm.severity not in v.SEVERITIES:
        return f"local norm: unknown severity {norm.severity!r}"
    if not isinstance(norm.days, int) or isinstance(norm.days, bool) or norm.days < 0:
        return f"local norm: days must be a whole number of 0 or more, got {norm.days!r}"
    return None


NO_LOCAL_NORMS = LocalNorms()

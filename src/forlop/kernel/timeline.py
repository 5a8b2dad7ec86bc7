"""Timeline: the dates the clocks and the state need, read once from sorted events.

Only events that count are kept: nothing dated after the first pathway_end, no
clinical decision beyond the two the rules allow. Validation reports the rest.
"""

from dataclasses import dataclass, field
from datetime import date

from . import vocabulary as v
from .events import Entry


@dataclass(slots=True)
class Timeline:
    dates: dict[str, list[date]] = field(default_factory=dict)
    decisions: list[tuple[date, str | None]] = field(default_factory=list)
    delays: list[date] = field(default_factory=list)
    # setting_change events naming a known setting, in date order.
    setting_changes: list[tuple[date, str]] = field(default_factory=list)
    right_granted: date | None = None
    end: date | None = None

    @classmethod
    def build(cls, entries: list[Entry]) -> "Timeline":
        timeline = cls()
        end = next((e.event.date for e in entries if e.event.event == "pathway_end"), None)
        timeline.end = end
        for _index, event in entries:
            if end is not None and event.date > end:
                break  # entries are sorted: everything after the end is ignored
            key = event.event
            timeline.dates.setdefault(key, []).append(event.date)
            if key == "clinical_decision" and _decision_counts(timeline.decisions):
                timeline.decisions.append((event.date, event.outcome))
            elif key == "patient_delay":
                timeline.delays.append(event.date)
            elif key == "setting_change" and event.attributes.get("setting") in v.SETTINGS:
                timeline.setting_changes.append((event.date, event.attributes["setting"]))
            elif (key == "referral_assessed" and event.outcome == "right_granted"
                  and timeline.right_granted is None):
                timeline.right_granted = event.date
        return timeline

    def first(self, key: str, on_or_after: date | None = None) -> date | None:
        """The earliest ``key`` event, optionally not before ``on_or_after``."""
        for day in self.dates.get(key, ()):
            if on_or_after is None or day >= on_or_after:
                return day
        return None

    def has(self, key: str) -> bool:
        return key in self.dates

    @property
    def treatment_decision(self) -> date | None:
        """The first counted decision for treatment in specialist care (CP, CT, CS)."""
        for day, outcome in self.decisions:
            if outcome in v.TREATMENT_DECISIONS:
                return day
        return None


def _decision_counts(earlier: list[tuple[date, str | None]]) -> bool:
    # Mirrors validation: a second decision counts only after CU; never a third.
    return not earlier or (len(earlier) == 1 and earlier[0][1] == v.EXTENDED_ASSESSMENT)

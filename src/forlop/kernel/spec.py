"""The pathway specification: which pathway, in which setting, how serious."""

from collections.abc import Mapping
from dataclasses import dataclass

from . import vocabulary as v
from .errors import ValidationError


@dataclass(frozen=True, slots=True)
class PathwaySpec:
    """``type`` is a pathway key; ``severity`` only matters for eating disorders."""

    type: str
    setting: str
    severity: str | None = None

    @classmethod
    def coerce(cls, value: "PathwaySpec | Mapping") -> "PathwaySpec":
        if isinstance(value, PathwaySpec):
            return value
        return cls(value.get("type"), value.get("setting"), value.get("severity"))

    def with_setting(self, setting: str) -> "PathwaySpec":
        """The same pathway in another setting (a setting change, ADR 12)."""
        return self if setting == self.setting else PathwaySpec(self.type, setting, self.severity)

    def to_dict(self) -> dict:
        return {"type": self.type, "setting": self.setting, "severity": self.severity}


def spec_errors(spec: PathwaySpec) -> list[ValidationError]:
    """Problems with the specification itself (not with its events)."""
    errors = []
    if spec.type not in v.PATHWAY_KEYS:
        errors.append(ValidationError(
            "unknown_pathway_type",
            f"unknown pathway type {spec.type!r}; use one of: {', '.join(v.PATHWAY_KEYS)}",
            None, "pathway.type", {"value": spec.type},
        ))
    if spec.setting not in v.SETTINGS:
        errors.append(ValidationError(
            "unknown_setting",
            f"unknown setting {spec.setting!r}; use one of: {', '.join(v.SETTINGS)}",
            None, "pathway.setting", {"value": spec.setting},
        ))
    if spec.severity is not None and spec.severity not in v.SEVERITIES:
        errors.append(ValidationError(
            "unknown_severity",
            f"unknown severity {spec.severity!r}; use one of: {', '.join(v.SEVERITIES)} or null",
            None, "pathway.severity", {"value": spec.severity},
        ))
    return errors

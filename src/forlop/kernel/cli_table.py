"""Plain-text tables of a pathway's clocks per rule set (``forlop catalog show``)."""

from .catalog import Limit, PathwayDef, RuleSet

_HEADERS = ("clock", "setting", "severity", "days", "unit", "basis", "source")


def pathway_table(ruleset: RuleSet, pathway: PathwayDef) -> str:
    """A header naming the rule set and pathway, then one row per clock and setting."""
    period = f"{ruleset.valid_from}..{ruleset.valid_to or ''}"
    if not ruleset.valid_from_confirmed:
        period += " (start date unconfirmed)"
    code = pathway.type_code or "type code unknown"
    if not pathway.type_code_confirmed:
        code += ", unconfirmed"
    lines = [
        f"{ruleset.id}: {ruleset.name} [{period}]",
        f"{pathway.key}: {pathway.name_nb} / {pathway.name_nn} ({code})",
    ]
    rows = [_HEADERS, *(_row(item) for item in _items(pathway))]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def _items(pathway: PathwayDef) -> list[Limit | tuple[str, str]]:
    """Each limit, plus (clock, setting) for clocks that have no limit in a setting."""
    items: list[Limit | tuple[str, str]] = []
    for clock in pathway.clocks:
        for setting in ("outpatient", "inpatient"):
            found = [lim for lim in pathway.limits if lim.clock == clock and lim.setting == setting]
            items.extend(found or [(clock, setting)])
    return items


def _row(item: Limit | tuple[str, str]) -> tuple[str, ...]:
    if isinstance(item, tuple):
        return (item[0], item[1], "-", "-", "-", "none (local norm or no limit)", "-")
    basis = item.basis + ("" if item.confirmed else ", unconfirmed")
    source = item.source + (f" [{item.note}]" if item.note else "")
    return (item.clock, item.setting, item.severity or "-", str(item.days), item.unit,
            basis, source)

"""check_catalog: find every problem in a directory of rule-set files.

Each problem is one human-readable line naming the file and the field, so that a
person editing the TOML can fix it without reading code.
"""

import tomllib
from datetime import timedelta
from pathlib import Path

from . import vocabulary as v
from .catalog_fields import (
    check_codes,
    check_limit,
    check_pathway,
    is_date,
    require_bool,
    require_date,
    require_text,
    table_list,
    unknown_fields,
)

_RULESET_FIELDS = {
    "id", "name", "valid_from", "valid_to", "valid_from_confirmed", "valid_from_source",
    "start_rule", "start_rule_source", "source", "common_limits", "events",
    "clinical_decisions", "closure_outcomes", "pathways",
}
# Closure to a contracted specialist only exists from 2023 on.
_OPTIONAL_CLOSURES = {"transferred_contracted_specialist"}


def read_ruleset_files(directory: Path) -> list[tuple[Path, dict | str]]:
    """Each *.toml file with its parsed content, or the parse error as text."""
    found: list[tuple[Path, dict | str]] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            found.append((path, tomllib.loads(path.read_text(encoding="utf-8"))))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            found.append((path, f"not valid TOML: {exc}"))
    return found


def check_catalog(directory: Path | str) -> list[str]:
    """Every problem in the rule-set files of ``directory``; empty when all is well."""
    directory = Path(directory)
    if not directory.is_dir():
        return [f"{directory}: not a directory"]
    files = read_ruleset_files(directory)
    if not files:
        return [f"{directory}: no rule set files (*.toml) found"]
    problems: list[str] = []
    parsed: list[tuple[str, dict]] = []
    for path, data in files:
        if isinstance(data, str):
            problems.append(f"{path.name}: {data}")
            continue
        problems.extend(check_ruleset(path.name, path.stem, data))
        parsed.append((path.name, data))
    problems.extend(_check_periods(parsed))
    return problems


def check_ruleset(fname: str, stem: str, data: dict) -> list[str]:
    """Problems within one rule set's parsed data."""
    out: list[str] = []
    unknown_fields(out, fname, data, _RULESET_FIELDS)
    for key in ("id", "name", "valid_from_source", "start_rule_source"):
        require_text(out, fname, data, key)
    if isinstance(data.get("id"), str) and data["id"] != stem:
        out.append(f"{fname}: id {data['id']!r} must match the file name {stem!r}")
    require_date(out, fname, data, "valid_from", required=True)
    require_date(out, fname, data, "valid_to", required=False)
    start, end = data.get("valid_from"), data.get("valid_to")
    if is_date(start) and is_date(end) and end < start:
        out.append(f"{fname}: valid_to {end} is before valid_from {start}")
    require_bool(out, fname, data, "valid_from_confirmed")
    if data.get("start_rule") not in v.START_RULES:
        out.append(f"{fname}: start_rule must be one of {', '.join(v.START_RULES)}, "
                   f"got {data.get('start_rule')!r}")
    source = data.get("source")
    if not isinstance(source, dict):
        out.append(f"{fname}: missing [source] table with title and url")
    else:
        require_text(out, f"{fname}: source", source, "title")
        require_text(out, f"{fname}: source", source, "url")
    for i, limit in enumerate(table_list(out, fname, data, "common_limits", required=False)):
        check_limit(out, f"{fname}: common_limits[{i}]", limit, set(v.UNIVERSAL_CLOCKS), True)
    check_codes(out, fname, data, "events", v.CODED_EVENT_KEYS, set())
    check_codes(out, fname, data, "clinical_decisions", v.CLINICAL_DECISIONS, set())
    check_codes(out, fname, data, "closure_outcomes", v.CLOSURE_OUTCOMES, _OPTIONAL_CLOSURES)
    pathways = data.get("pathways")
    if not isinstance(pathways, dict):
        out.append(f"{fname}: missing [pathways] table")
        return out
    for key in pathways:
        if key not in v.PATHWAY_KEYS:
            out.append(f"{fname}: unknown pathway key {key!r} (known: {', '.join(v.PATHWAY_KEYS)})")
    for key in v.PATHWAY_KEYS:
        if key not in pathways:
            out.append(f"{fname}: pathway {key!r} is missing")
        elif not isinstance(pathways[key], dict):
            out.append(f"{fname}: pathways.{key} must be a table")
        else:
            check_pathway(out, f"{fname}: pathways.{key}", pathways[key])
    return out


def _check_periods(parsed: list[tuple[str, dict]]) -> list[str]:
    out: list[str] = []
    ids: dict[str, str] = {}
    for fname, data in parsed:
        if isinstance(data.get("id"), str):
            if data["id"] in ids:
                out.append(f"{fname}: id {data['id']!r} is also used by {ids[data['id']]}")
            ids[data["id"]] = fname
    dated = sorted(
        (d["valid_from"], d.get("valid_to"), f) for f, d in parsed if is_date(d.get("valid_from"))
    )
    for (_, end_a, file_a), (start_b, _, file_b) in zip(dated, dated[1:], strict=False):
        if not is_date(end_a):
            out.append(f"{file_a}: open-ended (no valid_to) but {file_b} starts later on "
                       f"{start_b}; periods overlap")
        elif start_b <= end_a:
            out.append(f"{file_a} and {file_b}: validity periods overlap "
                       f"({file_a} ends {end_a}, {file_b} starts {start_b})")
        elif start_b > end_a + timedelta(days=1):
            out.append(f"{file_a} and {file_b}: gap between validity periods "
                       f"({file_a} ends {end_a}, {file_b} starts {start_b})")
    return out

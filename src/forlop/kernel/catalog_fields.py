"""Field-level checks for rule-set files: pathways, limits, codes and plain fields.

Each function appends "<where>: <problem>" lines to ``out``.
"""

from datetime import date

from . import vocabulary as v

_PATHWAY_FIELDS = {
    "name_nb", "name_nn", "type_code", "type_code_confirmed", "type_code_source",
    "available_from", "clocks", "limits", "without_clocks", "without_clocks_source",
}
_LIMIT_FIELDS = {
    "clock", "setting", "severity", "days", "unit", "basis", "confirmed", "source", "note",
}
_CODE_FIELDS = {"letter", "name_nb", "confirmed", "source"}


def check_pathway(out: list[str], where: str, p: dict) -> None:
    unknown_fields(out, where, p, _PATHWAY_FIELDS)
    for key in ("name_nb", "name_nn", "type_code_source"):
        require_text(out, where, p, key)
    require_bool(out, where, p, "type_code_confirmed")
    code = p.get("type_code")
    if code is not None and not (isinstance(code, str) and code):
        out.append(f"{where}: type_code must be a non-empty string when given")
    if p.get("type_code_confirmed") is True and code is None:
        out.append(f"{where}: type_code_confirmed is true but type_code is missing")
    require_date(out, where, p, "available_from", required=False)
    clocks = p.get("clocks", [])
    if not isinstance(clocks, list):
        out.append(f"{where}: clocks must be a list of clock names")
        clocks = []
    for name in clocks:
        if name not in v.CLOCKS:
            out.append(f"{where}: unknown clock {name!r} in clocks (known: {', '.join(v.CLOCKS)})")
    _check_without_clocks(out, where, p)
    seen: set[tuple] = set()
    for i, limit in enumerate(table_list(out, where, p, "limits", required=False)):
        lwhere = f"{where}.limits[{i}]"
        check_limit(out, lwhere, limit, set(clocks), False)
        key = (limit.get("clock"), limit.get("setting"), limit.get("severity"))
        if key in seen:
            out.append(f"{lwhere}: duplicate limit for clock {key[0]!r}, setting {key[1]!r}, "
                       f"severity {key[2]!r}")
        seen.add(key)


def _check_without_clocks(out: list[str], where: str, p: dict) -> None:
    """A universal clock left out of one pathway, and the source that says why."""
    if "without_clocks" not in p:
        return
    dropped = p["without_clocks"]
    if not isinstance(dropped, list) or any(c not in v.UNIVERSAL_CLOCKS for c in dropped):
        out.append(f"{where}: without_clocks must list universal clocks "
                   f"({', '.join(v.UNIVERSAL_CLOCKS)}), got {dropped!r}")
    require_text(out, where, p, "without_clocks_source")


def check_limit(out: list[str], where: str, lim: dict, clocks: set, any_setting: bool) -> None:
    unknown_fields(out, where, lim, _LIMIT_FIELDS)
    clock = lim.get("clock")
    if clock not in v.CLOCKS:
        out.append(f"{where}: unknown clock {clock!r} (known: {', '.join(v.CLOCKS)})")
    elif clock not in clocks:
        out.append(f"{where}: clock {clock!r} is not listed in this pathway's clocks")
    settings = (*v.SETTINGS, "any") if any_setting else v.SETTINGS
    if lim.get("setting") not in settings:
        out.append(f"{where}: setting must be one of {', '.join(settings)}, "
                   f"got {lim.get('setting')!r}")
    if "severity" in lim and lim["severity"] not in v.SEVERITIES:
        out.append(f"{where}: severity must be one of {', '.join(v.SEVERITIES)}, "
                   f"got {lim['severity']!r}")
    days = lim.get("days")
    if not isinstance(days, int) or isinstance(days, bool):
        out.append(f"{where}: days must be a whole number, got {days!r}")
    elif days < 0:
        out.append(f"{where}: days must not be negative, got {days}")
    if "unit" in lim and lim["unit"] not in v.UNITS:
        out.append(f"{where}: unit must be one of {', '.join(v.UNITS)}, got {lim['unit']!r}")
    if lim.get("basis") not in v.CATALOG_BASES:
        out.append(f"{where}: basis must be one of {', '.join(v.CATALOG_BASES)}, "
                   f"got {lim.get('basis')!r}")
    require_bool(out, where, lim, "confirmed")
    if not (isinstance(lim.get("source"), str) and lim["source"].strip()):
        out.append(f"{where}: limit has no source; cite where the value comes from")
    if lim.get("basis") == "secondary" and lim.get("confirmed") is True:
        out.append(f"{where}: a limit with basis 'secondary' cannot be confirmed")


def check_codes(out: list[str], fname: str, data: dict, table: str, known, optional) -> None:
    codes = data.get(table)
    if not isinstance(codes, dict):
        out.append(f"{fname}: missing [{table}] table")
        return
    for key, entry in codes.items():
        where = f"{fname}: {table}.{key}"
        if key not in known:
            out.append(f"{where}: unknown key (known: {', '.join(known)})")
        elif not isinstance(entry, dict):
            out.append(f"{where}: must be a table")
        else:
            unknown_fields(out, where, entry, _CODE_FIELDS)
            require_bool(out, where, entry, "confirmed")
            require_text(out, where, entry, "source")
    for key in known:
        if key not in codes and key not in optional:
            out.append(f"{fname}: {table}.{key} is missing")


def is_date(value) -> bool:
    return isinstance(value, date) and not hasattr(value, "hour")


def unknown_fields(out: list[str], where: str, table: dict, allowed: set) -> None:
    for key in table:
        if key not in allowed:
            out.append(f"{where}: unknown field {key!r}")


def require_text(out: list[str], where: str, table: dict, key: str) -> None:
    if not (isinstance(table.get(key), str) and table[key].strip()):
        out.append(f"{where}: missing field {key!r} (non-empty text)")


def require_bool(out: list[str], where: str, table: dict, key: str) -> None:
    if not isinstance(table.get(key), bool):
        out.append(f"{where}: missing field {key!r} (true or false)")


def require_date(out: list[str], where: str, table: dict, key: str, *, required: bool) -> None:
    if key not in table:
        if required:
            out.append(f"{where}: missing field {key!r} (a TOML date, e.g. 2019-01-01)")
    elif not is_date(table[key]):
        out.append(f"{where}: {key} must be a TOML date without quotes, got {table[key]!r}")


def table_list(out: list[str], where: str, table: dict, key: str, *, required: bool) -> list:
    value = table.get(key, None if required else [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        out.append(f"{where}: {key} must be an array of tables ([[{key}]])")
        return []
    return value

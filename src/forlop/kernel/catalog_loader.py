"""load_catalog: read the rule-set TOML files into an immutable ``Catalog``.

The packaged rule sets are loaded once per process (``functools.lru_cache``):
``evaluate`` runs in loops over hundreds of thousands of pathways.
"""

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from . import vocabulary as v
from .catalog import Catalog, CodeDef, Limit, PathwayDef, RuleSet
from .catalog_check import check_catalog, check_ruleset, read_ruleset_files

DEFAULT_DIRECTORY = Path(__file__).parent / "data" / "rulesets"


class CatalogError(ValueError):
    """The rule-set files have problems; ``problems`` lists each one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid rule-set catalog:\n  " + "\n  ".join(problems))


def load_catalog(directory: Path | str | None = None) -> Catalog:
    """The catalog in ``directory`` (default: the packaged rule sets).

    Raises CatalogError listing every problem ``check_catalog`` finds.
    """
    if directory is None:
        return _default_catalog()
    return _load(Path(directory))


@lru_cache(maxsize=1)
def _default_catalog() -> Catalog:
    return _load(DEFAULT_DIRECTORY)


def _load(directory: Path) -> Catalog:
    problems = check_catalog(directory)
    if problems:
        raise CatalogError(problems)
    rulesets = [_build_ruleset(data) for _path, data in read_ruleset_files(directory)]
    return Catalog(tuple(sorted(rulesets, key=lambda r: r.valid_from)))


def parse_ruleset(data: dict, fname: str = "<ruleset>") -> RuleSet:
    """Build one RuleSet from parsed TOML data, raising CatalogError on problems."""
    problems = check_ruleset(fname, str(data.get("id")), data)
    if problems:
        raise CatalogError(problems)
    return _build_ruleset(data)


def _build_ruleset(data: dict) -> RuleSet:
    common = [_limit(raw) for raw in data.get("common_limits", [])]
    pathways = {
        key: _pathway(key, raw, common) for key, raw in data["pathways"].items()
    }
    return RuleSet(
        id=data["id"],
        name=data["name"],
        valid_from=data["valid_from"],
        valid_to=data.get("valid_to"),
        valid_from_confirmed=data["valid_from_confirmed"],
        start_rule=data["start_rule"],
        source_title=data["source"]["title"],
        source_url=data["source"]["url"],
        pathways=MappingProxyType(pathways),
        events=_codes(data["events"]),
        clinical_decisions=_codes(data["clinical_decisions"]),
        closure_outcomes=_codes(data["closure_outcomes"]),
    )


def _pathway(key: str, raw: dict, common: list[list[Limit]]) -> PathwayDef:
    # A pathway may leave out a universal clock, with a source (``without_clocks``).
    dropped = {*raw.get("clocks", []), *raw.get("without_clocks", [])}
    clocks = tuple(c for c in v.UNIVERSAL_CLOCKS if c not in dropped)
    clocks += tuple(raw.get("clocks", []))
    limits = [limit for group in common for limit in group]
    limits += [limit for item in raw.get("limits", []) for limit in _limit(item)]
    return PathwayDef(
        key=key,
        name_nb=raw["name_nb"],
        name_nn=raw["name_nn"],
        type_code=raw.get("type_code"),
        type_code_confirmed=raw["type_code_confirmed"],
        type_code_source=raw["type_code_source"],
        available_from=raw.get("available_from"),
        clocks=clocks,
        limits=tuple(limits),
    )


def _limit(raw: dict) -> list[Limit]:
    # "any" is shorthand in the data; the model keeps one limit per concrete setting.
    settings = v.SETTINGS if raw["setting"] == "any" else (raw["setting"],)
    return [
        Limit(
            clock=raw["clock"],
            setting=setting,
            severity=raw.get("severity"),
            days=raw["days"],
            unit=raw.get("unit", v.CLOCKS[raw["clock"]]),
            basis=raw["basis"],
            confirmed=raw["confirmed"],
            source=raw["source"],
            note=raw.get("note"),
        )
        for setting in settings
    ]


def _codes(table: dict) -> MappingProxyType:
    return MappingProxyType({
        key: CodeDef(
            key=key,
            confirmed=entry["confirmed"],
            source=entry["source"],
            letter=entry.get("letter"),
            name_nb=entry.get("name_nb"),
        )
        for key, entry in table.items()
    })

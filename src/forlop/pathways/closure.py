"""Closure checks: rules from apps above pathways that a closure must pass (ADR 50).

pathways sits below the apps that hold what a closure needs (collaboration's
checklist), so it declares the hook and they install their rule when Django starts
(as access installs the scopes, ADR 15). ``register_event`` and ``correct_event``
ask ``refuse_unready_closure`` for every ``pathway_end`` they write, whoever calls
them (pathway page, API). ``append_event`` (loaders, factories, a transfer) does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ClosureCheck:
    """``missing(pathway)`` lists (in words) what a closure with one of ``outcomes``
    still lacks; ``url_name`` is the page where it is put in place (with the
    pathway's pk), ``where`` its name for a link."""

    name: str
    outcomes: frozenset[str]
    missing: Callable[[object], list[str]]
    url_name: str = ""
    where: str = ""


CLOSURE_CHECKS: list[ClosureCheck] = []


class ClosureNotReady(ValidationError):
    """A closure an installed check refuses; ``missing`` names each item. Raised on the
    ``outcome`` field so forms and the API show it there."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__({"outcome": _(
            "Forløpet kan ikke avsluttes med dette utfallet før sjekklisten for avslutning "
            "er fullført. Mangler: %(items)s.") % {"items": "; ".join(missing)}})


def install_closure_check(check: ClosureCheck) -> None:
    """Install ``check`` once (by name: a second ``ready`` replaces it)."""
    CLOSURE_CHECKS[:] = [c for c in CLOSURE_CHECKS if c.name != check.name] + [check]


def checked_outcomes() -> frozenset[str]:
    """Closure outcomes some installed check guards (the generic form leaves them out)."""
    return frozenset().union(*(c.outcomes for c in CLOSURE_CHECKS))


def missing_for(pathway, outcome: str) -> list[str]:
    return [item for check in CLOSURE_CHECKS if outcome in check.outcomes
            for item in check.missing(pathway)]


def refuse_unready_closure(pathway, outcome: str) -> None:
    """Raise ``ClosureNotReady`` when an installed check finds something missing."""
    missing = missing_for(pathway, outcome)
    if missing:
        raise ClosureNotReady(missing)

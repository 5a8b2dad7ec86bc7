"""Synthetic names and identifiers for demo and benchmark patients."""

from __future__ import annotations

import datetime as dt
import random

from forlop.kernel.identifiers import (
    generate_fh_number,
    generate_synthetic_fnr,
    generate_synthetic_person,
)

FIRST = ["Ada", "Bjørn", "Cecilie", "Dag", "Eli", "Frode", "Guri", "Halvor", "Ingrid", "Jon",
         "Kari", "Lars", "Marte", "Nils", "Oda", "Per", "Randi", "Sindre", "Tone", "Ulf",
         "Vilde", "Åse", "Øystein", "Liv", "Amir", "Sara", "Mohammed", "Aisha", "Tobias"]
LAST = ["Testesen", "Prøvestad", "Demoli", "Eksempelsen", "Fiktivdal", "Syntesen",
        "Oppdiktet", "Lånås", "Tenkeland", "Forsøkvik"]


def synthetic_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def synthetic_identifier(rng: random.Random) -> tuple[str, str]:
    """A Test-Norge fødselsnummer/D-nummer (month + 80) or, now and then, an FH-nummer."""
    roll = rng.random()
    if roll < 0.05:
        return generate_fh_number(rng), "fhnr"
    if roll < 0.12:
        return generate_synthetic_fnr(rng, dnr=True), "dnr"
    return generate_synthetic_fnr(rng), "fnr"


def synthetic_person(rng: random.Random) -> tuple[str, str, dt.date]:
    """A synthetic identifier, its kind and the birth date the demo's stand-in for the
    population register gives: the date the number was made from, or, for an
    FH-nummer (which carries no date), a drawn one."""
    roll = rng.random()
    if roll < 0.05:
        return generate_fh_number(rng), "fhnr", generate_synthetic_person(rng)[1]
    number, born = generate_synthetic_person(rng, dnr=roll < 0.12)
    return number, "dnr" if roll < 0.12 else "fnr", born

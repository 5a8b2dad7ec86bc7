"""Norwegian person identifiers: classify, validate and generate synthetic ones.

Pure Python, standard library only (no Django), so any layer can use it.

What is checked
---------------
All kinds are 11 digits: six date-like digits, three individual digits, two
check digits k1 and k2 (DESIGN.md section 5).

* ``fnr``  fødselsnummer, DDMMYY + individual number + k1 k2.
  OID urn:oid:2.16.578.1.12.4.1.4.1.
* ``dnr``  D-nummer: day + 40 (first digit 4-7). OID ...4.1.4.2.
* ``hnr``  H-nummer: month + 40 (third digit 4 or 5). Internal to a health
  institution, no national OID, so ``oid`` is None.
* ``fhnr`` FH-nummer (felles hjelpenummer): first digit 8 or 9, digits 2-9
  random and carrying no information, two check digits as for a fødselsnummer.
  OID ...4.1.4.3.
* Test-Norge synthetic numbers (Skatteetaten's Tenor / synthetic population
  register): month + 80, for fnr and, combined with day + 40, for dnr.
  They keep kind ``fnr``/``dnr`` and set ``synthetic``.

Check digits (verified)
-----------------------
Weights 3,7,6,1,8,9,4,5,2 for k1 and 5,4,3,2,7,6,5,4,3,2 for k2, modulus 11.
Written as whole-number checks: with k1 weighted 1 and k2 weighted 1,

    classic:  (3,7,6,1,8,9,4,5,2,1) . d[0:10]   = 0 (mod 11)
    2032:     (3,7,6,1,8,9,4,5,2,1) . d[0:10]   in {0, 1, 2, 3} (mod 11)
    both:     (5,4,3,2,7,6,5,4,3,2,1) . d[0:11] = 0 (mod 11)

A check digit that would have to be 10 means the number is never issued.
Source: Skatteetaten, "Nytt fødselsnummer fra 2032", Folkeregisteret API
documentation (github.com/Skatteetaten/folkeregisteret-api-dokumentasjon,
src/om-tjenestene/nyttfnr2032.md, published at
https://skatteetaten.github.io/folkeregisteret-api-dokumentasjon/nytt-fodselsnummer-fra-2032/):
for fødselsnumre and D-numre issued from 1 January 2032 the remainder of the
k1 modulus check may be 0, 1, 2 or 3 ("k1 = {11,12,13,14} - (sum MOD 11)"),
k2 is computed as before with exactly one valid digit, and a computed 10 is
still rejected. Systems must accept both calculations side by side. The same
page says new numbers are sex-neutral and the individual number no longer
tells the century: sex and birth date must come from the population register.
This module never derives either.

Consequence for error detection: k2 is a full modulus-11 check over all
eleven digits with weights that are all non-zero modulo the prime 11, so any
single-digit substitution changes the k2 sum by w*delta != 0 (mod 11) and is
rejected, under both rules. The 2032 rule only weakens k1 on its own; changing
k1 to another allowed 2032 value always breaks k2 (tested).

Assumptions (stated, not verified against a primary text)
---------------------------------------------------------
* The 2032 rule applies to fnr and dnr (including Test-Norge ones), as the
  source says. H-numre and FH-numre are accepted with the classic rule only.
* FH-nummer check digits use the same algorithm as a fødselsnummer. This
  follows HIS 1001:2010 (Direktoratet for e-helse, "Identifikatorer for
  personer") as cited in github.com/mikaello/norwegian-national-id-validator
  issue #1 (modulus check "for D-, H- and FH-number as well", section 4.2) and
  its implementation; the primary standard was not read here. FH-numbers
  carry no date, so no date check is made.
* The date part must be a real calendar date in at least one plausible
  century (1800s, 1900s, 2000s). The century is NOT derived from the
  individual number: from 2032 the individual number no longer tells the
  century (source above), and deriving it would be deriving age. In practice
  this means 29 February is accepted exactly when YY is divisible by 4
  (YY = 00 counts, because 2000 was a leap year).
* Other test-identity schemes are not recognised: NAV's synthetic numbers
  (month + 40) look like H-numbers, and Norsk helsenett's test identities
  (month + 65) are rejected as an invalid month.
* Whitespace anywhere in the input is removed (so "DDMMYY NNNNN" works);
  anything else that is not an ASCII digit is rejected.
"""

from __future__ import annotations

import calendar
import operator
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "CheckDigitRule",
    "IdentifierInfo",
    "IdentifierKind",
    "check_digits",
    "classify",
    "generate_fh_number",
    "generate_synthetic_fnr",
    "generate_synthetic_person",
    "is_synthetic_or_fh",
]

LENGTH = 11

_DIGITS = frozenset("0123456789")
_K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_REMAINDERS = {"classic": (0,), "2032": (0, 1, 2, 3)}

D_NUMBER_DAY_OFFSET = 40
H_NUMBER_MONTH_OFFSET = 40
TEST_NORGE_MONTH_OFFSET = 80


class IdentifierKind(StrEnum):
    FNR = "fnr"
    DNR = "dnr"
    HNR = "hnr"
    FHNR = "fhnr"
    UNKNOWN = "unknown"


class CheckDigitRule(StrEnum):
    CLASSIC = "classic"
    RULE_2032 = "2032"


_OIDS = {
    IdentifierKind.FNR: "urn:oid:2.16.578.1.12.4.1.4.1",
    IdentifierKind.DNR: "urn:oid:2.16.578.1.12.4.1.4.2",
    IdentifierKind.FHNR: "urn:oid:2.16.578.1.12.4.1.4.3",
}

# Kinds whose check digits may follow the 2032 rule (see module docstring).
_KINDS_WITH_2032_RULE = frozenset({IdentifierKind.FNR, IdentifierKind.DNR})


@dataclass(frozen=True, slots=True)
class IdentifierInfo:
    """What a string is as a Norwegian person identifier.

    Deliberately has no sex, age or birth-date field.

    ``value`` is the input with whitespace removed; it is left out of ``repr``
    so that logging an ``IdentifierInfo`` does not log the number.
    ``kind`` is structural (from the leading digits) and is set even when the
    number is invalid; it is ``unknown`` only when the input is not 11 digits.
    ``synthetic`` is True when the month field carries the Test-Norge +80
    offset. ``reasons`` is empty exactly when ``valid``. ``check_digit_rule``
    names the rule the check digits satisfy (``classic`` when both would), or
    None when they satisfy neither or were not checked.
    """

    value: str = field(repr=False)
    kind: IdentifierKind
    synthetic: bool
    valid: bool
    reasons: tuple[str, ...]
    check_digit_rule: CheckDigitRule | None

    @property
    def oid(self) -> str | None:
        """The identifier system of the kind, as ``urn:oid:...``; None for hnr and unknown."""
        return _OIDS.get(self.kind)


def _is_digits(text: str) -> bool:
    # str.isdigit() would also accept e.g. superscripts and Arabic-Indic digits.
    return bool(text) and set(text) <= _DIGITS


def _weighted_mod11(digits: str, weights: tuple[int, ...]) -> int:
    if len(digits) != len(weights):
        raise ValueError("digits and weights differ in length")
    return sum(map(operator.mul, map(int, digits), weights)) % 11


def _k1_for_remainder(k1_sum: int, remainder: int) -> int:
    """k1 making the k1 check sum (k1 weighted 1) leave ``remainder``; may be 10.

    ``k1_sum`` is the weighted sum of the first nine digits modulo 11.
    """
    return (remainder - k1_sum) % 11


def _k2(first10: str) -> int:
    """The only k2 for these ten digits; 10 means no digit fits."""
    return (-_weighted_mod11(first10, _K2_WEIGHTS)) % 11


def check_digits(first9: str, *, rule: str = "classic") -> tuple[str, ...]:
    """All two-digit check-digit suffixes valid for ``first9`` under ``rule``.

    ``rule="classic"`` gives at most one suffix; ``rule="2032"`` gives every
    suffix the 2032 rule accepts (including the classic one), ordered by k1
    remainder 0, 1, 2, 3. An empty tuple means the nine digits cannot be
    completed (a check digit would have to be 10).
    """
    if len(first9) != 9 or not _is_digits(first9):
        raise ValueError("first9 must be exactly nine ASCII digits")
    remainders = _REMAINDERS[CheckDigitRule(rule).value]
    k1_sum = _weighted_mod11(first9, _K1_WEIGHTS)
    suffixes = []
    for remainder in remainders:
        k1 = _k1_for_remainder(k1_sum, remainder)
        if k1 == 10:
            continue
        k2 = _k2(first9 + str(k1))
        if k2 == 10:
            continue
        suffixes.append(f"{k1}{k2}")
    return tuple(suffixes)


def _offset_phrase(field_name: str, raw: int, offset: int, label: str, value: int) -> str:
    if offset:
        return f"{field_name} field {raw:02d} minus the {label} offset {offset} gives {value:02d}"
    return f"{field_name} {raw:02d}"


def _date_reasons(digits: str, day_offset: int, month_offset: int, month_label: str) -> list[str]:
    raw_day, raw_month, yy = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    day, month = raw_day - day_offset, raw_month - month_offset
    reasons = []
    if not 1 <= month <= 12:
        phrase = _offset_phrase("month", raw_month, month_offset, month_label, month)
        reasons.append(f"{phrase}, which is not a month 01-12")
    if not 1 <= day <= 31:
        phrase = _offset_phrase("day", raw_day, day_offset, "D-nummer", day)
        reasons.append(f"{phrase}, which is not a day 01-31")
    if reasons:
        return reasons
    # Any plausible century (see module docstring). 2000 + yy is a leap year
    # exactly when some century's year is, so it gives the longest February.
    if day > calendar.monthrange(2000 + yy, month)[1]:
        reasons.append(f"{day:02d}.{month:02d}.{yy:02d} is not a real calendar date")
    return reasons


def _join_digits(values: list[int]) -> str:
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _k1_reason(k1: int, k1_sum: int, allow_2032: bool) -> str:
    classic = _k1_for_remainder(k1_sum, 0)
    extra = [_k1_for_remainder(k1_sum, r) for r in (1, 2, 3)] if allow_2032 else []
    extra = [v for v in extra if v != 10]
    head = f"check digit 1 is {k1}"
    if not extra:
        if classic == 10:
            return f"{head}, but no digit fits: these nine digits would need 10"
        return f"{head}, expected {classic}"
    if classic == 10:
        return (
            f"{head}, expected {_join_digits(extra)} under the 2032 rule "
            "(no classic check digit exists for these nine digits)"
        )
    return f"{head}, expected {classic} (or {_join_digits(extra)} under the 2032 rule)"


def _k2_reason(digits: str) -> str | None:
    k2 = int(digits[10])
    expected = _k2(digits[:10])
    if expected == k2:
        return None
    if expected == 10:
        return f"check digit 2 is {k2}, but no digit fits: the first ten digits would need 10"
    return f"check digit 2 is {k2}, expected {expected}"


def _structure(digits: str) -> tuple[IdentifierKind, bool, list[str]]:
    """Kind, synthetic flag and date/structure reasons for eleven digits."""
    first = int(digits[0])
    if first >= 8:
        return IdentifierKind.FHNR, False, []
    kind = IdentifierKind.DNR if first >= 4 else IdentifierKind.FNR
    day_offset = D_NUMBER_DAY_OFFSET if kind is IdentifierKind.DNR else 0
    raw_month = int(digits[2:4])
    reasons = []
    if raw_month >= TEST_NORGE_MONTH_OFFSET:
        month_offset, label = TEST_NORGE_MONTH_OFFSET, "Test-Norge"
    elif raw_month >= H_NUMBER_MONTH_OFFSET:
        month_offset, label = H_NUMBER_MONTH_OFFSET, "H-nummer"
        if kind is IdentifierKind.DNR:
            reasons.append("a D-nummer cannot also carry the H-nummer month offset (+40)")
        else:
            kind = IdentifierKind.HNR
    else:
        month_offset, label = 0, ""
    synthetic = month_offset == TEST_NORGE_MONTH_OFFSET
    reasons.extend(_date_reasons(digits, day_offset, month_offset, label))
    return kind, synthetic, reasons


def classify(value: str) -> IdentifierInfo:
    """Classify and validate a Norwegian person identifier. Never raises for a str."""
    text = "".join(value.split())
    if not text:
        return IdentifierInfo(text, IdentifierKind.UNKNOWN, False, False, ("is empty",), None)
    shape_reasons = []
    if not _is_digits(text):
        shape_reasons.append("contains characters other than the digits 0-9")
    if len(text) != LENGTH:
        shape_reasons.append(f"has {len(text)} characters, expected {LENGTH} digits")
    if shape_reasons:
        return IdentifierInfo(
            text, IdentifierKind.UNKNOWN, False, False, tuple(shape_reasons), None
        )

    kind, synthetic, reasons = _structure(text)
    allow_2032 = kind in _KINDS_WITH_2032_RULE
    k1 = int(text[9])
    k1_sum = _weighted_mod11(text[:9], _K1_WEIGHTS)
    k1_remainder = (k1 + k1_sum) % 11
    allowed = _REMAINDERS["2032" if allow_2032 else "classic"]
    check_reasons = []
    if k1_remainder not in allowed:
        check_reasons.append(_k1_reason(k1, k1_sum, allow_2032))
    k2_reason = _k2_reason(text)
    if k2_reason:
        check_reasons.append(k2_reason)
    rule = None
    if not check_reasons:
        rule = CheckDigitRule.CLASSIC if k1_remainder == 0 else CheckDigitRule.RULE_2032
    reasons.extend(check_reasons)
    return IdentifierInfo(text, kind, synthetic, not reasons, tuple(reasons), rule)


def is_synthetic_or_fh(value: str) -> bool:
    """True only for a valid Test-Norge synthetic fnr/dnr or a valid FH-nummer.

    Use it to refuse real-looking numbers in demo data and fixtures.
    """
    info = classify(value)
    return info.valid and (info.synthetic or info.kind is IdentifierKind.FHNR)


def _pick_suffix(rng: random.Random, first9: str, rule: str) -> str | None:
    suffixes = check_digits(first9, rule=rule)
    if CheckDigitRule(rule) is CheckDigitRule.RULE_2032:
        # Only suffixes the classic rule rejects, so the result exercises the new rule.
        suffixes = tuple(s for s in suffixes if s not in check_digits(first9))
    return rng.choice(suffixes) if suffixes else None


def generate_synthetic_fnr(rng: random.Random, *, dnr: bool = False, rule: str = "classic") -> str:
    """A valid Test-Norge synthetic fødselsnummer (month + 80), or D-nummer if ``dnr``.

    ``rule="2032"`` gives check digits that only the 2032 rule accepts (k1
    remainder 1-3). Deterministic for a given ``rng`` state.
    """
    CheckDigitRule(rule)  # reject an unknown rule before looping
    while True:
        yy = rng.randrange(100)
        month = rng.randint(1, 12)
        day = rng.randint(1, calendar.monthrange(2000 + yy, month)[1])
        individual = rng.randrange(1000)
        day_field = day + (D_NUMBER_DAY_OFFSET if dnr else 0)
        first9 = f"{day_field:02d}{month + TEST_NORGE_MONTH_OFFSET:02d}{yy:02d}{individual:03d}"
        suffix = _pick_suffix(rng, first9, rule)
        if suffix is not None:
            return first9 + suffix


def generate_fh_number(rng: random.Random) -> str:
    """A valid FH-nummer: first digit 8 or 9, random digits, classic check digits.

    Deterministic for a given ``rng`` state. Real FH-numbers are also random,
    so a generated one is fit for tests and demo data, not for real patients.
    """
    while True:
        first9 = rng.choice("89") + "".join(rng.choice("0123456789") for _ in range(8))
        suffix = _pick_suffix(rng, first9, "classic")
        if suffix is not None:
            return first9 + suffix


# Individual numbers that go with a century (1900-1999: 000-499; 2000-2039: 500-999):
# https://www.matematikk.org/artikkel.html?tid=64296&within_tid=64294 and
# http://fnrinfo.no/Info/Oppbygging.aspx. Used only to *make* consistent test data.
_BORN_FROM, _BORN_TO = date(1930, 1, 1), date(2020, 12, 31)


def generate_synthetic_person(rng: random.Random, *, dnr: bool = False) -> tuple[str, date]:
    """A Test-Norge synthetic number and the birth date it was made from.

    For demo and test data, where no population register gives the birth date: the
    date is drawn first and the number built from it, with an individual number in
    the range that goes with its century. Nothing reads a birth date out of a number.
    """
    born = _BORN_FROM + timedelta(days=rng.randrange((_BORN_TO - _BORN_FROM).days + 1))
    day = born.day + (D_NUMBER_DAY_OFFSET if dnr else 0)
    while True:
        individual = rng.randrange(0, 500) if born.year < 2000 else rng.randrange(500, 1000)
        first9 = (f"{day:02d}{born.month + TEST_NORGE_MONTH_OFFSET:02d}{born.year % 100:02d}"
                  f"{individual:03d}")
        suffix = _pick_suffix(rng, first9, "classic")
        if suffix is not None:
            return first9 + suffix, born

"""The demo organisation: one region, two trusts, units, municipalities, GP offices.

Organisation numbers and RESH ids start with 1, which no real Norwegian
organisation number does (they start with 8 or 9), so they cannot collide.
"""

from __future__ import annotations

from dataclasses import dataclass

from forlop.organisations.models import (
    GpOffice,
    HealthTrust,
    Municipality,
    OrgLevel,
    RegionalHealthAuthority,
    Unit,
)
from forlop.pathways.models import LocalNorm

UNITS = [
    ("DPS Nordby, allmennpoliklinikk", "voksne"),
    ("BUP Sentrum", "barn_unge"),
    ("Rusklinikken, poliklinikk", "tsb"),
    ("Team tidlig psykose", "psykose"),
    ("Spiseforstyrrelsesteam barn og unge", "spiseforstyrrelser"),
    ("OCD-team", "ocd"),
    ("Gravide og rus, døgn", "gravide"),
]


# The trust's management line: (key, kind, name, parent key, unit types below it).
LEVELS = [
    ("klinikk", OrgLevel.Kind.CLINIC, "Klinikk psykisk helsevern og rus", None, ()),
    ("voksne", OrgLevel.Kind.DEPARTMENT, "Avdeling voksne", "klinikk",
     ("voksne", "psykose", "ocd")),
    ("barn_unge", OrgLevel.Kind.DEPARTMENT, "Avdeling barn og unge", "klinikk",
     ("barn_unge", "spiseforstyrrelser")),
    ("rus", OrgLevel.Kind.DEPARTMENT, "Avdeling rus og avhengighet", "klinikk", ()),
    ("rus_poliklinikk", OrgLevel.Kind.SECTION, "Seksjon rus poliklinikk", "rus", ("tsb",)),
    ("gravide", OrgLevel.Kind.SECTION, "Seksjon gravide og rus", "rus", ("gravide",)),
]


@dataclass
class DemoOrganisation:
    trust: HealthTrust
    other_trust: HealthTrust
    units_by_type: dict[str, Unit]
    other_unit: Unit
    municipalities: list[Municipality]
    gp_offices: list[GpOffice]
    levels: dict[str, OrgLevel]


def create_organisation() -> DemoOrganisation:
    region = RegionalHealthAuthority.objects.create(name="Helse Demo RHF", org_number="100000001")
    trust = HealthTrust.objects.create(region=region, name="Demo HF", org_number="100000010")
    other = HealthTrust.objects.create(region=region, name="Nabo HF", org_number="100000020")
    units = {
        ptype: Unit.objects.create(trust=trust, name=name, resh_id=f"1{n:06d}")
        for n, (name, ptype) in enumerate(UNITS, start=1)
    }
    other_unit = Unit.objects.create(trust=other, name="Nabo DPS", resh_id="1000100")
    levels = _management_line(trust, units)
    municipalities = [
        Municipality.objects.create(
            name=name, number=number, org_number=org,
            coordinating_unit_name=f"Koordinerende enhet {name}",
            coordinating_unit_email=f"ke@{slug}.kommune.example",
        )
        for name, number, org, slug in [
            ("Demo kommune", "1901", "100000101", "demo"),
            ("Fjordvik kommune", "1902", "100000102", "fjordvik"),
        ]
    ]
    offices = [
        GpOffice.objects.create(municipality=m, name=f"{m.name.split()[0]} legesenter",
                                org_number=f"10000020{i}")
        for i, m in enumerate(municipalities)
    ]
    # No national pathway times are confirmed for adults: the demo trust sets local norms.
    for clock, days in [("first_attendance_to_clinical_decision", 42),
                        ("clinical_decision_to_first_evaluation", 42),
                        ("evaluation_interval", 84)]:
        LocalNorm.objects.create(trust=trust, pathway_type="voksne", clock=clock,
                                 setting="outpatient", days=days)
    return DemoOrganisation(trust, other, units, other_unit, municipalities, offices, levels)


def _management_line(trust: HealthTrust, units: dict[str, Unit]) -> dict[str, OrgLevel]:
    levels: dict[str, OrgLevel] = {}
    for key, kind, name, parent, unit_types in LEVELS:
        levels[key] = OrgLevel.objects.create(trust=trust, kind=kind, name=name,
                                              parent=levels.get(parent))
        for unit_type in unit_types:
            units[unit_type].org_level = levels[key]
            units[unit_type].save(update_fields=["org_level"])
    return levels

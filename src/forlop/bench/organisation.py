"""The benchmark organisation: four regions, ~20 trusts, ~15 units each, and users.

Identifiers start with 2, which no real organisation number or RESH id in use does,
and never clash with the demo's (which start with 1). Unit sizes are skewed, as in
real life: a trust's first unit of a kind takes the largest share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.organisations.models import HealthTrust, RegionalHealthAuthority, Unit

REGIONS = ["Helse Nord", "Helse Midt", "Helse Vest", "Helse Sør-Øst"]
# Units per trust by the pathway types they take, with a name stem.
UNIT_KINDS = [
    ("DPS", ("voksne", "ocd"), 6),
    ("BUP", ("barn_unge", "spiseforstyrrelser"), 4),
    ("Rus", ("tsb", "gravide"), 3),
    ("Psykose", ("psykose",), 2),
]
BENCH_PASSWORD = "bench-passord-2026"  # noqa: S105 - synthetic benchmark user only
# Coordinators of a unit of the biggest weight (1.0); smaller units have fewer, at
# least one. About 130 open pathways each in the busiest unit at national scale.
COORDINATORS_PER_UNIT = 28
IMPORTER = "bench-import"  # the user that loads (and, in the bench, exports) the data


@dataclass(frozen=True)
class Layout:
    """Plain data the (possibly forked) generator needs: picklable, no ORM objects."""

    units: tuple[tuple[int, int, str, float], ...]  # unit id, trust id, kind, weight
    trust_weights: dict[int, float]
    importer_id: int
    # Each unit's pathway coordinators (user ids): every pathway gets one of them.
    coordinators: dict[int, tuple[int, ...]] = field(default_factory=dict)


def create_organisation(*, trusts: int, today) -> tuple[Layout, User]:
    """Create trusts, units and an importing user; return the layout and the importer."""
    regions = [
        RegionalHealthAuthority.objects.create(name=f"{name} RHF (syntetisk)",
                                               org_number=f"2000000{i:02d}")
        for i, name in enumerate(REGIONS)
    ]
    units, trust_weights = [], {}
    for t in range(trusts):
        trust = HealthTrust.objects.create(region=regions[t % len(regions)],
                                           name=f"Benk HF {t + 1:02d}",
                                           org_number=f"2000010{t:02d}")
        # Trust sizes from 1.0 down to about 0.3: a few big city trusts, many small.
        trust_weights[trust.pk] = 1.0 / (1 + t * 0.1)
        for stem, kinds, count in UNIT_KINDS:
            for n in range(count):
                unit = Unit.objects.create(trust=trust, name=f"{stem} {n + 1} Benk HF {t + 1:02d}",
                                           resh_id=f"2{t:03d}{len(units):05d}")
                for kind in kinds:
                    units.append((unit.pk, trust.pk, kind, 1.0 / (n + 1) ** 1.2))
    importer = User.objects.create_user(username=IMPORTER, first_name="Benk",
                                        last_name="Import")
    return Layout(tuple(units), trust_weights, importer.pk,
                  _coordinators(units, trust_weights, today)), importer


def _coordinators(units, trust_weights, today) -> dict[int, tuple[int, ...]]:
    """Users with the coordinator role in each unit, as many as its share of pathways
    calls for (no password: the benchmark signs in one of them by session)."""
    share: dict[int, float] = {}
    for unit, trust, _kind, weight in units:
        share[unit] = max(share.get(unit, 0.0), weight * trust_weights[trust])
    wanted = {unit: max(1, round(COORDINATORS_PER_UNIT * w)) for unit, w in share.items()}
    places = [(unit, n) for unit, count in wanted.items() for n in range(1, count + 1)]
    users = User.objects.bulk_create([
        User(username=f"bench-koordinator-{unit}-{n}", first_name="Koordinator",
             last_name=f"{unit}-{n}", password=make_password(None))  # unusable
        for unit, n in places
    ])
    by_unit: dict[int, list[int]] = {}
    for (unit, _n), user in zip(places, users, strict=True):
        by_unit.setdefault(unit, []).append(user.pk)
    RoleAssignment.objects.bulk_create([
        RoleAssignment(user_id=user, role=Role.COORDINATOR, unit_id=unit, valid_from=today)
        for unit, ids in by_unit.items() for user in ids
    ])
    return {unit: tuple(ids) for unit, ids in by_unit.items()}


def biggest_unit_coordinator(unit_id: int, *, today) -> User:
    """A coordinator of the busiest unit (the worst case for the worklist): the
    unit's first generated coordinator, or on data loaded before coordinators were
    generated, one made for the purpose (kept for the next ``--worklist-only`` run)."""
    user = (User.objects.filter(username=f"bench-koordinator-{unit_id}-1").first()
            or User.objects.filter(username="bench-koordinator").first())
    if user is None:
        user = User.objects.create_user(username="bench-koordinator", password=BENCH_PASSWORD,
                                        first_name="Benk", last_name="Koordinator")
    RoleAssignment.objects.get_or_create(user=user, role=Role.COORDINATOR, unit_id=unit_id,
                                         defaults={"valid_from": today})
    return user

"""Named demo personas, one per role, with demo-only passwords (listed in the README).

Created only in demo mode (``FORLOP_DEMO``, on by default in development)."""

from __future__ import annotations

import datetime as dt

from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role

DEMO_PASSWORD = "demo-passord-2026"  # noqa: S105 - demo only, refused outside demo mode

PERSONAS = [
    # username, full name, role, where ("unit:<type>", "municipality:<i>", "gp:<i>",
    # "level:<key>", None)
    ("koordinator", "Kari Koordinator", Role.COORDINATOR, "unit:voksne"),
    ("behandler", "Bjørn Behandler", Role.CLINICIAN, "unit:voksne"),
    ("sekretaer", "Siri Sekretær", Role.SECRETARY, "unit:voksne"),
    ("leder", "Lise Leder", Role.LEADER, "trust"),
    ("rus", "Rune Rusbehandler", Role.CLINICIAN, "unit:tsb"),
    ("bup", "Berit BUP", Role.COORDINATOR, "unit:barn_unge"),
    ("kommune", "Kjell Kommunekoordinator", Role.MUNICIPAL_COORDINATOR, "municipality:0"),
    ("ke-leder", "Kristin KE-leder", Role.COORDINATING_UNIT_LEAD, "municipality:0"),
    ("fastlege", "Frida Fastlege", Role.GP, "gp:0"),
    ("pasient", "Per Pasient", Role.PATIENT, None),
    ("parorende", "Pia Pårørende", Role.RELATIVE, None),
    ("nabo", "Nora Nabo-HF", Role.COORDINATOR, "other"),
    ("sperret", "Svein Sperret", Role.CLINICIAN, "unit:voksne"),
    ("tidligere-parorende", "Tor Tidligere", Role.RELATIVE, None),
    # One clinician in each of the remaining units: the demo's pathways there are
    # registered in their name (the services refuse a registration nobody may make).
    ("psykose", "Petra Psykoseteam", Role.CLINICIAN, "unit:psykose"),
    ("spiseteam", "Sindre Spiseteam", Role.CLINICIAN, "unit:spiseforstyrrelser"),
    ("ocd-team", "Olga OCD-team", Role.CLINICIAN, "unit:ocd"),
    ("gravide", "Gry Gravideteam", Role.CLINICIAN, "unit:gravide"),
    ("tilgang", "Tone Tilgang", Role.ACCESS_ADMIN, "unit:voksne"),
    # Leaders up the trust's management line: the figures of every unit below.
    ("klinikkdirektor", "Klara Klinikkdirektør", Role.LEADER, "level:klinikk"),
    ("avdelingsleder", "Anders Avdelingsleder", Role.LEADER, "level:barn_unge"),
]
# Who registers the demo's pathways in each unit (by pathway type; "other" is Nabo DPS).
REGISTRARS = {"voksne": "koordinator", "barn_unge": "bup", "tsb": "rus", "psykose": "psykose",
              "spiseforstyrrelser": "spiseteam", "ocd": "ocd-team", "gravide": "gravide",
              "other": "nabo"}


def create_personas(org, *, today: dt.date) -> dict[str, User]:
    users = {}
    for username, full_name, role, where in PERSONAS:
        first, last = full_name.split(" ", 1)
        # A reserved domain (RFC 2606): ``forlop remind`` mails the console in development.
        user = User.objects.create_user(username=username, password=DEMO_PASSWORD,
                                        first_name=first, last_name=last,
                                        email=f"{username}@demo.forlop.example")
        for place in _places(org, where):
            RoleAssignment.objects.create(user=user, role=role, valid_from=today, **place)
        users[username] = user
    admin = User.objects.create_superuser(username="admin", password=DEMO_PASSWORD,
                                          first_name="Anne", last_name="Admin")
    RoleAssignment.objects.create(user=admin, role=Role.SYSADMIN, valid_from=today)
    users["admin"] = admin
    return users


def _places(org, where: str | None) -> list[dict]:
    if where is None:
        return [{}]
    kind, _, arg = where.partition(":")
    if kind == "unit":
        return [{"unit": org.units_by_type[arg]}]
    if kind == "trust":  # a leader of the whole trust holds the role in every unit
        return [{"unit": unit} for unit in org.units_by_type.values()]
    if kind == "level":
        return [{"org_level": org.levels[arg]}]
    if kind == "other":
        return [{"unit": org.other_unit}]
    if kind == "municipality":
        return [{"municipality": org.municipalities[int(arg)]}]
    return [{"gp_office": org.gp_offices[int(arg)]}]

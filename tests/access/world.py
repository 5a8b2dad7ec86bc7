"""A small world with every basis of access, for the scope-equivalence tests.

Patients P1..P9 and their pathways (``P2.voksne`` is P2's pathway of type voksne),
personas with unit, municipal, GP, relative and patient roles, and every way in:
unit roles, named coordinator, care team, municipal consent (patient-wide and for one
pathway), meeting and relative consent, emergency access (active and expired),
restrictions by user and by unit (active and lifted), consents not in force, ended
roles, an inactive user and closed pathways.
"""

from __future__ import annotations

from types import SimpleNamespace

from forlop.organisations.models import Municipality
from tests import factories
from tests.access import builders as b

# persona -> role assignments: (role, place name, ended?)
PERSONAS = {
    "coord_a": [("coordinator", "unit_a", False)],
    "clin_a": [("clinician", "unit_a", False)],
    "sec_a2": [("secretary", "unit_a2", False)],
    "leader": [("leader", "unit_a", False), ("leader", "unit_a2", False)],
    "clin_b": [("clinician", "unit_b", False)],
    "named": [("clinician", "unit_a2", False)],
    "muni": [("municipal_coordinator", "municipality", False)],
    "muni2": [("coordinating_unit_lead", "other_municipality", False)],
    "mixed": [("municipal_coordinator", "municipality", False),
              ("clinician", "unit_b", False)],
    "gp": [("gp", None, False)],
    "relative": [("relative", None, False)],
    # Emergency access reaches only pathways in the trust of the unit it was taken in,
    # while the user holds a unit role in that trust: "glass" (trusts A and B) reaches
    # P4.tsb (trust A); "glass_b" (trust B only) holds a row naming trust A's unit and
    # reaches nothing by it.
    "glass": [("clinician", "unit_a2", False), ("clinician", "unit_b", False)],
    "glass_b": [("clinician", "unit_b", False)],
    "barred": [("clinician", "unit_a", False)],
    "ended": [("clinician", "unit_a", True), ("municipal_coordinator", "municipality", True)],
    "inactive": [("clinician", "unit_a", False)],
    "patient": [("patient", None, False)],
    "sysadmin": [("sysadmin", None, False)],
}

# patient -> [(type, unit, open?)]
PATHWAYS = {
    "P1": [("tsb", "unit_a", True), ("voksne", "unit_b", True)],
    "P2": [("tsb", "unit_a", True), ("voksne", "unit_a2", True), ("ocd", "unit_a", False)],
    "P3": [("tsb", "unit_b", True)],
    "P4": [("tsb", "unit_a", True), ("voksne", "unit_b", False), ("psykose", "unit_b", True)],
    "P5": [("tsb", "unit_a2", True)],
    "P6": [("tsb", "unit_a", True)],
    "P7": [("tsb", "unit_a", True)],
    "P8": [("tsb", "unit_a", True)],
    "P9": [("tsb", "unit_b", False)],
}

# What each persona's worklist must show (open pathways only).
EXPECTED_OPEN = {
    "coord_a": {"P1.tsb", "P2.tsb", "P4.tsb", "P6.tsb", "P7.tsb", "P8.tsb"},
    "clin_a": {"P1.tsb", "P2.tsb", "P4.tsb", "P6.tsb", "P7.tsb", "P8.tsb"},
    "sec_a2": {"P2.voksne", "P5.tsb"},
    "leader": {"P1.tsb", "P2.tsb", "P2.voksne", "P4.tsb", "P5.tsb", "P6.tsb", "P8.tsb"},
    "clin_b": {"P3.tsb", "P4.psykose"},
    "named": {"P2.voksne", "P3.tsb", "P5.tsb"},
    "muni": {"P1.tsb", "P1.voksne", "P2.voksne"},
    "mixed": {"P2.voksne", "P3.tsb", "P4.psykose", "P6.tsb"},
    "gp": {"P3.tsb"},
    "glass": {"P2.voksne", "P3.tsb", "P4.psykose", "P4.tsb", "P5.tsb"},
    "glass_b": {"P3.tsb", "P4.psykose"},
    "barred": {"P1.tsb", "P2.tsb", "P4.tsb", "P7.tsb", "P8.tsb"},
    **dict.fromkeys(["muni2", "relative", "ended", "inactive", "patient", "sysadmin"], set()),
}


def build_world(org) -> SimpleNamespace:
    places = {"unit_a": org.unit_a, "unit_a2": org.unit_a2, "unit_b": org.unit_b,
              "municipality": org.municipality,
              "other_municipality": Municipality.objects.create(
                  name="Annenvik kommune", number="1998", org_number="100009102")}
    u = {}
    for name, roles in PERSONAS.items():
        # factories.user wants a role: give one that has ended, then the real ones.
        u[name] = user = factories.user(name, role="sysadmin", valid_to=b.TODAY)
        for role, place, ended in roles:
            place = places.get(place)
            key = "municipality" if place in (places["municipality"],
                                              places["other_municipality"]) else "unit"
            b.grant_role(user, role, expired=ended, **({key: place} if place else {}))
    u["inactive"].is_active = False
    u["inactive"].save()

    p, pts = {}, {}
    for patient_name, pathways in PATHWAYS.items():
        pts[patient_name] = patient = factories.patient()
        for type_, unit, is_open in pathways:
            p[f"{patient_name}.{type_}"] = made = b.pathway(patient, places[unit], u["coord_a"],
                                                            type=type_)
            if not is_open:
                b.close(made, by=u["coord_a"])
    pts["P1"].user = u["patient"]
    pts["P1"].save()
    _open_doors(org, places, u, p, pts)
    return SimpleNamespace(users=u, pathways=p, patients=pts)


def _open_doors(org, places, u, p, pts):
    by = u["coord_a"]
    muni, muni2 = places["municipality"], places["other_municipality"]
    b.care_team(p["P1.tsb"], u["clin_b"], by=by)
    b.care_team(p["P9.tsb"], u["clin_b"], by=by)  # closed
    b.care_team(p["P7.tsb"], u["named"], by=by)
    b.set_coordinator(p["P3.tsb"], u["named"])
    b.set_coordinator(p["P9.tsb"], u["named"])  # closed
    b.consent(pts["P1"], municipality=muni, by=by)  # patient-wide
    b.consent(pts["P2"], municipality=muni, pathway=p["P2.voksne"], by=by)
    b.consent(pts["P2"], municipality=muni, pathway=p["P2.ocd"], by=by)  # closed
    b.consent(pts["P6"], municipality=muni, by=by)  # but muni is barred below
    b.consent(pts["P8"], municipality=muni, by=by, status="not_started")
    b.consent(pts["P5"], municipality=muni2, by=by, status="revoked")
    b.consent(pts["P4"], municipality=muni2, by=by, status="expired")
    b.consent(pts["P3"], person=u["gp"], by=by)
    b.consent(pts["P4"], person=u["gp"], by=by, status="revoked")
    b.consent(pts["P3"], person=u["relative"], participant="relative", by=by)
    b.consent(pts["P3"], person=u["ended"], by=by, status="expired")
    b.break_glass(u["glass"], pts["P4"], unit=places["unit_a"])
    b.break_glass(u["glass_b"], pts["P4"], unit=places["unit_a"])
    b.break_glass(u["glass"], pts["P5"], expired=True)
    b.break_glass(u["inactive"], pts["P3"])
    b.restriction(pts["P6"], by=by, user=u["barred"])
    b.restriction(pts["P6"], by=by, user=u["muni"])
    b.restriction(pts["P7"], by=by, unit=places["unit_a2"])
    b.restriction(pts["P8"], by=by, user=u["clin_a"], lifted=True)
    b.restriction(pts["P1"], by=by, unit=places["unit_b"])  # mixed, clin_b, glass, glass_b lose P1
    b.restriction(pts["P1"], by=by, user=u["clin_b"], lifted=True)

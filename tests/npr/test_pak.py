"""The NPR XML export (forlop.npr.pak): valid against our XSD, read back to the same
events, the mapping table kept in step with the schema and the kernel's vocabulary."""

from datetime import date

import pytest
from lxml import etree

from forlop.kernel import vocabulary as v
from forlop.kernel.npr_lint import Record, parse_period
from forlop.npr import pak

PERIOD = parse_period("2024-T1")
CREATED = date(2024, 5, 2)
EVENTS = [
    {"event": "referral_received", "date": "2024-01-02"},
    {"event": "referral_assessed", "date": "2024-01-05", "outcome": "right_granted"},
    {"event": "pathway_start", "date": "2024-01-02", "first_trust_start": "2023-12-01",
     "first_trust_name": "Nabo HF"},
    {"event": "first_attendance", "date": "2024-01-15"},
    {"event": "patient_delay", "date": "2024-01-20", "postponed_from": "2024-01-22",
     "postponed_to": "2024-02-12"},
    {"event": "clinical_decision", "date": "2024-02-20", "outcome": "CU"},
    {"event": "setting_change", "date": "2024-02-21", "setting": "inpatient"},
    {"event": "clinical_decision", "date": "2024-03-10", "outcome": "CT"},
    {"event": "treatment_plan", "date": "2024-03-10", "together_with_patient": True},
    {"event": "evaluation", "date": "2024-03-15", "standardised_tool": False,
     "user_involved": True},
    {"event": "evaluation", "date": "2024-05-15", "standardised_tool": True},
]
TSB = Record("17", "4201001", {"type": "tsb", "setting": "outpatient", "severity": None},
             EVENTS, patient="301")
EATING = Record("18", "4201001", {"type": "spiseforstyrrelser", "setting": "inpatient",
                                "severity": "serious"},
             [{"event": "pathway_start", "date": "2024-04-02"},
              {"event": "pathway_end", "date": "2024-04-30", "outcome": "patient_withdrew"}])
OUTSIDE = Record("19", "4201001", {"type": "voksne", "setting": "outpatient"},
                 [{"event": "pathway_start", "date": "2023-05-02"}])


def document(records=(TSB, EATING, OUTSIDE)):
    return pak.build(list(records), PERIOD, "4201001", created=CREATED)


def test_the_export_validates_against_our_schema():
    assert pak.validate(document()) == []


def test_round_trip_gives_back_the_same_events():
    parsed = pak.parse(document())
    assert [r.id for r in parsed.records] == ["17", "18"]  # 19 has no event in the period
    for record, back in zip((TSB, EATING), parsed.records, strict=True):
        assert back.events == pak.exported_events(record, PERIOD)
        assert (back.unit, back.patient) == (record.unit, record.patient)
        assert back.pathway == {"severity": None, **record.pathway}


def test_exported_events_are_the_periods_national_measurement_points_unchanged():
    events = pak.exported_events(TSB, PERIOD)
    expected = [e for e in EVENTS if e["event"] != "setting_change"
                and e["date"] < "2024-05-01"]
    assert events == sorted(expected, key=lambda e: e["date"])


def test_header_and_codes():
    root = etree.fromstring(document())
    assert root.get("mappingVersjon") == pak.MAPPING_VERSION
    assert (root.get("periode"), root.get("periodeFra"), root.get("periodeTil")) == (
        "2024-T1", "2024-01-01", "2024-04-30")
    assert root.get("mottakerHerId") == "94378" and root.get("lintFeil") is None
    ns = {"p": pak.NAMESPACE}
    (tsb,) = root.xpath("p:forlop[@forlopId='17']", namespaces=ns)
    assert (tsb.get("typeKode"), tsb.get("startDato"), tsb.get("regelsett")) == (
        "D01", "2024-01-02", "npf-2023")
    codes = [h.get("kode") for h in tsb.xpath("p:hendelse", namespaces=ns)]
    assert "D01CU" in codes and "D01CT" in codes and "D01L" in codes
    (eating,) = root.xpath("p:forlop[@forlopId='18']", namespaces=ns)
    assert eating.get("typeKode") is None  # no national code in the catalog: none invented
    assert all(h.get("kode") is None for h in eating.xpath("p:hendelse", namespaces=ns))


def test_no_person_number_in_the_export():
    text = document().decode()
    assert "fnr" not in text and "fodselsnummer" not in text.lower()


def test_forced_exports_say_so_in_the_header():
    data = pak.build([TSB], PERIOD, "4201001", created=CREATED, forced_errors=3)
    assert etree.fromstring(data).get("lintFeil") == "3"
    assert pak.validate(data) == []


@pytest.mark.parametrize(("old", "new"), [
    (b'type="first_attendance"', b'type="first_visit"'),
    (b'utfall="CU"', b'utfall="XX"'),
    (b'resh="4201001"', b'resh="RESH-1"'),
    (b'dato="2024-01-15"', b'dato="15.1.2024"'),
    (b'mappingVersjon="forlop-pak-1"', b'mappingVersjon="forlop-pak-0"'),
])
def test_the_schema_rejects_what_we_would_not_write(old, new):
    data = document()
    assert old in data
    assert pak.validate(data.replace(old, new, 1))
    with pytest.raises(ValueError, match="not a valid export"):
        pak.parse(data.replace(old, new, 1))


def test_not_xml_is_reported():
    assert pak.validate(b"<pakEksport")[0].startswith("not XML")


def _enumeration(name):
    tree = etree.parse(str(pak.SCHEMA_PATH))
    return tuple(tree.xpath(f"//xs:simpleType[@name='{name}']//xs:enumeration/@value",
                            namespaces={"xs": "http://www.w3.org/2001/XMLSchema"}))


def test_schema_enumerations_are_the_kernel_vocabulary():
    assert _enumeration("PathwayKey") == v.PATHWAY_KEYS
    assert _enumeration("Setting") == v.SETTINGS
    assert _enumeration("Severity") == v.SEVERITIES
    assert _enumeration("EventKey") == v.CODED_EVENT_KEYS
    assert _enumeration("Outcome") == (v.REFERRAL_OUTCOMES + v.CLINICAL_DECISIONS
                                       + v.CLOSURE_OUTCOMES)


def test_every_mapped_attribute_is_in_the_schema_and_names_are_unique():
    tree = etree.parse(str(pak.SCHEMA_PATH))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    for part, element in (("header", "pakEksport"), ("pathway", "forlop"),
                          ("event", "hendelse")):
        declared = set(tree.xpath(f"//xs:element[@name='{element}']//xs:attribute/@name",
                                  namespaces=xs))
        names = [f.xml for f in pak.MAPPING[part]]
        assert len(names) == len(set(names))
        assert set(names) == declared, part


@pytest.mark.parametrize("seed", range(40))
def test_round_trip_on_generated_histories(seed):
    """The demo's scenario generator (every event type, all seven pathways, both
    settings): valid against the schema and read back unchanged, in every tertial."""
    import random

    from forlop.demo.scenarios import generate

    today = date(2025, 3, 20)
    rng = random.Random(seed)
    records = [Record(f"p{seed}-{n}", "4201001", s.spec, s.events, patient=str(n))
               for n, s in enumerate(generate(rng, today) for _ in range(5))]
    for label in ("2024-T1", "2024-T2", "2024-T3", "2025-T1"):
        period = parse_period(label)
        data = pak.build(records, period, "4201001", created=today)
        assert pak.validate(data) == []
        back = {r.id: r.events for r in pak.parse(data).records}
        expected = {r.id: pak.exported_events(r, period) for r in records}
        assert back == {k: v for k, v in expected.items() if v}

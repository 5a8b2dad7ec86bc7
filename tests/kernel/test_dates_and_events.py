"""Input parsing: strict dates, event normalisation, the pathway specification."""

from datetime import date, datetime

import pytest

from forlop.kernel import Event, PathwaySpec
from forlop.kernel.dates import iso, parse_date
from forlop.kernel.events import normalise_events
from forlop.kernel.spec import spec_errors
from tests.kernel.kernel_helpers import D, ev


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-29", date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 1)),
        (datetime(2024, 3, 1, 14, 30), date(2024, 3, 1)),
        ("2023-02-29", None),   # not a leap year
        ("2024-13-01", None),
        ("20240301", None),     # fromisoformat would accept this; we do not
        ("2024-3-1", None),
        ("2024-03-01T10:00", None),
        ("", None),
        (None, None),
        (20240301, None),
        (["2024-03-01"], None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_iso_of_none_is_none():
    assert (iso(None), iso(date(2024, 3, 1))) == (None, "2024-03-01")


def test_events_are_sorted_by_date():
    entries, _ = normalise_events([ev("first_attendance", "2024-03-11"),
                                   ev("referral_received", "2024-03-01")])
    assert [e.event.event for e in entries] == ["referral_received", "first_attendance"]


def test_sorting_keeps_the_input_index():
    entries, _ = normalise_events([ev("first_attendance", "2024-03-11"),
                                   ev("referral_received", "2024-03-01")])
    assert [e.index for e in entries] == [1, 0]


def test_same_day_events_keep_their_input_order():
    entries, _ = normalise_events([ev("pathway_end", "2024-04-01", outcome="completed"),
                                   ev("help_needs_at_closure", "2024-04-01"),
                                   ev("feedback_tool_used", "2024-04-01")])
    assert [e.index for e in entries] == [0, 1, 2]


def test_dict_fields_become_an_event():
    entries, _ = normalise_events([ev("patient_delay", "2024-03-05", postponed_from="2024-03-06",
                                      postponed_to="2024-03-20", note="sick")])
    assert entries[0].event == Event("patient_delay", D("2024-03-05"), None, D("2024-03-06"),
                                     D("2024-03-20"), {"note": "sick"})


def test_events_without_extra_fields_have_empty_attributes():
    entries, _ = normalise_events([ev("evaluation", "2024-03-05")])
    assert dict(entries[0].event.attributes) == {}


def test_event_attributes_are_read_only():
    entries, _ = normalise_events([ev("evaluation", "2024-03-05", user_involved=True)])
    with pytest.raises(TypeError):
        entries[0].event.attributes["user_involved"] = False


def test_unreadable_events_are_left_out():
    entries, errors = normalise_events([ev("first_visit", "2024-03-05"), {"date": "2024-03-05"},
                                        ev("evaluation", "soon"), ev("evaluation", "2024-03-06")])
    assert ([e.index for e in entries], [e.code for e in errors]) == (
        [3], ["unknown_event", "invalid_event", "invalid_date"])


def test_events_may_be_any_iterable():
    entries, _ = normalise_events(iter([ev("evaluation", "2024-03-05")]))
    assert len(entries) == 1


def test_spec_from_a_mapping_defaults_severity_to_none():
    assert PathwaySpec.coerce({"type": "tsb", "setting": "inpatient"}) == PathwaySpec(
        "tsb", "inpatient", None)


def test_spec_passes_through():
    spec = PathwaySpec("ocd", "outpatient")
    assert PathwaySpec.coerce(spec) is spec


def test_spec_serialises():
    assert PathwaySpec("spiseforstyrrelser", "inpatient", "serious").to_dict() == {
        "type": "spiseforstyrrelser", "setting": "inpatient", "severity": "serious"}


def test_valid_spec_has_no_errors():
    assert spec_errors(PathwaySpec("gravide", "inpatient")) == []


def test_every_spec_field_is_checked():
    errors = spec_errors(PathwaySpec("kreft", "home", "mild"))
    assert [e.field for e in errors] == ["pathway.type", "pathway.setting", "pathway.severity"]

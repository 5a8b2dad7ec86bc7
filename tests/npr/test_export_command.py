"""``forlop npr export``: refuses while lint errors remain, --force, the file written."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from forlop.npr import pak
from forlop.npr.selectors import records_for
from forlop.pathways.models import Pathway
from tests.conftest import TODAY

PERIOD = f"{TODAY.year}-T2"  # TODAY is 3 June 2024


def export(tmp_path, *args):
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "npr.xml"
    try:
        call_command("npr", "export", "--period", PERIOD, "--out", str(target),
                     "--today", TODAY.isoformat(), *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue(), err.getvalue(), target


def test_refuses_while_lint_errors_remain(tmp_path, org, cases):
    status, _out, err, target = export(tmp_path, "--unit", org.unit_a.resh_id)
    assert status == 1
    assert f"NPR007 error pathway {cases['after_end'].pk}" in err
    assert "1 lint error(s) in 1 pathway(s)" in err and "--force" in err
    assert not target.exists()


def test_force_exports_and_says_how_many_errors(tmp_path, org, cases):
    status, out, err, target = export(tmp_path, "--unit", org.unit_a.resh_id, "--force")
    assert status == 0
    assert "exported with 1 lint error(s) (--force)" in err
    assert "2 pathway(s)" in out and "mapping forlop-pak-1" in out
    assert "1 lint warning(s)" in out
    data = target.read_bytes()
    assert pak.validate(data) == []
    parsed = pak.parse(data)
    assert parsed.header["forced"] == "1"


def test_clean_unit_exports_and_reads_back_to_the_database_events(tmp_path, org):
    from tests import factories
    from tests.npr.conftest import clean

    made = clean(org, factories.user("bup", role="coordinator", unit=org.unit_a2), org.unit_a2)
    status, _out, err, target = export(tmp_path, "--unit", org.unit_a2.resh_id)
    assert (status, err) == (0, "")
    (back,) = pak.parse(target.read_bytes()).records
    (record,) = records_for(Pathway.objects.filter(pk=made.pk))
    assert back.id == str(made.pk) and back.unit == org.unit_a2.resh_id
    assert back.events == pak.exported_events(record, pak.Period(PERIOD, *_bounds()))
    assert [e["event"] for e in back.events] == ["referral_received", "pathway_start",
                                                 "first_attendance"]


def _bounds():
    from forlop.kernel.npr_lint import parse_period

    period = parse_period(PERIOD)
    return period.start, period.end


def test_schema_breaking_data_is_never_written_even_forced(tmp_path, org, cases, coordinator):
    from forlop.pathways.models import PathwayEvent

    PathwayEvent.objects.create(pathway=cases["clean"], event="clinical_decision",
                                on=TODAY, outcome="XX", registered_by=coordinator)
    status, _out, err, target = export(tmp_path, "--unit", org.unit_a.resh_id, "--force")
    assert status == 2
    assert "breaks the schema" in err and "utfall" in err
    assert not target.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--unit", "999"], "no unit has this RESH id"),
    (["--unit", "1009001", "--period", "2024-T7"], "period"),
])
def test_bad_arguments(tmp_path, org, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("npr", "export", "--period", PERIOD, "--out", str(tmp_path / "x.xml"),
                     *args)

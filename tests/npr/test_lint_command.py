"""``forlop npr lint`` over the database: the same findings as the kernel's file mode."""

import io
import json

import pytest
from django.core.management import call_command

from forlop.npr.selectors import findings_for, pathway_ids_with_findings, records_for
from forlop.pathways.models import Pathway
from tests.conftest import TODAY


def lint(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("npr", "lint", "--today", TODAY.isoformat(), *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue(), err.getvalue()


def test_findings_name_each_broken_pathway(cases):
    status, out, _err = lint()
    assert status == 1
    assert f"NPR007 error pathway {cases['after_end'].pk} (unit 1009001)" in out
    assert f"NPR009 warning pathway {cases['silent'].pk} (unit 1009001)" in out
    assert f"pathway {cases['clean'].pk} " not in out


def test_json_output(cases):
    _status, out, _err = lint("--json")
    found = {(f["code"], f["pathway"]) for f in json.loads(out)["findings"]}
    assert found == {("NPR007", str(cases["after_end"].pk)),
                     ("NPR009", str(cases["silent"].pk))}


def test_clean_unit_exits_0(org, cases):
    assert lint("--unit", org.unit_a2.resh_id)[:2] == (0, "no findings\n")


def test_unknown_unit_is_refused(cases):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no unit has this RESH id"):
        call_command("npr", "lint", "--unit", "999")


def test_period_leaves_out_pathways_not_under_way(cases):
    # The closed pathway ended 10 days before TODAY; the period before its start has none.
    assert lint("--period", "2023-T1")[0] == 0
    status, out, _err = lint("--period", f"{TODAY.year}-T2")
    assert status == 1 and "NPR007" in out


def test_database_records_are_what_the_file_mode_reads(cases):
    (record,) = records_for(Pathway.objects.filter(pk=cases["clean"].pk))
    assert record.unit == "1009001"
    assert [e["event"] for e in record.events] == [
        "referral_received", "pathway_start", "first_attendance"]


def test_corrections_are_applied_before_linting(cases, coordinator):
    from forlop.pathways.models import PathwayEvent

    bad = PathwayEvent.objects.get(pathway=cases["after_end"], event="evaluation")
    PathwayEvent.objects.create(pathway=cases["after_end"], event=bad.event, on=bad.on,
                                supersedes=bad, is_retraction=True, reason="feilregistrert",
                                registered_by=coordinator)
    assert findings_for(Pathway.objects.filter(pk=cases["after_end"].pk), TODAY) == []


def test_ids_with_findings(cases):
    assert pathway_ids_with_findings(Pathway.objects.all(), TODAY) == sorted(
        [cases["after_end"].pk, cases["silent"].pk])


def test_file_mode_through_the_django_command(tmp_path, capsys):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "x", "unit": "1", "pathway": {"type": "tsb",
                    "setting": "outpatient"}, "events": [
                        {"event": "pathway_start", "date": "2024-05-01"}]}) + "\n")
    out = io.StringIO()
    call_command("npr", "lint", str(path), "--today", "2024-05-02", stdout=out)
    assert out.getvalue() == "no findings\n"

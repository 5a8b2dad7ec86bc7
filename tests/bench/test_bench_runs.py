"""The benchmark code runs end to end at the tiny size. Not timed tests: figures are
checked for presence and type only, never for speed."""

import json
import numbers
import os
import subprocess
import sys

import pytest
from django.db import connection

from forlop.bench.runner import run
from forlop.bench.scales import BENCH_TODAY, SCALES

IN_DATABASE_KEYS = [
    "import_events_per_s", "import_events_per_s_naive", "recompute_open_s",
    "recompute_open_s_naive", "worklist_db_p95_ms", "worklist_db_p95_ms_naive",
    "worklist_page_p95_ms", "worklist_queries", "worklist_statements", "pathways", "events",
    "cpu_count", "indicators_year_ms", "indicators_year_ms_naive",
    "indicators_year_ms_facts", "indicators_dashboard_ms", "indicators_dashboard_ms_naive",
    "api_token_auth_ms", "api_token_auth_ms_naive",
    "cpu_count", "export_resources_per_s", "export_resources_per_s_naive", "export_peak_mb",
    "fhir_import_resources_per_s", "fhir_import_resources_per_s_naive", "fhir_import_peak_mb",
]
ALL_KEYS = [*IN_DATABASE_KEYS, "web_req_per_s", "api_read_req_per_s"]


def numeric(figures: dict, keys: list[str]) -> dict:
    return {k: isinstance(figures.get(k), numbers.Real) for k in keys}


@pytest.fixture
def figures(db):
    # Inside the test transaction: gunicorn could not see the data, so no web load.
    return run(SCALES["tiny"], seed=7, today=BENCH_TODAY, web_load=False)


def test_every_in_database_figure_is_a_number(figures):
    assert numeric(figures, IN_DATABASE_KEYS) == dict.fromkeys(IN_DATABASE_KEYS, True)


@pytest.mark.skipif("connection.vendor != 'postgresql'")  # pgcluster: a local cluster
def test_the_export_gives_the_local_clusters_cpu_per_resource(figures):
    assert numeric(figures, ["export_db_cpu_us"]) == {"export_db_cpu_us": True}


def test_figures_name_scale_and_database(figures):
    assert (figures["scale"], figures["database"]) == ("tiny", connection.vendor)


def test_load_indicators_measures_only_the_indicators(db):
    from forlop.bench.runner import run_load_indicators

    figures = run_load_indicators(SCALES["tiny"], seed=7, today=BENCH_TODAY)
    keys = ["indicators_year_ms", "indicators_year_ms_naive", "indicators_dashboard_ms",
            "indicators_dashboard_ms_naive", "load_s"]
    assert numeric(figures, keys) == dict.fromkeys(keys, True)
    assert "worklist_db_p95_ms" not in figures
    assert figures["indicators_count_rows"] > 0


def test_tiny_loads_every_pathway(figures):
    assert figures["pathways"] == SCALES["tiny"].pathways


def test_the_fhir_import_lands_the_busiest_unit_without_a_rejection(figures):
    assert (figures["fhir_import_rejections"], figures["fhir_import_events"] > 0) == (0, True)


@pytest.fixture(scope="module")
def command_figures(tmp_path_factory):
    """``forlop bench`` as ``make bench`` runs it, gunicorn included, on a fresh file."""
    tmp = tmp_path_factory.mktemp("bench")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
           "FORLOP_ENV": "dev"}
    forlop = [sys.executable, "-m", "forlop"]
    subprocess.run([*forlop, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([*forlop, "bench", "--scale", "tiny", "--workers", "0", "--out",
                    str(tmp / "tiny.json")], env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads((tmp / "tiny.json").read_text())


def test_command_writes_every_key_as_a_number(command_figures):
    assert numeric(command_figures, ALL_KEYS) == dict.fromkeys(ALL_KEYS, True)


def test_command_web_load_saw_only_worklist_pages(command_figures):
    """wrk counted answers by status: all 200 (a redirect to sign-in would not be),
    and some came (the figure is not a presence check only)."""
    assert command_figures["web_errors"] == 0
    assert command_figures["web_req_per_s"] > 0


def test_the_bulk_loader_keeps_the_indicator_summary(figures):
    from forlop.pathways.services.indicator_rebuild import differences

    assert differences(today=BENCH_TODAY) == []
def test_command_api_load_saw_only_successful_reads(command_figures):
    """The token-authenticated pathway reads all answered 200 (a refused token would
    be 401, a pathway out of scope 404)."""
    assert command_figures["api_read_errors"] == 0
    assert command_figures["api_read_req_per_s"] > 0


def test_fhir_only_measures_the_bulk_figures_again_and_leaves_no_import(db):
    from forlop.bench.load import load
    from forlop.bench.runner import run_fhir
    from forlop.organisations.models import Unit
    from forlop.pathways.models import Pathway

    load(SCALES["tiny"], seed=7, today=BENCH_TODAY)
    before = (Unit.objects.count(), Pathway.objects.count())
    first = run_fhir(SCALES["tiny"], today=BENCH_TODAY)
    again = run_fhir(SCALES["tiny"], today=BENCH_TODAY)  # the import left nothing behind
    keys = ["export_resources_per_s", "export_resources_per_s_naive",
            "fhir_import_resources_per_s", "fhir_import_resources_per_s_naive"]
    assert (numeric(first, keys), numeric(again, keys), again["fhir_import_rejections"],
            (Unit.objects.count(), Pathway.objects.count()), "worklist_db_p95_ms" in first) == (
        dict.fromkeys(keys, True), dict.fromkeys(keys, True), 0, before, False)


def test_fhir_only_after_a_full_run_imports_into_a_unit_of_its_own(figures):
    """A full run keeps its import; measuring the bulk figures again on that database
    imports into the next free unit (it failed on the kept unit's numbers)."""
    from forlop.bench.runner import run_fhir
    from forlop.organisations.models import Unit

    again = run_fhir(SCALES["tiny"], today=BENCH_TODAY)
    assert (again["fhir_import_rejections"], again["fhir_import_events"] > 0) == (0, True)
    assert set(Unit.objects.filter(name="Importert DPS (syntetisk)")
               .values_list("resh_id", flat=True)) == {"2999999"}  # the second rolled back

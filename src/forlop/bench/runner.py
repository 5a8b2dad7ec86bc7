"""Runs every measurement in order and returns the figures as a flat dict.

Order matters: the naive recompute runs (and rolls back) before the real one, so
both start from the same projections.
"""

from __future__ import annotations

import datetime as dt
import os
import time

from django.db import connection
from django.db.models import Count

from forlop.accounts.models import User
from forlop.bench import api, bulk, indicators, naive, web, worklist
from forlop.bench.fhir import figures as fhir_figures
from forlop.bench.load import load
from forlop.bench.organisation import IMPORTER, biggest_unit_coordinator
from forlop.bench.timing import p95
from forlop.pathways.models import Pathway, PathwayEvent, PathwayState
from forlop.pathways.services.recompute import recompute_open_states


def run(scale, *, seed: int, today: dt.date, workers: int = 0, web_load: bool = True,
        clients: int = 8) -> dict:
    """Load ``scale`` into the (empty) database and measure everything. The web load
    (gunicorn in its own processes) needs committed data, so tests inside a test
    transaction turn it off."""
    loaded = load(scale, seed=seed, today=today, workers=workers)
    event_table = loaded.tables["events"]
    imported = sum(t.write_s + t.index_s for t in loaded.tables.values())
    figures = {
        "scale": scale.name, "database": connection.vendor, "pathways": loaded.pathways,
        "events": loaded.events, "cpu_count": os.cpu_count(), "seed": seed,
        "load_s": loaded.load_s, "generate_s": loaded.generate_s,
        # The bulk write of the events (COPY), then with the events table's keys,
        # indexes and foreign-key checks built afterwards: ready for the app.
        "import_events_per_s": loaded.events / event_table.write_s,
        "import_events_ready_per_s": loaded.events / (event_table.write_s
                                                      + event_table.index_s),
        "import_events_index_s": event_table.index_s,
        "import_rows_per_s": sum(loaded.rows.values()) / imported,
        "import_s": imported,
        **{f"rows_{table}": n for table, n in sorted(loaded.rows.items())},
        "refused_histories": loaded.refused,
        "database_mb": _database_bytes() / 1e6,
    }
    first_unit = {}
    for unit, _trust, kind, _weight in loaded.layout.units:
        first_unit.setdefault(kind, unit)
    events, seconds = naive.import_per_row(
        unit_by_type=first_unit, by=loaded.importer, pathways=max(1, scale.naive_sample // 10),
        seed=seed, today=today)
    figures["import_events_per_s_naive"] = events / seconds
    figures.update(_recompute(scale, loaded.importer, today + dt.timedelta(days=1)))
    figures.update(indicators.measure(scale, today))
    figures.update(_worklist(scale, today, web_load, clients))
    # Last: the import adds a unit (a copy of the busiest one) the others must not see.
    figures.update(fhir_figures(by=loaded.importer, today=today,
                                naive_sample=max(1, scale.naive_sample // 10)))
    return figures


def run_worklist(scale, *, today: dt.date, clients: int = 8) -> dict:
    """Only the worklist and web figures, on data already loaded."""
    return {"scale": scale.name, "database": connection.vendor,
            "pathways": Pathway.objects.count(), "events": PathwayEvent.objects.count(),
            "cpu_count": os.cpu_count(),
            **_worklist(scale, today, True, clients)}


def run_indicators(scale, *, today: dt.date) -> dict:
    """Only the indicator figures, on data already loaded."""
    return {"scale": scale.name, "database": connection.vendor,
            "pathways": Pathway.objects.count(), "events": PathwayEvent.objects.count(),
            "cpu_count": os.cpu_count(), **indicators.measure(scale, today)}


def run_fhir(scale, *, today: dt.date) -> dict:
    """Only the FHIR bulk figures, on data already loaded (a national database kept
    running). The import of the busiest unit is rolled back, so runs repeat."""
    by = User.objects.get(username=IMPORTER)
    return {"scale": scale.name, "database": connection.vendor,
            "pathways": Pathway.objects.count(), "events": PathwayEvent.objects.count(),
            "cpu_count": os.cpu_count(),
            **fhir_figures(by=by, today=today, naive_sample=max(1, scale.naive_sample // 10),
                           keep_import=False)}


def run_load_indicators(scale, *, seed: int, today: dt.date, workers: int = 0) -> dict:
    """Load ``scale``, then only the indicator figures: the national indicator
    measurement without the hour of other figures."""
    loaded = load(scale, seed=seed, today=today, workers=workers)
    return {"load_s": loaded.load_s, "database_mb": _database_bytes() / 1e6,
            **run_indicators(scale, today=today)}


def _recompute(scale, by, day: dt.date) -> dict:
    """The daily job for the day after the load, against the per-pathway loop; then
    every open pathway re-evaluated in bulk (what a rule-set change needs)."""
    open_count = PathwayState.objects.filter(is_open=True).count()
    done, naive_s = naive.recompute_per_row(by=by, sample=scale.naive_sample, today=day)
    started = time.perf_counter()
    result = recompute_open_states(today=day)
    daily_s = time.perf_counter() - started
    started = time.perf_counter()
    recompute_open_states(today=day, only_due=False)
    all_s = time.perf_counter() - started
    # Re-evaluating everything rewrote every open projection: let the database catch
    # up as autovacuum would after a nightly job (PostgreSQL's visibility map lets
    # the worklist count from the index alone).
    bulk.analyze(PathwayState)
    return {
        "open_pathways": open_count,
        "recompute_open_s": daily_s,
        "recompute_all_open_s": all_s,
        "recompute_open_s_naive": naive_s / max(done, 1) * open_count,
        "recompute_candidates": result.candidates,
        "naive_recompute_sample": done,
    }


def _database_bytes() -> int:
    """The database's size on disk after the load (tables and indexes)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), "
                       "pragma_page_size()")
        return cursor.fetchone()[0]


def _worklist(scale, today: dt.date, web_load: bool, clients: int) -> dict:
    busiest = (PathwayState.objects.filter(is_open=True).values("unit_id")
               .annotate(n=Count("pk")).order_by("-n", "unit_id").first())
    user = biggest_unit_coordinator(busiest["unit_id"], today=today)
    page_ms, queries, statements = worklist.page_samples(user, scale.samples)
    auth_ms, auth_ms_naive = api.token_auth_ms(user, scale.samples)
    figures = {
        "worklist_unit_open_pathways": busiest["n"],
        "worklist_db_p95_ms": p95(worklist.db_samples(user, scale.samples)),
        "worklist_db_p95_ms_naive": p95(worklist.db_samples_naive(user, max(3, scale.samples
                                                                            // 20))),
        "worklist_db_p95_ms_noindex": p95(worklist.db_samples_without_index(
            user, max(3, scale.samples // 10))),
        "worklist_page_p95_ms": p95(page_ms),
        "worklist_queries": queries,
        "worklist_statements": statements,
        "api_token_auth_ms": auth_ms,
        "api_token_auth_ms_naive": auth_ms_naive,
    }
    if not web_load:
        return figures
    cookie = web.session_cookie(user)
    with web.gunicorn() as base_url:
        figures.update(_served("web", web.load(base_url, cookie, clients=clients,
                                               seconds=scale.web_seconds)))
    figures["web_clients"] = clients
    # The API: one pathway of the busiest unit, read by its coordinator with a token.
    pathway_id = (Pathway.objects.filter(unit_id=busiest["unit_id"], is_open=True)
                  .order_by("pk").values_list("pk", flat=True).first())
    figures.update(_served("api_read", api.read_load(
        user, pathway_id, clients=clients, seconds=scale.web_seconds)))
    figures["api_read_pathway"] = pathway_id
    figures.update(_served("fhir_read", api.read_load(
        user, pathway_id, clients=clients, seconds=scale.web_seconds, path=api.fhir_read_path)))
    return figures


def _served(name: str, measured: web.Load) -> dict:
    return {f"{name}_req_per_s": measured.per_s,
            f"{name}_errors": sum(n for status, n in measured.statuses.items() if status != 200),
            f"{name}_cpu_ms": measured.cpu_ms,
            f"{name}_cpu_ceiling_req_per_s": measured.cpu_ceiling_per_s}

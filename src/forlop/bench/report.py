"""The printed table: each figure beside its naive counterpart and the ratio."""

from __future__ import annotations

# (key, unit, True when bigger is better)
FIGURES = [
    ("import_events_per_s", "events/s", True),
    ("recompute_open_s", "s", False),
    ("worklist_db_p95_ms", "ms", False),
    ("indicators_year_ms", "ms", False),
    ("indicators_dashboard_ms", "ms", False),
    ("api_token_auth_ms", "ms", False),
    ("export_resources_per_s", "resources/s", True),
    ("export_resources_per_cpu_s", "resources per CPU s", True),
    ("fhir_import_resources_per_s", "resources/s", True),
]
SINGLE = [
    ("import_events_ready_per_s", "events/s"),
    ("import_events_index_s", "s"),
    ("open_pathways", "pathways"),
    ("recompute_candidates", "pathways"),
    ("recompute_all_open_s", "s"),
    ("indicators_trust_pathways", "pathways"),
    ("indicators_trust_year_facts", "facts (the trust's year)"),
    ("indicators_year_ms_facts", "ms (the year grouped from the facts)"),
    ("indicators_dashboard_facts", "facts (the country's tertial)"),
    ("indicators_facts", "facts"),
    ("indicators_count_rows", "count rows (ADR 62)"),
    ("worklist_db_p95_ms_noindex", "ms"),
    ("worklist_page_p95_ms", "ms"),
    ("worklist_queries", "queries"),
    ("worklist_statements", "incl. BEGIN/COMMIT"),
    ("web_req_per_s", "req/s"),
    ("api_read_req_per_s", "req/s"),
    ("fhir_read_req_per_s", "req/s"),
    ("web_cpu_ms", "ms CPU per request (server + database)"),
    ("api_read_cpu_ms", "ms CPU per request (server + database)"),
    ("fhir_read_cpu_ms", "ms CPU per request (server + database)"),
    ("web_cpu_ceiling_req_per_s", "req/s (all cores at that CPU cost)"),
    ("api_read_cpu_ceiling_req_per_s", "req/s (all cores at that CPU cost)"),
    ("fhir_read_cpu_ceiling_req_per_s", "req/s (all cores at that CPU cost)"),
    ("import_rows_per_s", "rows/s"),
    ("import_s", "s"),
    ("generate_s", "s"),
    ("load_s", "s"),
    ("database_mb", "MB"),
    ("export_resources", "resources"),
    ("export_peak_mb", "MB (heap, busiest unit)"),
    ("export_s", "s (wall)"),
    ("export_cpu_s", "s (CPU, every process)"),
    ("export_db_cpu_us", "µs (CPU of a local PostgreSQL cluster per resource)"),
    ("export_workers", "processes"),
    ("fhir_import_events_per_s", "events/s"),
    ("fhir_import_resources", "resources"),
    ("fhir_import_peak_mb", "MB (heap)"),
    ("fhir_import_parent_cpu_s", "s (CPU, the importing process)"),
    ("fhir_import_kernel_us", "µs (CPU, the kernel alone)"),
]


def table(figures: dict) -> str:
    head = (f"Forløp bench: scale={figures['scale']} database={figures['database']} "
            f"pathways={figures['pathways']:,} events={figures['events']:,} "
            f"cpus={figures['cpu_count']}")
    lines = [head, f"{'figure':<30}{'fast':>14}{'naive':>14}{'ratio':>9}  unit"]
    for key, unit, bigger_better in FIGURES:
        if key not in figures:
            continue  # --worklist-only measures no import or recompute
        if key not in figures or f"{key}_naive" not in figures:
            continue
        fast, slow = figures[key], figures[f"{key}_naive"]
        ratio = fast / slow if bigger_better else slow / fast if fast else float("inf")
        lines.append(f"{key:<30}{fast:>14,.2f}{slow:>14,.2f}{ratio:>8,.0f}x  {unit}")
    for key, unit in SINGLE:
        if key not in figures:
            continue  # absent without the web load (tests) or with --worklist-only
        lines.append(f"{key:<30}{figures[key]:>14,.2f}{'':>14}{'':>9}  {unit}")
    return "\n".join(lines)

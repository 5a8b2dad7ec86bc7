"""The generator is seeded: the same seed gives the same rows, wherever it runs, and
its histories have the national mix (about ten events a pathway, most closed)."""

import datetime as dt
import random

import pytest

from forlop.bench import encode
from forlop.bench.generate import FIELDS, ChunkJob, generate_chunk, status_history
from forlop.bench.histories import history
from forlop.bench.organisation import Layout
from forlop.bench.scales import BENCH_TODAY
from forlop.kernel.evaluation import evaluate

LAYOUT = Layout(units=tuple((u, 1, kind, 1.0) for u, kind in enumerate(
    ["voksne", "ocd", "barn_unge", "spiseforstyrrelser", "tsb", "gravide", "psykose"], 1)),
    trust_weights={1: 1.0}, importer_id=1,
    coordinators={u: (100 + u, 200 + u) for u in range(1, 8)})


def job(tmp_path, index=0, vendor="sqlite"):
    first = {"pathways": 1 + index * 30, "referrals": 1, "events": 1, "status_changes": 1,
             "facts": 1}
    return ChunkJob(seed=3, index=index, size=30, first_ids=first, today=BENCH_TODAY,
                    layout=LAYOUT, vendor=vendor, spool=tmp_path)


def rows(tmp_path, table, index=0):
    return encode.read_pickle(encode.chunk_files(tmp_path, table)[index])


def test_same_seed_same_rows(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    generate_chunk(job(tmp_path / "a"))
    generate_chunk(job(tmp_path / "b"))
    assert rows(tmp_path / "a", "events") == rows(tmp_path / "b", "events")


def test_chunks_differ(tmp_path):
    generate_chunk(job(tmp_path, 0))
    generate_chunk(job(tmp_path, 1))
    assert rows(tmp_path, "events", 0) != rows(tmp_path, "events", 1)


def test_every_pathway_has_a_projection_and_a_referral(tmp_path):
    summary = generate_chunk(job(tmp_path))
    pathways = rows(tmp_path, "pathways")
    assert [s[0] for s in rows(tmp_path, "states")] == [p[0] for p in pathways]
    referrals = {r[0] for r in rows(tmp_path, "referrals")}
    assert {p[FIELDS["pathways"].index("referral")] for p in pathways} <= referrals
    assert summary.rows["pathways"] == len(pathways) == 30


def test_every_pathway_has_a_coordinator_of_its_unit(tmp_path):
    generate_chunk(job(tmp_path))
    unit, coordinator = FIELDS["pathways"].index("unit"), FIELDS["pathways"].index("coordinator")
    pairs = {(p[unit], p[coordinator]) for p in rows(tmp_path, "pathways")}
    assert all(c in LAYOUT.coordinators[u] for u, c in pairs)
    assert len({c for _u, c in pairs}) > len({u for u, _c in pairs})  # not one per unit


def test_no_event_after_today(tmp_path):
    generate_chunk(job(tmp_path))
    assert max(e[3] for e in rows(tmp_path, "events")) <= BENCH_TODAY.isoformat()


def test_copy_format_has_one_line_per_row(tmp_path):
    summary = generate_chunk(job(tmp_path, vendor="postgresql"))
    text = encode.chunk_files(tmp_path, "states")[0].read_text()
    assert [len(line.split("\t")) for line in text.splitlines()] == (
        [len(FIELDS["states"])] * summary.rows["states"])


def test_national_mix():
    rng = random.Random(11)
    histories = [history(rng, BENCH_TODAY) for _ in range(2000)]
    states = [evaluate(h.spec, h.events, BENCH_TODAY).state for h in histories]
    assert 9 <= sum(len(h.events) for h in histories) / len(histories) <= 11
    assert 0.15 <= sum(s != "closed" for s in states) / len(states) <= 0.25


def test_status_history_follows_the_services():
    d = dt.date(2025, 1, 6)
    events = [
        {"event": "referral_received", "date": d},
        {"event": "referral_assessed", "date": d, "outcome": "right_granted"},
        {"event": "pathway_start", "date": d},
        {"event": "first_attendance", "date": d + dt.timedelta(days=3)},
        {"event": "clinical_decision", "date": d + dt.timedelta(days=9), "outcome": "CP"},
        {"event": "evaluation", "date": d + dt.timedelta(days=60)},
        {"event": "pathway_end", "date": d + dt.timedelta(days=90), "outcome": "completed"},
    ]
    assert [(s, r) for s, r, _on in status_history(events)] == [
        ("started", "pathway_start"), ("assessing", "first_attendance"),
        ("treatment", "clinical_decision"), ("closed", "pathway_end")]


@pytest.mark.parametrize("seed", range(40))
def test_national_histories_pass_the_kernel(seed):
    h = history(random.Random(seed), BENCH_TODAY)
    assert evaluate(h.spec, h.events, BENCH_TODAY).errors == ()


@pytest.mark.parametrize("seed", range(30))
def test_status_history_skips_only_events_that_cannot_change_the_state(seed):
    from forlop.kernel.events import normalise_events
    from forlop.kernel.state import derive_state
    from forlop.kernel.timeline import Timeline

    events = history(random.Random(seed), BENCH_TODAY).events
    entries, _ = normalise_events(events)
    every = [derive_state(Timeline.build([e for e in entries if e.index < k]))
             for k in range(3, len(events) + 1)]
    changes = [s for i, s in enumerate(every) if i == 0 or s != every[i - 1]]
    assert [s for s, _r, _on in status_history(events)] == changes

"""The import as one call: read, plan, land. The command and the bench use it."""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction

from forlop.fhir.importing import csvfile, ndjson
from forlop.fhir.importing.drafts import Rejection, utf8_lines
from forlop.fhir.importing.plan import Planner, World, install, judge
from forlop.fhir.importing.write import Writer, Written

# Pathways planned and written at a time: what the parent holds in memory.
CHUNK = 2_000
# Below this many pathways in the file, forking worker processes costs more than it
# saves; from it on, ``WORKERS`` processes read and judge while the parent writes
# (0: all in this process).
PARALLEL_FROM = 400
WORKERS = 2


@dataclass
class Outcome:
    rejections: list[Rejection] = field(default_factory=list)
    written: Written = field(default_factory=Written)
    pathways: int = 0
    events: int = 0
    new_patients: int = 0
    skipped: dict = field(default_factory=dict)

    @property
    def landed(self) -> bool:
        return not self.rejections and self.written.pathways > 0


def file_format(path: Path, given: str | None = None) -> str:
    if given:
        return given
    if path.is_dir():
        return "ndjson"
    return "ndjson" if path.suffix.lower() in {".ndjson", ".jsonl", ".json"} else "csv"


def ndjson_files(path: Path) -> list[Path]:
    """A file, or a folder's Patient and EpisodeOfCare files (``forlop export``'s)."""
    if not path.is_dir():
        return [path]
    return [p for p in (path / "Patient.ndjson", path / "EpisodeOfCare.ndjson") if p.exists()]


def import_file(path: Path, *, by, today: dt.date, dry_run: bool = False, fmt=None,
                progress=None, chunk: int = CHUNK, workers: int = WORKERS,
                parallel_from: int = PARALLEL_FROM) -> Outcome:
    """All or nothing, in bounded memory: the file streams through in chunks of
    ``chunk`` pathways, each planned and written in the one transaction; any
    rejection stops the writing (the planning goes on, to report every rejection)
    and rolls everything back; a dry run writes and rolls back."""
    outcome = Outcome()
    fmt = file_format(path, fmt)
    with ExitStack() as stack:
        if fmt == "ndjson":
            opened = [(p.name, stack.enter_context(p.open(encoding="utf-8-sig",
                                                          errors="surrogateescape")))
                      for p in ndjson_files(path)]
            prefix = "{}: " if len(opened) > 1 else ""
            patients, again = ndjson.patients(
                [(name, utf8_lines(f, outcome.rejections, prefix.format(name)))
                 for name, f in opened], outcome.rejections)
            for _name, f in opened:
                f.seek(0)
            # The first pass has reported the lines that are not UTF-8.
            items = ndjson.lines([(name, utf8_lines(f, [])) for name, f in opened], again)
        else:
            f = stack.enter_context(path.open(encoding="utf-8-sig", newline="",
                                              errors="surrogateescape"))
            patients, items = {}, csvfile.groups(utf8_lines(f, outcome.rejections),
                                                 outcome.rejections)
        with transaction.atomic():
            world = World.read(fmt, today, patients)
            planner = Planner(world, by)
            writer = Writer(by=by, progress=progress)
            for judged in _judged(stack, world, items, chunk, workers, parallel_from):
                planned = planner.plan(judged)
                outcome.rejections += planned.rejections
                outcome.pathways += len(planned.pathways)
                outcome.events += planned.events
                outcome.new_patients += len(planned.new_patients)
                for kind, n in planned.skipped.items():
                    outcome.skipped[kind] = outcome.skipped.get(kind, 0) + n
                if progress is not None:
                    progress("plan", planned.events)
                if not outcome.rejections:
                    writer.write(planned)
                    planner.written()
            if not outcome.rejections:
                writer.finish(dry_run=dry_run)
                outcome.written = writer.written
            if dry_run or outcome.rejections:
                transaction.set_rollback(True)
    outcome.rejections.sort(key=lambda r: (r.line, r.field))
    return outcome


def _judged(stack: ExitStack, world: World, items, chunk: int, workers: int,
            parallel_from: int):
    """The file's pathways judged, a chunk at a time. A small file is judged here; a
    big one by forked workers, the next chunk judged while the parent plans and
    writes this one (two chunks in flight at most: memory stays bounded)."""
    install(world)
    items = iter(items)
    first = list(islice(items, max(chunk, parallel_from)))
    if workers < 1 or len(first) < parallel_from:
        batches = _batches(first, items, chunk)
        for batch in batches:
            yield [judge(item) for item in batch]
        return
    gc.freeze()  # fork: the workers leave the parent's objects alone (copy on write)
    pool = stack.enter_context(multiprocessing.get_context("fork").Pool(
        workers, initializer=install, initargs=(world,)))
    gc.unfreeze()
    size = max(1, min(64, chunk // (workers * 4)))
    pending = None
    for batch in _batches(first, items, chunk):
        submitted = pool.map_async(judge, batch, chunksize=size)
        if pending is not None:
            yield pending.get()
        pending = submitted
    if pending is not None:
        yield pending.get()


def _batches(first: list, rest, chunk: int):
    first = iter(first)
    while batch := list(islice(first, chunk)):
        yield batch
    while batch := list(islice(rest, chunk)):
        yield batch

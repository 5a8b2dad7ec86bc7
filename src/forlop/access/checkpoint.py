"""Signed checkpoints of the access log's head, kept outside the database.

The hash chain shows a changed or removed row anywhere but at the end: someone who
can write the database could delete the newest rows and leave a shorter, intact
chain. A scheduled ``forlop audit checkpoint`` writes the head (last row id and its
hash, the row count) to a file in ``ACCESS_LOG_CHECKPOINT_DIR``, signed with
``ACCESS_LOG_KEY`` (which is not in the database either); ``forlop audit verify``
checks every checkpoint there against the rows. Keep that folder on other storage
than the database (or ship the files off the host: they hold no patient data).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from forlop.access.models import AccessLogEntry


class CheckpointError(ValueError):
    """A checkpoint file that is not ours: unreadable, or its signature is wrong."""


@dataclass(frozen=True)
class Checkpoint:
    last_id: int
    head_hash: str
    rows: int
    taken_at: str

    def signature(self) -> str:
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hmac.new(settings.ACCESS_LOG_KEY.encode(), b"checkpoint:" + blob,
                        hashlib.sha256).hexdigest()


def folder() -> Path:
    return Path(settings.ACCESS_LOG_CHECKPOINT_DIR)


def take(directory: Path | None = None) -> Checkpoint | None:
    """Write a checkpoint of the current head; None when the log is empty."""
    head = AccessLogEntry.objects.order_by("-id").values_list("id", "hash").first()
    if head is None:
        return None
    now = timezone.now()
    point = Checkpoint(last_id=head[0], head_hash=head[1],
                       rows=AccessLogEntry.objects.filter(id__lte=head[0]).count(),
                       taken_at=now.isoformat(timespec="seconds"))
    target = directory or folder()
    target.mkdir(parents=True, exist_ok=True)
    name = f"checkpoint-{now:%Y%m%dT%H%M%S%f}-{point.last_id}.json"
    (target / name).write_text(json.dumps({**asdict(point), "signature": point.signature()},
                                          sort_keys=True))
    return point


def read_all(directory: Path | None = None) -> list[Checkpoint]:
    """Every checkpoint in the folder, oldest first; ``CheckpointError`` names a file
    whose signature does not match (forged or damaged)."""
    target = directory or folder()
    if not target.is_dir():
        return []
    points = []
    for path in sorted(target.glob("checkpoint-*.json")):
        try:
            data = json.loads(path.read_text())
            signature = data.pop("signature")
            point = Checkpoint(**data)
        except (ValueError, TypeError, KeyError) as error:
            raise CheckpointError(f"{path.name}: not a checkpoint ({error})") from error
        if not hmac.compare_digest(signature, point.signature()):
            raise CheckpointError(f"{path.name}: the signature does not match "
                                  "(forged, damaged, or signed with another ACCESS_LOG_KEY)")
        points.append(point)
    return points


def age(point: Checkpoint) -> dt.timedelta:
    return timezone.now() - dt.datetime.fromisoformat(point.taken_at)

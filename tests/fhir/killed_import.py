"""Run as a separate process against a file database (``DATABASE_URL``):
``setup`` makes a unit and a coordinator; ``kill FILE`` imports FILE and SIGKILLs
its own process while the events are being written (mid-transaction); ``run FILE``
imports it; ``count`` prints the stored pathways, events and patients as JSON."""

import datetime as dt
import json
import os
import signal
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlop.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from forlop import bulkcopy  # noqa: E402
from forlop.pathways.models import Pathway, PathwayEvent  # noqa: E402
from forlop.patients.models import Patient  # noqa: E402

TODAY = dt.date(2024, 6, 3)


def main(mode: str, path: str = "") -> None:
    if mode == "setup":
        from tests import factories

        org = factories.organisation()
        factories.user("koordinator", role="coordinator", unit=org.unit_a)
    elif mode == "kill":
        real = bulkcopy.insert_rows

        def killed(model, fields, rows, **kwargs):
            if model is PathwayEvent:
                real(model, fields, list(rows)[:3], **kwargs)  # some rows written, then
                os.kill(os.getpid(), signal.SIGKILL)  # the process dies, uncommitted
            return real(model, fields, rows, **kwargs)

        bulkcopy.insert_rows = killed
        call_command("import", path, by="koordinator", today=TODAY)
    elif mode == "run":
        call_command("import", path, by="koordinator", today=TODAY)
    elif mode == "count":
        print(json.dumps([Pathway.objects.count(), PathwayEvent.objects.count(),
                          Patient.objects.count()]))


if __name__ == "__main__":
    main(*sys.argv[1:])

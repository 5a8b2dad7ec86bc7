import json
import pathlib

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from forlop.bench.report import table
from forlop.bench.runner import run, run_fhir, run_indicators, run_load_indicators, run_worklist
from forlop.bench.scales import BENCH_TODAY, SCALES
from forlop.pathways.models import Pathway


class Command(BaseCommand):
    help = ("Load seeded synthetic data into an empty database and measure import, "
            "recompute, worklist and web figures, each beside the naive way.")

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--out", type=pathlib.Path, help="write the figures as JSON here")
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument("--workers", type=int, default=2,
                            help="processes generating data while this one writes")
        parser.add_argument("--worklist-only", action="store_true",
                            help="measure only the worklist and web figures, on data a "
                                 "previous run loaded (for work on the worklist)")
        parser.add_argument("--indicators-only", action="store_true",
                            help="measure only a trust's year of indicators (summary and "
                                 "naive recomputation), on data a previous run loaded")
        parser.add_argument("--load-indicators", action="store_true",
                            help="load the scale, then measure only the indicator figures "
                                 "(no import, recompute, worklist or web figures): a "
                                 "national indicator run that fits a shared machine")
        parser.add_argument("--fhir-only", action="store_true",
                            help="measure only the FHIR bulk figures (export and import, "
                                 "each beside the naive way), on data a previous run "
                                 "loaded; the import is rolled back, so it can be rerun")

    def handle(self, *args, scale, out, seed, workers, worklist_only, indicators_only,
               load_indicators, fhir_only, **options):
        # A throwaway cluster or a fresh file arrives empty: bring the schema first.
        call_command("migrate", interactive=False, verbosity=0)
        if worklist_only or indicators_only or fhir_only:
            if not Pathway.objects.exists():
                raise CommandError("--worklist-only, --indicators-only and --fhir-only need "
                                   "data a previous run loaded.")
            only = run_worklist if worklist_only else run_indicators
            figures = (run_fhir if fhir_only else only)(SCALES[scale], today=BENCH_TODAY)
        elif Pathway.objects.exists():
            raise CommandError("The benchmark needs an empty database (it loads its own data).")
        elif load_indicators:
            figures = run_load_indicators(SCALES[scale], seed=seed, today=BENCH_TODAY,
                                          workers=workers)
        else:
            figures = run(SCALES[scale], seed=seed, today=BENCH_TODAY, workers=workers)
        self.stdout.write(table(figures))
        if out:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
            self.stdout.write(f"Figures written to {out}")

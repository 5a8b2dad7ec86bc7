"""``make screenshots``: PNGs of the main pages, as the demo personas see them.

Loads the synthetic demo into a throwaway SQLite file, records today's notices
(``forlop remind``), serves it with gunicorn on a free loopback port, signs in as
each persona with Playwright and Debian's chromium, and saves one PNG per row of
``SHOTS`` to ``docs/screenshots/``. A new page is one line in ``SHOTS``.

    python -m forlop.devtools.screenshots [--out DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from forlop.devtools.server import gunicorn

PASSWORD = "demo-passord-2026"  # noqa: S105 - the demo's published password (README)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update"]


@dataclass(frozen=True)
class Shot:
    name: str  # the file: docs/screenshots/<name>.png
    persona: str | None  # demo username; None: signed out
    url: str  # URL name (reversed) or a path starting with "/"
    pathway_of: str = ""  # for URLs with <pk>: this demo patient's first open pathway
    viewport: tuple[tuple[str, int], ...] = tuple(DESKTOP.items())


SHOTS = [
    Shot("01-sign-in", None, "login"),
    Shot("02-worklist", "koordinator", "worklist"),
    Shot("03-pathway", "koordinator", "pathway_detail", pathway_of="Per Pasient"),
    Shot("04-notices", "koordinator", "reminders:notices"),
    Shot("05-patient-search", "koordinator", "access:patient_search"),
    Shot("06-consents", "koordinator", "access:pathway_consents", pathway_of="Per Pasient"),
    Shot("07-access-log", "leder", "access:pathway_log", pathway_of="Per Pasient"),
    Shot("08-emergency-review", "leder", "access:review_list"),
    Shot("09-min-side", "pasient", "portal:home"),
    Shot("10-min-side-log", "pasient", "portal:log"),
    Shot("11-relative", "parorende", "portal:shared"),
    Shot("12-worklist-phone", "koordinator", "worklist", viewport=tuple(PHONE.items())),
    Shot("13-not-found", None, "/finnes-ikke/"),
    Shot("14-referrals", "sekretaer", "intake:list"),
    Shot("15-referral-new", "sekretaer", "intake:register"),
    Shot("17-transfer", "koordinator", "pathway_transfer", pathway_of="Per Pasient"),
    Shot("18-caseload", "leder", "worklist_caseload"),
    Shot("19-saved-views", "koordinator", "worklist_saved_views"),
    Shot("20-roles", "tilgang", "access:roles"),
    Shot("21-pathway-phone", "koordinator", "pathway_detail", pathway_of="Per Pasient",
         viewport=tuple(PHONE.items())),
    Shot("22-indicators", "leder", "indicators:dashboard"),
    Shot("23-npr-fix-list", "koordinator", "npr:fix_list"),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--only", nargs="*", help="names of the shots to take (default: all)")
    args = parser.parse_args(argv)
    shots = [s for s in SHOTS if not args.only or s.name in args.only]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="forlop-shots-") as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
               "FORLOP_ENV": "dev", "FORLOP_DEMO": "1", "DEBUG": "0",
               "DJANGO_SETTINGS_MODULE": "forlop.settings"}
        forlop = [sys.executable, "-m", "forlop"]
        for step in (["migrate", "--no-input", "-v", "0"], ["demo"], ["remind"]):
            subprocess.run([*forlop, *step], env=env, check=True, stdout=subprocess.DEVNULL)
        os.environ.update(env)
        with gunicorn(env) as base:
            take(shots, base, args.out)
    for shot in shots:
        print(args.out / f"{shot.name}.png")
    return 0


def take(shots: list[Shot], base: str, out: Path) -> None:
    import django
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    django.setup()
    # Database look-ups first: Playwright's sync API runs an event loop in this thread,
    # in which Django refuses synchronous queries.
    urls = {shot.name: shot.url if shot.url.startswith("/") else reverse(
        shot.url, kwargs={"pk": pathway_id(shot.pathway_of)} if shot.pathway_of else {})
        for shot in shots}
    executable = os.environ.get("FORLOP_CHROMIUM") or shutil.which("chromium")
    if executable is None:
        raise SystemExit("chromium not found: `make screenshots` installs Debian's chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True,
                                    args=CHROMIUM_ARGS)
        for shot in shots:
            context = browser.new_context(locale="nb-NO", viewport=dict(shot.viewport))
            page = context.new_page()
            if shot.persona:
                sign_in(page, base, shot.persona)
            page.goto(base + urls[shot.name])
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{shot.name}.png"))
            context.close()
        browser.close()


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def pathway_id(patient_name: str) -> int:
    """The first open pathway of the demo patient ``patient_name`` (read from the
    throwaway database: a tool's look-up, not a page's)."""
    from forlop.pathways.models import Pathway

    return (Pathway.objects.filter(patient__name=patient_name, is_open=True).order_by("pk")
            .values_list("pk", flat=True)[0])


if __name__ == "__main__":
    sys.exit(main())

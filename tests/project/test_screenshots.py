"""``make screenshots``: its table names real pages, and docs show every picture."""

import pathlib

from django.urls import reverse

from forlop.devtools.screenshots import SHOTS

DOCS = pathlib.Path(__file__).resolve().parents[2] / "docs/screenshots"


def test_shot_names_are_unique():
    assert len({s.name for s in SHOTS}) == len(SHOTS)


def test_every_shot_names_a_url_of_the_app():
    urls = [s.url if s.url.startswith("/") else reverse(
        s.url, kwargs={"pk": 1} if s.pathway_of else {}) for s in SHOTS]
    assert all(u.startswith("/") for u in urls)


def test_every_shot_is_committed_and_shown_in_the_readme():
    readme = (DOCS / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SHOTS
               if not (DOCS / f"{s.name}.png").is_file() or f"({s.name}.png)" not in readme]
    assert missing == []

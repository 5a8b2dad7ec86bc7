"""No inline script or style anywhere (the CSP would block them), and no CSRF opt-outs."""

import pathlib
import re

import pytest

SRC = pathlib.Path(__file__).resolve().parents[2] / "src" / "forlop"
# Django templates and the Jinja2 fragments (worklist rows).
TEMPLATES = sorted([*SRC.rglob("templates/**/*.html"), *SRC.rglob("jinja2/**/*.html")])
INLINE = re.compile(r"<script(?![^>]*\bsrc=)|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_there_are_templates_to_check():
    assert len(TEMPLATES) >= 8
    assert any("jinja2" in p.parts for p in TEMPLATES)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_template_has_no_inline_script_or_style(path):
    assert INLINE.findall(path.read_text(encoding="utf-8")) == []


def test_checker_finds_inline_code():
    assert len(INLINE.findall('<p style="x" onclick="y"><script>z</script>')) == 3


def test_no_view_is_exempt_from_csrf():
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if "csrf_exempt" in p.read_text(encoding="utf-8")]
    assert offenders == []

"""House rules that keep the code base in shape."""

import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = sorted(p for p in (ROOT / "src/forlop").rglob("*.py") if "migrations" not in p.parts)


def lines(path: pathlib.Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_400_lines(path):
    assert lines(path) <= 400


def test_kernel_has_no_django_import():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "src/forlop/kernel").rglob("*.py")
                 if "import django" in p.read_text() or "from django" in p.read_text()]
    assert offenders == []


def test_kernel_tests_outnumber_kernel_source_lines():
    source = sum(lines(p) for p in (ROOT / "src/forlop/kernel").rglob("*.py"))
    tests = sum(lines(p) for p in (ROOT / "tests/kernel").rglob("*.py"))
    assert tests > source

"""House rules for the kernel: no Django, small modules."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import forlop.kernel

KERNEL = Path(forlop.kernel.__file__).parent
MODULES = sorted(KERNEL.rglob("*.py"))


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    names |= {node.module for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_django_import(path):
    assert "django" not in imported_roots(path)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_stays_under_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 400


def test_importing_the_kernel_loads_no_django():
    code = "import sys, forlop.kernel, forlop.kernel.cli; print('django' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"

"""The curl examples of docs/api.md, run in order against gunicorn serving the demo.

Each ```sh block runs in one bash session (so ``TOKEN`` and ``PATHWAY`` carry over),
with ``forlop`` on the PATH and pointed at the server's database. ``curl`` is wrapped
to report each answer's status on stderr; a block's statuses must all be 2xx, or the
one its ``<!-- expect: NNN -->`` comment names; ``<!-- not run -->`` skips a block.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from forlop.devtools.server import gunicorn

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
BLOCK = re.compile(r"(?:<!-- (?:expect: (\d{3})|(not run)) -->\n\s*)?```sh\n(.*?)```", re.S)
DOC_URL = "http://127.0.0.1:8000"


def examples() -> list[tuple[int | None, str]]:
    return [(int(code) if code else None, body)
            for code, skip, body in BLOCK.findall(DOC.read_text()) if not skip]


def script(blocks, base_url: str) -> str:
    lines = ["set -euo pipefail",
             "curl() { command curl -sS -w '%{stderr}::status %{http_code}\\n' \"$@\"; }"]
    for i, (_, body) in enumerate(blocks):
        lines += [f"echo '::block {i}' >&2", body.replace(DOC_URL, base_url)]
    return "\n".join(lines) + "\n"


def statuses(stderr: str) -> dict[int, list[int]]:
    found, block = {}, None
    for line in stderr.splitlines():
        if line.startswith("::block "):
            block = int(line.split()[1])
            found[block] = []
        elif line.startswith("::status "):
            found[block].append(int(line.split()[1]))
    return found


def test_the_document_has_examples_with_expectations():
    blocks = examples()
    assert len(blocks) >= 8
    assert {404, 401, 422, 409} <= {code for code, _ in blocks}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("api-docs") / "demo.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "FORLOP_DEMO": "1",
           "FORLOP_ENV": "dev",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    forlop = [sys.executable, "-m", "forlop"]
    subprocess.run([*forlop, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([*forlop, "demo", "--pathways", "30"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    with gunicorn(env, workers=1) as url:
        yield url, env


def test_the_curl_examples_answer_as_documented(demo):
    url, env = demo
    blocks = examples()
    done = subprocess.run(["bash", "-c", script(blocks, url)], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    got = statuses(done.stderr)
    assert done.returncode == 0, done.stderr[-3000:]
    assert sorted(got) == list(range(len(blocks))), done.stderr[-3000:]
    for i, (expected, body) in enumerate(blocks):
        wanted = [expected] * len(got[i]) if expected else None
        if wanted:
            assert got[i] == wanted, f"block {i}:\n{body}\n{done.stderr[-2000:]}"
        else:
            assert all(200 <= s < 300 for s in got[i]), f"block {i}:\n{body}\n{got[i]}"
        if "curl" in body:
            assert got[i], f"block {i} ran no curl"

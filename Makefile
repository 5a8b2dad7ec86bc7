# Forløp task runner: few verbs, the same in the README and in CI.
#   make run    install, migrate, load synthetic demo data, serve http://127.0.0.1:8000 (SQLite)
#   make test   install, lint, migration check, whole suite on SQLite and on PostgreSQL
#   make bench  benchmarks (SCALE=small|national)
#   make lint   ruff
#   make screenshots  PNGs of the main pages into docs/screenshots/
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.local/bin:$(PATH)
export UV_LINK_MODE := copy
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends
UV := uv
FORLOP := .venv/bin/forlop
PY := .venv/bin/python
SCALE ?= small
HOST ?= 127.0.0.1
PORT ?= 8000

IDP := tests/idp

.PHONY: run test bench lint install system-test system-base messages demo screenshots

install: system-base
	@command -v uv >/dev/null || python3 -m pip install --quiet --user uv
	$(UV) sync --frozen --quiet
	mkdir -p var/static
	$(FORLOP) compilemessages --ignore=.venv -v 0

# Debian packages: gettext (msgfmt) for the nynorsk/bokmål catalogues.
system-base:
	@command -v msgfmt >/dev/null || { apt-get update -q && $(APT_INSTALL) gettext; }

# Tests also need a PostgreSQL server, a browser (Debian's chromium for Playwright) and
# Node.js for the local OpenID Connect provider the sign-in tests start (tests/idp),
# wrk, the HTTP load generator of the benchmark's web figure, and curl and jq, which
# the API's documented examples use (tests/api/test_docs_examples.py).
system-test:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null \
	  || { apt-get update -q && $(APT_INSTALL) postgresql; }
	@command -v chromium >/dev/null || { apt-get update -q && $(APT_INSTALL) chromium; }
	@command -v npm >/dev/null || { apt-get update -q && $(APT_INSTALL) nodejs npm; }
	@command -v wrk >/dev/null || { apt-get update -q && $(APT_INSTALL) wrk; }
	@command -v jq >/dev/null && command -v curl >/dev/null \
	  || { apt-get update -q && $(APT_INSTALL) jq curl; }

# The test identity provider's packages, exactly as locked; again only when the lock
# file is newer than what npm last installed.
$(IDP)/node_modules/.package-lock.json: $(IDP)/package-lock.json $(IDP)/package.json
	cd $(IDP) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# DEBUG stays off: a first-time user meets the app's own error pages (nb/nn), never
# Django's technical ones; --insecure lets runserver serve the static files anyway.
run: install
	$(FORLOP) migrate --no-input -v 0
	$(FORLOP) demo --if-empty
	$(FORLOP) remind  # today's deadline notices (the digests print here: console mail)
	@echo "Forløp: http://$(HOST):$(PORT)/  (demo users: see README)"
	$(FORLOP) runserver --insecure $(HOST):$(PORT)

# PNGs of the main pages as the demo personas see them, into docs/screenshots/ (commit
# them): the demo on a throwaway SQLite file, gunicorn, Playwright with Debian's chromium.
# The pages are one table, SHOTS in src/forlop/devtools/screenshots.py.
screenshots: install
	@command -v chromium >/dev/null || { apt-get update -q && $(APT_INSTALL) chromium; }
	$(PY) -m forlop.devtools.screenshots --out docs/screenshots

# Refresh the nynorsk catalogue from the source (bokmål) strings; translate the new
# entries (a test fails on an empty or fuzzy one), then commit the .po file.
messages: install
	cd src/forlop && ../../$(FORLOP) makemessages -l nn --no-obsolete --no-location -e html,py,txt,jinja2 -v 0

lint: install
	.venv/bin/ruff check .

# The two databases' runs go side by side: they share nothing (each its own database,
# its own --basetemp, free ports for live servers), so on two cores the pair takes about
# as long as the longer one. The PostgreSQL run's output is held and printed after the
# SQLite run's; either failing fails the target. Bytecode is cached in var/pycache even
# where the environment turns it off (PYTHONDONTWRITEBYTECODE): every process the suite
# starts (both runs, the CLI tests' subprocesses, live servers, bench workers) would
# otherwise compile every module again (docs/performance.md, "The test suite").
test: export PYTHONDONTWRITEBYTECODE :=
test: export PYTHONPYCACHEPREFIX := $(CURDIR)/var/pycache
test: system-test install lint $(IDP)/node_modules/.package-lock.json
	$(FORLOP) makemigrations --check --dry-run -v 1
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "== test suite on PostgreSQL: started beside the SQLite run, its output follows it"; \
	( rc=0; $(PY) -m forlop.devtools.pgcluster -- $(PY) -m pytest -q -p no:cacheprovider \
	    --durations=15 -m "not browser" --ignore=tests/kernel --basetemp="$$tmp/pg" \
	    > "$$tmp/pg.log" 2>&1 || rc=$$?; echo $$rc > "$$tmp/pg.rc" ) & \
	echo "== test suite on SQLite"; \
	sqlite=0; $(PY) -m pytest -q -p no:cacheprovider --durations=15 --basetemp="$$tmp/sqlite" \
	  || sqlite=$$?; \
	wait; echo "== test suite on PostgreSQL"; cat "$$tmp/pg.log"; pg=$$(cat "$$tmp/pg.rc"); \
	echo "== SQLite exit $$sqlite, PostgreSQL exit $$pg"; test "$$sqlite$$pg" = 00

# Each run loads its own data into an empty database: a fresh cluster, a fresh file.
# Both databases at both scales: small ~1 min each, national ~11 min each (2 cores;
# docs/performance.md). The SQLite file stays in var/ for inspection (~3.6 GB at
# national); the generators' spool goes to $TMPDIR (~3 GB) and is removed.
bench: system-test install
	mkdir -p var
	$(PY) -m forlop.devtools.pgcluster --durable -- $(FORLOP) bench --scale $(SCALE) --out var/bench-$(SCALE)-postgresql.json
	rm -f var/bench-$(SCALE).sqlite3 var/bench-$(SCALE).sqlite3-wal var/bench-$(SCALE).sqlite3-shm
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench-$(SCALE).sqlite3 $(FORLOP) bench --scale $(SCALE) --out var/bench-$(SCALE)-sqlite.json

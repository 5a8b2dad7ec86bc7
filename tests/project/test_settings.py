import os
import subprocess
import sys


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG",
                          "ACCESS_LOG_KEY"}}
    return subprocess.run([sys.executable, "-c", "import forlop.settings"],
                          env={**clean, **env}, capture_output=True, text=True, check=False)


def test_production_without_secret_key_stops_with_a_hint():
    result = _import_settings(FORLOP_ENV="production", DATABASE_URL="sqlite:///x",
                              ALLOWED_HOSTS="x")
    assert "SECRET_KEY is required when FORLOP_ENV=production" in result.stderr


def test_production_without_database_url_stops_with_a_hint():
    result = _import_settings(FORLOP_ENV="production", SECRET_KEY="k" * 50, ALLOWED_HOSTS="x")
    assert "DATABASE_URL is required" in result.stderr


def test_production_without_access_log_key_stops_with_a_hint():
    result = _import_settings(FORLOP_ENV="production", SECRET_KEY="k" * 50,
                              DATABASE_URL="postgresql://u@/db", ALLOWED_HOSTS="x")
    assert "ACCESS_LOG_KEY is required" in result.stderr


def test_production_with_required_settings_starts():
    result = _import_settings(FORLOP_ENV="production", SECRET_KEY="k" * 50,
                              DATABASE_URL="postgresql://u@/db", ALLOWED_HOSTS="x",
                              ACCESS_LOG_KEY="a" * 50)
    assert result.returncode == 0


def test_debug_is_off_unless_set():
    result = subprocess.run(
        [sys.executable, "-c", "import forlop.settings as s; print(s.DEBUG)"],
        env={k: v for k, v in os.environ.items() if k != "DEBUG"},
        capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_unknown_environment_is_refused():
    assert "FORLOP_ENV='staging'" in _import_settings(FORLOP_ENV="staging").stderr

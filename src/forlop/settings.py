"""Django settings. They read the environment only (12-factor).

Development (the default, ``FORLOP_ENV=dev``) runs on an embedded SQLite file and
needs nothing set. Production (``FORLOP_ENV=production``) refuses to start unless
``SECRET_KEY``, ``DATABASE_URL`` and ``ALLOWED_HOSTS`` are set.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

ENV = os.environ.get("FORLOP_ENV", "dev")
if ENV not in {"dev", "test", "production"}:
    raise ImproperlyConfigured(f"FORLOP_ENV={ENV!r}: use one of dev, test, production.")


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(
            f"{name} is required when FORLOP_ENV=production. "
            f"Set it in the environment (see README, 'Production settings')."
        )
    return value


DEBUG = _flag("DEBUG")

if ENV == "production":
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = _required("ALLOWED_HOSTS").split(",")
    DATABASES = {"default": dj_database_url.parse(_required("DATABASE_URL"), conn_max_age=600)}
    ACCESS_LOG_KEY = _required("ACCESS_LOG_KEY")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", True)
else:
    # Development/test only: a fixed, clearly non-secret key.
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-not-for-production")  # noqa: S105
    # Keys the access log's hash chain: someone who can write the database but not
    # read this key cannot rewrite the log and recompute the chain.
    ACCESS_LOG_KEY = os.environ.get("ACCESS_LOG_KEY", "dev-only-access-log-key")
    ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ.get("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'forlop.sqlite3'}")
        )
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worklist read while an import writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # Writers take the lock at BEGIN: the access log's hash chain never forks
        # between two processes that read the same head.
        "transaction_mode": "IMMEDIATE",
    })

DEMO_MODE = _flag("FORLOP_DEMO", ENV == "dev")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "forlop.accounts",
    "forlop.access",
    "forlop.organisations",
    "forlop.patients",
    "forlop.pathways",
    "forlop.worklist",
    "forlop.portal",
    "forlop.demo",
    "forlop.bench",
]

MIDDLEWARE = [
    "forlop.access.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "forlop.urls"
WSGI_APPLICATION = "forlop.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "worklist"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "forlop.access.context_processors.navigation",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Emergency access (break-glass) lasts this long before it must be taken again.
BREAK_GLASS_HOURS = float(os.environ.get("BREAK_GLASS_HOURS", "3"))

WORKLIST_PAGE_SIZE = int(os.environ.get("WORKLIST_PAGE_SIZE", "50"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

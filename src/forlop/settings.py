"""Django settings. They read the environment only (12-factor).

Development (the default, ``FORLOP_ENV=dev``) runs on an embedded SQLite file and
needs nothing set. Production (``FORLOP_ENV=production``) refuses to start unless
``SECRET_KEY``, ``DATABASE_URL`` and ``ALLOWED_HOSTS`` are set.
"""

import datetime
import os
from pathlib import Path
from urllib.parse import urlsplit

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


def _oidc_provider(prefix: str, default_scope: str) -> dict | None:
    """One identity provider from FORLOP_OIDC_<PREFIX>_*; None when it is not configured."""
    names = [f"FORLOP_OIDC_{prefix}_{part}" for part in ("ISSUER", "CLIENT_ID", "CLIENT_SECRET")]
    values = [os.environ.get(name, "") for name in names]
    if not any(values):
        return None
    if not all(values):
        missing = ", ".join(n for n, v in zip(names, values, strict=True) if not v)
        raise ImproperlyConfigured(f"{missing}: set all of {', '.join(names)} or none.")
    issuer = values[0].rstrip("/")
    parts = urlsplit(issuer)
    return {"issuer": issuer, "client_id": values[1], "client_secret": values[2],
            "scope": os.environ.get(f"FORLOP_OIDC_{prefix}_SCOPE", default_scope),
            "origin": f"{parts.scheme}://{parts.netloc}"}


DEBUG = _flag("DEBUG")

if ENV == "production":
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = _required("ALLOWED_HOSTS").split(",")
    DATABASES = {"default": dj_database_url.parse(
        _required("DATABASE_URL"), conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", 600)))}
    ACCESS_LOG_KEY = _required("ACCESS_LOG_KEY")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # "__Host-": the browser keeps these cookies to this host, HTTPS and path "/" only.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
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
            os.environ.get("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'forlop.sqlite3'}"),
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", 0)))
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worklist read while an import writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # Writers take the lock at BEGIN: the access log's hash chain never forks
        # between two processes that read the same head.
        "transaction_mode": "IMMEDIATE",
    })

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The ORM binds parameters on the client (Django's default): nothing is prepared.
    # The hot statements (the worklist's scope and page, the access log's INSERT) use
    # server-side parameters instead (``forlop.hotpath``): psycopg prepares them on a
    # connection's fifth use and PostgreSQL keeps one generic plan, instead of
    # planning the 13-part scope UNION and the page on every request (ADR 8).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "prepare_threshold": 5,
        "options": "-c plan_cache_mode=force_generic_plan",
    })

DEMO_MODE = _flag("FORLOP_DEMO", ENV == "dev")

# Signed checkpoints of the access log's head (``forlop audit checkpoint``): keep them
# on other storage than the database (docs/security.md).
ACCESS_LOG_CHECKPOINT_DIR = os.environ.get("ACCESS_LOG_CHECKPOINT_DIR",
                                           str(PROJECT_DIR / "var" / "audit-checkpoints"))

# Messages between levels leave through this transport (``forlop.messaging.transport``);
# the outbox writes each one as files for a real sender (Norsk helsenett) to pick up.
FORLOP_MESSAGE_TRANSPORT = os.environ.get("FORLOP_MESSAGE_TRANSPORT",
                                          "forlop.messaging.transport.OutboxTransport")
FORLOP_OUTBOX_DIR = os.environ.get("FORLOP_OUTBOX_DIR", str(PROJECT_DIR / "var" / "outbox"))
# FHIR Bulk Data ($export): where finished files wait to be fetched, and whether the
# export runs in the request (tests) or in a thread after the 202 answer.
FHIR_EXPORT_DIR = os.environ.get("FHIR_EXPORT_DIR", str(PROJECT_DIR / "var" / "fhir-exports"))
FHIR_EXPORT_INLINE = _flag("FHIR_EXPORT_INLINE", False)
# A finished job's files (patient data) are removed this long after it finished;
# the manifest's Expires header says when (ADR 77).
FHIR_EXPORT_RETENTION_HOURS = float(os.environ.get("FHIR_EXPORT_RETENTION_HOURS", "24"))
# A pending or running job that has not finished a unit for this long is failed:
# the process running it died (ADR 77).
FHIR_EXPORT_STALE_MINUTES = float(os.environ.get("FHIR_EXPORT_STALE_MINUTES", "30"))
# Jobs one client may have pending or running at once; a kick-off over it is a 429.
FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT = int(os.environ.get("FHIR_EXPORT_MAX_ACTIVE_PER_CLIENT", "2"))
# Jobs all clients together may have pending or running: each runs in a thread of a
# web server process and takes a core while it runs; one more is a 429.
FHIR_EXPORT_MAX_ACTIVE = int(os.environ.get("FHIR_EXPORT_MAX_ACTIVE", "4"))

if ENV == "production":
    # Each of these turns off a protection (demo mode: published passwords and no
    # second factor; DEBUG: tracebacks with settings; SQLite: one file, no replicas,
    # no backups by the database), so production refuses to start with them.
    if DEMO_MODE:
        raise ImproperlyConfigured(
            "FORLOP_DEMO is on with FORLOP_ENV=production: demo mode publishes its passwords "
            "and turns one-time codes off. Unset FORLOP_DEMO.")
    if DEBUG:
        raise ImproperlyConfigured(
            "DEBUG is on with FORLOP_ENV=production: error pages would show settings and "
            "patient data. Unset DEBUG.")
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_URL must point to PostgreSQL when FORLOP_ENV=production "
            "(postgresql://...); SQLite is for development and small trials.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "forlop.site",  # base.html, includes, error pages, CSS and scripts (ADR 15)
    "forlop.accounts",
    "forlop.access",
    "forlop.organisations",
    "forlop.patients",
    "forlop.pathways",
    "forlop.worklist",
    "forlop.intake",
    "forlop.portal",
    "forlop.plans",
    "forlop.demo",
    "forlop.bench",
    "forlop.reminders",
    "forlop.npr",
    "forlop.indicators",
    "forlop.collaboration",
    "forlop.followup",  # the individual plan, closure across levels (docs/individual-plan.md)
    "forlop.municipal",  # coordinating unit, municipal coordinator (docs/municipality.md)
    "forlop.gpcare",  # the GP: consultations, feedback letters, /fastlege/ (docs/gp.md)
    "forlop.api",  # the JSON API at /api/v1/ and bearer authentication (docs/api.md)
    "forlop.fhir",
    "forlop.messaging",  # messages between levels, their state, the outbox (docs/messaging.md)
]

# Django's CSRF refusal: the site's nb/nn page, or an OperationOutcome under /fhir/.
CSRF_FAILURE_VIEW = "forlop.fhir.responses.csrf_failure"

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
    "django_htmx.middleware.HtmxMiddleware",  # request.htmx: partials on the same URL
    "forlop.accounts.middleware.SessionPolicyMiddleware",
    # Authorization: Bearer on /api/ and /fhir/ sets request.user (docs/api.md).
    "forlop.api.middleware.BearerAuthenticationMiddleware",
    "forlop.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "forlop.websecurity.headers.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during sign-in into the page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks lockouts first; the model backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
        # base.html, the includes and the error pages (400/403/404/500, the CSRF
        # refusal) are forlop.site's; no project-level directory (ADR 15).
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
    # Jinja2 renders only the worklist's rows (worklist/jinja2/): a loop where the
    # Django engine's per-variable cost was the largest part of the busiest page.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": True},
    },
]

# Argon2id first: new and changed passwords are stored with it; the others only let
# older hashes be checked (and upgraded at the next sign-in).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
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

# Sessions (see docs/security.md): an absolute lifetime and an idle timeout, both
# enforced by forlop.accounts.middleware; "Lax" so the identity provider's redirect
# back to us (a top-level GET) carries the session that holds state and nonce.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_IDLE_TIMEOUT = int(os.environ.get("FORLOP_IDLE_TIMEOUT_MINUTES", "30")) * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Emergency access (break-glass) lasts this long before it must be taken again.
BREAK_GLASS_HOURS = float(os.environ.get("BREAK_GLASS_HOURS", "3"))

# Second factor for local accounts: on in production, off in dev/test/demo so the
# demo personas sign in with their password alone.
FORLOP_REQUIRE_TOTP = _flag("FORLOP_REQUIRE_TOTP", ENV == "production" and not DEMO_MODE)
OTP_TOTP_ISSUER = "Forløp"

# Lockout (django-axes): 5 failed attempts (password or code) for one username from
# one address lock that pair for 15 minutes; trying again while locked does not
# extend it, so the time on the lockout page holds.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "forlop.accounts.lockout.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]

# OpenID Connect providers: each is on when its issuer, client id and secret are set.
FORLOP_OIDC = {
    name: provider
    for name, provider in (
        ("helseid", _oidc_provider("HELSEID", "openid profile helseid://scopes/identity/hpr_number")),
        ("idporten", _oidc_provider("IDPORTEN", "openid profile")),
    )
    if provider
}



def _api_oauth() -> dict | None:
    """The OAuth 2 provider whose bearer JWTs the API accepts (HelseID client
    credentials; ``forlop.api.oauth``): all of issuer, audience and scope, or none."""
    names = [f"FORLOP_API_OAUTH_{part}" for part in ("ISSUER", "AUDIENCE", "SCOPE")]
    values = [os.environ.get(name, "") for name in names]
    if not any(values):
        return None
    if not all(values):
        missing = ", ".join(n for n, v in zip(names, values, strict=True) if not v)
        raise ImproperlyConfigured(f"{missing}: set all of {', '.join(names)} or none.")
    issuer = values[0].rstrip("/")
    return {"issuer": issuer, "audience": values[1], "scope": values[2],
            "jwks_url": os.environ.get("FORLOP_API_OAUTH_JWKS_URL",
                                       f"{issuer}/.well-known/openid-configuration/jwks")}


FORLOP_API_OAUTH = _api_oauth()
# Parse every FHIR resource we serve with the FHIR library before sending it (a
# resource that does not parse becomes a 500 OperationOutcome). Off by default: it
# costs ~2 ms of a ~10 ms read; the tests turn it on and parse every type (ADR 64).
FORLOP_FHIR_VALIDATE_SERVED = _flag("FORLOP_FHIR_VALIDATE_SERVED")

# A strict Content-Security-Policy: our own scripts and styles only, no inline code.
# form-action also allows the identity providers (sign-out redirects to them).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", *sorted({p["origin"] for p in FORLOP_OIDC.values()})],
    },
}

WORKLIST_PAGE_SIZE = int(os.environ.get("WORKLIST_PAGE_SIZE", "50"))

# Every handler drops person identifiers (11-digit numbers) from what it writes; the
# request loggers go through the same handler instead of Django's own.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_person_ids": {"()": "forlop.websecurity.logging.RedactPersonIdentifiers"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_person_ids"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        **{name: {"handlers": ["console"], "level": "INFO", "propagate": False}
           for name in ("django.request", "django.server", "django.security")},
        # Failed sign-ins and lockouts are warnings; axes' start-up chatter is not.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# ``Index(include=...)`` is PostgreSQL's covering index; SQLite ignores the extra
# columns, and its index carries the row id anyway (pathways.Pathway's coordinator
# index), so its warning says nothing to act on.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Reminders (``forlop remind``, docs/reminders.md): clocks due within this many
# working days, and escalation to the unit's leaders after this many days overdue.
REMIND_DAYS_AHEAD = int(os.environ.get("FORLOP_REMIND_DAYS_AHEAD", "3"))
REMIND_ESCALATE_AFTER_DAYS = int(os.environ.get("FORLOP_REMIND_ESCALATE_AFTER_DAYS", "7"))
# The address the digests link to (mail carries a link, never patient data: ADR 14).
SITE_URL = os.environ.get("FORLOP_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Mail: printed to the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if ENV == "production"
    else "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Forløp <forlop@localhost>")

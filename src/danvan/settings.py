"""One environment-driven settings module.

DATABASE_URL    sqlite:///... (default ./var/danvan.sqlite3) or postgres://...
SECRET_KEY      required when DANVAN_ENV=production; in development derived from the checkout

Reading this module writes nothing: the folders under ./var/ are made by the `danvan` command
(danvan.cli.make_local_folders), not here.
ALLOWED_HOSTS   comma-separated
DEBUG           "1"/"0"; on by default outside production
"""

import hashlib
import importlib.util
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP  # type: ignore[attr-defined]

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("DANVAN_PROJECT_DIR", BASE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("DANVAN_VAR_DIR", PROJECT_DIR / "var"))

PRODUCTION = os.environ.get("DANVAN_ENV", "development") == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DANVAN_ENV=production.")
    # Development: the same key every time for this checkout on this machine (sessions survive a
    # restart), different for another checkout or machine, and nothing written to find it again.
    # Anyone who can read the machine id and the path can compute it: for development servers only.
    try:
        machine = Path("/etc/machine-id").read_text().strip()
    except OSError:
        machine = ""
    seed = f"danvan development key|{machine}|{PROJECT_DIR.resolve()}"
    return "dev-" + hashlib.sha256(seed.encode()).hexdigest()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "danvan.site.vendor_apps.AxesConfig",  # axes, django_otp's TOTP and the task results under names in
    "django_otp",  # the visitor's language in the admin
    "danvan.site.vendor_apps.TotpConfig",
    "ninja",  # its packaged Swagger UI is served from our static files (no CDN)
    "danvan.core",
    "danvan.documents",
    "danvan.orgs",
    "danvan.accounts",
    "danvan.movements",
    "danvan.measures",
    "danvan.initiatives",
    "danvan.reviews",
    "danvan.notifications",
    "danvan.awards",
    "danvan.proposals",
    "danvan.conferences",
    "danvan.keytasks",
    "danvan.rounds",
    "danvan.reports",
    "danvan.library",
    "danvan.imports",
    "danvan.api",
    "danvan.site",
    # django_tasks_db, after danvan.core, whose db_worker (with a heartbeat) wraps this one
    "danvan.site.vendor_apps.TasksConfig",
]
# The data generator and the benchmarks (`danvan generate`, `danvan bench`): the development package
# bench/ at the repository root, installed by `uv sync` with the dev group and never in the wheel;
# never loaded in production, where its commands do not exist.
if not PRODUCTION and importlib.util.find_spec("bench") is not None:
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "danvan.core.middleware.ChosenLanguageMiddleware",  # after authentication: it reads the account's language
    "danvan.core.middleware.RefuseNulMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.site.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite (WAL) under ./var/ by default, PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not _env_bool("PG_JIT", False):
    # Measured on the 1,000,000-row benchmark (bench/RESULTS.md): page queries are short, and
    # the JIT compiler spent 250 ms compiling a 20 ms count (off unless PG_JIT=1); Django's
    # server-side cursors (.iterator(), form choices) read every row, so plan them for the whole
    # result, not the first tenth (a 30-row choice list took 200 ms instead of 7 ms).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off -c cursor_tuple_fraction=1")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # Tests use a file, not ":memory:": the live server for browser tests answers several requests at
    # once (a page, its images, htmx), and threads sharing one in-memory connection trip over each other.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("DANVAN_TEST_SQLITE", str(VAR_DIR / "test.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (INCLUDE) serve PostgreSQL; SQLite builds them without the extra columns.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts-login"
LOGIN_REDIRECT_URL = "core-home"
LOGOUT_REDIRECT_URL = "core-home"

# Lockout after repeated failures (django-axes).
# The API: requests per token ("number/s|min|hour|day"), counted in the cache (share it with Redis).
API_RATE = os.environ.get("DANVAN_API_RATE", "600/min")
# An API token works this many days after it is issued (then a new one is needed).
API_TOKEN_DAYS = int(os.environ.get("DANVAN_API_TOKEN_DAYS", "90"))

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
# Counted per account whatever the address (guesses spread over many addresses still lock it) and per
# address whatever the account (one address trying many accounts is locked too).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "danvan.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "danvan"

# Internationalisation: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# The background worker (`danvan db_worker`) gives a sign of life every DANVAN_WORKER_BEAT_SECONDS; one on
# another machine that is silent for DANVAN_WORKER_STALE_SECONDS is taken for gone (core.jobs).
DANVAN_WORKER_BEAT_SECONDS = float(os.environ.get("DANVAN_WORKER_BEAT_SECONDS", "5"))
DANVAN_WORKER_STALE_SECONDS = float(os.environ.get("DANVAN_WORKER_STALE_SECONDS", "60"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("DANVAN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

_EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": _EMAIL_BACKEND}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": _env_bool("EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "danvan@localhost")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Security. Strict CSP with no inline script; cookies and HSTS tightened in production.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# X-Forwarded-Proto says "https" only when a proxy in front of every app server sets it (and drops
# the client's own): anyone can send the header, so it is trusted only when TRUSTED_PROXY=1 says so.
TRUSTED_PROXY = _env_bool("TRUSTED_PROXY", False)
if TRUSTED_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Initiative attachments (minh chứng): photos, PDF and Word; the type is read from the bytes.
DANVAN_ATTACHMENT_MAX_BYTES = int(os.environ.get("DANVAN_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
DANVAN_ATTACHMENTS_PER_INITIATIVE = 30
# A spreadsheet sent to the import page (the command line reads files of any size).
DANVAN_IMPORT_MAX_BYTES = int(os.environ.get("DANVAN_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
DANVAN_IMAGE_MAX_PIXELS = 40_000_000
# The address written in e-mails so that a link opens the right page.
DANVAN_SITE_URL = os.environ.get("DANVAN_SITE_URL", "http://localhost:8000").rstrip("/")

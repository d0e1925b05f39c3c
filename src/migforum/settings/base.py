"""Settings shared by every deployment; everything that differs comes from the environment."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: Runtime state (the SQLite file, the generated secret key) lives here, never in the package.
VAR_DIR = Path(os.environ.get("MIGFORUM_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def load_secret_key() -> str:
    """Use MIGFORUM_SECRET_KEY, or a key generated once per installation under VAR_DIR."""
    if key := os.environ.get("MIGFORUM_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = load_secret_key()
DEBUG = env_bool("MIGFORUM_DEBUG")
ALLOWED_HOSTS = env_list("MIGFORUM_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("MIGFORUM_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "migforum.core.admin_site.MigforumAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "ninja",
    # Before django-tasks-db, so that `migforum db_worker` is the platform's own worker (with a
    # heartbeat), which wraps django-tasks-db's.
    "migforum.core",
    "django_tasks",
    "django_tasks_db",
    "migforum.accounts",
    "migforum.members",
    "migforum.documents",
    "migforum.meetings",
    "migforum.practices",
    "migforum.evidence",
    "migforum.portal",
    "migforum.api",
]

MIDDLEWARE = [
    # First, so that it refuses what no view should see and finishes every request's body.
    "migforum.core.middleware.RequestInputMiddleware",
    # Around everything that writes (the session saved after sign-in too): "database is
    # locked" answers 503 "try again in a moment".
    "migforum.core.busy.DatabaseBusyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "migforum.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "migforum.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
    "migforum.core.middleware.VersionsReadOnceMiddleware",
]

ROOT_URLCONF = "migforum.urls"
WSGI_APPLICATION = "migforum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "migforum.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite in WAL mode is the embedded default; DATABASE_URL selects PostgreSQL in production.
SQLITE_PATH = VAR_DIR / "migforum.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(os.environ.get("MIGFORUM_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE avoids "database is locked" when two writers upgrade their locks at once.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------------------------
if redis_url := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:work"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: Login rate limiting (django-axes): five failures lock the username from that address.
AXES_FAILURE_LIMIT = int(os.environ.get("MIGFORUM_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
#: One lockout per address, whatever the case it is typed in.
AXES_USERNAME_CALLABLE = "migforum.accounts.forms.lockout_username"
OTP_TOTP_ISSUER = "Migration Forum"
INVITATION_VALID_DAYS = 14
#: How long an API token works: the secretariat's, which act with the second factor, expire
#: sooner than those of the other roles.
API_TOKEN_SECRETARIAT_VALID_DAYS = int(os.environ.get("MIGFORUM_API_TOKEN_SECRETARIAT_DAYS", "90"))
API_TOKEN_VALID_DAYS = int(os.environ.get("MIGFORUM_API_TOKEN_DAYS", "365"))

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
#: Number formats from CLDR where Django's own differ (`settings/formats`).
FORMAT_MODULE_PATH = ["migforum.settings.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static files ---------------------------------------------------------------------------
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MIGFORUM_MEDIA_ROOT", VAR_DIR / "media"))
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("MIGFORUM_STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Imports --------------------------------------------------------------------------------
#: A catalogue of practices (CSV or JSON) larger than this is refused: 20,000 practices with
#: long texts take about 40 MB.
PRACTICE_IMPORT_MAX_BYTES = int(os.environ.get("MIGFORUM_PRACTICE_IMPORT_MAX_MB", "100")) << 20
#: A JSON file nesting lists and objects deeper than this is refused before it is parsed (a
#: catalogue needs four levels: the list, a practice, its countries, a country).
JSON_IMPORT_MAX_DEPTH = int(os.environ.get("MIGFORUM_JSON_IMPORT_MAX_DEPTH", "20"))
#: A workbook (a zip archive) whose parts would expand beyond this is refused before any part
#: is read, and so is one part that expands more than `WORKBOOK_MAX_COMPRESSION_RATIO` times
#: (the publishers' workbooks: under 15 times). A zip bomb is a few megabytes that expand to
#: gigabytes.
WORKBOOK_MAX_UNCOMPRESSED_BYTES = (
    int(os.environ.get("MIGFORUM_WORKBOOK_MAX_UNCOMPRESSED_MB", "500")) << 20
)
WORKBOOK_MAX_COMPRESSION_RATIO = int(os.environ.get("MIGFORUM_WORKBOOK_MAX_RATIO", "100"))

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
#: Behind TLS in production set MIGFORUM_HTTPS=1: secure cookies, HSTS and redirects follow.
HTTPS = env_bool("MIGFORUM_HTTPS")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("MIGFORUM_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
#: HSTS covers the subdomains too unless MIGFORUM_HSTS_INCLUDE_SUBDOMAINS=0 (a subdomain that
#: must stay on plain HTTP). Preloading is a decision for the operator, so it is not asked.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("MIGFORUM_HSTS_INCLUDE_SUBDOMAINS", True)
if env_bool("MIGFORUM_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Background work ------------------------------------------------------------------------
#: Text extraction and other long work run in `migforum db_worker` (started by `migforum serve`),
#: queued in the database so that any web process can enqueue and any worker can run it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Background worker: heartbeat and supervision ------------------------------------------
#: A worker says it is alive this often (`core.models.WorkerHeartbeat`).
WORKER_HEARTBEAT_SECONDS = float(os.environ.get("MIGFORUM_WORKER_HEARTBEAT_SECONDS", "5"))
#: A worker not heard from for this long is dead: what it was running is marked interrupted,
#: and `/health/ready` answers 503 when no worker is alive. Longer than SQLite's busy timeout,
#: so that a worker waiting for the write lock is not taken for dead.
WORKER_STALE_SECONDS = float(os.environ.get("MIGFORUM_WORKER_STALE_SECONDS", "60"))
#: How often a live worker looks for tasks that a dead one left running.
WORKER_REAP_SECONDS = float(os.environ.get("MIGFORUM_WORKER_REAP_SECONDS", "30"))

# --- E-mail ---------------------------------------------------------------------------------
#: Notifications print to the console unless a mail server is configured (MIGFORUM_EMAIL_HOST).
EMAIL_HOST = os.environ.get("MIGFORUM_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("MIGFORUM_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("MIGFORUM_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("MIGFORUM_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MIGFORUM_EMAIL_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("MIGFORUM_EMAIL_FROM", "Migration Forum <forum@localhost>")
#: The platform's public address, for links in e-mails. Unset, `migforum serve` sets it to the
#: address it listens on (`--host`, `--port`).
SITE_URL = os.environ.get("MIGFORUM_SITE_URL", "http://127.0.0.1:8000")

# --- Search ---------------------------------------------------------------------------------
SEARCH_MAX_QUERY_LENGTH = 200
#: Distinct words searched per query; the words after them are left out, and the reader told.
SEARCH_MAX_TERMS = 12
#: Seconds a search's statements may run before they are stopped with a message (503).
SEARCH_TIME_BUDGET = float(os.environ.get("MIGFORUM_SEARCH_TIME_BUDGET", "2"))

# --- Logging --------------------------------------------------------------------------------
#: A refused request (403, 400, 404) is a warning of one line; a server error an error with its
#: traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors": {"()": "migforum.core.log.ClientErrorsInOneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["client_errors"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("MIGFORUM_LOG_LEVEL", "WARNING")},
}

"""Settings from the environment: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS.

Unset DATABASE_URL means a SQLite file in the project folder (the zero-setup default).
"""

import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from lawreports.security import DEFAULT_CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DEBUG")
# Production refuses to start without a real secret; local serving (runserver, tests) gets a
# fixed development key so the README's one command works on a fresh machine.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if env_flag("LAWREPORTS_PRODUCTION"):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "lawreports.admin_site.AdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "axes",
    "lawreports.reports",
    "lawreports.search",
    "lawreports.analysis",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lawreports.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lawreports.errors.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into its page
]

ROOT_URLCONF = "lawreports.urls"
WSGI_APPLICATION = "lawreports.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        # A reused connection is checked before each request: after a database restart a
        # worker reconnects instead of answering one 500 on its dead socket.
        conn_health_checks=True,
    )
}
# A web request gives up on a statement after WEB_STATEMENT_TIMEOUT (a lock held by a long
# job then costs one 503, not every worker); management commands (loads, reindex, dumps)
# wait COMMAND_STATEMENT_TIMEOUT, none by default. lawreports.wsgi marks web processes.
WEB_PROCESS = os.environ.get("LAWREPORTS_PROCESS") == "web"
STATEMENT_TIMEOUT = os.environ.get(
    "WEB_STATEMENT_TIMEOUT" if WEB_PROCESS else "COMMAND_STATEMENT_TIMEOUT",
    "15s" if WEB_PROCESS else "0",
)


def _statement_timeout(database: dict) -> None:
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = (
            f"{options.get('options', '')} -c statement_timeout={STATEMENT_TIMEOUT}"
        )


_statement_timeout(DATABASES["default"])
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Waits instead of "database is locked" when a loader writes while pages are served.
    # IMMEDIATE: a transaction takes the write lock up front, so two loaders queue instead of
    # failing at once on a read-to-write upgrade; WAL lets pages be read during a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=30, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL;"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LOCALE_PATHS = [
    Path(__file__).resolve().parent / "locale"
]  # admin strings Django leaves in English
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
if not env_flag("LAWREPORTS_PRODUCTION"):
    # Local serving reads static/ through the finders; an absent STATIC_ROOT is expected.
    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
# Production serves collectstatic's output: hashed, compressed names cached forever. Local use
# (runserver, tests) serves straight from static/, so no collectstatic step is needed. Chosen
# by mode, not by whether STATIC_ROOT exists: a half-done collectstatic must not flip it.
WHITENOISE_USE_FINDERS = not env_flag("LAWREPORTS_PRODUCTION")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if WHITENOISE_USE_FINDERS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Sign-in throttling (django-axes): AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address lock that pair out for AXES_COOLOFF_TIME hours; a success resets.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False

# Data out. Each /export/ response holds at most EXPORT_MAX_ROWS rows (`?part=2` for the
# next ones), so a download of everything cannot hold a worker for long; the whole archive
# is the dataset in DATASET_ROOT (`manage.py export_dataset`, rebuilt by load_reports),
# served at /data/. SITE_URL prefixes the page addresses written into that dataset.
EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "10000"))
DATASET_ROOT = Path(os.environ.get("DATASET_ROOT", BASE_DIR / "dataset"))
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# Reports for year N are due before 1 April of year N+1 (2019 规定): the last on-time day.
REPORT_DEADLINE_MONTH_DAY = (3, 31)

# Headers for every response (lawreports.security adds Content-Security-Policy).
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Sent by lawreports.security (Django 5.2 has no CSP support); an empty value disables it.
CONTENT_SECURITY_POLICY = os.environ.get("CONTENT_SECURITY_POLICY", DEFAULT_CSP)
if env_flag("LAWREPORTS_PRODUCTION"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_COOKIE_HTTPONLY = True
    # Behind the reverse proxy: the client's address is the proxy's X-Forwarded-For entry.
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Read replicas: DATABASE_REPLICA_URLS (comma-separated PostgreSQL URLs) become aliases
# replica_0, replica_1, …; lawreports.routers sends reads there and writes to "default".
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
for _i, _url in enumerate(DATABASE_REPLICA_URLS):
    DATABASES[f"replica_{_i}"] = dj_database_url.parse(
        _url, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    _statement_timeout(DATABASES[f"replica_{_i}"])
    DATABASES[f"replica_{_i}"]["TEST"] = {"MIRROR": "default"}
if DATABASE_REPLICA_URLS:
    DATABASE_ROUTERS = ["lawreports.routers.ReplicaRouter"]
    MIDDLEWARE.insert(0, "lawreports.routers.PrimaryAfterWriteMiddleware")  # before sessions

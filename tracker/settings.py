"""Settings for ADGMIN Tracker.

Everything is read from the environment (see .env.example). With nothing set, the project runs on
the embedded defaults: SQLite in the project folder and Celery tasks executed eagerly in-process.
Production sets DATABASE_URL, CELERY_BROKER_URL, SECRET_KEY and ALLOWED_HOSTS.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
_DEV_SECRET_KEY = "insecure-development-key-only-for-debug-and-tests"
SECRET_KEY = (
    env("DJANGO_SECRET_KEY", default="") or env("SECRET_KEY", default="") or _DEV_SECRET_KEY
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "simple_history",
    "tracker",
    "partners",
    "initiatives",
    "implementation",
    "briefings",
    "notifications",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "tracker.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any middleware or view reads the body (CSRF reads POST), after the session has
    # said who is signed in.
    "tracker.middleware.RequestBodyLimitMiddleware",
    # Django's LoginRequiredMiddleware, plus the optional public read-only pages.
    "tracker.permissions.LoginRequiredUnlessPublicMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

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
                "tracker.context_processors.user_roles",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/adgmin (psycopg 3)
# ------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's default random_page_cost (4) prices a random read as on a spinning disk, so
    # it hashes whole tables where an index lookup per row is far cheaper (measured in
    # docs/performance.md). 1.1 suits SSD or cached storage; set it to 4 on spinning disks.
    random_page_cost = env.float("DATABASE_RANDOM_PAGE_COST", default=1.1)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = f"-c random_page_cost={random_page_cost}"

# ------------------------------------------------------------------------------
# Authentication
# ------------------------------------------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses logins of a locked-out username/address pair before the password is checked.
    "tracker.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A session lasts a working day at most and ends when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)

# Login throttling (django-axes): AXES_FAILURE_LIMIT wrong passwords for one username from one
# address lock that pair out for AXES_COOLOFF_MINUTES; a successful login resets the count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The client address is REMOTE_ADDR unless the deployment sits behind a proxy it trusts; a
# forged X-Forwarded-For must not give an attacker a fresh address per guess.
if env.bool("AXES_BEHIND_PROXY", default=False):
    AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# ------------------------------------------------------------------------------
# Static files: served by WhiteNoise, so no CDN and no separate web server are needed.
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# ------------------------------------------------------------------------------
# Security: on by default whenever DEBUG is off (each can be overridden by env).
# ------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# X-Forwarded-Proto says the client spoke HTTPS to a proxy in front. Compose publishes gunicorn
# directly, where any client could send it (and pass for HTTPS: no redirect, secure-only logic),
# so it is trusted only when a TLS proxy of the deployment sets it and gunicorn is reachable
# from that proxy alone.
TRUST_X_FORWARDED_PROTO = env.bool("TRUST_X_FORWARDED_PROTO", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUST_X_FORWARDED_PROTO else None
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content security policy (django-csp 4): scripts, styles, images and fonts from this site only;
# htmx is served by the app from django-htmx, so nothing needs another origin or inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "form-action": [CSP_SELF],
        "base-uri": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
        "object-src": [CSP_NONE],
    },
}

# The development key is refused by the WSGI/ASGI entry points when DEBUG is off (see
# tracker/wsgi.py), so that management commands still run on a bare checkout.
USING_DEVELOPMENT_SECRET_KEY = SECRET_KEY == _DEV_SECRET_KEY

# ------------------------------------------------------------------------------
# Email
# ------------------------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ADGMIN Tracker <tracker@localhost>")
# For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (a mail count across processes)
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-emails"))

# ------------------------------------------------------------------------------
# Celery: without CELERY_BROKER_URL tasks run eagerly in the calling process.
# ------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
if CELERY_RESULT_BACKEND is None and CELERY_BROKER_URL.startswith("redis"):
    CELERY_RESULT_BACKEND = CELERY_BROKER_URL
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL.startswith("memory")
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
# A task is acknowledged when it ends, not when it starts: a worker that dies mid-task (SIGKILL,
# out of memory) leaves the message to run again. Every task is idempotent, so a second run does
# nothing twice. A pool process lost mid-task is re-queued at once (reject_on_worker_lost); a
# whole worker lost is redelivered by Redis once the visibility timeout has passed.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that queues a task must not wait for a broker that is down: one quick connection
# attempt, no publish retries (the outbox's periodic job is the retry). Workers reconnect on
# their own loop (broker_connection_retry), which these options do not shorten.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "max_retries": 0,
    "interval_start": 0,
    "interval_step": 0.1,
    "interval_max": 0.2,
    # Longer than any task's countdown (retries back off up to 30 minutes), else a waiting retry
    # would be handed to a second worker. Redis's default, stated.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    # Each task is idempotent (notifications.ReminderLog), so a beat that fires twice sends once.
    "stale-initiative-reminders": {
        "task": "notifications.tasks.send_stale_reminders",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    "planned-meeting-reminders": {
        "task": "notifications.tasks.send_meeting_reminders",
        "schedule": crontab(hour=8, minute=15),
    },
    "implementation-reminders": {
        "task": "implementation.tasks.send_implementation_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    # The transactional outbox: notifications saved while the broker was down go out here.
    "deliver-pending-outbox": {
        "task": "notifications.tasks.deliver_pending_outbox",
        "schedule": timedelta(seconds=env.int("OUTBOX_DELIVERY_SECONDS", default=60)),
    },
}

# ------------------------------------------------------------------------------
# Application settings
# ------------------------------------------------------------------------------
# Largest statement file the importer accepts, in bytes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
# The review of a long statement posts four fields per mention and six per proposed initiative;
# Django's default cap of 1,000 fields would refuse it.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies. Django's DATA_UPLOAD_MAX_MEMORY_SIZE counts everything but uploaded files: a
# statement pasted as text (up to IMPORT_MAX_BYTES) plus the form's other fields. Uploaded files
# beyond FILE_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MB) go to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = IMPORT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# tracker.middleware.RequestBodyLimitMiddleware answers 413 from the declared Content-Length,
# before anything reads the body. A visitor who is not signed in only logs in, asks for a
# password reset or a token: a few kilobytes. A signed-in user may send a statement of up to
# IMPORT_MAX_BYTES; the margin lets a slightly larger file reach the form, which says why it is
# refused, rather than a bare 413.
ANONYMOUS_MAX_BODY_BYTES = env.int("ANONYMOUS_MAX_BODY_BYTES", default=64 * 1024)
MAX_BODY_BYTES = env.int("MAX_BODY_BYTES", default=2 * IMPORT_MAX_BYTES + 1024 * 1024)
# An initiative with no evidence of any kind (a meeting's mention, a progress update, a country
# note) for this many days counts as stale. The ministers meet once a year, so a year is the
# natural period: what the latest meeting discussed is not stale.
STALE_AFTER_DAYS = env.int("STALE_AFTER_DAYS", default=365)
# A read-only public view of the tracker, off unless the deployment turns it on.
PUBLIC_READ_ONLY = env.bool("PUBLIC_READ_ONLY", default=False)
# Owners are asked to bring their initiatives up to date this many days before a planned meeting.
MEETING_REMINDER_DAYS = env.int("MEETING_REMINDER_DAYS", default=30)
# The address people use to reach the tracker, for links in emails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# ------------------------------------------------------------------------------
# REST API (/api/): session login for the browser, tokens for scripts and feed readers.
# Reads need any authenticated role; write rules live in the API's permission classes.
# ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous request is then answered 401 with WWW-Authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON nested past a few dozen levels is refused (400) before it reaches a serializer.
    "DEFAULT_PARSER_CLASSES": [
        "tracker.security.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "tracker.api.PageNumberPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_FILTER_BACKENDS": [
        "tracker.api.FilterBackend",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ADGMIN Tracker API",
    "DESCRIPTION": (
        "Initiatives of the ASEAN Digital Ministers' Meetings, the meetings and statements that "
        "mention them, and the progress recorded between meetings. Authenticate with a session "
        "or with `Authorization: Token <key>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI and Redoc assets come from drf-spectacular-sidecar, served by the app itself.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "initiatives.choices.Status",
        "InitiativeKindEnum": "initiatives.choices.InitiativeKind",
        "PartnerKindEnum": "partners.choices.PartnerKind",
        "StatementKindEnum": "initiatives.choices.StatementKind",
        "PartnerRoleEnum": "initiatives.choices.PartnerRole",
    },
}

# ------------------------------------------------------------------------------
# Logging: to stdout, as containers expect.
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # django-axes announces itself at INFO on every start, which drowns command output.
    "loggers": {"axes": {"level": "WARNING"}},
}

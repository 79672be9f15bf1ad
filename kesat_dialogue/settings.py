"""Settings for the Kè Sắt dialogue app.

One file, read from typed environment variables. The defaults run a development copy with
no servers at all (SQLite and a filesystem broker under var/); production sets DEBUG=0,
SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL (see README).
"""

import datetime as dt
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

# The key of the receipt codes printed on blank slips: its own, so that rotating SECRET_KEY
# never invalidates codes already in citizens' hands. Set once and keep (see README).
RECEIPT_CODE_KEY = env_str("RECEIPT_CODE_KEY")
if not RECEIPT_CODE_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("RECEIPT_CODE_KEY must be set when DEBUG is off.")
    # The development key the codes were derived from before they had a key of their own.
    RECEIPT_CODE_KEY = "dev-only-insecure-key-never-use-in-production"

# Citizens' phones and addresses are encrypted at rest under keys of their own (Fernet), never
# SECRET_KEY's: PERSONAL_DATA_KEYS lists them newest first, the older ones only read data not
# yet rotated (README "Keys"). PERSONAL_DATA_HASH_KEY keys the digest that finds a phone.
PERSONAL_DATA_KEYS = env_list("PERSONAL_DATA_KEYS", [])
PERSONAL_DATA_HASH_KEY = env_str("PERSONAL_DATA_HASH_KEY")
if not PERSONAL_DATA_KEYS or not PERSONAL_DATA_HASH_KEY:
    if not DEBUG:
        missing = "PERSONAL_DATA_KEYS" if not PERSONAL_DATA_KEYS else "PERSONAL_DATA_HASH_KEY"
        raise ImproperlyConfigured(f"{missing} must be set when DEBUG is off.")
    # Development only: demo data is invented, and these keys are public.
    PERSONAL_DATA_KEYS = PERSONAL_DATA_KEYS or ["ZGV2LW9ubHktcGVyc29uYWwtZGF0YS1rZXktMDAwMDA="]
    PERSONAL_DATA_HASH_KEY = PERSONAL_DATA_HASH_KEY or "dev-only-personal-data-hash-key"

# The province this installation serves: its name heads the province's papers.
PROVINCE_NAME = env_str("PROVINCE_NAME", "Hải Phòng")
PROVINCE_KIND = env_str("PROVINCE_KIND", "thành phố")
# How long the province's overview table is kept before it is computed again (0: never kept).
PROVINCE_FIGURES_SECONDS = env_int("PROVINCE_FIGURES_SECONDS", 300)
# How long a commune's public page of results is kept before it is rendered again (0: never).
PUBLIC_PAGE_SECONDS = env_int("PUBLIC_PAGE_SECONDS", 60)

# How long after a dialogue's dossier is archived citizens' names and contacts are kept; the
# commune's privacy notice names it.
PERSONAL_DATA_RETENTION_YEARS = env_int("PERSONAL_DATA_RETENTION_YEARS", 5)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "template_partials",
    "csp",
    "axes",
    "kesat_dialogue",
    "meetings",
    "opinions",
    "followups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kesat_dialogue.audit.AuditUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kesat_dialogue.sessions.AbsoluteSessionLimitMiddleware",
    "axes.middleware.AxesMiddleware",
    "kesat_dialogue.tenancy.CommuneMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked username and address before any password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kesat_dialogue.urls"
WSGI_APPLICATION = "kesat_dialogue.wsgi.application"

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
                "kesat_dialogue.context_processors.commune",
            ],
        },
    },
]

# Databases: SQLite under var/ unless DATABASE_URL names a server.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "kesat.sqlite3",
            # The worker and beat write beside the web process: WAL and IMMEDIATE
            # transactions keep them from failing with "database is locked".
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not shared memory, so concurrent tests wait for the lock like production.
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "kesat_dialogue.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "meetings:dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# dd/mm/yyyy everywhere, instead of Django's long Vietnamese date format.
FORMAT_MODULE_PATH = ["kesat_dialogue.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content Security Policy: our own files only; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],  # Bootstrap draws its form icons as data: SVGs
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Login throttling: five failures for one username from one address lock that pair 15 min.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0)

# Sessions: 30 minutes without activity, 12 hours at most, ended on the server at logout.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60

# Security: strict by default once DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer's health probe speaks plain HTTP to the app, behind the TLS proxy.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Mail: SMTP in production, files under var/ otherwise.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "doithoai@localhost")

# Celery: Redis when REDIS_URL is set, otherwise a filesystem broker that needs no server.
REDIS_URL = env_str("REDIS_URL")

# The cache holds short-lived counters (the public lookup's rate limit), shared by every
# web process: Redis (its own database number, never the broker's) or files under var/.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("CACHE_URL", REDIS_URL.rsplit("/", 1)[0] + "/1"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
# The public receipt lookup: this many tries per client address a minute.
LOOKUP_TRIES_PER_MINUTE = env_int("LOOKUP_TRIES_PER_MINUTE", 10)
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # An unacknowledged sweep (worker killed) is handed out again after this long.
        "visibility_timeout": env_int("REDIS_VISIBILITY_TIMEOUT", 15 * 60),
        # Look for such abandoned messages every 10 s (kombu's default is every ~100 s).
        "unacked_restore_interval": 10,
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": 1,
        "socket_timeout": 5,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    # The filesystem broker needs its folders before the first message.
    (CELERY_BROKER_DIR / "queue").mkdir(parents=True, exist_ok=True)
    (CELERY_BROKER_DIR / "processed").mkdir(parents=True, exist_ok=True)
    (CELERY_BROKER_DIR / "control").mkdir(parents=True, exist_ok=True)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Publishing while the broker is down must fail fast, never hang a page.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}

# Reminders: one sweep a day (the hour in Asia/Ho_Chi_Minh), failed e-mails retried between.
REMINDER_HOUR = env_int("REMINDER_HOUR", 7)
# The daily sweep is split by commune into this many tasks, for as many workers.
REMINDER_SWEEP_PARTS = env_int("REMINDER_SWEEP_PARTS", 4)
REMINDER_EMAIL_PAUSE_SECONDS = float(env_str("REMINDER_EMAIL_PAUSE_SECONDS", "0") or 0)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_sweep_every = env_int("REMINDER_SWEEP_SECONDS", 0)  # for drills and tests: sweep every N s
CELERY_BEAT_SCHEDULE = {
    "sweep-reminders": {
        "task": "followups.sweep_reminders",
        "schedule": _sweep_every or crontab(hour=REMINDER_HOUR, minute=0),
    },
    "deliver-reminders": {"task": "followups.deliver_reminders", "schedule": 10 * 60},
    "erase-expired-identities": {
        "task": "followups.erase_expired_identities",
        "schedule": crontab(hour=2, minute=30),
    },
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every layout step at INFO; its warnings still show.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Demo data: the password for every demo user.
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "kesat2026")
# The PKCS#11 library through which keys held on tokens sign (the token vendor's; SoftHSM2's
# for tests and trials).
PKCS11_LIBRARY = env_str("PKCS11_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so")

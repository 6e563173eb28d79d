"""Settings, read from environment variables (see README: Configuration)."""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import database_from_url, env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-DEBUG"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "accounts",
    "questionbank",
    "interviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.RefuseBadInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The user's own time zone (kept in the session): forms read and pages show times in it.
    "accounts.middleware.TimeZoneMiddleware",
    # Every view needs a signed-in user unless it says otherwise (@login_not_required),
    # so a new URL cannot forget it.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses any sign-in (the site's and the admin's) while its account or address is
    # locked out, before a password is checked.
    "accounts.backends.ThrottledSignIn",
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing: LOGIN_FAILURE_LIMIT failures for one username from one address, or from
# one address for any usernames, pause sign-in there for LOGIN_LOCKOUT_MINUTES. A username is
# never locked for every address: whoever guesses elsewhere cannot keep its owner out. Failures
# during a pause do not extend it; a success resets the count. Attempts are counted in the
# database (the cache may be down).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 5))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_VERBOSE = False
# Password-reset mails per client address and per email address, in a sliding window.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env_int("PASSWORD_RESET_LIMIT_PER_ADDRESS", 10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_WINDOW_MINUTES = env_int("PASSWORD_RESET_WINDOW_MINUTES", 60)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Mails (password resets, interview invitations). Without EMAIL_HOST they are printed to the
# console (the server's standard output), so nothing is lost silently and no relay is needed.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                # A slow relay must not hold a request (and its worker) for long.
                "timeout": env_float("EMAIL_TIMEOUT", 10.0),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
del EMAIL_HOST  # read through MAILERS only
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security. Rendered Markdown is sanitized before it is stored; the CSP is the second line:
# no inline script or style, so anything that slipped through could not run.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    # htmx sets empty style attributes while settling swapped content; allow exactly that.
    "style-src": [
        CSP.SELF,
        CSP.UNSAFE_HASHES,
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
    ],
    # Images from other sites would tell them who reads the page: rendering links to them.
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# The question bank.
QUESTIONBANK_MAX_FILE_BYTES = env_int("QUESTIONBANK_MAX_FILE_BYTES", 256 * 1024)

# The cache holds sessions (read on every poll), roles and the scorer's glossary. It must be
# shared by every server process: with REDIS_URL it is Redis. Without it (a single process:
# `make run`, the tests) it is this process's memory, and sessions then live in the cache only
# while DEBUG is on; otherwise in the database, since a cache private to each gunicorn worker
# would keep accepting a session another worker had logged out.
REDIS_URL = env_str("REDIS_URL")
# Long work (checking and importing Markdown files) runs as a task: queued in the database and
# run by `manage.py db_worker` (started by `make run`; a process of its own in production).
# A check or import running longer than this lost its worker: the curator may run it again.
QUESTIONBANK_IMPORT_STALL_MINUTES = env_int("QUESTIONBANK_IMPORT_STALL_MINUTES", 10)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Redis down is not the site down: config/cache.py serves without it and recovers by itself.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": env_float("REDIS_CONNECT_TIMEOUT", 0.5),
                "socket_timeout": env_float("REDIS_TIMEOUT", 1.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Cached, a poll that finds nothing new costs one indexed query (the session comes from cache).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL or DEBUG
    else "django.contrib.sessions.backends.db"
)

# Interviews.
INTERVIEW_DEFAULT_TIME_LIMIT = env_int("INTERVIEW_DEFAULT_TIME_LIMIT", 10 * 60)  # seconds
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)
# The level estimate on a scorecard, checked from the top: the baseline (weighted score as a
# percentage of the maximum) must reach min_percent; bonus points awarded count toward the
# level (min_bonus), never toward the baseline.
INTERVIEW_LEVELS = [
    {"name": "P8", "min_percent": 85, "min_bonus": 4},
    {"name": "P7", "min_percent": 75, "min_bonus": 2},
    {"name": "P6", "min_percent": 60, "min_bonus": 0},
    {"name": "P5", "min_percent": 0, "min_bonus": 0},
]
# A question's suggestion is calibrated on the interviewers' final scores once it has this many
# (scoring.calibration; bench/calibration_sim.py), and the fit is trusted in proportion to them:
# with PRIOR scores, halfway between the raw suggestion and the fitted map.
SCORING_CALIBRATION_MIN_SCORES = env_int("SCORING_CALIBRATION_MIN_SCORES", 8)
SCORING_CALIBRATION_PRIOR = env_int("SCORING_CALIBRATION_PRIOR", 8)
# Practice: answers sent this long after a hard deadline are still on time (network latency).
PRACTICE_GRACE_SECONDS = env_int("PRACTICE_GRACE_SECONDS", 5)
# Statistics (/stats/): a severity, an agreement or a question's flag is shown once it rests on
# at least this many shared answers (scores).
STATS_MIN_SHARED = env_int("STATS_MIN_SHARED", 10)

# bench/live_load.py measures a bare view next to the real ones; never on in production.
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", False)

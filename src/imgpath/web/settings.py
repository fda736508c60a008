"""Django settings, derived from the typed environment of ``config.WebSettings``.

Development: ``DEBUG=true`` (console email, SQLite in var/). Production: DEBUG off, SECRET_KEY and
ALLOWED_HOSTS set, DATABASE_URL pointing at PostgreSQL; cookies are then secure-only.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext_lazy as _

from imgpath.rulebook import TEXTS_LOCALE_DIR as RULEBOOK_LOCALE_DIR
from imgpath.web.config import SettingsError, load_settings

try:
    ENV = load_settings()
except SettingsError as error:  # fail loudly, before Django prints a less helpful trace
    sys.stderr.write(f"{error}\n")
    raise

BASE_DIR = Path(__file__).resolve().parent
DEBUG = ENV.DEBUG
# only reached in development: a fixed key there keeps sessions across restarts
SECRET_KEY = ENV.SECRET_KEY or "development-only-key-never-used-in-production-0123456789"
ALLOWED_HOSTS = ENV.ALLOWED_HOSTS or (["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = ENV.CSRF_TRUSTED_ORIGINS

INSTALLED_APPS = [
    "django.contrib.admin",  # the curators' desk: listings, reports, the audit trail
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs' assets locally (no CDN)
    "imgpath.web.apps.WebConfig",  # shared: base template, static files, tags, throttle and cache tables
    "imgpath.web.pages.apps.PagesConfig",
    "imgpath.web.accounts.apps.AccountsConfig",
    "imgpath.web.plans.apps.PlansConfig",
    "imgpath.web.opportunities.apps.OpportunitiesConfig",
    "imgpath.web.hosting.apps.HostingConfig",
    "imgpath.web.advising.apps.AdvisingConfig",
    "imgpath.web.mentoring.apps.MentoringConfig",
    "imgpath.web.alerts.apps.AlertsConfig",
    "imgpath.web.matching.apps.MatchingConfig",
    "imgpath.web.cohorts.apps.CohortsConfig",
    "django_tasks",
    "django_tasks_db",  # the tasks' queue, in the database; its worker: `db_worker`
    "imgpath.web.api.apps.ApiConfig",
]

MIDDLEWARE = [
    "imgpath.web.workers.one_at_a_time",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what the views answer (pages, JSON, calendars) when the client accepts gzip, and
    # always says Vary: Accept-Encoding. Before every middleware that reads or writes the body (none
    # below does), and after WhiteNoise: static files come compressed ahead of time, with Range
    # requests a compressor must not touch, and WhiteNoise answers them without reaching this. The
    # random file-name bytes Django adds since 4.2 mitigate BREACH; CSRF tokens are masked anyway.
    "imgpath.web.middleware.GZipMiddleware",  # Django's, reading Accept-Encoding's weights
    "imgpath.web.middleware.security_headers",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "imgpath.web.accounts.languages.remember_language",  # reads what Locale and Authentication set
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "imgpath.web.urls"
WSGI_APPLICATION = "imgpath.web.wsgi.application"

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
                "imgpath.web.context.site",
            ],
        },
    }
]

DATABASES = {"default": ENV.database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "imgpath.web.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "home"

# one cache shared by every worker and host: Redis when CACHE_URL names it, else the database's own
# table (made by the migrations, so `make run` needs no extra service). Throttle counts do not live in
# the cache: counters.py keeps them atomic in the same store.
CACHE_URL = ENV.CACHE_URL
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "imgpath_cache"},
}
# the API throttle names clients by X-Forwarded-For only behind our own proxy: otherwise anyone could
# send a new header with every request and never be limited
NINJA_NUM_PROXIES = 1 if ENV.BEHIND_PROXY else 0
BEHIND_PROXY = ENV.BEHIND_PROXY
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale", RULEBOOK_LOCALE_DIR]
"""The web's own messages, then the rulebook's texts (route names, summaries, steps, fees), whose
translations are kept beside the rulebook's YAML (``imgpath.rulebook.texts``)."""
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = ENV.var_dir() / "static"  # `collectstatic` for production
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True  # serve from the package without collectstatic when it was not run
WHITENOISE_MANIFEST_STRICT = False

# security: CSRF on every form, secure cookies and HSTS in production, no framing, no referrer leak
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # read by the server only
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = ENV.SECURE_SSL_REDIRECT
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if ENV.BEHIND_PROXY else None
SECURE_HSTS_SECONDS = 0 if DEBUG else 60 * 60 * 24 * 30
CSRF_FAILURE_VIEW = "imgpath.web.pages.views.csrf_failure"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)

DEFAULT_FROM_EMAIL = ENV.DEFAULT_FROM_EMAIL

IMGPATH_ALERT_RECIPIENTS = "imgpath.web.advising.access.advisers_of"
"""Who besides a saved profile's owner is told when a rule its plans depend on changes: the advisers
it is shared with by a consent in force (docs/alerts.md, docs/advising.md)."""
if ENV.EMAIL_URL:
    _mail = urlsplit(ENV.EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 587
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme in {"smtp+tls", "submission"}
    EMAIL_USE_SSL = _mail.scheme == "smtps"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

API_RATE = ENV.API_RATE
PAGE_RATE = ENV.PAGE_RATE
CHART_RATE = ENV.CHART_RATE
IMPORT_RATE = ENV.IMPORT_RATE
REFUSAL_DELAY = ENV.REFUSAL_DELAY
REFUSALS_HELD = ENV.REFUSALS_HELD
LOGIN_ATTEMPTS = ENV.LOGIN_ATTEMPTS
LOGIN_WINDOW_SECONDS = 15 * 60

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
"""Background tasks (a cohort's check) queue in the database; `python -m imgpath.web db_worker` runs
them, or a thread of the web process when TASKS_IN_PROCESS is set (`make run`; cohorts/worker.py)."""
TASKS_IN_PROCESS = ENV.TASKS_IN_PROCESS

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"hide_feed_secrets": {"()": "imgpath.web.logfilters.HideFeedSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["hide_feed_secrets"]}},
    "root": {"handlers": ["console"], "level": "INFO" if DEBUG else "WARNING"},
}

"""Settings shared by every environment; everything that differs per machine comes from the environment."""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/werkstatt
SITE_DIR = PROJECT_DIR.parent  # site/
BASE_DIR = SITE_DIR.parent  # repository root
VAR_DIR = Path(os.environ.get("WERKSTATT_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "werkstatt",
    "taxonomy",
    # Content apps: load_demo runs their demo modules in this order (network before those that
    # point at its contacts).
    "network",
    "catalogue",
    "projects",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "werkstatt.middleware.SecurityHeadersMiddleware",
    # ETag / 304 for every page, also for those answered from the page cache just below.
    "django.middleware.http.ConditionalGetMiddleware",
    "werkstatt.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "werkstatt.middleware.KnownSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "werkstatt.errors.NotFoundPageMiddleware",
    # A full or read-only media directory: a German 503, no partial file (werkstatt.storage).
    "werkstatt.errors.MediaWriteErrorMiddleware",
    # Last: turns a refused login (lockout) into the German message on the login page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "werkstatt.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "werkstatt.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "werkstatt.wsgi.application"

# SQLite in var/ unless DATABASE_URL says otherwise (postgres://user@host:5432/name).
# Connections stay open between requests (opening one per request cost ~40% throughput);
# the health check replaces a connection the database has closed before it is used.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        # A connection that broke (database restarted) is replaced on the next request.
        conn_health_checks=True,
    )
}
# SQLite serves several processes (gunicorn workers, the task worker, manage.py): WAL lets
# readers go on while one writes; every transaction takes the write lock when it begins
# (BEGIN IMMEDIATE), so two read-then-write transactions queue behind each other for up to
# `timeout` seconds instead of one failing at once with „database is locked“ (a deferred
# transaction cannot wait for a lock it upgrades to).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The shared cache of every process (pages, fragments, values, the content version: see
# werkstatt.contentversion): Redis where REDIS_URL is set, else files under VAR_DIR, which all
# processes on one machine share (a per-process memory cache would let them disagree).
# A cache is an optimisation: when Redis is unreachable every call is a miss (IGNORE_EXCEPTIONS,
# short timeouts, no retries with back-off) and the site carries on; the failure is logged at
# most once a minute (werkstatt.logfilters.OncePerInterval on the logger "werkstatt.cache").
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))


def redis_cache(location):
    """The Redis cache settings (also used by the fault-injection tests with a closed port)."""
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT,
            "CONNECTION_POOL_KWARGS": {"retry": Retry(NoBackoff(), 0)},
        },
        "KEY_PREFIX": "werkstatt",
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            # Culled by a third when full; the content version itself is made anew if culled.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "werkstatt.cache"

# How long a second import into the same catalogue waits for the first (werkstatt.locks).
WERKSTATT_LOCK_WAIT = float(os.environ.get("WERKSTATT_LOCK_WAIT", "60"))

# Page cache (werkstatt.pagecache): anonymous GETs of public pages, in the shared cache until
# the content version changes. PAGE_CACHE_SECONDS=0 switches it off; MAX_AGE is what browsers
# and proxies may keep.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_EXCLUDED_PATHS = (
    "/admin/",
    "/django-admin/",
    "/dokumente/",
    "/anmelden/",
    "/abmelden/",
    "/suche/",
    "/api/v1/suche/",
    "/healthz",
    "/static/",
    "/media/",
)
# Where the content version and what is kept under it live (werkstatt.contentversion), how long
# a value or fragment is kept at most, and how many of them each process also holds in memory
# for the current version (werkstatt.contentcache; 0: none, every lookup goes to the cache).
CONTENT_CACHE_ALIAS = "default"
CONTENT_CACHE_SECONDS = int(os.environ.get("CONTENT_CACHE_SECONDS", "3600"))
NEAR_CACHE_ENTRIES = int(os.environ.get("NEAR_CACHE_ENTRIES", "2000"))

# The site's one viewer rule (public / members), used by search without importing network.
SEARCH_VIEWER_FUNCTION = "network.access.search_viewer"
# The search option „Kommunen ähnlich wie X“ (aehnlich=<Kurzname>): the catalogue's score.
SEARCH_SIMILAR_FUNCTION = "catalogue.similarity.search_similar"
SEARCH_SIMILAR_KEYS_FUNCTION = "catalogue.similarity.similar_keys"  # documented in the OpenAPI
# „Suche merken“ on the search page posts here (network.alerts), without search importing it.
SEARCH_SAVE_URL_NAME = "network:save_search"
# Pages restricted to these groups (or to any logged-in user) are found by members only;
# pages behind a password or other groups are not indexed at all.
SEARCH_MEMBER_GROUPS = ["Mitglieder"]

# Elasticsearch is optional: when set, search uses it and falls back to the database.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "werkstatt")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "2"))
ELASTICSEARCH_SHARDS = int(os.environ.get("ELASTICSEARCH_SHARDS", "1"))
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))
# Circuit breaker (search.breaker): after this many failures in a row, skip the cluster for
# the cooldown, then probe it in the background.
SEARCH_BREAKER_FAILURES = int(os.environ.get("SEARCH_BREAKER_FAILURES", "3"))
SEARCH_BREAKER_COOLDOWN = float(os.environ.get("SEARCH_BREAKER_COOLDOWN", "30"))
# The breaker's state lives in this cache when it is Redis (shared by all workers).
SEARCH_BREAKER_CACHE = "default"

# Background work (search outbox drain, breaker probe, Wagtail's reference index, alert mails)
# runs as django-tasks tasks, never on a thread of a request. The immediate backend runs a task
# right where it is enqueued (development, tests); production stores tasks in the database
# (django-tasks-db) for `manage.py db_worker` (deploy/werkstatt-tasks.service).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "werkstatt.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Login throttling (django-axes) on /anmelden/ and /admin/login/: 20 failed attempts for one
# username from one address lock that pair for 30 minutes; during the lock even the right
# password is refused. Per username AND address, because a lock per username alone would let a
# stranger lock any member out with 20 guesses, and a lock per address alone would lock a whole
# town hall behind one NAT address. A guesser from one address gets 20 tries per half hour
# per account (and the password validators below rule out the short and common passwords).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock ends 30 minutes after it began
AXES_LOCKOUT_CALLABLE = "werkstatt.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not recorded (data minimisation)
# Behind a reverse proxy: how many proxies stand in front (1 for deploy/nginx.conf); see
# werkstatt.client_address, which the login lock and the contact form's limit both use.
WERKSTATT_TRUSTED_PROXIES = int(os.environ.get("WERKSTATT_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "werkstatt.client_address.client_address"
# /healthz shows its details (backends, breaker, queue) to these addresses, its status to all.
WERKSTATT_HEALTH_DETAILS_FROM = [
    item.strip()
    for item in os.environ.get("WERKSTATT_HEALTH_DETAILS_FROM", "127.0.0.1,::1").split(",")
    if item.strip()
]

LOGIN_URL = "/anmelden/"
LOGIN_REDIRECT_URL = "/netzwerk/"
LOGOUT_REDIRECT_URL = "/"

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WERKSTATT_SITE_NAME", "Werkstatt")
# The site's one public address for every absolute link (werkstatt.siteaddress); setup_site
# and load_demo write it into the default Wagtail site.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Who handles accessibility complaints (werkstatt.sitetree.ENFORCEMENT): "land" for a
# municipal or Land operator, "bund" for a federal body (§ 16 BGG).
WERKSTATT_ENFORCEMENT_BODY = os.environ.get("WERKSTATT_ENFORCEMENT_BODY", "land")
# Demo accounts with a password everyone knows: only the dev and test settings switch them on.
WERKSTATT_DEMO_ACCOUNTS = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to third-party hosts for avatars
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_USER_EDIT_FORM = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents are always streamed by Wagtail's view, which checks collection privacy; the web
# server never serves MEDIA_ROOT/documents/ itself (see deploy/nginx.conf).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILEMBEDS_FINDERS = []  # no oEmbed calls to third-party hosts

# Content-Security-Policy of the public site: only our own host.
WERKSTATT_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# The Wagtail admin needs inline styles and scripts.
WERKSTATT_ADMIN_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)

# Who hears of a server error: the log (stderr, the journal under systemd) always, and by mail
# the addresses in ADMINS („Name <adresse>, adresse“), sent from SERVER_EMAIL.
ADMINS = [
    (name or address, address)
    for name, address in getaddresses([os.environ.get("ADMINS", "")])
    if address
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "werkstatt@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once_a_minute": {"()": "werkstatt.logfilters.OncePerInterval", "seconds": 60},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Django's AdminEmailHandler: a mail per error to ADMINS (none while ADMINS is empty).
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "loggers": {
        # Every 500 with its traceback (Django's default logs it only with DEBUG on).
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        "werkstatt.cache": {"filters": ["once_a_minute"], "level": "WARNING"},
        # pybreaker's Redis storage logs every failed Redis call; the breaker then reads "closed".
        "pybreaker": {"filters": ["once_a_minute"], "level": "WARNING"},
        "werkstatt": {"handlers": ["console"], "level": "INFO"},
        "search": {"handlers": ["console"], "level": "INFO"},
        "network": {"handlers": ["console"], "level": "INFO"},
        "catalogue": {"handlers": ["console"], "level": "INFO"},
        "projects": {"handlers": ["console"], "level": "INFO"},
        "taxonomy": {"handlers": ["console"], "level": "INFO"},
    },
}

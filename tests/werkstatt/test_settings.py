"""Settings switch by environment only: database, cache, production security."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(code, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update(env)
    full_env["PYTHONPATH"] = f"{ROOT / 'site'}:{ROOT}"
    return subprocess.run(
        [sys.executable, "-c", code],
        env=full_env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


PRINT_SETTINGS = (
    "import django,os;django.setup();from django.conf import settings as s;"
    "print(s.DATABASES['default']['ENGINE']);print(s.CACHES['default']['BACKEND']);print(s.DATABASES['default']['NAME'])"
)


def test_default_is_sqlite_and_a_file_cache_in_var(tmp_path):
    result = run_python(
        PRINT_SETTINGS,
        DJANGO_SETTINGS_MODULE="werkstatt.settings.dev",
        WERKSTATT_VAR_DIR=str(tmp_path),
    )
    engine, cache, name = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert cache.endswith("FileBasedCache")  # shared by every process of the machine
    assert name == str(tmp_path / "db.sqlite3")


def test_database_url_and_redis_url_switch_backends():
    result = run_python(
        PRINT_SETTINGS,
        DJANGO_SETTINGS_MODULE="werkstatt.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/werkstatt",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    engine, cache, name = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert cache == "django_redis.cache.RedisCache"
    assert name == "werkstatt"


def test_production_check_deploy_has_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
            },
            "DJANGO_SETTINGS_MODULE": "werkstatt.settings.production",
            "SECRET_KEY": "x7!kq2-Lr9#vT4mZp8@wN3sB6yC1dF5hJ0gU_eA2iO7uY9tR4-Qe8%Wz",
            "ALLOWED_HOSTS": "werkstatt.example.org",
            "WAGTAILADMIN_BASE_URL": "https://werkstatt.example.org",
        },
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret():
    result = run_python(
        "import django;django.setup()", DJANGO_SETTINGS_MODULE="werkstatt.settings.production"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_sends_no_update_check_and_no_gravatar():
    result = run_python(
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.WAGTAIL_ENABLE_UPDATE_CHECK, s.WAGTAIL_GRAVATAR_PROVIDER_URL, s.SESSION_COOKIE_SECURE)",
        DJANGO_SETTINGS_MODULE="werkstatt.settings.production",
        SECRET_KEY="x" * 60,
    )
    assert result.stdout.split() == ["False", "None", "True"]

"""Settings come from the environment; a malformed value stops start-up and names it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from earlall_rsp import env


def start_django(**variables):
    """Start Django with the production settings module and these variables."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL", "DEBUG", "SECRET_KEY"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="earlall_rsp.settings", **variables)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql-ish://nowhere"),
        ("CELERY_BROKER_URL", "amqp-typo//localhost"),
        ("EMAIL_URL", "carrier-pigeon://coop"),
        ("CONN_MAX_AGE", "sixty"),
        ("SITE_URL", "example.org"),
    ],
)
def test_settings_malformed_variable_stops_start_up_naming_it(name, value):
    result = start_django(SECRET_KEY="a-real-secret", **{name: value})
    assert result.returncode != 0
    assert f"The environment variable {name} is malformed" in result.stderr


def test_settings_production_refuses_the_development_secret_key():
    result = start_django(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is the development key while DEBUG is off" in result.stderr


def test_settings_development_starts_with_the_embedded_defaults():
    result = start_django(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_settings_production_starts_with_a_real_secret_key():
    result = start_django(DEBUG="false", SECRET_KEY="a-real-secret-from-the-vault")
    assert result.returncode == 0, result.stderr


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("YES", True), ("off", False), ("false", False)]:
        monkeypatch.setenv("SOME_FLAG", raw)
        assert env.env_bool("SOME_FLAG", not expected) is expected


def test_env_database_parses_postgres_url():
    os.environ["TEST_ONLY_DB"] = "postgres://postgres@127.0.0.1:5432/rsp"
    try:
        config = env.env_database("TEST_ONLY_DB", "")
    finally:
        del os.environ["TEST_ONLY_DB"]
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "rsp"


def test_env_int_names_the_variable(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env.env_int("SOME_NUMBER", 1)


def test_settings_production_passes_djangos_deployment_checks():
    """`check --deploy` is clean with the values the README gives for production."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process.
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
            },
            "DJANGO_SETTINGS_MODULE": "earlall_rsp.settings",
            "DEBUG": "false",
            "SECRET_KEY": "q8Jw3-a-long-random-production-key-with-enough-entropy-7Hz0pL2",
            "SECURE_SSL_REDIRECT": "true",
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
            "SECURE_HSTS_PRELOAD": "true",
        },
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout

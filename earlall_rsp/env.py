"""Typed reading of the environment that fails loudly and names the variable.

django-environ parses URLs; these helpers add the strictness it lacks (a DEBUG of
"maybe" is an error here, not a silent False).
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def malformed(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"The environment variable {name} is malformed: {value!r} is not {expected}."
    )


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise malformed(name, value, "a boolean (true/false, 1/0, yes/no, on/off)")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise malformed(name, value, "a whole number") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url(name: str, default: str, schemes: tuple[str, ...]) -> str:
    value = os.environ.get(name) or default
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if value and scheme not in schemes:
        raise malformed(name, value, f"a URL starting with one of {', '.join(schemes)}")
    return value


def env_database(name: str, default: str) -> dict:
    value = env_url(name, default, ("sqlite", "postgres", "postgresql", "pgsql"))
    try:
        return environ.Env.db_url_config(value)
    except Exception as exc:  # environ raises ValueError, KeyError, …
        raise malformed(name, value, f"a database URL ({exc})") from exc


def env_email(name: str, default: str) -> dict:
    value = env_url(name, default, ("smtp", "smtps", "consolemail", "filemail", "memorymail"))
    try:
        return environ.Env.email_url_config(value)
    except Exception as exc:
        raise malformed(name, value, f"an email URL ({exc})") from exc


def check_secret_key(*, secret_key: str, debug: bool, development_key: str) -> None:
    if not debug and secret_key == development_key:
        raise ImproperlyConfigured(
            "SECRET_KEY is the development key while DEBUG is off: "
            "set SECRET_KEY in the environment before serving the site."
        )


def ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path

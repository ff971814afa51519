"""What docker-compose.yml, the Dockerfile and .env.example declare, checked without Docker.

The variables given to the app services are compared with the names that
earlall_rsp/settings.py reads, so that neither file can drift from the settings.
"""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from core.queueing import queues as celery_queues

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
SETTINGS_SOURCE = (ROOT / "earlall_rsp" / "settings.py").read_text()
ENV_SOURCE = (ROOT / "earlall_rsp" / "env.py").read_text()

SERVICES = {"db", "redis", "cache", "web", "worker", "beat", "mailpit"}
APP_SERVICES = ("web", "worker", "beat")
SETTINGS_VARIABLE = re.compile(
    r'env_(?:str|bool|int|list|url|database|email|cache)\(\s*"([A-Z0-9_]+)"'
)
DIRECT_READ = re.compile(r'(?:environ\.get|environ\[|getenv)\(?\s*"([A-Z0-9_]+)"')
INTERPOLATION = re.compile(r"\$\{(\w+)(?::?-([^}]*))?\}")
REQUIRED = re.compile(r"^\$\{(\w+):\?[^}]+\}$")


def variables_read_by_settings() -> set[str]:
    return set(SETTINGS_VARIABLE.findall(SETTINGS_SOURCE))


def variables_read_anywhere() -> set[str]:
    names = variables_read_by_settings()
    for source in (SETTINGS_SOURCE, ENV_SOURCE):
        names |= set(DIRECT_READ.findall(source))
    return names


def as_dict(environment) -> dict[str, str]:
    """Compose accepts a mapping or a list of NAME=value strings."""
    if environment is None:
        return {}
    if isinstance(environment, dict):
        return {k: "" if v is None else str(v) for k, v in environment.items()}
    return dict(item.split("=", 1) if "=" in item else (item, "") for item in environment)


def as_text(command) -> str:
    """A command as one shell-like string, whether given as a string or a list."""
    if command is None:
        return ""
    if isinstance(command, str):
        return " ".join(command.split())
    return " ".join(" ".join(str(part).split()) for part in command)


def interpolated(value: str) -> str:
    """The value compose uses when the variable is not set in the shell or .env."""
    return INTERPOLATION.sub(lambda m: m.group(2) or "", value)


def build_context(service: dict) -> str | None:
    build = service.get("build")
    if isinstance(build, dict):
        return build.get("context", ".")
    return build


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile_instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def exec_or_shell(argument: str) -> str:
    """CMD/ENTRYPOINT in exec form (JSON list) or shell form, as one string."""
    if argument.startswith("["):
        return " ".join(json.loads(argument))
    return argument


def test_the_seven_services_are_declared(services):
    assert set(services) == SERVICES


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_build_the_project_image(services, name):
    assert build_context(services[name]) in (".", "./")
    build = services[name]["build"]
    dockerfile = build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile"
    assert (ROOT / dockerfile).is_file()


def test_the_image_serves_the_wsgi_app_with_gunicorn(dockerfile_instructions):
    run = [exec_or_shell(arg) for kw, arg in dockerfile_instructions if kw in ("CMD", "ENTRYPOINT")]
    assert run, "the Dockerfile has no CMD or ENTRYPOINT"
    started = " ".join(run)
    assert re.search(r"\bgunicorn\b.*\bearlall_rsp\.wsgi\b", started)
    assert "0.0.0.0:8000" in started


def test_the_image_runs_as_a_non_root_user_and_checks_healthz(dockerfile_instructions):
    keywords = [kw for kw, _ in dockerfile_instructions]
    assert dict(dockerfile_instructions)["FROM"].startswith("python:3.11-slim")
    users = [arg for kw, arg in dockerfile_instructions if kw == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in keywords
    healthcheck = next(arg for kw, arg in dockerfile_instructions if kw == "HEALTHCHECK")
    assert "/healthz" in healthcheck
    collect = [arg for kw, arg in dockerfile_instructions if kw == "RUN" and "collectstatic" in arg]
    assert collect and "SECRET_KEY=" in collect[0]
    assert not any(
        kw == "ENV" and re.search(r"\bSECRET_KEY=", arg) for kw, arg in dockerfile_instructions
    ), "a SECRET_KEY set with ENV would stay in the image"


def test_the_worker_consumes_every_queue_a_task_is_sent_to(services):
    """A queue no worker consumes holds its tasks for ever: the stored rankings'
    refreshes have their own, next to e-mail's."""
    consumed = re.search(r"(?:-Q|--queues)[ =](\S+)", as_text(services["worker"]["command"]))
    assert consumed, "the worker must name the queues it consumes"
    assert set(consumed.group(1).split(",")) == set(celery_queues())
    assert "rankings" in celery_queues()


@pytest.mark.parametrize("name", ["worker", "beat"])
def test_celery_services_run_the_project_app(services, name):
    command = as_text(services[name]["command"])
    assert re.search(rf"\bcelery -A earlall_rsp {name}\b", command), command


def test_web_migrates_before_serving(services):
    command = as_text(services["web"]["command"])
    migrate = re.search(r"manage\.py migrate\b", command)
    serve = re.search(r"\bgunicorn\b.*\bearlall_rsp\.wsgi\b", command)
    assert migrate and serve, command
    assert migrate.start() < serve.start()
    assert "&&" in command[migrate.end() : serve.start()], "serving must wait for migrate"
    assert any(str(port).split(":")[-1] == "8000" for port in services["web"]["ports"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_point_at_the_other_services(services, name):
    env = as_dict(services[name].get("environment"))

    database = urlsplit(env["DATABASE_URL"])
    db_env = as_dict(services["db"].get("environment"))
    assert database.scheme in ("postgres", "postgresql", "pgsql")
    assert database.hostname == "db"
    assert database.path.lstrip("/") == db_env["POSTGRES_DB"]
    assert database.username == db_env.get("POSTGRES_USER", "postgres")
    assert database.password == db_env["POSTGRES_PASSWORD"]

    broker = urlsplit(env["CELERY_BROKER_URL"])
    assert broker.scheme in ("redis", "rediss")
    assert broker.hostname == "redis"

    email = urlsplit(env["EMAIL_URL"])
    assert email.scheme == "smtp"
    assert email.hostname == "mailpit"
    assert email.port == 1025


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_start_with_debug_off(services, name):
    env = as_dict(services[name].get("environment"))
    assert env["DEBUG"].strip().lower() in {"0", "false", "no", "off"}


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_refuse_to_start_without_a_secret_key(services, name):
    """No fallback key: `${SECRET_KEY:?…}` stops compose with a message until one
    is set, so no deployment signs links with a key printed in this file."""
    secret = as_dict(services[name].get("environment"))["SECRET_KEY"]
    assert REQUIRED.match(secret), f"SECRET_KEY must be required, not {secret!r}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_share_a_cache_apart_from_the_broker(services, name):
    environment = as_dict(services[name].get("environment"))
    cache_url = environment["CACHE_URL"]
    assert urlsplit(cache_url).scheme == "redis"
    assert urlsplit(cache_url).hostname == "cache"
    assert urlsplit(environment["CELERY_BROKER_URL"]).hostname == "redis"


def test_app_services_share_one_environment(services):
    environments = [as_dict(services[name].get("environment")) for name in APP_SERVICES]
    assert all(env == environments[0] for env in environments)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_every_variable_given_to_the_app_is_read_by_the_settings(services, name):
    given = set(as_dict(services[name].get("environment")))
    unknown = given - variables_read_anywhere()
    assert not unknown, f"{name} sets variables the settings never read: {sorted(unknown)}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_db_broker_and_cache(services, name):
    depends_on = services[name]["depends_on"]
    assert isinstance(depends_on, dict), "use the long form, with conditions"
    for dependency in ("db", "redis", "cache"):
        assert depends_on[dependency]["condition"] == "service_healthy"
        assert services[dependency].get("healthcheck", {}).get("test")


def test_redis_refuses_writes_rather_than_evicting_tasks(services):
    assert re.search(r"--maxmemory-policy\s+noeviction", as_text(services["redis"]["command"]))


def test_the_cache_is_bounded_and_evicts_the_least_used_keys(services):
    command = as_text(services["cache"]["command"])
    assert re.search(r"--maxmemory\s+\d+[mg]b", command)
    assert re.search(r"--maxmemory-policy\s+allkeys-lru", command)
    # Nothing in it needs to survive a restart.
    assert "volumes" not in services["cache"]


def test_postgres_is_16_with_a_volume(services):
    assert services["db"]["image"].startswith("postgres:16")
    assert any(str(v).endswith("/var/lib/postgresql/data") for v in services["db"]["volumes"])


def test_mailpit_shows_mail_on_8025_and_listens_on_1025(services):
    mailpit = services["mailpit"]
    assert mailpit["image"].startswith("axllent/mailpit")
    published = [str(port) for port in mailpit.get("ports", [])]
    assert any(port.split(":")[-1] == "8025" for port in published)
    exposed = published + [str(port) for port in mailpit.get("expose", [])]
    assert any(port.split(":")[-1] == "1025" for port in exposed)


def test_settings_read_the_variables_this_test_relies_on():
    # Guard against the regex silently matching nothing after a refactor.
    assert {"DATABASE_URL", "CELERY_BROKER_URL", "EMAIL_URL", "SECRET_KEY", "DEBUG"} <= (
        variables_read_by_settings()
    )


def env_example_names() -> set[str]:
    names = set()
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=", line)
        if match:
            names.add(match.group(1))
    return names


def test_env_example_lists_every_variable_the_settings_read():
    missing = variables_read_by_settings() - env_example_names()
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_env_example_lists_no_variable_the_settings_ignore():
    unknown = env_example_names() - variables_read_anywhere()
    assert not unknown, f".env.example lists variables the settings never read: {sorted(unknown)}"


def test_env_example_gives_each_variable_a_comment():
    lines = ENV_EXAMPLE.read_text().splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^#?\s*[A-Z][A-Z0-9_]*=", line):
            previous = lines[index - 1] if index else ""
            assert previous.startswith("# ") and not re.match(r"^#\s*[A-Z][A-Z0-9_]*=", previous), (
                f"no comment above {line!r}"
            )


def test_web_reads_the_language_offsets_the_worker_learns(services):
    """The worker learns the language offsets from the listings; web must read the
    same file, so both mount the folder the settings are told to use."""
    folder = as_dict(services["web"]["environment"])["EMBEDDINGS_OFFSETS_DIR"]
    for name in ("web", "worker"):
        mounts = [str(v).split(":") for v in services[name].get("volumes", [])]
        assert [volume for volume, path in mounts if path == folder] == ["offsets"]

"""Where apps meet.

- The import contracts of pyproject.toml ([tool.importlinter]) hold: no app imports
  one above it, and no two modules of an app import each other.
- No app writes another app's models: it calls that app's services, where the rules
  of the write live (history, transitions, notifications).
"""

import ast
import re
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent

# The apps whose code must keep to its own models. The demo and benchmarks apps are
# left out: they fill every app's tables with demo or synthetic data on purpose.
APPS = [
    "core",
    "embeddings",
    "taxonomy",
    "notifications",
    "members",
    "listings",
    "matchmaking",
    "exchanges",
    "casestudies",
    "monitoring",
    "desk",
    "myarea",
    "events",
]
WRITES = {
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
# The matcher's evaluation builds synthetic data from the labelled set: no user's
# data goes through it. (The benchmarks live in their own app, `benchmarks`.)
MEASURING = {
    "matchmaking/evaluate.py",
}


def test_the_import_contracts_hold(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True, no_logo=True) == 0, "lint-imports: see the broken contract"


def test_every_app_of_the_project_is_under_the_contracts():
    """A new app must take its place in the layers, or the contracts say nothing of it."""
    import tomllib

    from django.apps import apps

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    ours = {
        app.name.split(".")[0]
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(ROOT) and "site-packages" not in Path(app.path).parts
    }
    assert ours <= set(config["root_packages"])
    assert ours - {"demo", "benchmarks"} <= set(APPS)


def _root(node):
    """The name a chain such as `Model.objects.filter(...).update` starts from."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _through_manager(node) -> bool:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def _foreign_models(tree, app: str) -> set[str]:
    """Names imported from the models of another app, wherever the import is."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".models"):
            owner = node.module.split(".")[0]
            if owner != app and owner in APPS:
                names |= {alias.asname or alias.name for alias in node.names}
    return names


def _writes_on_foreign_models(path: Path, app: str) -> list[str]:
    tree = ast.parse(path.read_text())
    foreign = _foreign_models(tree, app)
    if not foreign:
        return []
    found, instances = [], set()
    for node in ast.walk(tree):
        # `x = OtherModel(...)` or `x = OtherModel.objects.get(...)`: x is theirs.
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if _root(node.value) in foreign:
                instances |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        func, where = node.func, f"{path.relative_to(ROOT)}:{node.lineno}"
        if func.attr in WRITES and _through_manager(func.value) and _root(func) in foreign:
            found.append(f"{where} {_root(func)}.objects…{func.attr}()")
        if func.attr == "save" and isinstance(func.value, ast.Name):
            if func.value.id in instances:
                found.append(f"{where} {func.value.id}.save()")
    return found


def test_no_app_writes_another_apps_models():
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "migrations" in path.parts or relative in MEASURING:
                continue
            found += _writes_on_foreign_models(path, app)
    assert not found, "Call the owning app's services instead:\n" + "\n".join(found)


def test_every_refusal_of_a_service_is_one_kind_and_reads_in_the_users_words():
    from django.core.exceptions import ValidationError

    from core.refusals import REFUSALS, Refusal, refusal_text
    from core.workflow import StaleState, TransitionNotAllowed
    from matchmaking.curation import Refused
    from matchmaking.services import AlreadyMatched, MatchError
    from members.services import InvitationInvalid

    kinds = (
        TransitionNotAllowed,
        StaleState,
        MatchError,
        AlreadyMatched,
        InvitationInvalid,
        Refused,
    )
    for kind in kinds:
        assert issubclass(kind, Refusal)
    assert ValidationError in REFUSALS
    assert refusal_text(ValidationError(["Too early.", "Too big."])) == "Too early. Too big."
    assert refusal_text(MatchError("Someone else was faster.")) == "Someone else was faster."


def _app_sources():
    for app in APPS + ["demo"]:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative:
                yield relative, path.read_text()


def test_one_current_organisation():
    """The organisation a person acts for has one rule (members.selectors)."""
    defined = [
        relative
        for relative, source in _app_sources()
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name == "current_organisation"
    ]
    assert defined == ["members/selectors.py"]


# Modules that create the demo's memberships name the role; they ask nobody's
# permission. (The benchmarks app, left out of APPS, does the same.)
MAKE_MEMBERSHIPS = {"demo/loader.py", "demo/management/commands/seed_scale.py"}


def test_who_is_responsible_is_answered_in_members_only():
    """Who answers for an organisation (its coordinators) and who may act for it
    are members' rules: other apps ask members.selectors or a permission rule,
    never the role themselves."""
    asking = [
        relative
        for relative, source in _app_sources()
        if not relative.startswith("members/")
        and relative not in MAKE_MEMBERSHIPS | MEASURING
        and ("Role.COORDINATOR" in source or "memberships__role" in source)
    ]
    assert asking == []


RULE_NAME = re.compile(r"""test_rule[( ]\s*["']([\w.]+)["']""")


def test_every_rule_asked_for_exists():
    """An unknown rule name is refused silently: every name the code and the
    templates ask for must be one the apps register."""
    from rules.rulesets import default_rules

    sources = [source for _relative, source in _app_sources()]
    sources += [p.read_text() for p in (ROOT / "templates").rglob("*.html")]
    asked = {name for source in sources for name in RULE_NAME.findall(source)}
    assert asked, "no rule asked for: the pattern no longer finds them"
    assert asked <= set(default_rules), sorted(asked - set(default_rules))

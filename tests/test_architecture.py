"""Where apps meet: the import contracts of pyproject.toml ([tool.importlinter]) hold,
so no app imports one above it and no two modules of an app import each other."""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(no_cache=True, no_logo=True) == 0, "lint-imports: see the broken contract"

"""The test suite's own shape: shared helpers live in helper modules (tests/journeys.py,
tests/chat.py...), never in a test module that others import.

A test module imported by another runs its tests' module code twice under two names and ties
unrelated tests together; pytest may even collect its tests twice.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def _is_test_module(name: str) -> bool:
    """`name` is a dotted module name: tests.test_x (or a relative test_x) is a test module."""
    parts = name.split(".")
    return parts[-1].startswith("test_") and parts[:-1] in ([], ["tests"])


def imported_test_modules(source: str) -> list[str]:
    """The test modules that `source` imports, anywhere in it (functions included), in any
    spelling: `import tests.test_x`, `from tests.test_x import f`, `from tests import test_x`,
    `from .test_x import f`, `from . import test_x`, `__import__("tests.test_x")` and
    `importlib.import_module("tests.test_x")`."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level or base == "tests":
                names = [f"{base}.{alias.name}".lstrip(".") for alias in node.names]
            names.append(base)
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            first = node.args[0]
            if called in ("__import__", "import_module") and isinstance(first, ast.Constant):
                names = [str(first.value)]
        found += [name for name in names if name and _is_test_module(name)]
    return found


def test_the_checker_sees_every_spelling() -> None:
    sources = [
        "import tests.test_thanks",
        "from tests.test_thanks import debriefed",
        "from tests import updates, test_thanks",
        "from .test_thanks import debriefed",
        "from . import test_thanks",
        "async def f():\n    from tests.test_thanks import debriefed",
        'm = __import__("tests.test_thanks", fromlist=["x"])',
        'import importlib\nm = importlib.import_module("tests.test_thanks")',
    ]
    for source in sources:
        assert imported_test_modules(source) in (["tests.test_thanks"], ["test_thanks"]), source
    fine = "from tests import updates\nfrom tests.journeys import debriefed\nimport pytest"
    assert imported_test_modules(fine) == []


def test_no_test_module_imports_another() -> None:
    paths = sorted(TESTS.glob("*.py"))  # helper modules too: they must not lean on tests either
    assert Path(__file__) in paths and len(paths) > 20  # the right folder, not an empty glob
    offenders = {
        path.name: imported
        for path in paths
        if (imported := imported_test_modules(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}, f"move shared helpers to tests/journeys.py: {offenders}"

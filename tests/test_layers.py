"""The import contracts of pyproject.toml ([tool.importlinter]) hold: imports point downwards
through the layers, the pure rules and texts import nothing of Telegram, SQLite or storage, and
no modules (or packages) of one package import each other in a cycle.

`lint-imports` runs from the venv this test runs in, on this checkout (it puts the working
directory first on the import path). The same contracts are also run on a copy of the code with
one bad import added, to show that each one catches what it is for.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the code under `root`, with the pyproject.toml found there (only the
    `contracts` given by id, if any); no cache is written into the checkout."""
    command = [str(LINT_IMPORTS), "--no-cache", "--no-logo"]
    for contract in contracts:
        command += ["--contract", contract]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)


def test_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "contract", "found"),
    [
        ("bot/texts/common.py", "import bot.storage.base", "layers", "bot.texts.common"),
        ("bot/storage/base.py", "import conversations.common", "layers", "bot.storage.base"),
        ("bot/rules/timing.py", "import sqlite3", "pure", "bot.rules.timing"),
        ("bot/texts/review.py", "import telegram", "pure", "bot.texts.review"),
        ("bot/rules/timing.py", "import bot.rules.nudges", "acyclic", "allowed in bot.rules."),
    ],
)
def test_each_contract_catches_a_bad_import(
    tmp_path: Path, module: str, bad_import: str, contract: str, found: str
) -> None:
    for package in ("bot", "conversations"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / module).open("a") as source:
        source.write(f"\n{bad_import}\n")
    result = lint_imports(tmp_path, contract)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout and found in result.stdout, result.stdout

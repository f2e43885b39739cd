"""deploy/compose.postgres.yml: PostgreSQL and two bot processes, wired to each other.

No Docker daemon here: the file is parsed and its wiring checked (services, secrets, the
database URL the bots are given, health checks, one data volume and one port per process),
and the bots' start-up script runs under /bin/sh with stand-in secret files.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from bot.settings import Settings
from tests.process import ROOT

DEPLOY = ROOT / "deploy"
SETTINGS = {name.upper() for name in Settings.model_fields}

COMPOSE = DEPLOY / "compose.postgres.yml"
BOTS = ("afterview-1", "afterview-2")
# Given by the start-up script from the secrets, not by the environment block.
FROM_SECRETS = {"TELEGRAM_BOT_TOKEN", "DATABASE_URL"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return loaded


def start_script(service: dict[str, Any]) -> str:
    """The bots' entrypoint script as the container's shell gets it (Compose turns $$ into $)."""
    shell, flag, script, name = service["entrypoint"]
    assert (shell, flag, name) == ("/bin/sh", "-c", "afterview")
    return str(script).replace("$$", "$")


def test_services_and_their_order(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"db", *BOTS}
    db = services["db"]
    assert db["image"].startswith("postgres:")
    assert "ports" not in db  # reached on the compose network only
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    for name in BOTS:
        bot = services[name]
        assert bot["depends_on"] == {"db": {"condition": "service_healthy"}}
        assert bot["healthcheck"]["test"] == ["CMD", "afterview", "health"]
        assert bot["command"] == ["run"] and bot["restart"] == "unless-stopped"
        assert (DEPLOY / bot["build"]["context"]).resolve() == ROOT
        assert (ROOT / bot["build"]["dockerfile"]).is_file()
        assert bot["read_only"] is True and bot["cap_drop"] == ["ALL"]


def test_each_bot_gets_every_setting_and_its_own_heartbeat(compose: dict[str, Any]) -> None:
    services = compose["services"]
    volumes, ports, hosts = set(), set(), set()
    for name in BOTS:
        bot = services[name]
        environment = bot["environment"]
        assert set(environment) | FROM_SECRETS == SETTINGS
        assert not set(environment) & FROM_SECRETS  # secrets never in the environment block
        assert environment["DATABASE_PATH"] == "/data/afterview.sqlite3"
        (volume,) = bot["volumes"]
        assert volume.endswith(":/data")
        volumes.add(volume.split(":")[0])
        (port,) = bot["ports"]
        assert port.startswith("127.0.0.1:")
        ports.add(port.split(":")[1])
        hosts.add(bot["hostname"])
    assert len(volumes) == len(ports) == len(hosts) == len(BOTS)
    assert volumes <= set(compose["volumes"])


def test_secrets_are_files_the_services_name(compose: dict[str, Any]) -> None:
    declared = compose["secrets"]
    assert set(declared) == {"telegram_bot_token", "postgres_password"}
    assert all(s["file"].startswith("./secrets/") for s in declared.values())
    db = compose["services"]["db"]
    assert db["secrets"] == ["postgres_password"]
    assert db["environment"]["POSTGRES_PASSWORD_FILE"] == "/run/secrets/postgres_password"
    for name in BOTS:
        assert set(compose["services"][name]["secrets"]) == set(declared)


def test_the_start_script_points_the_bots_at_the_db_service(
    compose: dict[str, Any], tmp_path: Path
) -> None:
    bot = compose["services"]["afterview-1"]
    script = start_script(bot)
    (tmp_path / "telegram_bot_token").write_text("123456789:AAtoken")
    (tmp_path / "postgres_password").write_text("0f1e2d3c\n")  # as openssl writes it
    # The same script, reading the stand-in secrets, printing what it would start with.
    script = script.replace("/run/secrets", str(tmp_path))
    assert script.endswith('exec afterview "$@"')
    script = script.removesuffix('exec afterview "$@"') + 'exec env "$@"'
    result = subprocess.run(
        ["/bin/sh", "-c", script, "afterview"], capture_output=True, text=True, check=True
    )
    found = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert found["TELEGRAM_BOT_TOKEN"] == "123456789:AAtoken"
    url = urlsplit(found["DATABASE_URL"])
    db = compose["services"]["db"]["environment"]
    assert (url.scheme, url.hostname, url.port) == ("postgresql", "db", 5432)
    assert (url.username, url.password) == (db["POSTGRES_USER"], "0f1e2d3c")
    assert url.path == f"/{db['POSTGRES_DB']}"
    # A missing secret stops the start instead of running without it.
    (tmp_path / "postgres_password").unlink()
    failed = subprocess.run(["/bin/sh", "-c", script, "afterview"], capture_output=True)
    assert failed.returncode != 0


def test_readme_has_the_managed_postgres_steps_and_the_failover_drill() -> None:
    readme = (DEPLOY / "README.md").read_text()
    managed = readme.split("## 6.", 1)[1].split("\n## ", 1)[0]
    assert "afterview copy-db --from" in managed and "DATABASE_URL" in managed
    drill = readme.split("## 7.", 1)[1].split("\n## ", 1)[0]
    assert "compose.postgres.yml" in drill
    assert re.search(r"kill -s SIGKILL afterview-1", drill)
    assert "afterview health --leader" in drill

"""deploy/: the files parse, and they name exactly the settings `Settings` defines.

Docker itself isn't on CI: the image build runs only where a Docker daemon answers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from bot.cli import health
from bot.settings import Settings
from tests.conftest import make_settings
from tests.process import ROOT

DEPLOY = ROOT / "deploy"
SETTINGS = {name.upper() for name in Settings.model_fields}
# Environment variables that aren't ours but are fine to set beside ours.
RUNTIME_VARS = {
    "PATH",
    "PYTHONUNBUFFERED",
    "PYTHONDONTWRITEBYTECODE",
    "PIP_NO_CACHE_DIR",
    "PIP_DISABLE_PIP_VERSION_CHECK",
}


def parse_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit as {section: [(key, value), ...]}; keys may repeat (Environment=)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = sections.setdefault(header.group(1), [])
            continue
        key, sep, value = line.partition("=")
        assert sep and current is not None, f"{path.name}:{number}: not key=value: {raw!r}"
        assert re.fullmatch(r"[A-Z][A-Za-z]+", key), f"{path.name}:{number}: bad key {key!r}"
        current.append((key, value))
    return sections


def values(section: list[tuple[str, str]], key: str) -> list[str]:
    return [v for k, v in section if k == key]


def env_example() -> dict[str, str]:
    """NAME -> value for every NAME= line, commented out (# NAME=...) or not."""
    found = {}
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        match = re.fullmatch(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            found[match.group(1)] = match.group(2)
    return found


def test_env_example_lists_every_setting_with_a_comment() -> None:
    assert set(env_example()) == SETTINGS
    lines = (DEPLOY / ".env.example").read_text().splitlines()
    for name in SETTINGS:
        index = next(i for i, line in enumerate(lines) if re.match(rf"#?\s*{name}=", line))
        # The line before is a comment (or the setting shares the comment of its group).
        assert lines[index - 1].startswith("#") or re.match(r"[A-Z_]+=", lines[index - 1])
    # The example holds no secret and overrides no default: every active line is empty.
    active = [line for line in lines if re.match(r"[A-Z_]+=", line)]
    assert active and all(line.endswith("=") for line in active), active


def test_compose_file_parses_and_passes_every_setting() -> None:
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())
    service = compose["services"]["afterview"]
    environment = service["environment"]
    assert set(environment) == SETTINGS
    assert environment["DATABASE_PATH"] == "/data/afterview.sqlite3"
    assert "afterview-data:/data" in service["volumes"]
    assert "afterview-data" in compose["volumes"]
    assert (DEPLOY / service["build"]["context"]).resolve() == ROOT
    assert (ROOT / service["build"]["dockerfile"]).is_file()
    assert service["restart"] == "unless-stopped"
    # The token must be given; the other settings fall back to the bot's defaults.
    assert ":?" in environment["TELEGRAM_BOT_TOKEN"]
    # Published for the reverse proxy on the host's loopback only.
    assert all(port.startswith("127.0.0.1:") for port in service["ports"])


@pytest.mark.parametrize(
    "name", ["afterview.service", "afterview-backup.service", "afterview-backup.timer"]
)
def test_systemd_units_parse(name: str) -> None:
    unit = parse_unit(DEPLOY / name)
    assert "Unit" in unit
    if name.endswith(".timer"):
        assert values(unit["Timer"], "OnCalendar") and values(unit["Install"], "WantedBy")
        return
    service = unit["Service"]
    assert values(service, "User") == ["afterview"]  # never root
    assert values(service, "EnvironmentFile") == ["/etc/afterview/afterview.env"]
    named = {v.split("=", 1)[0] for v in values(service, "Environment")}
    assert named - RUNTIME_VARS <= SETTINGS, named - RUNTIME_VARS - SETTINGS
    assert "DATABASE_PATH" in named
    (exec_start,) = values(service, "ExecStart")
    command = "run" if name == "afterview.service" else "backup"
    assert re.fullmatch(rf"/opt/afterview/\.venv/bin/afterview {command}( \S+)?", exec_start)
    assert values(service, "UMask") == ["0077"]
    assert values(service, "StateDirectory") == ["afterview"]


def test_dockerfile_shape() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    froms = re.findall(r"^FROM (\S+)", text, re.M)
    assert froms and all(image.startswith("python:3.11-slim") for image in froms)
    (user,) = re.findall(r"^USER (\S+)", text, re.M)
    assert not user.startswith(("root", "0"))
    assert re.search(r'^VOLUME \["/data"\]', text, re.M)
    assert re.search(r'^HEALTHCHECK .*\n?.*CMD \["afterview", "health"\]', text, re.M)
    assert re.search(r'^ENTRYPOINT \["afterview"\]', text, re.M)
    joined = text.replace("\\\n", " ")  # continuation lines into one
    env_lines = re.findall(r"^ENV (.*)$", joined, re.M)
    env_names = set(re.findall(r"\b([A-Z][A-Z0-9_]+)=", " ".join(env_lines)))
    assert {"DATABASE_PATH", "WEBHOOK_LISTEN"} <= env_names
    assert env_names - RUNTIME_VARS <= SETTINGS, env_names - RUNTIME_VARS - SETTINGS
    ignore = [
        line
        for line in (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert ignore[0] == "*" and "**/.env" in ignore and "!bot/" in ignore


def test_proxy_example_matches_the_webhook_example() -> None:
    comment = (DEPLOY / ".env.example").read_text()
    url = re.search(r"e\.g\. (https://\S+)", comment)
    assert url is not None
    path = urlsplit(url.group(1)).path
    nginx = (DEPLOY / "nginx-afterview.conf").read_text()
    assert f"location = {path} {{" in nginx
    assert "proxy_pass http://127.0.0.1:8443;" in nginx  # no URI part: the path is kept
    readme = (DEPLOY / "README.md").read_text()
    assert f"WEBHOOK_URL=https://bot.example.org{path}" in readme
    assert f"handle {path} {{" in readme


def test_readme_settings_table_lists_every_setting() -> None:
    readme = (ROOT / "README.md").read_text()
    table = re.findall(r"^\| `([A-Z_]+)` \|", readme, re.M)
    assert set(table) == SETTINGS


def test_health_follows_the_heartbeat(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    healthy, message = health.check(settings)
    assert not healthy and "no heartbeat" in message
    beat = health.heartbeat_path(settings)
    beat.parent.mkdir(parents=True)
    beat.touch()
    now = beat.stat().st_mtime
    assert health.check(settings, now=now + 10) == (True, "healthy: last heartbeat 10 s ago")
    stale = now + health.STALE_SECONDS + 1
    assert health.check(settings, now=stale)[0] is False


def docker_available() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "info"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not docker_available(), reason="no Docker daemon here (CI has none)")
def test_image_builds_and_reports_unhealthy_without_a_heartbeat() -> None:
    tag = "afterview:test"
    subprocess.run(
        ["docker", "build", "-f", "deploy/Dockerfile", "-t", tag, "."],
        cwd=ROOT,
        check=True,
        timeout=900,
    )
    user = subprocess.run(
        ["docker", "run", "--rm", "--entrypoint", "id", tag, "-u"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert user.stdout.strip() != "0"
    health = subprocess.run(["docker", "run", "--rm", tag, "health"], capture_output=True)
    assert health.returncode == 1  # nothing running in that container: no heartbeat

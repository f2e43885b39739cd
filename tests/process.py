"""Running the bot as a real process against the loopback fake Bot API."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # Telegram's, on every webhook post


def bot_env(token: str | None, base_url: str, database: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    if token is not None:
        env["TELEGRAM_BOT_TOKEN"] = token
    env["TELEGRAM_BASE_URL"] = base_url
    env["DATABASE_PATH"] = str(database)
    env.update(extra)
    return env


def start_bot(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd or ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def kill_bot(proc: subprocess.Popen[str]) -> str:
    """SIGKILL (no shutdown, no flush: a crash), wait for it; returns what it wrote to stderr."""
    proc.send_signal(signal.SIGKILL)
    return proc.communicate(timeout=10)[1]


def stop_bot(proc: subprocess.Popen[str], timeout: float = 20) -> str:
    """SIGINT, as a service manager stops the bot, and wait; SIGKILL if it hangs. Returns what
    it wrote to stderr."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.communicate(timeout=timeout)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[1]


def rss_bytes(pid: int) -> int:
    """A process's resident memory (VmRSS in /proc/PID/status, Linux), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise LookupError(f"no VmRSS for process {pid}")


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def post(port: int, update: dict[str, Any], secret: str | None, path: str) -> int:
    """POST `update` to the bot's webhook server on loopback `port` at `path`, with Telegram's
    secret header when `secret` is given; the HTTP status."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/{path}",
        data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    if secret is not None:
        request.add_header(SECRET_HEADER, secret)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code

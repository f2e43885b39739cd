"""The one place that reads the environment (and an optional `.env` file)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Telegram tokens look like "123456789:AA...". Checked locally so that a typo fails fast
# with one clear line instead of a 401 from Telegram after start-up.
TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")
# What Telegram accepts as a webhook secret token (sent back in a header with each update).
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,256}$")
_PG_SCHEMES = ("postgresql", "postgres")
UserIds = Annotated[frozenset[int], NoDecode]
# ADVISER_HOURS: "Mon-Fri 09:00-17:00", several spans joined by ";" ("Mon-Thu 09:00-17:00;
# Fri 09:00-13:00"); days are a day or a range of days, comma-separated. Read by
# bot/rules/office_hours.py; checked here so that a typo fails at start-up.
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = "(?:" + "|".join(DAY_NAMES) + ")"
_DAYS = rf"{_DAY}(?:\s*-\s*{_DAY})?(?:\s*,\s*{_DAY}(?:\s*-\s*{_DAY})?)*"
HOURS_SPAN = re.compile(
    rf"^\s*(?P<days>{_DAYS})\s+(?P<start>[0-2][0-9]:[0-5][0-9])\s*-\s*"
    r"(?P<end>[0-2][0-9]:[0-5][0-9])\s*$",
    re.IGNORECASE,
)


class Settings(BaseSettings):
    """Everything the bot can be configured with. Field names map to upper-case env vars."""

    # An empty variable counts as unset, so that docker-compose can pass every setting through
    # as "${NAME:-}" and the defaults here still apply.
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    # Optional only for `afterview chat` (the terminal needs no Telegram); `run` requires it.
    telegram_bot_token: SecretStr | None = Field(
        default=None, description="The bot token from @BotFather."
    )
    telegram_base_url: str = Field(
        default="https://api.telegram.org/bot",
        description="Bot API base URL; point it at a local Bot API server if you run one.",
    )
    database_path: Path = Field(
        default=Path("data/afterview.sqlite3"), description="The SQLite file."
    )
    # A secret: the URL usually carries the password. Unset: SQLite at DATABASE_PATH.
    database_url: SecretStr | None = Field(
        default=None,
        description="postgresql://user:password@host:5432/dbname to use PostgreSQL instead.",
    )
    default_timezone: str = Field(default="Europe/London", description="Offered first.")
    log_level: str = Field(default="INFO")
    # Telegram allows about 30 messages a second in all; 0 turns the limiter off.
    rate_limit_per_second: float = Field(default=30, ge=0)
    # How many different users' updates may be handled at once (per-user order is kept).
    concurrent_updates: int = Field(default=64, ge=1, le=1024)

    # --- how updates arrive ------------------------------------------------------------------
    update_mode: Literal["polling", "webhook"] = Field(
        default="polling", description="polling (no inbound port) or webhook (behind a proxy)."
    )
    webhook_url: str | None = Field(
        default=None, description="Public HTTPS URL Telegram posts updates to (webhook mode)."
    )
    webhook_listen: str = Field(default="127.0.0.1", description="Address the webhook binds.")
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret_token: SecretStr | None = Field(
        default=None, description="Telegram sends it with every update; others are refused."
    )

    # --- the organisation running the bot ----------------------------------------------------
    operator_name: str = Field(default="", description="Shown by /contact and at the end.")
    operator_about: str = Field(default="", description="One sentence about the organisation.")
    operator_contact: str = Field(
        default="", description="Phone, email, address; write \\n for a line break."
    )
    allowed_user_ids: UserIds = Field(
        default=frozenset(), description="If set, only these Telegram user ids (and admins)."
    )
    admin_user_ids: UserIds = Field(default=frozenset(), description="Who may use /stats.")

    # --- the organisation's advisers (issue 17) ------------------------------------------------
    adviser_chat_id: int | None = Field(
        default=None,
        description="The staff supergroup (topics on, the bot an admin) that /adviser writes to.",
    )
    adviser_hours: str = Field(
        default="", description='Office hours, e.g. "Mon-Fri 09:00-17:00"; empty: any time.'
    )
    adviser_timezone: str = Field(
        default="", description="The zone of ADVISER_HOURS; empty: DEFAULT_TIMEZONE."
    )
    adviser_show_names: bool = Field(
        default=False, description="Show the adviser's first name with their replies."
    )

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        if not TOKEN_PATTERN.match(value.get_secret_value().strip()):
            # The message never repeats the value: the token is a secret even when malformed.
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return SecretStr(value.get_secret_value().strip())

    @field_validator("webhook_secret_token")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not SECRET_PATTERN.match(value.get_secret_value()):
            raise ValueError("must be 16 to 256 characters: letters, digits, _ and -")
        return value

    @field_validator("webhook_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not (value.startswith("https://") and urlsplit(value).hostname):
            raise ValueError("must be a public https:// URL (Telegram only posts over HTTPS)")
        return value

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and urlsplit(value.get_secret_value()).scheme not in _PG_SCHEMES:
            # The message never repeats the value: it may hold a password.
            raise ValueError("must be a postgresql://user:password@host:port/dbname URL")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in logging.getLevelNamesMapping():
            raise ValueError("must be DEBUG, INFO, WARNING or ERROR")
        return value.upper()

    @field_validator("operator_name", "operator_about", "operator_contact")
    @classmethod
    def _line_breaks(cls, value: str) -> str:
        # One-line env files (docker-compose, systemd) can't hold a newline: accept "\n".
        return value.replace("\\n", "\n").strip()

    @field_validator("allowed_user_ids", "admin_user_ids", mode="before")
    @classmethod
    def _id_list(cls, value: Any) -> Any:
        # "123, 456" in the environment; a list or set when built in code.
        if isinstance(value, str):
            parts = [part for part in re.split(r"[\s,;]+", value) if part]
            if not all(re.fullmatch(r"\d+", part) for part in parts):
                raise ValueError("must be Telegram user ids (numbers) separated by commas")
            return frozenset(int(part) for part in parts)
        return value

    @field_validator("adviser_hours")
    @classmethod
    def _hours(cls, value: str) -> str:
        spans = [span for span in value.split(";") if span.strip()]
        for span in spans:
            match = HOURS_SPAN.match(span)
            if match is None or not match["start"] < match["end"] <= "24:00":
                raise ValueError('must be like "Mon-Fri 09:00-17:00" (spans joined by ";")')
        return value.strip()

    @field_validator("adviser_timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError("must be a time zone name such as Europe/London") from exc
        return value

    @model_validator(mode="after")
    def _webhook_complete(self) -> Settings:
        if self.update_mode == "webhook" and (
            self.webhook_url is None or self.webhook_secret_token is None
        ):
            raise ValueError("UPDATE_MODE=webhook needs WEBHOOK_URL and WEBHOOK_SECRET_TOKEN")
        return self

    @property
    def adviser_zone(self) -> str:
        """The zone office hours are read in (ADVISER_TIMEZONE, else DEFAULT_TIMEZONE)."""
        return self.adviser_timezone or self.default_timezone

    @property
    def postgres_url(self) -> str | None:
        """DATABASE_URL as a string (it may hold a password: never log it); None: SQLite."""
        return None if self.database_url is None else self.database_url.get_secret_value()

    @property
    def database_name(self) -> str:
        """The database for logs and messages: the SQLite path, or PostgreSQL's host and
        database name (without user or password)."""
        if self.postgres_url is None:
            return str(self.database_path)
        parts = urlsplit(self.postgres_url)
        return f"postgresql://{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path}"

    @property
    def token(self) -> str:
        if self.telegram_bot_token is None:
            raise RuntimeError("TELEGRAM_BOT_TOKEN is missing")
        return self.telegram_bot_token.get_secret_value()

    @property
    def webhook_path(self) -> str:
        """The path part of WEBHOOK_URL, which the local webhook server listens on."""
        return urlsplit(self.webhook_url or "").path.strip("/")

    def may_use(self, user_id: int) -> bool:
        """Whether the allow-list (empty: everyone) lets this user in; admins always."""
        return not self.allowed_user_ids or user_id in self.allowed_user_ids | self.admin_user_ids

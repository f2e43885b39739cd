"""The one place that reads the environment (and an optional `.env` file)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Telegram tokens look like "123456789:AA...". Checked locally so that a typo fails fast
# with one clear line instead of a 401 from Telegram after start-up.
TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{30,}$")


class Settings(BaseSettings):
    """Everything the bot can be configured with. Field names map to upper-case env vars."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr = Field(description="The bot token from @BotFather.")
    telegram_base_url: str = Field(
        default="https://api.telegram.org/bot",
        description="Bot API base URL; point it at a local Bot API server if you run one.",
    )
    database_path: Path = Field(
        default=Path("data/afterview.sqlite3"), description="The SQLite file."
    )
    default_timezone: str = Field(default="Europe/London", description="Offered first.")
    log_level: str = Field(default="INFO")
    # Telegram allows about 30 messages a second in all; 0 turns the limiter off.
    rate_limit_per_second: float = Field(default=30, ge=0)
    # How many different users' updates may be handled at once (per-user order is kept).
    concurrent_updates: int = Field(default=64, ge=1, le=1024)

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr) -> SecretStr:
        if not TOKEN_PATTERN.match(value.get_secret_value().strip()):
            # The message never repeats the value: the token is a secret even when malformed.
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return SecretStr(value.get_secret_value().strip())

    @property
    def token(self) -> str:
        return self.telegram_bot_token.get_secret_value()

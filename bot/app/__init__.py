"""The app factory and the one place handlers are registered."""

from bot.app.factory import build_application
from bot.tg.application import AfterviewApplication

__all__ = ["AfterviewApplication", "build_application"]

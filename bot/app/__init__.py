"""The app factory and the one place handlers are registered."""

from bot.app.factory import AfterviewApplication, build_application

__all__ = ["AfterviewApplication", "build_application"]

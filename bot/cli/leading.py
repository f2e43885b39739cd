"""Running as one of several bot processes on one PostgreSQL (`DATABASE_URL`): a standby until
this process holds the leader's lock (bot/storage/leader.py), then the leader until a stop
signal or until it loses the lock, then a standby again. With SQLite, `afterview run` uses
PTB's run_polling/run_webhook as before (one process, always the leader).

A term is one application built afresh: `initialize()` opens the store and waits for the lock
(a standby waits there: it neither polls, nor dispatches nudges, nor re-sends the outbox),
then the leader polls (or sets the webhook) and starts. Losing the lock stops the term: the
gates in the application and the dispatcher have already stopped handling and sending (see
bot/storage/leader.py for the timing), and here polling stops and the application with it.
Stopping the poller confirms to Telegram the updates it had fetched (PTB does so on stop);
those the gate left unhandled are lost, as with a crash: their senders see no reply and send
again. (A killed leader confirms nothing: Telegram hands the new leader what it hadn't
confirmed, and the conversation's last update id keeps a committed one from running twice.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable

from bot.app import build_application
from bot.cli import health
from bot.cli import loop as loops
from bot.cli.webhook import WebhookServer
from bot.settings import Settings
from bot.storage.leader import Leader
from bot.tg.application import AfterviewApplication

log = logging.getLogger("afterview")

END_SECONDS = 15.0  # a term that can't stop within this (a hung database) is left behind


def serve(settings: Settings, url: str) -> None:
    """Leader or standby on PostgreSQL at `url`, until SIGINT or SIGTERM."""
    with asyncio.Runner(loop_factory=loops.new_event_loop) as runner:
        runner.run(_serve(settings, url))


async def _serve(settings: Settings, url: str) -> None:
    stop = asyncio.Event()
    running = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        running.add_signal_handler(sig, stop.set)
    server = WebhookServer(settings) if settings.update_mode == "webhook" else None
    if server is not None:
        await server.start()
    try:
        await _term(settings, url, stop, server)  # a first term that fails: can't start
        while not stop.is_set():
            try:
                await _term(settings, url, stop, server)
            except Exception:  # e.g. the database out of reach: a standby keeps trying
                log.exception("could not wait for the leader's lock; trying again")
                await _unless_stopped(asyncio.sleep(1.0), stop)
    finally:
        if server is not None:
            await server.stop()


async def _term(
    settings: Settings, url: str, stop: asyncio.Event, server: WebhookServer | None
) -> None:
    """One application: wait to lead, then lead until `stop` or the lock is lost."""
    app = build_application(settings)
    lost = asyncio.Event()
    app.runtime.leader = leader = Leader(
        url, on_lost=lost.set, on_wait=lambda: _beat(settings, "standby")
    )
    health.schedule(app, settings)
    if server is not None:
        server.app = app
    try:
        if not await _unless_stopped(app.initialize(), stop):  # a standby waits in here
            return
        await _start(app, settings)
        await _unless_stopped(lost.wait(), stop)
        if lost.is_set():
            _beat(settings, "standby")
    finally:
        if server is not None:
            server.app = None
        try:
            await asyncio.wait_for(_end(app), END_SECONDS)
        except TimeoutError:
            log.error("the old term did not stop within %.0f s; going on without it", END_SECONDS)
        await leader.release()


def _beat(settings: Settings, role: str) -> None:
    """The heartbeat; a full or read-only disk is logged, and the bot goes on."""
    try:
        health.beat(settings, role)
    except OSError as exc:
        log.warning("could not write the heartbeat: %s", exc)


async def _unless_stopped(work: Awaitable[object], stop: asyncio.Event) -> bool:
    """Run `work` until it ends (True) or `stop` is set first (False: `work` is cancelled)."""
    task = asyncio.ensure_future(work)
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
    if task.done():
        task.result()  # its exception, if any
        return True
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return False


async def _start(app: AfterviewApplication, settings: Settings) -> None:
    """Take Telegram's updates (polling, or point the webhook here) and start handling."""
    if settings.update_mode == "webhook":
        assert settings.webhook_secret_token is not None  # Settings checks it in webhook mode
        await app.bot.set_webhook(
            url=settings.webhook_url or "",
            secret_token=settings.webhook_secret_token.get_secret_value(),
            allowed_updates=None,
            drop_pending_updates=False,
        )
    else:
        assert app.updater is not None  # built with one
        await app.updater.start_polling(allowed_updates=None, drop_pending_updates=False)
    await app.start()


async def _end(app: AfterviewApplication) -> None:
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()

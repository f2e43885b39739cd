"""The HTTP client the bot talks to Telegram with, sized to the updates handled at once.

Each update sends its requests one after another, so `concurrent` updates need about that
many connections (plus a few for jobs such as the nudge dispatcher). Two things in httpcore
(the engine under httpx) make one big pool slow:

- every request scans the whole pool, twice, and the scan is quadratic in the number of open
  connections; each idle connection also costs a `poll` system call per scan;
- by default only 20 connections are kept alive, so beyond that every request would open a
  new connection (a TLS handshake against Telegram).

So the connections are split into small pools ("shards") of `SHARD_SIZE`, each one httpx
client with keep-alive for all its connections, and each request goes to the least busy shard.
Measured with bench/updates.py: about 3 ms less CPU per update at 32 updates at once.
"""

from __future__ import annotations

import math

import httpx
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, HTTPXRequest, RequestData

SHARD_SIZE = 8
# Connections beyond the update bound: jobs (nudges) send beside the updates being handled.
SPARE_CONNECTIONS = 8
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 10.0  # PTB adds the long-poll timeout to this for getUpdates
WRITE_TIMEOUT = 10.0
# Waiting for a free connection is normal in a burst: well above PTB's one second.
POOL_TIMEOUT = 30.0


def httpx_request(connections: int) -> HTTPXRequest:
    """One httpx client with `connections` connections, all kept alive."""
    return HTTPXRequest(
        connection_pool_size=connections,
        connect_timeout=CONNECT_TIMEOUT,
        read_timeout=READ_TIMEOUT,
        write_timeout=WRITE_TIMEOUT,
        pool_timeout=POOL_TIMEOUT,
        httpx_kwargs={
            "limits": httpx.Limits(
                max_connections=connections, max_keepalive_connections=connections
            )
        },
    )


class ShardedRequest(BaseRequest):
    """Several small httpx pools behind one PTB request object; the least busy one serves."""

    def __init__(self, shards: list[HTTPXRequest]) -> None:
        if not shards:
            raise ValueError("at least one shard")
        self.shards = shards
        self.busy = [0] * len(shards)

    @property
    def read_timeout(self) -> float | None:
        return self.shards[0].read_timeout

    async def initialize(self) -> None:
        for shard in self.shards:
            await shard.initialize()

    async def shutdown(self) -> None:
        for shard in self.shards:
            await shard.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        # Ties go to the first shard: with little traffic, one warm pool does all the work.
        index = min(range(len(self.shards)), key=self.busy.__getitem__)
        self.busy[index] += 1
        try:
            return await self.shards[index].do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        finally:
            self.busy[index] -= 1


def http_client(concurrent: int) -> BaseRequest:
    """The client for everything but getUpdates, for `concurrent` updates handled at once."""
    connections = concurrent + SPARE_CONNECTIONS
    count = math.ceil(connections / SHARD_SIZE)
    if count == 1:
        return httpx_request(connections)
    size = math.ceil(connections / count)
    return ShardedRequest([httpx_request(size) for _ in range(count)])


def get_updates_client() -> HTTPXRequest:
    """Long polling holds one request open at a time: one connection of its own, so that a
    poll never waits behind replies."""
    return httpx_request(1)

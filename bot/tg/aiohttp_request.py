"""The HTTP client the bot talks to Telegram with: PTB's request layer on aiohttp.

Why not PTB's default (httpx): measured with bench/updates.py on this project's 2-core
machine, httpx spent about 2.5 ms of CPU per Bot API call, which capped the bot near 100
updates/s however many users it served at once; on aiohttp (a C HTTP parser, one simple
connection pool) the same bench runs about 1.5x faster. The pool is sized to the updates
handled at once, all connections kept alive.

Parameters go as an `application/json` body, which the Bot API accepts for every method
but file uploads: one `json.dumps` of PTB's `parameters` (real JSON values). PTB's other form,
`json_parameters`, JSON-encodes each value to a string first, and form-urlencoding those took
about 5 % of the bot's CPU under load; with JSON, a sendMessage with a keyboard costs the bot
about a fifth less CPU against the loopback fake. Uploads (sendDocument) stay multipart.

Errors never carry the URL (it holds the token): only the kind of failure is reported.
"""

from __future__ import annotations

import json

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput, UploadFileDict
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 10.0  # PTB adds the long-poll timeout to this for getUpdates
WRITE_TIMEOUT = 10.0
# Waiting for a free connection is normal in a burst: well above PTB's one second.
POOL_TIMEOUT = 30.0


def _value(given: ODVInput[float], default: float) -> float | None:
    return default if isinstance(given, DefaultValue) else given


JSON_HEADERS = {"Content-Type": "application/json"}
EMPTY_JSON = b"{}"

# Connections beyond the update bound: jobs (nudges) send beside the updates being handled.
SPARE_CONNECTIONS = 8


class AiohttpRequest(BaseRequest):
    def __init__(self, connections: int, read_timeout: float = READ_TIMEOUT) -> None:
        self.connections = connections
        self._read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.connections, keepalive_timeout=60)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

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
        if self._session is None:
            await self.initialize()
        assert self._session is not None
        timeout = _timeout(
            _value(read_timeout, self._read_timeout),
            _value(connect_timeout, CONNECT_TIMEOUT),
            _value(pool_timeout, POOL_TIMEOUT),
        )
        data, headers = _body(request_data)
        try:
            async with self._session.request(
                method, url, data=data, headers=headers, timeout=timeout
            ) as resp:
                return resp.status, await resp.read()
        except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise TimedOut(f"aiohttp: {type(exc).__name__}") from None
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp: {type(exc).__name__}") from None


def _timeout(
    read: float | None, connect: float | None, pool: float | None
) -> aiohttp.ClientTimeout:
    """aiohttp's timeouts from PTB's (seconds, None: no limit); waiting for a free connection
    counts towards connecting."""
    return aiohttp.ClientTimeout(
        connect=pool if pool is None or connect is None else pool + connect,
        sock_connect=connect,
        sock_read=read,
    )


def _body(
    request_data: RequestData | None,
) -> tuple[aiohttp.FormData | bytes, dict[str, str] | None]:
    """The request body and its headers (None: the form sets its own, with the part boundary):
    a JSON object, or a multipart form when there are files to upload."""
    # No parameters (getMe) is an empty JSON object: left without a body, aiohttp would
    # label the request application/octet-stream.
    if request_data is None:
        return EMPTY_JSON, JSON_HEADERS
    uploads = request_data.multipart_data
    if uploads:
        return _form(request_data, uploads), None
    parameters = request_data.parameters
    if not parameters:
        return EMPTY_JSON, JSON_HEADERS
    # Bytes and the header: a little cheaper than aiohttp's json= payload.
    return json.dumps(parameters).encode(), JSON_HEADERS


def _form(request_data: RequestData, uploads: UploadFileDict) -> aiohttp.FormData:
    """A multipart form: the parameters as fields, each upload as a file part."""
    form = aiohttp.FormData()
    for key, value in request_data.json_parameters.items():
        form.add_field(key, value)
    for name, upload in uploads.items():
        filename, content = upload[0], upload[1]
        mimetype = upload[2] if len(upload) > 2 else "application/octet-stream"
        body = content if isinstance(content, bytes) else content.read()
        form.add_field(name, body, filename=filename, content_type=mimetype)
    return form


def http_client(concurrent: int) -> AiohttpRequest:
    """The client for everything but getUpdates, for `concurrent` updates handled at once."""
    return AiohttpRequest(concurrent + SPARE_CONNECTIONS)


def get_updates_client() -> AiohttpRequest:
    """Long polling holds one request open at a time: a connection of its own, so that a
    poll never waits behind replies."""
    return AiohttpRequest(1)

"""The aiohttp client against the fake Bot API over real loopback HTTP: parameters go as a
JSON body, uploads as multipart, and failures are PTB errors that never name the token."""

from __future__ import annotations

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, NetworkError
from telegram.ext import ExtBot

from bot.tg.aiohttp_request import AiohttpRequest
from tests.conftest import TOKEN
from tests.fakeapi import FakeTelegram, _decode
from tests.fakeserver import FakeBotServer

MARKUP = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Done ✓", callback_data="nudge:done:17"),
            InlineKeyboardButton("Later", callback_data="nudge:snooze:17"),
        ]
    ]
)


async def test_send_message_goes_as_json_and_upload_as_multipart() -> None:
    fake = FakeTelegram()
    client = AiohttpRequest(2)
    with FakeBotServer(fake, TOKEN) as server:
        bot = ExtBot(TOKEN, base_url=server.base_url, request=client)
        await bot.initialize()  # getMe: no parameters at all
        try:
            status, _ = await client.do_request(f"{server.base_url}{TOKEN}/getMe", "POST")
            assert status == 200  # nor any request data
            message = await bot.send_message(
                4242, "<b>Acme</b> &amp; Co — 123", parse_mode="HTML", reply_markup=MARKUP
            )
            await bot.send_message(4242, "123")  # a text of digits stays a text
            document = await bot.send_document(
                4242,
                InputFile(b"BEGIN:VCALENDAR\r\n", filename="interview.ics"),
                caption="<i>Your</i> calendar",
                parse_mode="HTML",
                reply_markup=MARKUP,
            )
        finally:
            await bot.shutdown()

    assert not fake.unexpected
    assert server.content_types["application/json"] == 4  # both getMe's too, as {}
    assert server.content_types["multipart/form-data"] == 1
    assert sum(server.content_types.values()) == server.requests  # nothing else was sent

    sent = fake.method_calls("sendMessage")[0]
    assert sent["chat_id"] == 4242
    assert sent["text"] == "<b>Acme</b> &amp; Co — 123"
    assert sent["parse_mode"] == "HTML"
    assert sent["reply_markup"] == MARKUP.to_dict()
    first, digits, upload = fake.sent_to(4242)
    assert first.text == "Acme & Co — 123"  # the fake read the HTML
    assert first.buttons == [[("Done ✓", "nudge:done:17"), ("Later", "nudge:snooze:17")]]
    assert message.message_id == first.message_id and message.text == first.text
    assert fake.method_calls("sendMessage")[1]["text"] == "123" and digits.text == "123"
    assert upload.document == ("interview.ics", b"BEGIN:VCALENDAR\r\n")
    assert upload.text == "Your calendar" and upload.buttons == first.buttons
    assert document.document is not None and document.document.file_name == "interview.ics"


async def test_what_telegram_rejects_is_still_rejected_over_json() -> None:
    fake = FakeTelegram()
    with FakeBotServer(fake, TOKEN) as server:
        bot = ExtBot(TOKEN, base_url=server.base_url, request=AiohttpRequest(1))
        await bot.initialize()
        try:
            with pytest.raises(BadRequest, match="parse entities: unclosed <b>"):
                await bot.send_message(1, "<b>unclosed", parse_mode="HTML")
            too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
            with pytest.raises(BadRequest, match="Button_data_invalid"):
                await bot.send_message(1, "hi", reply_markup=too_long)
        finally:
            await bot.shutdown()
    assert server.content_types["application/json"] == 3
    assert len(fake.unexpected) == 2 and not fake.outbox


async def test_network_errors_never_name_the_token() -> None:
    fake = FakeTelegram()
    client = AiohttpRequest(1)
    with FakeBotServer(fake, TOKEN) as server:
        bot = ExtBot(TOKEN, base_url=server.base_url, request=client)
        await bot.initialize()
        try:
            fake.fail("sendMessage", "network")  # the server drops the connection
            with pytest.raises(NetworkError) as dropped:
                await bot.send_message(1, "hi")
        finally:
            await bot.shutdown()
    # The server is gone: nothing listens on its port any more.
    client = AiohttpRequest(1)
    bot = ExtBot(TOKEN, base_url=server.base_url, request=client)
    await client.initialize()
    try:
        with pytest.raises(NetworkError) as refused:
            await bot.send_message(1, "hi", reply_markup=MARKUP)
    finally:
        await client.shutdown()
    for caught in (dropped, refused):
        assert TOKEN not in str(caught.value) and TOKEN not in repr(caught.value)
        assert "aiohttp" in str(caught.value)


def test_decode_reads_form_strings_and_json_values_alike() -> None:
    markup = MARKUP.to_dict()
    form = {
        "chat_id": "4242",
        "text": "123",
        "reply_markup": '{"inline_keyboard": []}',
        "disable_notification": "true",
    }
    assert _decode(form) == {
        "chat_id": 4242,
        "text": "123",
        "reply_markup": {"inline_keyboard": []},
        "disable_notification": "true",
    }
    body = {"chat_id": 4242, "text": "123", "reply_markup": markup, "allowed_updates": []}
    assert _decode(body) == body
    assert _decode({"chat_id": "@channel", "message_id": "7"}) == {
        "chat_id": "@channel",
        "message_id": 7,
    }

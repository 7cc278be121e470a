"""A small fake Telegram Bot API server for running the real bot offline.

It serves `/bot<token>/<method>` and `/file/bot<token>/<path>` on 127.0.0.1 (random port),
hands out the updates a test injects through long-polled `getUpdates`, records every call the
bot makes, and checks what it sends the way Telegram does: HTML must parse (allowed tags only,
balanced, `<`, `>` and `&` escaped), texts must be 1-4096 characters, inline results at most 50
with unique ids of at most 64 bytes. A bad request gets Telegram's 400 answer and is recorded in
`errors`, so a test can assert there were none.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

TOKEN = "123456789:TEST-token-for-the-fake-server"
BOT_USER = {
    "id": 900_000_001,
    "is_bot": True,
    "first_name": "پاسخ",
    "username": "PasokhTestBot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
ANONYMOUS_ADMIN_ID = 1087968824  # Telegram's "GroupAnonymousBot"
# Values PTB sends as plain strings that must not be JSON-decoded.
_STRING_FIELDS = {
    "text", "caption", "callback_query_id", "inline_query_id", "file_id", "query", "secret_token",
}  # fmt: skip
_ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "code", "pre", "blockquote", "tg-emoji",
}  # fmt: skip
_HTML_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);|[<>&]"
)


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]


def telegram_html_error(text: str) -> str | None:
    """Why Telegram would refuse `text` as an HTML message, or None if it's fine."""
    stack: list[str] = []
    for match in _HTML_TOKEN.finditer(text):
        token = match.group(0)
        if token in "<>&":
            return f"Can't parse entities: unescaped {token!r} at byte offset {match.start()}"
        if match.group(2) is None:
            continue
        name = match.group(2).lower()
        if name not in _ALLOWED_TAGS:
            return f"Can't parse entities: unsupported start tag {name!r}"
        if match.group(1):
            if not stack or stack[-1] != name:
                return f"Can't parse entities: can't find end tag corresponding to {name!r}"
            stack.pop()
        else:
            stack.append(name)
    if stack:
        return f"Can't parse entities: can't find end of {stack[-1]!r} entity"
    return None


def plain_text(markup: str) -> str:
    """What a user would see of an HTML message."""
    return html.unescape(re.sub(r"<[^<>]*>", "", markup))


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi:
    """The fake server. Start it, point the bot at `url`, inject updates, inspect `calls`."""

    def __init__(self, long_poll_seconds: float = 0.2) -> None:
        """Creates the server (not yet listening).

        Args:
            long_poll_seconds: Longest a getUpdates waits; short so the bot stops quickly.
        """
        self.long_poll_seconds = long_poll_seconds
        self.calls: list[Call] = []
        self.errors: list[tuple[str, str]] = []
        self.files: dict[str, bytes] = {}
        self.messages: dict[tuple[int, int], dict] = {}
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""
        # getUpdates calls still to answer with 502 Bad Gateway (a Bot API outage).
        self.outage = 0

    async def start(self) -> str:
        """Starts listening on a free port; returns the base URL."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        """Stops the server."""
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- building and injecting updates ---------------------------------------------------

    @staticmethod
    def user(user_id: int, first_name: str = "کاربر") -> dict:
        """A Telegram user object."""
        return {"id": user_id, "is_bot": False, "first_name": first_name}

    @staticmethod
    def private_chat(user_id: int) -> dict:
        """The private chat with `user_id`."""
        return {"id": user_id, "type": "private", "first_name": "کاربر"}

    @staticmethod
    def group_chat(chat_id: int) -> dict:
        """A supergroup."""
        return {"id": chat_id, "type": "supergroup", "title": "گروه آزمایشی"}

    def push(self, kind: str, payload: dict) -> dict:
        """Queues an update of `kind` ("message", "edited_message", …); returns it."""
        update = {"update_id": next(self._update_ids), kind: payload}
        self._updates.append(update)
        self._new_update.set()
        return update

    def message(
        self,
        chat: dict,
        user: dict | None,
        text: str | None = None,
        *,
        kind: str = "message",
        reply_to: dict | None = None,
        **extra: Any,
    ) -> dict:
        """Queues a message (entities for commands and @mentions are added); returns it."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
        }
        if user is not None:
            message["from"] = user
        if text is not None:
            message["text"] = text
            entities = _entities(text)
            if entities:
                message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        message.update(extra)
        self.push(kind, message)
        return message

    def callback_query(self, user: dict, message: dict, data: str) -> dict:
        """Queues a button press on one of the bot's messages."""
        query = {
            "id": f"cb{next(self._update_ids)}",
            "from": user,
            "message": message,
            "chat_instance": "fake",
            "data": data,
        }
        return self.push("callback_query", query)

    def inline_query(self, user: dict, query: str) -> dict:
        """Queues an inline query (`@BotName query` typed in some chat)."""
        payload = {"id": f"iq{next(self._update_ids)}", "from": user, "query": query, "offset": ""}
        return self.push("inline_query", payload)

    def add_file(self, file_id: str, data: bytes) -> None:
        """Makes `data` downloadable as `file_id`."""
        self.files[file_id] = data

    # ---- inspecting ---------------------------------------------------------------------------

    def calls_to(self, method: str, **where: Any) -> list[Call]:
        """Recorded calls of `method` whose params include `where`."""
        return [
            c
            for c in self.calls
            if c.method == method and all(c.params.get(k) == v for k, v in where.items())
        ]

    def texts_to(self, chat_id: int) -> list[str]:
        """Plain text of every message sent or edited in `chat_id`, in order."""
        return [
            plain_text(c.params["text"])
            for c in self.calls
            if c.method in ("sendMessage", "editMessageText") and c.params.get("chat_id") == chat_id
        ]

    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = 30.0, what: str = "condition"
    ) -> Any:
        """Polls `predicate` until it returns something truthy; fails after `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate()
            if result:
                return result
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; calls: {self.summary()}")
            await asyncio.sleep(0.01)

    async def wait_for_call(
        self, method: str, timeout: float = 30.0, count: int = 1, **where: Any
    ) -> list[Call]:
        """Waits until at least `count` calls of `method` matching `where` were made."""
        return await self.wait_for(
            lambda: (calls := self.calls_to(method, **where)) and len(calls) >= count and calls,
            timeout,
            f"{count} x {method} {where}",
        )

    def summary(self) -> list[str]:
        """Short description of the recorded calls, for failure messages."""
        out = []
        for call in self.calls:
            if call.method == "getUpdates":
                continue
            text = call.params.get("text")
            out.append(f"{call.method}({call.params.get('chat_id')}: {str(text)[:60]!r})")
        return out

    # ---- the server ---------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        raw = dict(await request.post()) if request.can_read_body else {}
        raw.update(request.query)
        params = {}
        for key, value in raw.items():
            if key in _STRING_FIELDS or not isinstance(value, str):
                params[key] = value
                continue
            try:
                params[key] = json.loads(value)
            except ValueError:
                params[key] = value
        return params

    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await self._params(request)
        self.calls.append(Call(method, params))
        if method == "getUpdates" and self.outage > 0:
            self.outage -= 1
            return _error(502, "Bad Gateway")
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return _error(404, "Not Found")
        try:
            result = await handler(params)
        except BadRequest as exc:
            self.errors.append((method, str(exc)))
            return _error(400, f"Bad Request: {exc}")
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self.files:
            return web.Response(status=404)
        self.calls.append(Call("downloadFile", {"file_id": file_id}))
        return web.Response(body=self.files[file_id])

    async def _api_getMe(self, params: dict) -> dict:
        return BOT_USER

    async def _api_getUpdates(self, params: dict) -> list[dict]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            wait = min(float(params.get("timeout") or 0), self.long_poll_seconds)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), wait)
        return self._updates[: int(params.get("limit") or 100)]

    async def _api_sendMessage(self, params: dict) -> dict:
        _check_text(params)
        reply = params.get("reply_parameters") or {}
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {
                "id": params["chat_id"],
                "type": "private" if params["chat_id"] > 0 else "supergroup",
            },
            "from": BOT_USER,
            "text": plain_text(params["text"]) if params.get("parse_mode") else params["text"],
        }
        if (params.get("reply_markup") or {}).get("inline_keyboard"):
            # Messages carry only inline keyboards; reply keyboards live in the client.
            message["reply_markup"] = params["reply_markup"]
        if reply.get("message_id"):
            message["reply_to_message"] = {
                "message_id": reply["message_id"],
                "date": 0,
                "chat": message["chat"],
            }
        self.messages[(params["chat_id"], message["message_id"])] = message
        return message

    async def _api_editMessageText(self, params: dict) -> dict | bool:
        _check_text(params)
        message = self._stored(params)
        message["text"] = plain_text(params["text"]) if params.get("parse_mode") else params["text"]
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _api_editMessageReplyMarkup(self, params: dict) -> dict:
        message = self._stored(params)
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _stored(self, params: dict) -> dict:
        key = (params.get("chat_id"), params.get("message_id"))
        if key not in self.messages:
            raise BadRequest("message to edit not found")
        return self.messages[key]

    async def _api_answerCallbackQuery(self, params: dict) -> bool:
        if len(params.get("text") or "") > 200:
            raise BadRequest("callback answer text is too long")
        return True

    async def _api_answerInlineQuery(self, params: dict) -> bool:
        results = params.get("results") or []
        if len(results) > 50:
            raise BadRequest("RESULTS_TOO_MUCH")
        ids = [r["id"] for r in results]
        if len(set(ids)) != len(ids) or any(len(i.encode()) > 64 for i in ids):
            raise BadRequest("RESULT_ID_INVALID")
        for result in results:
            content = result.get("input_message_content") or {}
            _check_text({"text": content.get("message_text"), **content})
        return True

    async def _api_getFile(self, params: dict) -> dict:
        file_id = params["file_id"]
        if file_id not in self.files:
            raise BadRequest("invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": len(self.files[file_id]),
            "file_path": f"documents/{file_id}",
        }

    async def _api_setMyCommands(self, params: dict) -> bool:
        for command in params.get("commands") or []:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
                raise BadRequest("BOT_COMMAND_INVALID")
        return True

    async def _api_deleteWebhook(self, params: dict) -> bool:
        return True

    async def _api_setWebhook(self, params: dict) -> bool:
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise BadRequest("secret token contains unallowed characters")
        return True

    async def _api_sendChatAction(self, params: dict) -> bool:
        return True


class BadRequest(Exception):
    """What the fake answers with HTTP 400."""


def _check_text(params: dict) -> None:
    text = params.get("text")
    if not isinstance(text, str):
        raise BadRequest("message text is empty")
    if params.get("parse_mode") == "HTML":
        error = telegram_html_error(text)
        if error:
            raise BadRequest(error)
        text = plain_text(text)
    if not text.strip():
        raise BadRequest("message text is empty")
    if _utf16_len(text) > 4096:
        raise BadRequest("message is too long")


def _entities(text: str) -> list[dict]:
    """bot_command and mention entities, as Telegram would attach them (UTF-16 offsets)."""
    entities = []
    for match in re.finditer(r"(?<!\w)(/[a-zA-Z0-9_]+(?:@\w+)?|@\w+)", text):
        kind = "bot_command" if match.group(0).startswith("/") else "mention"
        if kind == "bot_command" and match.start() != 0:
            continue
        entities.append(
            {
                "type": kind,
                "offset": _utf16_len(text[: match.start()]),
                "length": _utf16_len(match.group(0)),
            }
        )
    return entities


def _error(code: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": code, "description": description}, status=code
    )

"""A stand-in for Telegram's Bot API over real HTTP on 127.0.0.1, for end-to-end tests.

It serves the methods the bot calls (getMe, getUpdates, sendMessage, editMessageText,
editMessageReplyMarkup, answerCallbackQuery, sendChatAction, setMyCommands, ...),
records every call with its parameters, hands out updates the test queues (well-formed
ones, or any raw JSON at all, to test that a malformed update is survived), and can fail
chosen calls (a 429 with retry_after, a 500) to test that replies survive. Like Telegram,
it refuses a message over 4096 characters or with HTML it cannot parse (400).
"""

from __future__ import annotations

import contextlib
import html
import itertools
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

TOKEN = "123456:TEST-token-Do-Not-Log-abcdefghijklmnop"
BOT_ID = 123456
BOT_USERNAME = "trustbot_test_bot"
#: The longest a getUpdates call is held open, whatever timeout it asks for: short, so
#: tests stop quickly; returning early with no updates is what the real API does too.
LONG_POLL_CAP = 0.2
#: Telegram's limit for a message's text, in UTF-16 units after its HTML is parsed.
MAX_MESSAGE_CHARS = 4096
#: The tags Telegram's HTML parse mode knows.
ALLOWED_TAGS = {"b", "i", "u", "s", "a", "code", "pre", "blockquote", "tg-spoiler"}


class _TelegramHTML(HTMLParser):
    """Checks text the way Telegram's HTML parse mode would: known tags, all closed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}> is not allowed")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> closes nothing open")


def html_problems(text: str) -> list[str]:
    """Why Telegram would refuse this HTML text; [] when it would not."""
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    return parser.problems + [f"<{tag}> is never closed" for tag in parser.open]


def shown_length(text: str) -> int:
    """The length Telegram limits: UTF-16 units of the text once its HTML is parsed."""
    return len(html.unescape(re.sub(r"<[^>]*>", "", text)).encode("utf-16-le")) // 2


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    result: Any = None  # what the stand-in answered

    @property
    def text(self) -> str:
        """The message text sent, or ""."""
        return str(self.params.get("text", ""))

    def json(self, name: str) -> Any:
        """A parameter the bot sent JSON-encoded (reply_markup, commands, ...)."""
        value = self.params.get(name)
        return json.loads(value) if isinstance(value, str) else value


@dataclass
class Fault:
    """Answer the next `times` calls of `method` with an error instead."""

    method: str
    status: int
    description: str
    retry_after: int | None = None
    times: int = 1
    chat_id: int | None = None  # only calls to this chat (a user who blocked the bot)


class BotAPIStandIn:
    """A Bot API server for one token on 127.0.0.1, with updates queued by the test."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.failed: list[Call] = []  # calls answered with an injected fault
        self.rejected: list[Call] = []  # messages refused as Telegram would: too long, bad HTML
        # Queued updates, by the id that orders them and that an offset confirms, with
        # the JSON handed out: normally the same id, but a raw one may carry any or none.
        self._updates: list[tuple[int, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._lock = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.served: dict[int, float] = {}  # update_id -> when getUpdates handed it out
        self.times_served: Counter[int] = Counter()  # update_id -> how often it was handed out
        self.offsets: list[int] = []  # the offset of every getUpdates call, in order

    # -- lifecycle ---------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """What TRUSTBOT_TELEGRAM_API_URL should be."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    def start(self) -> BotAPIStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._lock:
            self._lock.notify_all()
        self._server.shutdown()
        self._server.server_close()

    # -- what the test does ------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update for the bot's next getUpdates; returns its update_id."""
        with self._lock:
            update_id = next(self._update_ids)
            self._updates.append((update_id, {"update_id": update_id, **update}))
            self._lock.notify_all()
            return update_id

    def push_raw(self, payload: Any, *, numbered: bool = True) -> int:
        """Queue any JSON as an update, exactly as given (malformed as the test likes);
        `numbered` adds the next update_id unless the payload has its own key for it.
        Returns the id an offset confirms it by."""
        with self._lock:
            update_id = next(self._update_ids)
            if numbered and isinstance(payload, dict) and "update_id" not in payload:
                payload = {"update_id": update_id, **payload}
            self._updates.append((update_id, payload))
            self._lock.notify_all()
            return update_id

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """Updates pushed in the block are handed out in one getUpdates batch."""
        with self._lock:  # a reentrant lock: push() inside the block takes it again
            yield

    def fail(self, fault: Fault) -> None:
        """Fail the next calls of a method as the fault says."""
        with self._lock:
            self.faults.append(fault)

    def sent(self, method: str = "sendMessage", chat_id: int | None = None) -> list[Call]:
        """The calls of a method (to one chat) so far."""
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method == method and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
            ]

    def wait_for(
        self, predicate: Callable[[BotAPIStandIn], bool], timeout: float = 10.0, what: str = "a call"
    ) -> None:
        """Block until the predicate holds, or fail the test after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    methods = [f"{c.method}:{c.text[:40]!r}" for c in self.calls[-15:]]
                    raise AssertionError(f"timed out waiting for {what}; last calls: {methods}")
                self._lock.wait(min(left, 0.05))

    # -- the server --------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real Bot API does
            disable_nagle_algorithm = True  # else headers and body wait on delayed ACKs (40 ms)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                prefix = f"/bot{standin.token}/"
                if not self.path.startswith(prefix):
                    return self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                method = self.path[len(prefix) :]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                params = _parse(self.headers.get("Content-Type", ""), body)
                status, payload = standin._answer(method, params)
                self._reply(status, payload)

            def do_GET(self) -> None:
                self.do_POST()

            def _reply(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # client gone
                    self.wfile.write(data)

        return Handler

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self._lock:
            call = Call(method, params)
            fault = next(
                (
                    f
                    for f in self.faults
                    if f.method == method
                    and f.times > 0
                    and (f.chat_id is None or str(params.get("chat_id")) == str(f.chat_id))
                ),
                None,
            )
            if fault is not None:
                fault.times -= 1
                self.failed.append(call)
                self._lock.notify_all()
                error: dict[str, Any] = {
                    "ok": False,
                    "error_code": fault.status,
                    "description": fault.description,
                }
                if fault.retry_after is not None:
                    error["parameters"] = {"retry_after": fault.retry_after}
                return fault.status, error
            refusal = _refusal(method, params)
            if refusal is not None:
                self.rejected.append(call)
                self._lock.notify_all()
                return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {refusal}"}
            call.result = self._result(method, params)
            self.calls.append(call)
            self._lock.notify_all()
        return 200, {"ok": True, "result": call.result}

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), LONG_POLL_CAP)
        deadline = time.monotonic() + wait
        with self._lock:
            self.offsets.append(offset)
            # Updates before the offset are confirmed: forget them, as Telegram does.
            self._updates = [(n, u) for n, u in self._updates if n >= offset]
            while not self._updates and time.monotonic() < deadline:
                self._lock.wait(deadline - time.monotonic())
            batch = self._updates[:100]
            now = time.monotonic()
            for n, _ in batch:
                self.served.setdefault(n, now)
                self.times_served[n] += 1
            self._lock.notify_all()
            return [u for _, u in batch]

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "trustbot",
                "username": BOT_USERNAME,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
            }
        if method in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            chat_id = int(params.get("chat_id") or 0)
            message_id = int(params["message_id"]) if "message_id" in params else next(self._message_ids)
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": _chat(chat_id),
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "trustbot", "username": BOT_USERNAME},
                "text": params.get("text", ""),
            }
        if method == "sendPhoto":
            return {
                "message_id": next(self._message_ids),
                "date": int(time.time()),
                "chat": _chat(int(params.get("chat_id") or 0)),
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "trustbot", "username": BOT_USERNAME},
                "photo": [{"file_id": "p1", "file_unique_id": "p1", "width": 1000, "height": 600}],
                "caption": params.get("caption", ""),
            }
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # setMyCommands, sendChatAction, answerCallbackQuery, deleteWebhook, ...


def _refusal(method: str, params: dict[str, Any]) -> str | None:
    """Why Telegram would refuse to send this text, or None."""
    if method not in ("sendMessage", "editMessageText"):
        return None
    text = str(params.get("text", ""))
    if params.get("parse_mode") == "HTML" and (problems := html_problems(text)):
        return f"can't parse entities: {problems[0]}"
    if not text.strip():
        return "message text is empty"
    shown = shown_length(text) if params.get("parse_mode") == "HTML" else _utf16(text)
    if shown > MAX_MESSAGE_CHARS:
        return "message is too long"
    return None


def _parse(content_type: str, body: bytes) -> dict[str, Any]:
    """The request's parameters, from a form, multipart or JSON body."""
    if not body:
        return {}
    if content_type.startswith("application/json"):
        data = json.loads(body)
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()}
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        params: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if isinstance(name, str):
                params[name] = part.get_content()
        return params
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))


def _chat(chat_id: int) -> dict[str, Any]:
    if chat_id < 0:
        return {"id": chat_id, "type": "group", "title": "Staff room"}
    return {"id": chat_id, "type": "private", "first_name": "Staff"}


# --- updates a test can queue -----------------------------------------------------------

_message_ids = itertools.count(1)


def user(user_id: int, first_name: str = "Sam") -> dict[str, Any]:
    """A Telegram user object."""
    return {"id": user_id, "is_bot": False, "first_name": first_name}


def message(
    text: str,
    user_id: int,
    chat_id: int | None = None,
    *,
    reply_to_bot: bool = False,
    reply_to: int | None = None,
) -> dict[str, Any]:
    """An update carrying a text message; commands and @mentions get their entities.
    `reply_to` makes it a reply to the bot's message of that id."""
    chat_id = user_id if chat_id is None else chat_id
    entities = []
    if text.startswith("/"):
        entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
    mention = f"@{BOT_USERNAME}"
    if mention in text:
        entities.append(
            {"type": "mention", "offset": _utf16(text[: text.index(mention)]), "length": len(mention)}
        )
    msg: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id),
        "from": user(user_id),
        "text": text,
    }
    if entities:
        msg["entities"] = entities
    if reply_to_bot or reply_to is not None:
        msg["reply_to_message"] = {
            "message_id": 999 if reply_to is None else reply_to,
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "trustbot", "username": BOT_USERNAME},
            "text": "an earlier answer",
        }
    return {"message": msg}


def press(data: str, user_id: int, on: Call | None = None) -> dict[str, Any]:
    """An update for a press on an inline button with this callback data (of message `on`)."""
    pressed: dict[str, Any] = (
        dict(on.result)
        if on is not None
        else {
            "message_id": 1,
            "date": int(time.time()),
            "chat": _chat(user_id),
            "text": "an answer",
        }
    )
    if on is not None and on.json("reply_markup"):
        pressed["reply_markup"] = on.json("reply_markup")
    return {
        "callback_query": {
            "id": f"cq{next(_message_ids)}",
            "from": user(user_id),
            "chat_instance": "test",
            "data": data,
            "message": pressed,
        }
    }


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2

"""Votes on answers and watched questions, kept in one SQLite file in the data folder.

The file (`trustbot.sqlite3` in TRUSTBOT_DATA_DIR) is created on first write, in WAL mode
so the CLI can read while the bot writes; its schema version is `PRAGMA user_version`.
Every call opens its own short connection, so the store is safe from any thread (the
bot calls it through `asyncio.to_thread`). Whatever goes wrong with the file (corrupt,
read-only, made by a newer trustbot) is raised as one `StoreError` line.

May import `errors`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import TrustbotError

__all__ = [
    "DB_NAME",
    "MAX_REPLY_CHARS",
    "MAX_WATCHES",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "TooManyWatches",
    "Vote",
    "Watch",
    "clip_reply",
]

DB_NAME = "trustbot.sqlite3"
SCHEMA_VERSION = 1
#: Seconds a write waits for another writer before it gives up.
BUSY_TIMEOUT = 30.0
#: The longest feedback reply kept, in characters; a longer one is cut and marked "…".
MAX_REPLY_CHARS = 1000
#: Watched questions one user may keep in one chat.
MAX_WATCHES = 50

_SCHEMA = """
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    as_of TEXT,
    short TEXT,
    passages TEXT NOT NULL,
    generation TEXT,
    good INTEGER NOT NULL CHECK (good IN (0, 1)),
    reply TEXT
);
CREATE TABLE IF NOT EXISTS watches (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    as_of TEXT,
    short TEXT,
    UNIQUE (chat_id, user_id, question, as_of)
);
"""


class StoreError(TrustbotError):
    """The store's file cannot be read or written."""


class TooManyWatches(StoreError):
    """A user already watches MAX_WATCHES questions in a chat."""


def clip_reply(text: str, limit: int = MAX_REPLY_CHARS) -> str:
    """A feedback reply as kept: white space tidied, at most `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Vote:
    """One 👍 or 👎 on an answer, with what the answer showed."""

    id: int
    at: str  # when, ISO 8601 in UTC
    user_id: int
    chat_id: int
    question: str
    as_of: str | None  # the cut-off the question was asked with (YYYY[-MM[-DD]])
    short: str | None  # the short answer shown
    passages: tuple[str, ...]  # ids of the passages shown, the answer's first
    generation: str | None  # the index generation that answered
    good: bool
    reply: str | None  # what the user said was wrong (👎 only)

    def to_json(self) -> dict[str, Any]:
        """The vote as `trustbot feedback list --json` prints it."""
        return {
            "id": self.id,
            "at": self.at,
            "vote": "up" if self.good else "down",
            "user_id": self.user_id,
            "chat_id": self.chat_id,
            "question": self.question,
            "as_of": self.as_of,
            "short": self.short,
            "passages": list(self.passages),
            "generation": self.generation,
            "reply": self.reply,
        }


@dataclass(frozen=True)
class Watch:
    """A question a user asked to be told about when its short answer changes."""

    id: int
    at: str
    user_id: int
    chat_id: int
    question: str
    as_of: str | None
    short: str | None  # the answer last told, None when the documents did not answer

    def to_json(self) -> dict[str, Any]:
        """The watch as `trustbot watch list --json` prints it."""
        return {
            "id": self.id,
            "at": self.at,
            "user_id": self.user_id,
            "chat_id": self.chat_id,
            "question": self.question,
            "as_of": self.as_of,
            "short": self.short,
        }


_VOTE_COLUMNS = "id, at, user_id, chat_id, question, as_of, short, passages, generation, good, reply"
_WATCH_COLUMNS = "id, at, user_id, chat_id, question, as_of, short"


def _vote(row: Sequence[Any]) -> Vote:
    passages = tuple(str(p) for p in json.loads(row[7]))
    vote_id, at, user_id, chat_id, question, as_of, short = row[:7]
    return Vote(
        vote_id, at, user_id, chat_id, question, as_of, short, passages, row[8], bool(row[9]), row[10]
    )


def _watch(row: Sequence[Any]) -> Watch:
    return Watch(*row)


class Store:
    """The votes and watches of one data folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self._ready = False
        self._setup = threading.Lock()

    # -- connections -------------------------------------------------------------------

    def _problem(self, exc: BaseException) -> StoreError:
        detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return StoreError(f"the data file {self.path} cannot be used ({detail})")

    def _prepare(self, db: sqlite3.Connection) -> None:
        """WAL mode and the current schema, once per store (a no-op on a ready file)."""
        with self._setup:
            if self._ready:
                return
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the data file {self.path} was made by a newer trustbot (schema {version}); "
                    "upgrade trustbot to use it"
                )
            db.execute("PRAGMA journal_mode=WAL")
            if version < SCHEMA_VERSION:
                db.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;")
            self._ready = True

    @contextlib.contextmanager
    def _connect(self, *, write: bool) -> Iterator[sqlite3.Connection | None]:
        """A connection in a transaction, committed on success; None when reading a store
        that was never written. Any failure of the file is a StoreError."""
        if not write and not self.path.exists():
            yield None
            return
        try:
            if write:
                self.folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise self._problem(exc) from None
        try:
            self._prepare(db)
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield db
            db.execute("COMMIT")
        except (OSError, sqlite3.Error) as exc:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
            raise self._problem(exc) from None
        finally:
            db.close()

    # -- votes -------------------------------------------------------------------------

    def add_vote(
        self,
        *,
        user_id: int,
        chat_id: int,
        question: str,
        as_of: str | None,
        short: str | None,
        passages: Sequence[str],
        generation: str | None,
        good: bool,
    ) -> int:
        """Store a vote; its id."""
        with self._connect(write=True) as db:
            assert db is not None
            cursor = db.execute(
                "INSERT INTO votes (at, user_id, chat_id, question, as_of, short, passages, generation, good)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    user_id,
                    chat_id,
                    question,
                    as_of,
                    short,
                    json.dumps(list(passages)),
                    generation,
                    good,
                ),
            )
            return int(cursor.lastrowid or 0)

    def set_reply(self, vote_id: int, reply: str) -> str:
        """Attach what the user said was wrong to their vote; the reply as kept (clipped)."""
        kept = clip_reply(reply)
        with self._connect(write=True) as db:
            assert db is not None
            cursor = db.execute("UPDATE votes SET reply = ? WHERE id = ?", (kept, vote_id))
            if cursor.rowcount != 1:
                raise StoreError(f"there is no vote {vote_id} to add a reply to")
        return kept

    def votes(self, *, bad_only: bool = False, limit: int | None = None) -> list[Vote]:
        """The votes, newest first: all, or only the 👎."""
        where = "WHERE good = 0" if bad_only else ""
        bound = f"LIMIT {int(limit)}" if limit is not None else ""
        with self._connect(write=False) as db:
            if db is None:
                return []
            rows = db.execute(f"SELECT {_VOTE_COLUMNS} FROM votes {where} ORDER BY id DESC {bound}")
            return [_vote(row) for row in rows]

    # -- watches -----------------------------------------------------------------------

    def add_watch(
        self, *, user_id: int, chat_id: int, question: str, as_of: str | None, short: str | None
    ) -> bool:
        """Watch a question for a user in a chat; False when they already watch it.
        TooManyWatches when they already watch MAX_WATCHES questions."""
        with self._connect(write=True) as db:
            assert db is not None
            # `IS`, not `=`: a watch without a cut-off (NULL) is the same watch again, which
            # UNIQUE alone would not catch (NULLs differ there); the write lock makes it race-free.
            already = db.execute(
                "SELECT 1 FROM watches WHERE chat_id = ? AND user_id = ? AND question = ? AND as_of IS ?",
                (chat_id, user_id, question, as_of),
            ).fetchone()
            if already:
                return False
            (count,) = db.execute(
                "SELECT COUNT(*) FROM watches WHERE chat_id = ? AND user_id = ?", (chat_id, user_id)
            ).fetchone()
            if count >= MAX_WATCHES:
                raise TooManyWatches(f"You already watch {MAX_WATCHES} questions; /unwatch one first.")
            db.execute(
                "INSERT INTO watches (at, user_id, chat_id, question, as_of, short)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_now(), user_id, chat_id, question, as_of, short),
            )
            return True

    def watches(self, *, chat_id: int | None = None, user_id: int | None = None) -> list[Watch]:
        """Watches in the order they were made, of one chat and user when given."""
        clauses, params = [], []
        for column, value in (("chat_id", chat_id), ("user_id", user_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._connect(write=False) as db:
            if db is None:
                return []
            rows = db.execute(f"SELECT {_WATCH_COLUMNS} FROM watches {where} ORDER BY id", params)
            return [_watch(row) for row in rows]

    def remove_watch(self, *, chat_id: int, user_id: int, number: int) -> Watch | None:
        """Remove the user's `number`-th watch in the chat (as /watches numbers them); None
        when there is no such number."""
        with self._connect(write=True) as db:
            assert db is not None
            rows = db.execute(
                f"SELECT {_WATCH_COLUMNS} FROM watches WHERE chat_id = ? AND user_id = ? ORDER BY id",
                (chat_id, user_id),
            ).fetchall()
            if not 1 <= number <= len(rows):
                return None
            watch = _watch(rows[number - 1])
            db.execute("DELETE FROM watches WHERE id = ?", (watch.id,))
            return watch

    def set_watch_short(self, watch_id: int, short: str | None) -> None:
        """Record the answer a watcher was last told."""
        with self._connect(write=True) as db:
            assert db is not None
            db.execute("UPDATE watches SET short = ? WHERE id = ?", (short, watch_id))

    def drop_chat(self, chat_id: int) -> int:
        """Remove every watch whose updates go to a chat (one that blocked the bot); how many."""
        with self._connect(write=True) as db:
            assert db is not None
            return db.execute("DELETE FROM watches WHERE chat_id = ?", (chat_id,)).rowcount

"""Settings read from the environment and `.env`, every variable prefixed `TRUSTBOT_`.

Imports nothing of trustbot.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = [
    "DEFAULT_CORPUS_DIR",
    "DEFAULT_DATA_DIR",
    "DEFAULT_EXAMPLE_QUESTIONS",
    "DEFAULT_INDEX_DIR",
    "DEFAULT_MAX_QUESTION_CHARS",
    "DEFAULT_TELEGRAM_API_URL",
    "DEFAULT_TOPIC",
    "DEFAULT_TOP_K",
    "Settings",
    "debug_enabled",
]

#: The project root: `bot/` lives directly below it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_DIR = PROJECT_ROOT / "corpus"
DEFAULT_INDEX_DIR = PROJECT_ROOT / "index"
#: Votes and watched questions (one SQLite file), created on first use; git-ignored.
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
#: Passages an answer carries, unless a front end asks for another number.
DEFAULT_TOP_K = 5
#: The longest question accepted, in characters once runs of spaces are collapsed.
DEFAULT_MAX_QUESTION_CHARS = 1000
#: What the bundled corpus is about, as the welcome says it.
DEFAULT_TOPIC = "Northamptonshire's children's services trust"
#: Questions a new user is offered to try, about the bundled corpus.
DEFAULT_EXAMPLE_QUESTIONS = (
    "when will the trust go live?",
    "who is the cabinet member?",
    "how much will the trust save?",
)
#: The welcome lists every example question in one message, so there are few and short.
MAX_EXAMPLE_QUESTIONS = 10
MAX_EXAMPLE_CHARS = 200
#: Telegram's own Bot API; the token is appended to it.
DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org/bot"

# Comma-separated ids in the environment ("123, 456"), not JSON.
Ids = Annotated[frozenset[int], NoDecode]
# Questions separated by "|" in the environment: a question may hold commas.
Questions = Annotated[tuple[str, ...], NoDecode]


class Settings(BaseSettings):
    """Everything configurable about trustbot; see `.env.example`."""

    model_config = SettingsConfigDict(
        env_prefix="TRUSTBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    corpus_dir: Path = Field(default=DEFAULT_CORPUS_DIR, description="Folder of documents.")
    index_dir: Path = Field(default=DEFAULT_INDEX_DIR, description="Folder of the built index.")
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, description="Folder of votes and watched questions.")
    top_k: int = Field(default=DEFAULT_TOP_K, ge=1, le=50, description="Passages returned per question.")
    max_question_chars: int = Field(
        default=DEFAULT_MAX_QUESTION_CHARS, ge=10, le=100_000, description="Longest question accepted."
    )

    topic: str = Field(
        default=DEFAULT_TOPIC, min_length=1, max_length=200, description="What the documents are about."
    )
    example_questions: Questions = Field(
        default=DEFAULT_EXAMPLE_QUESTIONS, description="Questions a new user is offered, separated by '|'."
    )

    # --- Telegram ---------------------------------------------------------------------
    telegram_token: SecretStr | None = Field(
        default=None, description="Bot token from BotFather, for the Telegram front end."
    )
    telegram_api_url: str = Field(
        default=DEFAULT_TELEGRAM_API_URL,
        description="Bot API base URL the token is appended to (a self-hosted or test server).",
    )
    allowed_users: Ids = Field(
        default=frozenset(), description="User ids that may ask; with no allow-list the bot is closed."
    )
    allowed_chats: Ids = Field(default=frozenset(), description="Chat ids whose members may ask.")
    admin_users: Ids = Field(default=frozenset(), description="User ids that may run /reload and /feedback.")
    open_to_everyone: bool = Field(
        default=False,
        description="Let anyone on Telegram use the bot when no allow-list is set (closed by default).",
    )
    rate_limit: int = Field(default=20, ge=1, le=10_000, description="Questions a user may ask per minute.")
    telegram_max_rate: float = Field(
        default=30, ge=0, description="Messages per second the bot sends at most; 0: no limit."
    )
    index_watch_seconds: float = Field(
        default=10.0, ge=0, description="How often the bot looks for a new index on disk; 0: never."
    )
    webhook_url: str | None = Field(default=None, description="Public HTTPS URL; set it to use a webhook.")
    webhook_listen: str = Field(default="127.0.0.1", description="Address the webhook server binds.")
    webhook_port: int = Field(default=8443, ge=1, le=65535, description="Port the webhook server binds.")
    webhook_secret: SecretStr | None = Field(
        default=None, description="Secret Telegram sends with each webhook call; random when unset."
    )

    @field_validator("telegram_token", "webhook_secret", "webhook_url", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        # `.env.example` copied as it is leaves `TRUSTBOT_TELEGRAM_TOKEN=`: that means "none".
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("allowed_users", "allowed_chats", "admin_users", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("expected comma-separated numeric Telegram ids, e.g. 12345,67890") from None
        return value

    @field_validator("topic")
    @classmethod
    def _topic_given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty: say what the documents are about, or leave it out")
        return " ".join(value.split())

    @field_validator("example_questions", mode="before")
    @classmethod
    def _bar_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.split("|")
        if isinstance(value, (list, tuple)):
            value = tuple(" ".join(str(q).split()) for q in value if str(q).strip())
            if not value:
                raise ValueError("give at least one question; separate several with '|'")
            if len(value) > MAX_EXAMPLE_QUESTIONS:
                raise ValueError(f"give at most {MAX_EXAMPLE_QUESTIONS} questions")
            if any(len(q) > MAX_EXAMPLE_CHARS or not q.isprintable() for q in value):
                raise ValueError(
                    f"each question must be printable text of at most {MAX_EXAMPLE_CHARS} characters"
                )
        return value

    @field_validator("corpus_dir", "index_dir", "data_dir", mode="before")
    @classmethod
    def _folder_given(cls, value: Any) -> Any:
        # `TRUSTBOT_CORPUS_DIR=` would otherwise mean the current folder, silently.
        if isinstance(value, str) and not value.strip():
            raise ValueError("is empty: give a folder, or leave the variable out for the default")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (or http:// for a local test server)")
        return value


def debug_enabled() -> bool:
    """Whether TRUSTBOT_DEBUG asks for stack traces and full library errors (read from the
    environment alone: it must work when the settings themselves do not load)."""
    return os.environ.get("TRUSTBOT_DEBUG", "").lower() in ("1", "true", "yes")

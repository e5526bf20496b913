"""Settings read from the environment and `.env`, every variable prefixed `TRUSTBOT_`."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["DEFAULT_CORPUS_DIR", "DEFAULT_INDEX_DIR", "Settings"]

#: The project root: `bot/` lives directly below it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS_DIR = PROJECT_ROOT / "corpus"
DEFAULT_INDEX_DIR = PROJECT_ROOT / "index"


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
    top_k: int = Field(default=5, ge=1, le=50, description="Passages returned per question.")
    max_question_chars: int = Field(default=1000, ge=10, le=100_000, description="Longest question accepted.")
    telegram_token: SecretStr | None = Field(
        default=None, description="Bot token from BotFather, for the Telegram front end."
    )

"""Settings: the TRUSTBOT_ prefix, `.env`, a secret token, and `.env.example` complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.settings import Settings

from .conftest import ROOT, run_cli


def test_env_example_lists_every_setting() -> None:
    listed = set(re.findall(r"^(TRUSTBOT_\w+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert listed == {f"TRUSTBOT_{name.upper()}" for name in Settings.model_fields}


def test_environment_overrides_and_token_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTBOT_TOP_K", "3")
    monkeypatch.setenv("TRUSTBOT_TELEGRAM_TOKEN", "123:SECRET-TOKEN")
    settings = Settings(_env_file=None)
    assert settings.top_k == 3
    assert settings.telegram_token is not None
    assert settings.telegram_token.get_secret_value() == "123:SECRET-TOKEN"
    assert "SECRET-TOKEN" not in repr(settings) and "SECRET-TOKEN" not in str(settings.model_dump())


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("TRUSTBOT_TOP_K=7\nTRUSTBOT_INDEX_DIR=/tmp/somewhere\n")
    settings = Settings(_env_file=env)
    assert settings.top_k == 7 and settings.index_dir == Path("/tmp/somewhere")


def test_invalid_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTBOT_TOP_K", "0")
    with pytest.raises(ValueError, match="top_k"):
        Settings(_env_file=None)


@pytest.mark.parametrize("name", ["TRUSTBOT_CORPUS_DIR", "TRUSTBOT_INDEX_DIR"])
def test_an_empty_folder_setting_is_refused_not_read_as_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv(name, "  ")
    with pytest.raises(ValueError, match="is empty"):
        Settings(_env_file=None)


def test_the_bot_is_closed_unless_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).open_to_everyone is False
    monkeypatch.setenv("TRUSTBOT_OPEN_TO_EVERYONE", "true")
    assert Settings(_env_file=None).open_to_everyone is True


def test_an_empty_corpus_folder_setting_fails_the_cli_in_one_line(tmp_path: Path) -> None:
    result = run_cli("ask", "when will the trust go live?", env={"TRUSTBOT_CORPUS_DIR": ""}, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "TRUSTBOT_CORPUS_DIR" in result.stderr
    assert not any(tmp_path.iterdir())  # nothing indexed in the current folder


def test_an_unreadable_dotenv_fails_the_cli_in_one_line(tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"TRUSTBOT_TOP_K=\xff\n")
    done = run_cli("ask", "when will the trust go live?", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("trustbot: error:") and "Traceback" not in done.stderr


def test_example_questions_are_read_separated_by_bars(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTBOT_EXAMPLE_QUESTIONS", "who runs it, now? | when does it open?|")
    assert Settings(_env_file=None).example_questions == ("who runs it, now?", "when does it open?")
    monkeypatch.setenv("TRUSTBOT_EXAMPLE_QUESTIONS", " | ")
    with pytest.raises(ValueError, match="at least one question"):
        Settings(_env_file=None)
    monkeypatch.setenv("TRUSTBOT_EXAMPLE_QUESTIONS", "|".join(["who runs it?"] * 11))
    with pytest.raises(ValueError, match="at most 10"):
        Settings(_env_file=None)
    monkeypatch.setenv("TRUSTBOT_EXAMPLE_QUESTIONS", "who runs it?|" + "x" * 201)
    with pytest.raises(ValueError, match="at most 200 characters"):
        Settings(_env_file=None)


def test_a_blank_topic_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTBOT_TOPIC", "   ")
    with pytest.raises(ValueError, match="topic"):
        Settings(_env_file=None)


def test_env_example_values_are_the_defaults() -> None:
    settings = Settings(_env_file=ROOT / ".env.example")
    assert settings.topic == Settings(_env_file=None).topic
    assert settings.example_questions == Settings(_env_file=None).example_questions

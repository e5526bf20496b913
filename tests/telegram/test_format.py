"""Telegram HTML for the replies: escaped, cited, clipped, and split into messages that
fit Telegram's limit only between blocks."""

from __future__ import annotations

import html
from dataclasses import replace

import pytest
from telegram.constants import MessageLimit

from bot.answer import Answer, Source
from bot.engine import Engine
from bot.telegram.format import (
    QUOTE_CHARS,
    clip,
    format_abstention,
    format_answer,
    format_more,
    format_source,
    format_sources,
    pack,
    telegram_length,
)

from .harness import (
    assert_valid_html,
    make_result,
)


def test_pack_splits_only_between_blocks() -> None:
    blocks = [f"<b>block {n}</b> " + "word " * 150 for n in range(12)]
    messages = pack(blocks, limit=2000)
    assert len(messages) > 1
    assert all(telegram_length(m) <= 2000 for m in messages)
    assert "\n\n".join(messages) == "\n\n".join(blocks)  # nothing lost, nothing cut


def test_pack_cuts_a_block_longer_than_a_message_into_valid_pieces() -> None:
    block = "<b>" + "&lt;tag&gt; " * 2000 + "</b>"
    messages = pack([block])
    assert len(messages) >= 5
    for message in messages:
        assert telegram_length(message) <= MessageLimit.MAX_TEXT_LENGTH
        assert_valid_html(message)
    assert sum(m.count("&lt;tag&gt;") for m in messages) == 2000


@pytest.mark.parametrize(
    "block",
    [
        "a " * 2046 + "&amp;" * 9000,  # a piece nearly full when an enormous escaped word comes
        "x" * 10_000,
        "👍" * 3000 + " tail",
        "<b>" + "word &lt; " * 1500 + "</b>",
    ],
)
def test_cut_pieces_never_exceed_a_message(block: str) -> None:
    messages = pack([block])
    assert len(messages) >= 2
    for message in messages:
        assert telegram_length(message) <= MessageLimit.MAX_TEXT_LENGTH
        assert_valid_html(message)


def test_pack_counts_emoji_as_telegram_does() -> None:
    assert telegram_length("👍") == 2
    messages = pack(["👍" * 1500, "👍" * 1500], limit=MessageLimit.MAX_TEXT_LENGTH)
    assert len(messages) == 2  # 3000 emoji are 6000 UTF-16 units, over one message


def test_answer_is_bold_cited_and_escaped(seed_engine: Engine) -> None:
    answer = seed_engine.ask("when will the trust go live?")
    [text] = format_answer(answer)
    assert_valid_html(text)
    first, second = text.split("\n")[:2]
    assert first == "<b>July 2020</b>"  # the short answer leads, in bold
    assert second.endswith("(July 2020).")  # then the sentence that says it
    assert "— <i>Northamptonshire Telegraph</i>, c. November 2019" in text
    assert "<u>" in text  # the answering sentence, marked in its passage
    assert text.index("Earlier reports") > text.index("<blockquote")


def test_passage_text_from_documents_is_escaped() -> None:
    result = make_result("Costs rose <sharply> & fast. The trust opens in 2020.", "The trust opens in 2020.")
    answer = Answer("when?", None, False, result.answer, (result,))
    [text] = format_answer(answer)
    assert "&lt;sharply&gt; &amp; fast" in text and "<sharply>" not in text
    assert "“A &lt;title&gt; &amp; more”" in text
    assert_valid_html(text)
    [source] = format_source(result)
    assert "Published: c. November 2019 (inferred" in source
    assert_valid_html(source)


def test_a_link_in_a_citation_is_an_escaped_anchor() -> None:
    result = make_result("The trust opens in 2020.", "The trust opens in 2020.")
    linked = replace(result, citation=replace(result.citation, url='https://x.example/a?b=1&c="2"'))
    [text] = format_answer(Answer("when?", None, False, linked.answer, (linked,)))
    assert '<a href="https://x.example/a?b=1&amp;c=&quot;2&quot;">' in text
    assert_valid_html(text)
    unsafe = replace(result, citation=replace(result.citation, url="javascript:alert(1)"))
    [text] = format_answer(Answer("when?", None, False, unsafe.answer, (unsafe,)))
    assert "<a " not in text  # only web links become links


def test_pages_and_other_sources_are_cited() -> None:
    result = make_result("About 1,300 staff will transfer.", "About 1,300 staff will transfer.")
    paged = replace(result, citation=replace(result.citation, page=2))
    other = Source(replace(result.citation, title="Press release", publisher="Trust", page=None), "d2#1")
    carried = replace(paged, also=(other,))
    [text] = format_answer(Answer("how many staff?", None, False, carried.answer, (carried,)))
    assert "“A &lt;title&gt; &amp; more”, page 2" in text
    assert "— also in <i>Trust</i>, c. November 2019: “Press release”" in text
    assert_valid_html(text)
    [source] = format_source(carried)
    assert "Page: 2" in source and "Also in: Press release (Trust, c. November 2019)" in source


def test_more_results_are_numbered_and_flag_superseded() -> None:
    results = [make_result("Old plan: April 2019.", "Old plan: April 2019.", rank=2)]
    results[0] = replace(results[0], superseded=True)
    [text] = format_more(results)
    assert text.startswith("<b>2.</b>") and "superseded" in text
    assert format_more([]) == ["No more passages answer that question."]


def test_abstention_is_kind_and_quotes_the_question_safely() -> None:
    answer = Answer("who won <the> cup?" + "x" * 500, None, True, None, reason="no document mentions it")
    text = format_abstention(answer)
    assert text.startswith("I don't know")
    assert "&lt;the&gt;" in text and "…”" in text and len(text) < 600  # quoted, escaped, shortened
    assert "/sources" in text and "rephrase" in text
    assert_valid_html(text)


def test_sources_list_with_no_documents() -> None:
    assert format_sources([]) == ["I have no documents yet."]


@pytest.mark.parametrize("text", ["word " * 5000, "&" * 5000, "<" * 5000, "👍" * 5000, "a&b" * 2000])
def test_clip_bounds_the_escaped_text_and_marks_the_cut(text: str) -> None:
    clipped = clip(text)
    assert telegram_length(clipped) <= QUOTE_CHARS and clipped.endswith("…")
    assert text.startswith(html.unescape(clipped[:-1]))  # a prefix: no entity or emoji split
    assert_valid_html(clipped)
    assert clip("short & sweet") == "short &amp; sweet"  # what fits is only escaped


def test_a_long_read_as_is_clipped_in_answers_and_abstentions() -> None:
    # TRUSTBOT_MAX_QUESTION_CHARS can be 100,000: a long misspelled question came back as
    # a "Read as" line of the same length, and an "I don't know" Telegram refused.
    question = "whn wil the trst go liv & <reopen> " * 2000
    abstained = Answer(
        question,
        None,
        True,
        None,
        corrected=question.replace("whn", "when"),
        reason="no document mentions “" + "liv" * 3000 + "”",
    )
    text = format_abstention(abstained)
    assert telegram_length(text) < 1500 and text.count("…") == 3  # read as, question, reason
    assert_valid_html(text)
    result = make_result("The trust opens in 2020.", "The trust opens in 2020.")
    answered = Answer(question, None, False, result.answer, (result,), corrected=question)
    [reply] = format_answer(answered)  # one message, not a dozen of "Read as"
    assert reply.startswith("<i>Read as: ") and telegram_length(reply) < 1000
    assert_valid_html(reply)

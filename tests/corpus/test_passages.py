"""Splitting a document into passages with stable ids and a word limit, and a passage into
sentences without breaking at an abbreviation or an initial."""

from __future__ import annotations

import pytest

from bot.corpus import MAX_PASSAGE_WORDS, Document, split_document, split_sentences


def _document(text: str, doc_id: str = "doc") -> Document:
    return Document(id=doc_id, title="Title", text=text)


PARAGRAPHS = [
    "The council approved the new library on Monday.",
    "Cllr. Priya Shah said it would open in 2019.",
    "Mr. Okafor, the project manager, agreed.",
]


def test_passage_ids_are_doc_and_position() -> None:
    passages = split_document(_document("\n\n".join(PARAGRAPHS), "eastbridge-2016"))
    assert [p.id for p in passages] == ["eastbridge-2016#0", "eastbridge-2016#1", "eastbridge-2016#2"]
    assert [p.position for p in passages] == [0, 1, 2]
    assert {p.doc_id for p in passages} == {"eastbridge-2016"}
    assert [p.text for p in passages] == PARAGRAPHS


def test_passage_ids_are_stable() -> None:
    first = split_document(_document("\n\n".join(PARAGRAPHS)))
    again = split_document(_document("\n\n".join(PARAGRAPHS)))
    assert first == again
    longer = split_document(_document("\n\n".join([*PARAGRAPHS, "A new last paragraph."])))
    assert longer[: len(first)] == first


def _long_paragraph(sentences: int) -> str:
    return " ".join(
        f"Sentence {n} says the Eastbridge library project has reached stage {n} of its plan."
        for n in range(sentences)
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        _long_paragraph(40),
        # One run-on sentence, as a scraped list of road closures or attendees reads.
        "Roads closed during the works: "
        + "; ".join(f"Mill Street between numbers {n} and {n + 2}" for n in range(0, 200, 4))
        + ".",
    ],
    ids=["sentences", "run-on"],
)
def test_no_passage_is_much_over_the_word_limit(paragraph: str) -> None:
    assert len(paragraph.split()) > 2 * MAX_PASSAGE_WORDS
    passages = split_document(_document(paragraph))
    assert len(passages) > 1
    assert all(len(p.text.split()) <= MAX_PASSAGE_WORDS for p in passages), [
        len(p.text.split()) for p in passages
    ]
    assert " ".join(p.text for p in passages).split() == paragraph.split(), "no word lost or added"


def test_short_paragraph_is_one_passage() -> None:
    assert [p.text for p in split_document(_document(PARAGRAPHS[0]))] == [PARAGRAPHS[0]]


def test_sentence_split_keeps_abbreviations() -> None:
    text = (
        "Cllr. Priya Shah said the library would open in 2019. Mr. Okafor agreed. "
        "Dr. Jones and Mrs. Patel did not. It cost £12m. “We are pleased,” she said. Is it late? Yes!"
    )
    assert split_sentences(text) == [
        "Cllr. Priya Shah said the library would open in 2019.",
        "Mr. Okafor agreed.",
        "Dr. Jones and Mrs. Patel did not.",
        "It cost £12m.",
        "“We are pleased,” she said.",
        "Is it late?",
        "Yes!",
    ]


def test_sentence_split_keeps_initials() -> None:
    assert split_sentences("Helen J. Morris was appointed. She starts in May.") == [
        "Helen J. Morris was appointed.",
        "She starts in May.",
    ]


def test_sentence_split_ends_at_no_unless_a_number_follows() -> None:
    assert split_sentences("Councillors voted no. The trust went ahead.") == [
        "Councillors voted no.",
        "The trust went ahead.",
    ]
    assert len(split_sentences("It met at No. 10 Downing Street.")) == 1

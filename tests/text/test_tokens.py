"""Tokens: amounts, percentages and financial years kept whole, quotes and possessives folded,
stop words dropped, words stemmed; and the fast tokeniser gives exactly the tokens of the
plain regex one it replaced."""

from __future__ import annotations

import random

import pytest

from bot.text.tokens import _COOP, _MONEY, _TOKEN, _cooperative, _money, fold, stem, tokenize, words

from ..conftest import SEED_CORPUS


def reference_words(text: str) -> list[str]:
    """`words` as it was: one regex pass over the whole folded text."""
    folded = _COOP.sub(_cooperative, _MONEY.sub(_money, fold(text)))
    out = []
    for token in _TOKEN.findall(folded):
        if token.endswith("'s"):
            token = token[:-2]
        out.append(token.strip("'"))
    return [t for t in out if t]


@pytest.mark.parametrize(
    "text",
    [
        "The trust's budget was £22 million, up 3.5% on 2019/20 — Cllr. Smith’s view.",
        "£9million and $ 12,500.50 bn or €3 k; costs: £1,000m (x2) 2019/2020 2019/20x",
        "'quoted' ''' o'brien's children's’ don't rock'n'roll '' 's",
        "naïve café Ærø straße ΑΘΗΝΑ ½ ² x²y 3rd 4th 10,000 1.2.3 a_b under_score",
        "tabs\tand\nnew lines\u00a0and\u2003em\x1cspaces",
        "",
        "   ",
        "£ 5 million and £5\tmillion",
        'Hello, world. (Test) [x] "quoted" a_b x²y naïve; end! ½ - well-known / and/or',
        "The Co-op's 2 co-ops, a coop, co-operation and the Cooperative; coopers",
    ],
)
def test_words_equal_the_regex_tokeniser(text: str) -> None:
    assert words(text) == reference_words(text)


def test_words_equal_the_regex_tokeniser_on_the_seed_corpus() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEED_CORPUS.glob("*.txt"))]
    assert texts
    for text in texts:
        assert words(text) == reference_words(text)


def test_words_equal_the_regex_tokeniser_on_random_text() -> None:
    rng = random.Random(11)
    alphabet = [*"abcxyz ABC  ..,,;:!?()[]\"'’_-/%£$€0123456789²½éßΑ\t\n", "million", " m ", "bn", "'s"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert words(text) == reference_words(text), text
        letters_only = "".join(c for c in text if not c.isdigit() and c not in "'’")
        assert words(letters_only) == reference_words(letters_only), letters_only


@pytest.mark.parametrize("amount", ["£9 million", "£9million", "£9m", "£9 MILLION", "£9mn"])
def test_amounts_are_one_term(amount: str) -> None:
    assert tokenize(f"save {amount} a year") == ["save", "£9m", "year"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£18.5 million", ["£18.5m"]),
        ("£1.5bn", ["£1.5bn"]),
        ("£4.5 billion", ["£4.5bn"]),
        ("£22,000", ["£22000"]),
        ("84%", ["84%"]),
        ("2016/17", ["2016/17"]),
    ],
)
def test_amounts_percentages_and_financial_years_are_kept_whole(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£300 for the year", ["£300", "year"]),
        ("rose by £23 a year", ["rose", "£23", "year"]),
        ("£700,000 extra", ["£700000", "extra"]),
    ],
)
def test_an_amount_without_a_unit_leaves_the_next_word_alone(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [("£700k", "£700,000"), ("£1.5k", "£1,500"), ("£1,500,000", "£1.5m"), ("£2,000,000", "£2 million")],
)
def test_one_sum_is_one_term_however_written(one: str, other: str) -> None:
    assert tokenize(one) == tokenize(other)


def test_percent_kept_in_a_sentence() -> None:
    assert "84%" in tokenize("Some 84% of staff agreed.")


def test_curly_quotes_and_possessives_fold() -> None:
    assert tokenize("the council’s plan") == tokenize("the council's plan") == tokenize("the council plan")
    assert tokenize("children’s services") == tokenize("children's services")
    assert tokenize("“Trust”") == tokenize('"trust"') == tokenize("trust")
    assert words("The Council’s PLAN") == ["the", "council", "plan"]


def test_stop_words_are_dropped_and_words_stemmed() -> None:
    assert tokenize("When will the libraries be opening?") == ["librari", "open"]


def test_amount_at_sentence_end_is_one_term() -> None:
    assert tokenize("It could cost £7.3m.") == tokenize("£7.3m cost")[::-1]


def test_officers_are_not_an_office() -> None:
    assert stem("officers") == stem("officer") != stem("office") == stem("offices")


@pytest.mark.parametrize("spelt", ["co-op", "Co-op", "coop", "co-operative", "Cooperative"])
def test_a_cooperative_is_one_term_however_it_is_spelt(spelt: str) -> None:
    assert tokenize(f"the {spelt}'s board") == tokenize("the cooperative board")

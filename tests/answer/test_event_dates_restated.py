"""The date an event happened, told again by a newer document ("five months after the
library opened in September 2022") or written out elsewhere in its own report ("on
Monday, 11 March 2019" beside "opened yesterday"): the latest report, the date in full."""

from __future__ import annotations

from pathlib import Path

from ..documents import article, engine_over

OPENING = article(
    "Crowds at Kelby library opening",
    "2022-09-05",
    "More than 4,000 people passed through the doors of the new Kelby library on Saturday as the "
    "long-delayed building on Wexby Road finally opened to the public.\n\n"
    "The council said the cafe and the local studies room would follow in October.",
)
REVIEW = article(
    "Kelby library service praised in review",
    "2023-03-14",
    "The review team visited in February, five months after the new Kelby library on Wexby Road "
    "opened in September 2022. They found a service with longer opening hours and busy events.",
)
PLAN = article(
    "Kelby library due next summer",
    "2021-06-01",
    "The new Kelby library on Wexby Road is now expected to open in summer 2022, the council said.",
)


def test_a_newer_document_telling_when_it_happened_leads(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, {"open.md": OPENING, "review.md": REVIEW, "plan.md": PLAN}).ask(
        "When did the new Kelby library open?"
    )
    assert "opened in September 2022" in answer.results[0].passage
    assert answer.short == "September 2022"


def test_the_report_giving_the_day_is_no_earlier_value_of_the_month_told_later(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, {"open.md": OPENING, "review.md": REVIEW, "plan.md": PLAN}).ask(
        "When did the new Kelby library open?"
    )
    said = [e.said for e in answer.earlier]
    assert "3 September 2022" not in said
    assert any("summer 2022" in s for s in said)


def test_a_date_given_to_the_day_is_not_restated_by_a_month(tmp_path: Path) -> None:
    opened = OPENING.replace("on Saturday", "on 3 September 2022")
    answer = engine_over(tmp_path, {"open.md": opened, "review.md": REVIEW}).ask(
        "When did the new Kelby library open?"
    )
    assert answer.short == "3 September 2022"


def test_a_passage_writing_the_date_out_leads_over_one_saying_yesterday(tmp_path: Path) -> None:
    report = article(
        "Stanholt clinic opens at last",
        "2019-03-12",
        "Seven years after it was first announced, the Stanholt clinic opened to patients yesterday.\n\n"
        "The first patients were seen at the building on Mill Lane at 8am on Monday, 11 March 2019, "
        "when the outpatient clinics opened.",
    )
    answer = engine_over(tmp_path, {"report.md": report}).ask("When did the Stanholt clinic open?")
    assert "11 March 2019" in answer.results[0].passage
    assert answer.short == "11 March 2019"

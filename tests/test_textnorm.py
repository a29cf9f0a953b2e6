"""Phrases found in OCR'd text: exact, or with one short word misread."""

from __future__ import annotations

import pytest

from secordoc.textnorm import has_phrase, normalise


@pytest.mark.parametrize(("text", "phrase", "found"), [
    ("Approved by:", "approved by", True),
    ("Approved ber", "approved by", True),      # "by" misread
    ("Inspected bv", "inspected by", True),
    ("Repaired by", "prepared by", False),     # the word that carries the meaning must read exactly
    ("Approved", "approved by", False),
    ("Reviewed xx", "approved by", False),
    ("Approved ber ker", "approved by", True),
])
def test_one_short_word_may_be_misread(text, phrase, found):
    assert has_phrase(normalise(text), phrase) is found


@pytest.mark.parametrize(("text", "phrase", "found"), [
    ("Chairpeyon", "chairperson", True),       # a pen stroke across the label: two letters off
    ("Managernent review", "management", True),
    ("Inspection", "inspector", False),         # another word of the family: the ending differs
    ("Investigation", "investigator", False),
    ("Supervision", "supervisor", False),
    ("Foremen", "foreman", False),              # short words must read exactly
    ("Chxxxxxxxon", "chairperson", False),      # more than two letters off
])
def test_one_long_word_may_have_a_letter_or_two_misread(text, phrase, found):
    assert has_phrase(normalise(text), phrase) is found


def test_a_long_word_whose_first_letters_a_pen_stroke_hid_still_reads():
    assert has_phrase(" new ployee ", "employee")
    assert has_phrase(" pervisor sign off ", "supervisor")
    assert has_phrase(" lead stigator ", "lead investigator")
    assert not has_phrase(" ployee ", "employer")  # the rest must read exactly
    assert not has_phrase(" oyee ", "employee")  # too little left to tell

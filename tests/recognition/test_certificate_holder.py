"""The certificate holder's name, read after the usual certificate wording."""

from __future__ import annotations

import pytest

from secordoc.recognition.certificate_holder import holder


@pytest.mark.parametrize("lines, name", [
    (["CERTIFICATE OF COMPLETION", "This certifies that Jordan Smith has successfully completed", "PHSM"], "Jordan Smith"),
    (["This is to certify that", "Mary-Ann O'Neil", "has completed Standard First Aid"], "Mary-Ann O'Neil"),
    (["Participant name: J. R. Tremblay", "Course: LSE"], "J. R. Tremblay"),
    (["Awarded to", "", "Dana Whitehorse"], "Dana Whitehorse"),
])
def test_the_name_after_the_holder_wording(lines, name):
    assert holder(lines) == name


@pytest.mark.parametrize("lines", [
    ["Certificate of completion", "Principles of Health and Safety Management"],
    ["Name:", "Course completion date: 2026-01-01"],
    ["This certifies that the holder has completed the course"],
])
def test_no_name_when_none_is_written(lines):
    assert holder(lines) is None

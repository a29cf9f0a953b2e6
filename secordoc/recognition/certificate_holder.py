"""Whose certificate it is: the name a training certificate was issued to, read after its usual
wording ("This certifies that", "awarded to", "Name:"), so a reviewer sees who holds each course
and a share of people can count people, not files."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Phrases the holder's name follows, on the same line or the next (certificate and wallet-card wording).
LEADS = ("this is to certify that", "this certifies that", "this certificate is awarded to", "is hereby awarded to",
         "awarded to", "presented to", "issued to", "certifies that", "participant name", "student name",
         "trainee name", "name of participant", "holder", "participant", "student", "trainee", "name")
_LEAD = re.compile(r"^\s*(?:" + "|".join(re.escape(p) for p in LEADS) + r")\s*[:\-]?\s*(?P<rest>.*)$", re.I)
#: A person's name: two to four capitalised words (initials and hyphens allowed), nothing else.
_NAME = re.compile(r"^(?:[A-Z][A-Za-z'\-]*\.?)(?:\s+[A-Z][A-Za-z'\-]*\.?){1,3}$")
_NOT_NAMES = re.compile(r"\b(certificate|course|completion|training|safety|management|date|signature|instructor|"
                        r"successfully|completed|has|for|of|the|and)\b", re.I)


def _candidate(text: str) -> str | None:
    text = re.split(r"\s+(?:has|have|who|for|is|on)\b", re.sub(r"\s+", " ", text))[0].strip(" :,-")
    if _NAME.match(text) and not _NOT_NAMES.search(text):
        return text
    return None


def holder(lines: Iterable[str]) -> str | None:
    """The first name found after a holder phrase, on its line or the next non-empty one."""
    items = [line.strip() for line in lines if line.strip()]
    for i, line in enumerate(items):
        match = _LEAD.match(line)
        if not match:
            continue
        rest = match.group("rest")
        name = _candidate(rest) if rest else (_candidate(items[i + 1]) if i + 1 < len(items) else None)
        if name:
            return name
    return None

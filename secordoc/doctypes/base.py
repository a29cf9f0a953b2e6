"""What a document type is: data a plugin returns, which the core's classifier and dater run.

A partner adds a type by returning a ``DocumentType`` from ``secordoc_document_types``; no code
of the core changes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    """A phrase (lower case, words separated by single spaces) and how much it says for the type.

    Title-like phrases weigh 3 or more; words that only lean towards a type weigh 1.
    """

    phrase: str
    weight: float = 1.0


@dataclass(frozen=True)
class SignatureRole:
    role: str
    labels: tuple[str, ...]  # phrases that label this role's signature line


@dataclass(frozen=True)
class DocumentType:
    slug: str
    title: str
    cues: tuple[Cue, ...]
    #: Labels of the activity date, best first ("date of inspection").
    date_labels: tuple[str, ...]
    signature_roles: tuple[SignatureRole, ...] = ()
    description: str = ""

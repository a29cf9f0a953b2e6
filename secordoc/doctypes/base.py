"""What a document type is: data a plugin returns, which the core's classifier, dater and
signature stage read.

The built-in types are JSON files (``secordoc/doctypes/data/*.json``, schema
``secordoc schema doctype``) read the same way a partner's would be; a partner adds a type by
returning a ``DocumentType`` (or loading its own JSON with ``load_document_type``) from
``secordoc_document_types``. No code of the core changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    #: A line the form offers but the profile does not require ("Supervisor review").
    optional: bool = False


@dataclass(frozen=True)
class DocumentType:
    slug: str
    title: str
    #: Body and field-label cues (weights 0.5 to 2).
    cues: tuple[Cue, ...]
    #: Labels of the activity date, best first ("date of inspection").
    date_labels: tuple[str, ...]
    signature_roles: tuple[SignatureRole, ...] = ()
    description: str = ""
    #: Names of the document as printed in its title (weights 3 to 6), in any language.
    titles: tuple[Cue, ...] = ()
    #: Labels on this kind of form whose dates are not the activity ("next service due").
    not_activity_labels: tuple[str, ...] = ()
    #: Labels of dates taken only when nothing better is on the document (an orientation given
    #: on the first day is often dated by the hire date alone).
    fallback_date_labels: tuple[str, ...] = ()
    #: The role of the people signing the rows of a sign-in table on this kind of document.
    sign_in_role: str = "attendee"
    #: Where the vocabulary comes from.
    sources: tuple[dict[str, str], ...] = field(default=(), hash=False, compare=False)

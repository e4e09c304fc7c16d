"""The kinds of background document, registered by the features that offer them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    render: str
    content_type: str = "application/pdf"


KINDS: dict[str, DocumentKind] = {}

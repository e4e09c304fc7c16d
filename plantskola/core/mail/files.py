"""Copies of sent mail on disk: Django's file backend (`EMAIL_URL=filemail://`, the demo's)
writes every message to a file under `EMAIL_FILE_PATH`, messages separated by a line of 79
dashes. Erasure removes a person's messages from those files (`forget_mail_files`)."""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from django.conf import settings

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _text(raw: bytes) -> str:
    """The message's headers and decoded text parts, for searching."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception:  # noqa: BLE001 - a damaged file is searched as it is
        return raw.decode("utf-8", "replace")
    parts = [str(v) for _k, v in message.items()]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            try:
                parts.append(str(part.get_content()))
            except (LookupError, ValueError):
                parts.append(part.get_payload(decode=False) or "")  # type: ignore[arg-type]
    return "\n".join([raw.decode("utf-8", "replace"), *parts])


def forget_mail_files(pattern: re.Pattern[str], folder: Path | None = None) -> int:
    """Remove every stored message that mentions the person (`pattern`: their names, e-mail
    and employee number); a file left empty is deleted. Returns the number of messages
    removed."""
    directory = Path(folder or getattr(settings, "EMAIL_FILE_PATH", "") or "")
    if not str(directory) or not directory.is_dir():
        return 0
    removed = 0
    for path in sorted(directory.iterdir()):
        if not path.is_file():
            continue
        content = path.read_bytes()
        messages = [m for m in content.split(SEPARATOR) if m.strip()]
        kept = [m for m in messages if not pattern.search(_text(m))]
        if len(kept) == len(messages):
            continue
        removed += len(messages) - len(kept)
        if kept:
            path.write_bytes(b"".join(m + SEPARATOR for m in kept))
        else:
            path.unlink()
    return removed

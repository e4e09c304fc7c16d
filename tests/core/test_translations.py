"""The Swedish catalogue: complete, current with the source, and used by the interface.

The interface is Swedish first (settings.LANGUAGE_CODE = "sv"); every string marked for
translation in a template or in Python must have a Swedish translation in
plantskola/locale/sv/LC_MESSAGES/django.po. To bring the catalogue up to date:

    cd plantskola && ../.venv/bin/plantskola makemessages -l sv -l en --no-obsolete \
        --add-location file

then translate the new entries (and remove any `#, fuzzy` flag once checked).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

PACKAGE = Path(settings.BASE_DIR)
LOCALE = PACKAGE / "locale"
SWEDISH_PO = LOCALE / "sv" / "LC_MESSAGES" / "django.po"
SWEDISH_MO = SWEDISH_PO.with_suffix(".mo")
FIX = "Run makemessages and translate (see the docstring of tests/core/test_translations.py)."

# %(name)s, %(count)d, %s, %d, and the literal %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    """One message of a .po file: its flags, msgid, msgid_plural and msgstr(s)."""

    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, ...]:
        context = (self.fields["msgctxt"],) if "msgctxt" in self.fields else ()
        plural = (self.fields["msgid_plural"],) if "msgid_plural" in self.fields else ()
        return (*context, self.fields["msgid"], *plural)

    @property
    def translations(self) -> dict[str, str]:
        return {name: text for name, text in self.fields.items() if name.startswith("msgstr")}

    @property
    def obsolete(self) -> bool:
        return "obsolete" in self.flags


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match[1], "\\" + match[1]), text[1:-1])


def parse_po(text: str) -> list[Entry]:
    """Entries of a .po file, the header (msgid "") included. Small on purpose: the
    catalogue is machine-written by makemessages, so the format is regular."""
    entries: list[Entry] = []
    entry: Entry | None = None
    name = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry = None
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#~"):
            entry.flags.add("obsolete")
            line = line[2:].strip()
            if not line:
                continue
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        elif line.startswith("#"):
            continue
        if line.startswith('"'):
            entry.fields[name] += _unquote(line)
        else:
            name, _, rest = line.partition(" ")
            entry.fields[name] = _unquote(rest)
    return [entry for entry in entries if "msgid" in entry.fields]


def messages(path: Path) -> list[Entry]:
    """The catalogue's messages: neither the header nor obsolete entries."""
    return [
        entry
        for entry in parse_po(path.read_text(encoding="utf-8"))
        if entry.fields["msgid"] and not entry.obsolete
    ]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def describe(entry: Entry) -> str:
    return f"line {entry.line}: {entry.fields['msgid']!r}"


def test_the_parser_reads_plurals_continuations_escapes_and_flags() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Language: sv\\n"\n\n'
        "#: a.py\n#, fuzzy, python-format\n"
        'msgid ""\n"%(n)s \\"thing\\""\nmsgid_plural "%(n)s things"\n'
        'msgstr[0] "%(n)s sak"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Borta"\n'
    )
    header, plural, gone = parse_po(text)
    assert header.fields["msgstr"] == "Language: sv\n"
    assert plural.key == ('%(n)s "thing"', "%(n)s things")
    assert plural.flags == {"fuzzy", "python-format"}
    assert plural.translations == {"msgstr[0]": "%(n)s sak", "msgstr[1]": ""}
    assert gone.obsolete and gone.fields["msgstr"] == "Borta"


def test_the_swedish_catalogue_has_a_header_for_swedish_that_is_not_fuzzy() -> None:
    header = parse_po(SWEDISH_PO.read_text(encoding="utf-8"))[0]
    assert header.fields["msgid"] == ""
    assert "fuzzy" not in header.flags
    assert "Language: sv\n" in header.fields["msgstr"]
    assert "charset=UTF-8" in header.fields["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.fields["msgstr"]


def test_every_swedish_entry_has_a_translation() -> None:
    entries = messages(SWEDISH_PO)
    assert len(entries) > 100, "The Swedish catalogue is suspiciously small."
    untranslated = [
        describe(entry)
        for entry in entries
        if not all(text.strip() for text in entry.translations.values())
    ]
    assert not untranslated, f"Untranslated Swedish entries ({FIX}):\n" + "\n".join(untranslated)


def test_no_swedish_entry_is_fuzzy() -> None:
    fuzzy = [describe(entry) for entry in messages(SWEDISH_PO) if "fuzzy" in entry.flags]
    assert not fuzzy, (
        "Fuzzy entries are ignored when compiling: check the translation, then remove "
        "the '#, fuzzy' line:\n" + "\n".join(fuzzy)
    )


def test_plural_entries_have_both_swedish_forms() -> None:
    wrong = [
        describe(entry)
        for entry in messages(SWEDISH_PO)
        if "msgid_plural" in entry.fields and set(entry.translations) != {"msgstr[0]", "msgstr[1]"}
    ]
    assert not wrong, "Plural entries need msgstr[0] and msgstr[1]:\n" + "\n".join(wrong)


def test_swedish_translations_keep_every_placeholder() -> None:
    wrong = []
    for entry in messages(SWEDISH_PO):
        singular = placeholders(entry.fields["msgid"])
        plural = placeholders(entry.fields.get("msgid_plural", entry.fields["msgid"]))
        for name, text in entry.translations.items():
            expected = singular if name in ("msgstr", "msgstr[0]") else plural
            if text and placeholders(text) != expected:
                wrong.append(
                    f"{describe(entry)} {name} has {sorted(placeholders(text))}, "
                    f"expected {sorted(expected)}"
                )
    assert not wrong, "Placeholders changed in translation:\n" + "\n".join(wrong)


def test_no_swedish_translation_is_left_in_english() -> None:
    # Short words that are the same in both languages are fine ("Status", "Start", "Man").
    same = [
        describe(entry)
        for entry in messages(SWEDISH_PO)
        if len(entry.fields["msgid"].split()) > 2
        and entry.fields.get("msgstr", entry.fields.get("msgstr[0]")) == entry.fields["msgid"]
    ]
    assert not same, "Swedish translations identical to the English source:\n" + "\n".join(same)


def test_the_catalogue_has_every_string_marked_for_translation_in_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Extra entries (strings the source no longer uses) are harmless and are dropped the
    # next time makemessages runs with --no-obsolete; a missing one shows up in English.
    copy = tmp_path / "plantskola"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "locale", "*.pyc", "*.mo")
    )
    before = SWEDISH_PO.read_bytes()
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["sv"], no_location=True, verbosity=0)
    assert SWEDISH_PO.read_bytes() == before, "makemessages must not touch the real catalogue"

    extracted = {entry.key for entry in messages(copy / "locale/sv/LC_MESSAGES/django.po")}
    committed = {entry.key for entry in messages(SWEDISH_PO)}
    assert extracted, "makemessages found no strings at all"
    missing = sorted(extracted - committed)
    assert not missing, f"Strings missing from the Swedish catalogue ({FIX}):\n" + "\n".join(
        map(repr, missing)
    )


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Compile the catalogues if the .mo is missing or older than the .po (`make test`
    compiles before pytest, so this is for a bare `pytest`), and drop cached catalogues."""
    if not SWEDISH_MO.exists() or SWEDISH_MO.stat().st_mtime < SWEDISH_PO.stat().st_mtime:
        monkeypatch.chdir(PACKAGE)
        call_command("compilemessages", verbosity=0)
    # Changing LOCALE_PATHS (even to the same value) clears Django's translation caches.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


@pytest.mark.usefixtures("compiled")
def test_key_words_of_the_interface_come_out_in_swedish() -> None:
    with translation.override("sv"):
        assert gettext("Programmes") == "Program"
        assert gettext("Log in") == "Logga in"
        assert gettext("People") == "Personer"
        assert gettext("Edition") == "Omgång"
        assert gettext("Closest manager") == "Närmaste chef"
        assert ngettext("%(n)s person", "%(n)s people", 1) % {"n": 1} == "1 person"
        assert ngettext("%(n)s person", "%(n)s people", 3) % {"n": 3} == "3 personer"


@pytest.mark.usefixtures("compiled")
def test_english_uses_the_english_source_strings() -> None:
    with translation.override("en"):
        assert gettext("Programmes") == "Programmes"
        assert gettext("Log in") == "Log in"


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled")
def test_the_login_page_is_swedish_unless_english_is_chosen() -> None:
    response = Client().get("/logga-in/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Logga in på Plantskola" in page
    assert "Log in to Plantskola" not in page

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/logga-in/").content.decode()
    assert "Log in to Plantskola" in page
    assert "Logga in på Plantskola" not in page

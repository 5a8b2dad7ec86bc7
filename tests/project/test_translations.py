"""Every user-facing string has a nynorsk translation (bokmål is the source language)."""

import pathlib
import re

PO = pathlib.Path(__file__).resolve().parents[2] / "src/forlop/locale/nn/LC_MESSAGES/django.po"


def entries(text: str) -> list[tuple[str, list[str]]]:
    """(msgid, [msgstr or msgstr[n], ...]) per entry, continuation lines joined."""
    out, key, parts, current = [], None, {}, None
    for line in text.splitlines() + [""]:
        match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
        if match:
            if match[1] == "msgid" and key is not None:
                out.append((parts.get("msgid", ""), [v for k, v in parts.items()
                                                    if k.startswith("msgstr")]))
                parts = {}
            key = current = match[1]
            parts[current] = match[2]
        elif line.startswith('"') and current:
            parts[current] += line[1:-1]
    if key is not None:
        out.append((parts.get("msgid", ""), [v for k, v in parts.items()
                                            if k.startswith("msgstr")]))
    return out


def untranslated(text: str) -> list[str]:
    return [msgid for msgid, strs in entries(text) if msgid and not all(strs)]


def test_nynorsk_catalogue_has_no_untranslated_strings():
    assert untranslated(PO.read_text(encoding="utf-8")) == []


def test_nynorsk_catalogue_has_no_fuzzy_entries():
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_checker_finds_an_untranslated_string():
    assert untranslated('msgid "Hei"\nmsgstr ""\n') == ["Hei"]


def test_checker_accepts_a_wrapped_translation():
    assert untranslated('msgid "Hei"\nmsgstr ""\n"Hei på deg"\n') == []


def test_checker_finds_an_untranslated_plural():
    text = 'msgid "ein"\nmsgid_plural "fleire"\nmsgstr[0] "ein"\nmsgstr[1] ""\n'
    assert untranslated(text) == ["ein"]

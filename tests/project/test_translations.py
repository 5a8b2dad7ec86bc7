"""Every user-facing string has a nynorsk translation (bokmål is the source language)."""

import pathlib
import re

PO = pathlib.Path(__file__).resolve().parents[2] / "src/forlop/locale/nn/LC_MESSAGES/django.po"


def untranslated(text: str) -> list[str]:
    singles = re.findall(r'^msgid "(.+)"\nmsgstr ""$', text, flags=re.M)
    plurals = re.findall(r'^msgid "(.+)"\nmsgid_plural ".*"\n(?:msgstr\[\d\] ".*"\n)*'
                         r'msgstr\[\d\] ""$', text, flags=re.M)
    return singles + plurals


def test_nynorsk_catalogue_has_no_untranslated_strings():
    assert untranslated(PO.read_text(encoding="utf-8")) == []


def test_nynorsk_catalogue_has_no_fuzzy_entries():
    assert "#, fuzzy" not in PO.read_text(encoding="utf-8")


def test_checker_finds_an_untranslated_string():
    assert untranslated('msgid "Hei"\nmsgstr ""\n') == ["Hei"]

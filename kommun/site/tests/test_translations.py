from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings


@pytest.mark.parametrize("language", ["sv", "uk"])
def test_every_interface_string_is_translated(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale=language)
    untranslated = [
        message.id
        for message in catalog
        if message.id
        and (message.fuzzy or not (all(message.string) if message.pluralizable else message.string))
    ]
    assert untranslated == []


def test_ukrainian_has_its_three_plural_forms():
    path = Path(settings.LOCALE_PATHS[0]) / "uk" / "LC_MESSAGES" / "django.po"
    with path.open("rb") as file:
        catalog = read_po(file, locale="uk")
    assert catalog.num_plurals == 3

"""
Text that editors, operations systems and residents write, and that ends up in feeds.

XML 1.0 (RSS, Atom, CAP) cannot carry most control characters at all, and iCalendar's TEXT
forbids them: one stray vertical tab pasted into a headline would break every feed of the
municipality. So such text is refused where it is written (the one validator below, on
the model fields, is what the admin forms, the write API and the importer all apply), and
the feed builders strip it anyway, for rows written before the check existed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The C0 controls but tab, line feed and carriage return, DEL and the C1 controls, lone
# surrogates (JSON can spell them) and the two non-characters XML 1.0 excludes.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def first_unprintable(text):
    """The code point of the first character a feed cannot carry, as U+000B, or None."""
    found = UNPRINTABLE.search(text or "")
    return f"U+{ord(found.group()):04X}" if found else None


def refuse_control_characters(text):
    """The validator: ValidationError naming the character and where it is."""
    found = UNPRINTABLE.search(text or "")
    if found is None:
        return
    raise ValidationError(
        _(
            "The text contains an invisible control character (%(character)s) at position "
            "%(position)d. Feeds cannot carry it: remove it, for example by typing the text "
            "again instead of pasting it."
        ),
        code="control_character",
        params={"character": f"U+{ord(found.group()):04X}", "position": found.start() + 1},
    )


def printable(value):
    """The value without the characters feeds cannot carry; other values as they are."""
    if isinstance(value, str):
        return UNPRINTABLE.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(printable(item) for item in value)
    return value

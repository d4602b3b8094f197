"""The Spanish catalogue is complete: every string a patient sees is marked, and every marked
string has a reviewed Spanish translation (none missing, none fuzzy, placeholders intact)."""

import re
from html.parser import HTMLParser

import pytest
from django.template.base import Lexer, TokenType
from django.utils.functional import Promise

from appointments.forms import AppointmentRequestForm
from forever_fit import catalogue
from locations.forms import NearestClinicForm

# The clinic's email is for staff, who read English (the admin and staff pages stay English).
STAFF_ONLY = {"appointments/email/clinic_notification.txt"}
# Attributes whose words a person reads or hears.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
WORDS = re.compile(r"[^\W\d_]{2,}")
NOT_WORDS = {"FF", "RSS", "Atom"}  # the logo's letters (aria-hidden); the feed formats' names


class _Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        read = READ_ATTRIBUTES | ({"content"} if ("name", "description") in attrs else set())
        for name, value in attrs:
            if name in read and value and _words(value):
                self.found.append(f'{name}="{value}"')

    def handle_data(self, data):
        if _words(data):
            self.found.append(data.strip())


def _words(text: str) -> set[str]:
    return set(WORDS.findall(text)) - NOT_WORDS


def unmarked_text(source: str) -> list[str]:
    """Words in a template outside {% translate %} and {% blocktranslate %}."""
    text, inside = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            command = token.contents.split()[0]
            if command in ("blocktranslate", "blocktrans", "comment"):
                inside = "end" + command
            elif command == inside:
                inside = None
            text.append(" ")  # what a tag writes is never the template's own words
        elif token.token_type == TokenType.TEXT and inside is None:
            text.append(token.contents)
        elif token.token_type == TokenType.VAR:
            text.append(" ")
    words = _Words()
    words.feed("".join(text))
    return words.found


def test_no_public_template_shows_words_that_are_not_marked_for_translation():
    templates = [
        path
        for path in catalogue.public_templates()
        if str(path.relative_to(catalogue.BASE_DIR / "templates")) not in STAFF_ONLY
    ]
    assert len(templates) > 30
    unmarked = {
        str(path.relative_to(catalogue.BASE_DIR)): found
        for path in templates
        if (found := unmarked_text(path.read_text()))
    }
    assert unmarked == {}


def test_the_check_finds_unmarked_words_in_text_and_attributes():
    source = (
        '{% load i18n %}<p>{% translate "Fine" %} Not marked</p><img alt="A dog">'
        "{% blocktranslate %}Fine too{% endblocktranslate %}{# a comment #}"
    )
    assert unmarked_text(source) == ["Not marked", 'alt="A dog"']


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [AppointmentRequestForm, NearestClinicForm])
def test_every_label_hint_error_and_fixed_choice_of_the_public_forms_is_marked(form_class):
    unmarked = []
    for name, field in form_class().fields.items():
        texts = [field.label, field.help_text, *field.error_messages.values()]
        if not callable(getattr(field, "_choices", None)) and name not in ("clinic", "clinician"):
            texts += [label for _value, label in getattr(field, "choices", [])]
        unmarked += [
            (name, text)
            for text in texts
            if isinstance(text, str) and not isinstance(text, Promise) and WORDS.search(text)
        ]
    assert unmarked == []


def test_every_marked_string_has_a_reviewed_spanish_translation():
    written = catalogue.written()
    missing, fuzzy, empty = [], [], []
    for message in catalogue.extracted():
        if not message.id:
            continue
        entry = written.get(message.id, context=message.context)
        if entry is None:
            missing.append(message.id)
        elif entry.fuzzy:
            fuzzy.append(message.id)
        elif not all(entry.string) if isinstance(entry.string, tuple) else not entry.string:
            empty.append(message.id)
    assert (missing, fuzzy, empty) == ([], [], [])


def test_every_translation_keeps_its_placeholders():
    problems = [
        (message.id, [str(error) for error in errors])
        for message, errors in catalogue.written().check()
    ]
    assert problems == []

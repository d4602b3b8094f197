"""Browser tests: Playwright driving Debian's Chromium against the live test server.

They fail, never skip, when the browser is missing: `.ci/run` installs it.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from articles.models import InlinePicture
from demo.pictures import draw_portrait, draw_topic_picture
from insurance.models import Plan
from tests.factories import (
    make_article,
    make_author,
    make_clinic,
    make_opening_hours,
    make_plan,
    make_story,
    make_topic,
)

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
PHONE, DESKTOP = 360, 1280


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            # This machine has no network but loopback: keep Chromium from calling home.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def open_page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def page(browser):
    page = open_page(browser, DESKTOP)
    yield page
    page.context.close()


def leg_drawing() -> InlinePicture:
    picture = InlinePicture(alt="A drawing of a leg, hip to foot")
    picture.image.save("leg.jpeg", draw_topic_picture("knee-hip", size=(1200, 675)), save=False)
    picture.save()
    return picture


@pytest.fixture
def site(restored_migration_data, settings):
    """A small site like the demo: two clinics with hours, topics and reviewed articles."""
    settings.APPOINTMENT_FORM_MIN_SECONDS = 0  # the browser fills the form faster than people
    bowie = make_clinic(name="Bowie", slug="bowie", phone="+13015550128")
    crofton = make_clinic(
        name="Crofton",
        slug="crofton",
        phone="+14105550163",
        latitude="39.00420",
        longitude="-76.68610",
        postal_code="21114",
    )
    for clinic in (bowie, crofton):
        for day in range(5):
            make_opening_hours(clinic, day, "08:00", "18:00")
    back = make_topic(
        name="Back Pain",
        slug="back-pain",
        description="Low back pain and sciatica.",
        request_label="Back pain or sciatica",
        name_es="Dolor de espalda",
        description_es="Dolor lumbar y ciática.",
        request_label_es="Dolor de espalda o ciática",
    )
    author = make_author(
        name="Dana Whitfield",
        credentials="PT, DPT",
        title="Physical therapist",
        bio="Dana treats backs.",
        title_es="Fisioterapeuta",
        bio_es="Dana trata la espalda, en inglés o en español.",
        languages="English, Spanish",
    )
    author.clinics.set([bowie, crofton])
    author.photo.save("dana.jpeg", draw_portrait("Dana Whitfield"), save=True)
    author.photo_alt = "Dana Whitfield (an illustration)"
    author.photo_alt_es = "Dana Whitfield (una ilustración)"
    author.save()
    make_plan([bowie, (crofton, "Referral needed")], name="Aetna")
    make_plan([bowie], name="Medicare", kind=Plan.Kind.MEDICARE)
    make_plan([(bowie, "First visit $140.")], name="Self-pay rates", kind=Plan.Kind.SELF_PAY)
    make_story(
        name="Denise", words="I walk to church again.", clinic=bowie, clinician=author, topic=back
    )
    article = make_article(
        title="Physical therapy for sciatica",
        slug="sciatica",
        topic=back,
        author=author,
        summary="What your visits will look like.",
        show_urgent_care=True,
        reviewer=make_author(name="Marcus Oyelaran", credentials="PT, DPT"),
        last_reviewed="2026-11-01",
        body="<p>Sciatica is leg pain from the lower back.</p>"
        "<h2>What to expect</h2>"
        + "<p>Your therapist listens and tests.</p>" * 12
        + "<h2>Treatments that help</h2>"
        + "<p>Exercise and hands-on care.</p>" * 12
        + f'<figure><img src="{leg_drawing().src}" alt="A drawing of a leg, hip to foot">'
        "<figcaption>The pain follows the nerve down the leg.</figcaption></figure>",
        # Its Spanish version, at its own address (Spanish runs about a fifth longer).
        title_es="Fisioterapia para la ciática",
        slug_es="ciatica",
        summary_es="Cómo serán sus visitas.",
        last_reviewed_es="2026-11-02",
        body_es="<p>La ciática es un dolor de pierna que viene de la parte baja de la espalda.</p>"
        "<h2>Qué esperar</h2>"
        + "<p>Su terapeuta le escucha y le hace pruebas con cuidado.</p>" * 12
        + "<h2>Tratamientos que ayudan</h2>"
        + "<p>Ejercicio y tratamiento con las manos.</p>" * 12
        + f'<figure><img src="{leg_drawing().src}" alt="Dibujo de una pierna, de la cadera '
        'al pie"><figcaption>El dolor sigue al nervio pierna abajo.</figcaption></figure>',
    )
    make_article(
        title="Lifting without hurting your back", slug="lifting", topic=back, author=author
    )
    return {"bowie": bowie, "crofton": crofton, "article": article, "topic": back}

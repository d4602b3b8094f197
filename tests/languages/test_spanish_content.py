"""Content in two languages: an article's Spanish version at its own address with its own
review; pages without one never pretend to have it; clinics, topics and site pages in Spanish."""

import re
from datetime import date

import feedparser
import pytest
from django.contrib.flatpages.models import FlatPage
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import override
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from pages.models import SitePageVersion
from tests.factories import make_article, make_author, make_clinic, make_topic
from tests.html import json_ld

pytestmark = pytest.mark.django_db
SITE = "https://www.foreverfitpt.example"


def spanish(**overrides) -> dict:
    return {
        "title_es": "Fisioterapia para la ciática",
        "slug_es": "fisioterapia-para-la-ciatica",
        "summary_es": "Cómo le ayudamos con la ciática.",
        "body_es": "<p>La ciática casi siempre mejora.</p><h2>Qué esperar</h2><p>Texto.</p>",
        **overrides,
    }


def alternates(response) -> dict[str, str]:
    html = response.content.decode()
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.fixture
def sciatica():
    topic = make_topic(name="Back Pain", slug="back-pain", name_es="Dolor de espalda")
    return make_article(
        title="Physical therapy for sciatica",
        slug="sciatica",
        topic=topic,
        reviewer=make_author(name="Marcus Oyelaran"),
        last_reviewed=date(2026, 11, 20),
        **spanish(last_reviewed_es=date(2026, 11, 25)),
    )


def test_a_spanish_version_has_its_own_address_words_and_review(client, sciatica):
    response = client.get("/es/articles/fisioterapia-para-la-ciatica/")
    assertContains(response, "<h1>Fisioterapia para la ciática</h1>", html=True)
    assertContains(response, "La ciática casi siempre mejora.")
    assertContains(response, '<h2 id="que-esperar">Qué esperar</h2>', html=True)
    assertContains(response, "Dolor de espalda")
    assertContains(response, "25 de noviembre de 2026")  # its own review, not the English one
    assertNotContains(response, "Physical therapy for sciatica")
    assertContains(
        response, f'<link rel="canonical" href="{SITE}/es/articles/fisioterapia-para-la-ciatica/">'
    )
    expected = {
        "en": f"{SITE}/articles/sciatica/",
        "es": f"{SITE}/es/articles/fisioterapia-para-la-ciatica/",
        "x-default": f"{SITE}/articles/sciatica/",
    }
    assert alternates(response) == expected
    assert alternates(client.get("/articles/sciatica/")) == expected
    graph = json_ld(response)["@graph"]
    assert {node["@type"]: node.get("inLanguage") for node in graph[:2]} == {
        "MedicalWebPage": "es",
        "Article": "es",
    }


def test_a_spanish_version_without_its_own_review_says_so(client, sciatica):
    Article.objects.filter(pk=sciatica.pk).update(last_reviewed_es=None)
    response = client.get("/es/articles/fisioterapia-para-la-ciatica/")
    assertContains(response, "Este artículo todavía no tiene revisión médica.")


def test_an_article_without_a_spanish_version_is_not_shown_as_if_it_had_one(client, sciatica):
    english_only = make_article(title="Runner's knee", slug="runners-knee", topic=sciatica.topic)
    listed = client.get("/es/articles/").content.decode()
    assert "Fisioterapia para la ciática" in listed and "Runner" not in listed
    assert client.get("/es/articles/runners-knee/").status_code == 404
    page = client.get(english_only.get_absolute_url())
    switch = page.content.decode().split('class="language-switch"')[1].split("</nav>")[0]
    assert 'href="/es/articles/topics/back-pain/"' in switch
    assert "(esta página aún no está traducida)" in switch
    assert alternates(page) == {}


def test_a_half_written_spanish_version_is_refused():
    article = make_article()
    article.title_es = "Solo el título"
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert set(refused.value.message_dict) == {"slug_es", "summary_es", "body_es"}


def test_feeds_and_sitemap_list_each_language_s_own_articles(client, sciatica):
    make_article(title="Runner's knee", slug="runners-knee")
    feed = feedparser.parse(client.get("/es/articles/feed/").content)
    assert feed.feed.language == "es"
    assert [entry.title for entry in feed.entries] == ["Fisioterapia para la ciática"]
    assert feed.entries[0].link == f"{SITE}/es/articles/fisioterapia-para-la-ciatica/"
    english = feedparser.parse(client.get("/articles/feed/").content)
    assert len(english.entries) == 2 and english.feed.language == "en"
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{SITE}/es/articles/fisioterapia-para-la-ciatica/</loc>" in xml
    assert f"{SITE}/es/articles/runners-knee/" not in xml
    entry = xml.split(f"<loc>{SITE}/articles/sciatica/</loc>")[1].split("</url>")[0]
    assert f'hreflang="es" href="{SITE}/es/articles/fisioterapia-para-la-ciatica/"' in entry


def test_the_spanish_search_finds_spanish_articles_without_accents(client, sciatica):
    make_article(title="Sciatica at work", slug="sciatica-at-work")  # English only
    response = client.get("/es/articles/search/", {"q": "ciatica"})
    assertContains(response, "1 artículo sobre «ciatica».")
    assertContains(response, "Fisioterapia para la ciática")
    assertNotContains(response, "Sciatica at work")


def test_a_changed_spanish_address_still_answers(client, sciatica):
    sciatica.slug_es = "ciatica"
    sciatica.save()
    response = client.get("/es/articles/fisioterapia-para-la-ciatica/")
    assert response.status_code == 301
    assert response["Location"] == "/es/articles/ciatica/"


def test_clinic_notes_in_spanish_and_english_where_none_is_written(client):
    make_clinic(
        slug="bowie",
        parking_notes="Covered parking behind the building.",
        parking_notes_es="Estacionamiento techado detrás del edificio.",
        accessibility_notes="The rear entrance is step-free.",
    )
    response = client.get("/es/locations/bowie/")
    assertContains(response, "Estacionamiento techado detrás del edificio.")
    # Until staff translate it, in English, marked as English for screen readers.
    assertContains(response, '<p lang="en">The rear entrance is step-free.</p>', html=True)
    assertContains(response, "<p>Estacionamiento techado detrás del edificio.</p>", html=True)
    assertContains(client.get("/locations/bowie/"), "Covered parking behind the building.")


def test_a_site_page_in_spanish_or_in_english_under_a_note(
    client, django_capture_on_commit_callbacks
):
    privacy = FlatPage.objects.get(url="/privacy/")
    assertContains(client.get("/es/privacy/"), "<h1>Aviso de privacidad</h1>", html=True)
    with django_capture_on_commit_callbacks(execute=True):
        SitePageVersion.objects.filter(page=privacy).delete()
    response = client.get("/es/privacy/")
    assertContains(response, "Esta página todavía no está traducida. Aquí la tiene en inglés.")
    assertContains(response, '<article class="wrap narrow prose" lang="en">')
    assertContains(response, "<h1>Privacy notice</h1>", html=True)
    assert alternates(response) == {}


def test_the_home_page_speaks_spanish(client):
    response = client.get("/es/")
    assertContains(response, "Muévase con menos dolor y vuelva a hacer lo que le gusta")
    assertNotContains(response, "Move with less pain")


def test_a_clinician_s_languages_are_named_in_the_page_s_language(client):
    make_author(
        name="Lucía Herrera", languages="English, Spanish, Quechua", title_es="Fisioterapeuta"
    )
    page = client.get("/es/team/lucia-herrera/")
    assertContains(page, "<dd>inglés, español, Quechua</dd>", html=True)
    assertContains(
        client.get("/team/lucia-herrera/"), "<dd>English, Spanish, Quechua</dd>", html=True
    )
    assertContains(client.get("/es/team/"), '<option value="Spanish">español</option>', html=True)


def test_related_articles_are_kept_per_language_and_follow_an_edit(
    client, sciatica, django_capture_on_commit_callbacks
):
    lifting = make_article(
        title="Lifting without back pain",
        topic=sciatica.topic,
        **spanish(title_es="Levantar peso sin dolor", slug_es="levantar-peso"),
    )
    make_article(title="Desk neck", topic=sciatica.topic)  # English only
    spanish_page = client.get("/es/articles/fisioterapia-para-la-ciatica/").content.decode()
    related = spanish_page.split('id="related-heading"')[1]
    assert "Levantar peso sin dolor" in related and "/es/articles/levantar-peso/" in related
    assert "Desk neck" not in related and "Lifting" not in related
    english = client.get("/articles/sciatica/").content.decode().split('id="related-heading"')[1]
    assert "Lifting without back pain" in english and "Desk neck" in english
    with django_capture_on_commit_callbacks(execute=True):
        lifting.title_es = "Cómo levantar peso sin dolor"
        lifting.save()
    assertContains(client.get("/es/articles/fisioterapia-para-la-ciatica/"), "Cómo levantar peso")


def test_a_spanish_version_is_reviewed_on_its_own(client, django_user_model, settings):
    from tests.factories import make_staff, sign_in_staff

    settings.ARTICLE_REVIEW_DUE_DAYS = 365
    reviewer = make_staff("lucia", "Clinical reviewers")
    make_author(name="Lucía Herrera", user=reviewer)
    today = timezone.localdate()  # the clinics' date, as the action records it
    reviewed = make_article(
        title="Both reviewed", last_reviewed=today, **spanish(last_reviewed_es=today)
    )
    spanish_due = make_article(
        title="Spanish never reviewed", last_reviewed=today, **spanish(slug_es="sin-revisar")
    )
    english_only = make_article(title="English only, reviewed", last_reviewed=today)
    assert list(Article.objects.review_due()) == [spanish_due]
    sign_in_staff(client, reviewer)
    response = client.post(
        "/admin/articles/article/",
        {
            "action": "record_my_spanish_review",
            "_selected_action": [spanish_due.pk, english_only.pk],
        },
        follow=True,
    )
    assertContains(response, "Recorded your review of 1 Spanish version(s).")
    assertContains(response, "1 article(s) have no Spanish version yet.")
    spanish_due.refresh_from_db()
    english_only.refresh_from_db()
    assert spanish_due.last_reviewed_es == today and english_only.last_reviewed_es is None
    assert list(Article.objects.review_due()) == []
    assert reviewed.last_reviewed_es == today


def test_a_plan_named_in_words_reads_in_spanish_and_reaches_staff_in_english(
    client, django_capture_on_commit_callbacks
):
    from appointments.models import AppointmentRequest
    from tests.factories import form_data, make_plan

    bowie = make_clinic(slug="bowie")
    plan = make_plan(
        [bowie],
        name="Workers’ compensation (Maryland)",
        name_es="Compensación laboral (Maryland)",
        kind="workers-compensation",
    )
    assertContains(client.get("/es/insurance/"), "Compensación laboral (Maryland)")
    assertContains(client.get("/insurance/"), "Workers’ compensation (Maryland)")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es/request-appointment/", form_data(insurance_choice=str(plan.pk)))
    assert AppointmentRequest.objects.get().insurance == "Workers’ compensation (Maryland)"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")
@pytest.mark.parametrize("topic", [False, True])
def test_a_spanish_list_counts_its_articles_from_an_index_not_their_rows(client, topic):
    # The list's pages count the articles written in Spanish: from their rows, 10,000 bodies
    # read for each uncached page.
    article = make_article(
        title_es="Caminar", slug_es="caminar", summary_es="R.", body_es="<p>T.</p>"
    )
    make_article(title="Only in English")
    with override("es"):
        listed = Article.objects.published()
        if topic:
            listed = listed.filter(topic=article.topic)
        assert [a.title_es for a in listed] == ["Caminar"]
        plan = listed.order_by().values("pk").explain()
    assert "COVERING INDEX" in plan and "_es_idx" in plan

"""Home, the staff-editable site pages, errors, and the pages machines read."""

import re
from datetime import datetime
from unittest import mock
from xml.etree import ElementTree

import pytest
import time_machine
from django.contrib.flatpages.models import FlatPage
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from pages.views import server_error
from tests.factories import form_data, make_article, make_clinic, make_topic, sign_in_staff

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# The flat page form's inline of versions in other languages, left empty.
NO_VERSIONS = {"versions-TOTAL_FORMS": 0, "versions-INITIAL_FORMS": 0}

pytestmark = pytest.mark.django_db


def test_home_lists_latest_articles_and_every_clinic_with_its_phone(client):
    make_article(title="Older article", publish_at=timezone.now() - timezone.timedelta(days=9))
    make_article(title="Newest article")
    make_clinic(name="Crofton", phone="+14105550163")
    response = client.get("/")
    assertContains(response, "Newest article")
    assertContains(response, "Older article")
    assertContains(
        response, '<a class="call-link" href="tel:+14105550163">(410) 555-0163</a>', html=True
    )
    assertContains(response, 'href="/request-appointment/"')


def test_every_page_footer_lists_clinic_phones_and_points_to_911(client):
    make_clinic(name="Frederick", phone="+13015550117")
    response = client.get("/articles/")
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    assert 'href="tel:+13015550117"' in footer
    assert 'href="tel:911"' in footer
    assert 'href="/privacy/"' in footer and 'href="/accessibility/"' in footer


def test_the_footer_is_drawn_once_and_again_when_a_clinic_changes(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 0  # each page rendered anew; only the footer is kept
    clinic = make_clinic(name="Frederick", phone="+13015550117")
    import locations.templatetags.locations as phone_filters

    formatted = []
    real = phone_filters.display_phone
    monkeypatch.setattr(phone_filters, "display_phone", lambda n: formatted.append(n) or real(n))
    for path in ("/articles/", "/privacy/", "/accessibility/", "/articles/"):
        client.get(path)
    assert formatted.count("+13015550117") == 1  # one footer drawing for all those pages
    clinic.phone = "+13015550199"
    with django_capture_on_commit_callbacks(execute=True):
        clinic.save()
    footer = client.get("/articles/").content.decode().split('<footer class="site-footer">')[1]
    assert "(301) 555-0199" in footer and "0117" not in footer


def test_titles_and_descriptions_name_the_clinics_towns_as_staff_keep_them(
    client, django_capture_on_commit_callbacks
):
    make_clinic(name="Bowie", slug="bowie", city="Bowie")
    make_clinic(name="Crofton", slug="crofton", city="Crofton")

    def described(path):
        html = client.get(path).content.decode()
        return re.search(r'<meta name="description" content="([^"]*)"', html).group(1)

    assert described("/privacy/") == "Physical therapy in Bowie and Crofton, MD."
    assert "Bowie and Crofton, MD</title>" in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_clinic(name="Frederick", slug="frederick", city="Frederick")
    assert described("/privacy/") == "Physical therapy in Bowie, Crofton and Frederick, MD."
    assert "clinics in Bowie, Crofton and Frederick, MD:" in described("/locations/")


def test_privacy_notice_is_served_and_editable_by_staff(client, django_capture_on_commit_callbacks):
    response = client.get("/privacy/")
    assertContains(response, "<h1>Privacy notice</h1>", html=True)
    assertContains(response, "never your name")

    page = FlatPage.objects.get(url="/privacy/")
    page.content = "<p>Updated by the practice manager.</p>"
    with django_capture_on_commit_callbacks(execute=True):  # the page cache forgets on commit
        page.save()
    assertContains(client.get("/privacy/"), "Updated by the practice manager.")


def test_a_new_patient_finds_the_first_visit_page_from_home_the_thanks_page_and_each_clinic(
    client, admin_user, django_capture_on_commit_callbacks
):
    bowie = make_clinic(name="Bowie", slug="bowie")
    link = '<a href="/first-visit/">'
    assertContains(client.get("/"), link)
    assertContains(client.get("/locations/bowie/"), link)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/request-appointment/", form_data(clinic=bowie.pk))
    assertContains(client.get("/request-appointment/thanks/"), link)

    page = client.get("/first-visit/")
    assertContains(page, "<h1>Your first visit</h1>", html=True)
    for heading in (
        "What to bring",
        "How long it takes",
        "What your therapist will do",
        "Do you need a referral?",
        "Insurance and costs",
        "What to wear",
    ):
        assertContains(page, f"<h2>{heading}</h2>", html=True)
    # Staff edit it in the admin (Flat pages), and visitors see the change at once.
    sign_in_staff(client, admin_user)
    first_visit = FlatPage.objects.get(url="/first-visit/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/flatpages/flatpage/{first_visit.pk}/change/",
            {
                "url": "/first-visit/",
                "title": "Your first visit",
                "content": "<p>Parking is free behind every clinic.</p>",
                "sites": [1],
                **NO_VERSIONS,
            },
        )
    assert response.status_code == 302
    client.logout()
    assertContains(client.get("/first-visit/"), "Parking is free behind every clinic.")


def test_a_site_page_cannot_send_its_visitors_elsewhere_or_run_anything(client, admin_user):
    """Saved in the admin as a superuser would (Flat pages), with what an attacker would add."""
    page = FlatPage.objects.get(url="/accessibility/")
    hostile = (
        '<meta http-equiv="refresh" content="5;url=https://evil.example/">'
        '<base href="https://evil.example/"><script>steal()</script>'
        '<style>body{display:none}</style><form action="https://evil.example/"><input></form>'
        '<iframe src="https://evil.example/"></iframe>'
        '<h2 onclick="steal()">We aim for WCAG 2.2 AA</h2>'
        '<p><a href="javascript:steal()">Contact</a> <a href="tel:+14105550100">Call</a></p>'
    )
    client.force_login(admin_user)
    sign_in_staff(client, admin_user)
    response = client.post(
        f"/admin/flatpages/flatpage/{page.pk}/change/",
        {
            "url": page.url,
            "title": page.title,
            "content": hostile,
            "sites": [1],
            "template_name": "",
            "_save": "Save",
            **NO_VERSIONS,
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    removed = ["meta", "refresh", "<base", "script", "steal", "<style", "<form", "<input"]
    for gone in [*removed, "iframe", "evil.example", "onclick", "javascript:"]:
        assert gone not in page.content.lower(), gone
    shown = Client().get("/accessibility/")
    assertContains(shown, "We aim for WCAG 2.2 AA")
    assertContains(shown, 'href="tel:+14105550100"')
    assertNotContains(shown, "evil.example")


def test_accessibility_statement_names_the_standard_it_aims_for(client):
    assertContains(client.get("/accessibility/"), "WCAG) 2.2 at level AA")


def test_unknown_page_gets_a_helpful_404_in_the_site_design(client):
    response = client.get("/no-such-page/")
    assertContains(response, "We can’t find that page", status_code=404)
    assertContains(response, 'href="/locations/"', status_code=404)
    assertContains(response, 'class="site-footer"', status_code=404)


@pytest.mark.django_db(databases=[])
def test_500_page_renders_without_the_database(settings):
    settings.CLINIC_MAIN_PHONE = "+14105550100"
    # Any query here would fail: this test has no database access at all.
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'href="tel:+14105550100"' in html


def test_500_page_is_drawn_in_the_site_s_design_when_the_database_answers(settings):
    settings.CLINIC_MAIN_PHONE = "+14105550100"
    make_clinic(name="Bowie", slug="bowie")
    response = server_error(RequestFactory().get("/articles/"))
    html = response.content.decode()
    assert response.status_code == 500 and "Something went wrong on our side" in html
    # The header, the language link and the footer's clinics: not the plain page kept for
    # worse days (no database, no static files).
    assert 'class="site-footer"' in html and "Bowie" in html
    assert 'hreflang="es"' in html


@pytest.mark.django_db(databases=[])
def test_500_page_still_renders_when_static_files_were_never_collected(settings, tmp_path):
    settings.CLINIC_MAIN_PHONE = "+14105550100"
    settings.STATIC_ROOT = tmp_path  # empty: no manifest, so every {% static %} raises
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong on our side" in html
    assert 'href="tel:+14105550100"' in html


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\ndatabase: ok\ncache: ok\n")


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"database unavailable" in response.content


def test_robots_txt_points_to_the_sitemap_and_does_not_reveal_the_admin(client, settings):
    settings.ADMIN_URL = "staff-7f3a/"
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://www.foreverfitpt.example/sitemap.xml" in body
    assert "Disallow: /articles/preview/" in body  # drafts shown to reviewers
    assert "staff-7f3a" not in body


def test_sitemap_lists_published_articles_topics_clinics_and_pages_but_not_drafts(client):
    published = make_article(slug="published-one", topic=make_topic(slug="back-pain"))
    make_article(slug="draft-one", status=Article.Status.DRAFT)
    clinic = make_clinic(slug="bowie")
    make_clinic(slug="closed-for-good", active=False)
    xml = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = {
        loc.text.split("www.foreverfitpt.example", 1)[-1]
        for loc in xml.findall(".//s:loc", SITEMAP)
    }
    assert published.get_absolute_url() in locations
    assert "/articles/topics/back-pain/" in locations
    assert clinic.get_absolute_url() in locations
    assert {"/", "/articles/", "/locations/", "/privacy/", "/accessibility/"} <= locations
    assert "/articles/draft-one/" not in locations
    assert "/locations/closed-for-good/" not in locations


@pytest.mark.parametrize("eastern_time", ["09:00", "23:30"])
def test_sitemap_lastmod_is_the_moment_of_the_last_change_at_any_hour(client, eastern_time):
    # 23:30 Eastern is already the next day in UTC: a bare date would name one day or the other.
    with time_machine.travel(
        datetime.fromisoformat(f"2025-11-30T{eastern_time}-05:00"), tick=False
    ):
        article = make_article(slug="changed-late")
    xml = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entry = next(
        url
        for url in xml.findall("s:url", SITEMAP)
        if url.find("s:loc", SITEMAP).text.endswith("/changed-late/")
    )
    lastmod = datetime.fromisoformat(entry.find("s:lastmod", SITEMAP).text)
    assert lastmod.utcoffset() is not None
    assert lastmod == article.updated_at.replace(microsecond=0)


def test_security_txt_gives_a_contact_and_a_future_expiry(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@foreverfitpt.example"
    body = client.get("/.well-known/security.txt").content.decode()
    fields = dict(line.split(": ", 1) for line in body.strip().splitlines())
    assert fields["Contact"] == "mailto:security@foreverfitpt.example"
    expires = timezone.datetime.fromisoformat(fields["Expires"])
    assert expires > timezone.now()


def test_pages_load_no_third_party_resources(client):
    make_article(slug="any")
    make_clinic(slug="bowie")
    # Anything the browser fetches by itself; a canonical or alternate link only names a page.
    external = re.compile(
        r"<(?:script|img|iframe|source|link(?![^>]*rel=\"(?:canonical|alternate)\"))"
        r"\b[^>]*\b(?:src|href)=\"(?:https?:)?//"
    )
    for url in [
        "/",
        "/articles/",
        "/articles/any/",
        "/locations/",
        "/locations/bowie/",
        "/request-appointment/",
        "/privacy/",
    ]:
        html = client.get(url).content.decode()
        assert "<link" in html and not external.search(html), url


def test_staff_edit_the_home_pages_words_and_tiles_and_see_them_at_once(
    client, admin_user, django_capture_on_commit_callbacks
):
    back, knee = make_topic(name="Back Pain"), make_topic(name="Knee & Hip")
    assertContains(client.get("/"), "Move with less pain")  # cached from here on
    assertContains(client.get("/"), f'href="{knee.get_absolute_url()}"')  # none ticked: all
    sign_in_staff(client, admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/pages/homepage/1/change/",
            {
                "headline_en": "Physical therapy close to home",
                "introduction_en": "Five clinics, one team.",
                "picture_alt_en": "",
                "topics": [back.pk],
            },
        )
    assert response.status_code == 302
    client.logout()
    home = client.get("/")
    assertContains(home, "<h1>Physical therapy close to home</h1>", html=True)
    assertContains(home, "Five clinics, one team.")
    # The tile leads to the topic's articles, not straight into the form.
    assertContains(home, f'<a class="card__link" href="{back.get_absolute_url()}">')
    assertNotContains(home, f'href="{knee.get_absolute_url()}"')


def test_the_home_page_cannot_be_added_or_deleted(client, admin_user):
    sign_in_staff(client, admin_user)
    assert client.get("/admin/pages/homepage/add/").status_code == 403
    assert client.get("/admin/pages/homepage/1/delete/").status_code == 403


def test_staff_choose_home_page_tiles_by_the_words_the_home_page_shows(client, admin_user):
    make_topic(name="Back Pain", request_label="Back pain or sciatica")
    make_topic(name="Sports Injuries", request_label="Sports Injuries")
    sign_in_staff(client, admin_user)
    form = client.get("/admin/pages/homepage/1/change/")
    assertContains(form, "Back pain or sciatica (topic: Back Pain)")
    assertContains(form, "Sports Injuries")
    assertNotContains(form, "(topic: Sports Injuries)")

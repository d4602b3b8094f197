"""What a reader sees on an article page, and what search engines and link previews read."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article, UrgentCareNotice
from demo.pictures import draw_topic_picture
from tests.factories import make_article, make_author, make_topic
from tests.html import json_ld

pytestmark = pytest.mark.django_db

BODY = (
    "<p>" + "word " * 440 + "</p><h2>What to expect</h2><p>Visits.</p>"
    "<h3>The first visit</h3><p>Questions.</p><h2>Treatments that help</h2><p>Exercise.</p>"
)


@pytest.fixture
def reviewed_article():
    return make_article(
        title="Sciatica explained",
        slug="sciatica-explained",
        summary="Why the leg hurts, and what helps.",
        body=BODY,
        topic=make_topic(name="Back Pain", slug="back-pain"),
        author=make_author(
            name="Dana Whitfield",
            credentials="PT, DPT",
            bio="Dana treats back pain in Severna Park.",
        ),
        reviewer=make_author(name="Marcus Oyelaran", credentials="PT, DPT"),
        last_reviewed=date(2026, 11, 2),
        show_urgent_care=True,
    )


def test_article_shows_who_wrote_and_reviewed_it_and_how_long_it_takes(client, reviewed_article):
    response = client.get("/articles/sciatica-explained/")
    # Each name leads to the person's profile (the clinical team's page).
    assertContains(
        response, 'By <strong><a href="/team/dana-whitfield/">Dana Whitfield, PT, DPT</a></strong>'
    )
    assertContains(
        response,
        'Medically reviewed by <a href="/team/marcus-oyelaran/">Marcus Oyelaran, PT, DPT</a> on '
        '<time datetime="2026-11-02">November 2, 2026</time>',
    )
    assertContains(response, "2 min read")  # 446 words at 220 a minute
    assertContains(response, "Dana treats back pain in Severna Park.")


def test_article_shows_its_title_topic_and_publication_date(client):
    article = make_article(
        title="Sciatica explained",
        topic=make_topic(name="Back Pain", slug="back-pain"),
        author=make_author(name="Dana Whitfield", credentials="PT, DPT"),
        publish_at=timezone.datetime(2026, 10, 18, 9, tzinfo=timezone.get_current_timezone()),
    )
    response = client.get(article.get_absolute_url())
    assertContains(response, "<h1>Sciatica explained</h1>", html=True)
    assertContains(response, "Back Pain")
    assertContains(
        response, '<time datetime="2026-10-18T09:00:00-0400">October 18, 2026</time>', html=True
    )


def test_unreviewed_article_makes_no_review_claim(client):
    article = make_article(reviewer=None, last_reviewed=None)
    assertNotContains(client.get(article.get_absolute_url()), "Medically reviewed")


def test_table_of_contents_links_to_each_heading(client, reviewed_article):
    response = client.get("/articles/sciatica-explained/")
    assertContains(response, '<a href="#what-to-expect">What to expect</a>')
    assertContains(response, '<li class="toc__level-3"><a href="#the-first-visit">')
    assertContains(response, '<h2 id="treatments-that-help">Treatments that help</h2>')


def test_urgent_care_callout_uses_the_one_staff_edited_wording(client, reviewed_article):
    notice = UrgentCareNotice.objects.get()
    notice.text = "Call 911 if your legs suddenly become weak."
    notice.save()
    other = make_article(show_urgent_care=True)
    plain = make_article(show_urgent_care=False)
    for article in (reviewed_article, other):
        assertContains(
            client.get(article.get_absolute_url()), "Call 911 if your legs suddenly become weak."
        )
    assertNotContains(client.get(plain.get_absolute_url()), "When to get urgent care")


def test_related_articles_come_from_the_same_topic_first(client, reviewed_article):
    now = timezone.now()
    newer_elsewhere = make_article(title="Knee news", publish_at=now - timedelta(hours=1))
    same_topic = make_article(
        title="Back basics", topic=reviewed_article.topic, publish_at=now - timedelta(days=30)
    )
    html = client.get("/articles/sciatica-explained/").content.decode()
    related = html.split('id="related-heading"')[1]
    assert related.index(same_topic.title) < related.index(newer_elsewhere.title)


def test_related_articles_are_cards_with_their_picture_or_their_topics(client, reviewed_article):
    topic = reviewed_article.topic
    topic.picture.save("spine.jpeg", draw_topic_picture("back-pain", size=(900, 500)), save=True)
    with_hero = make_article(title="Lifting well", topic=topic)
    with_hero.hero_image.save("lift.jpeg", draw_topic_picture("knee-hip"), save=True)
    make_article(title="Back basics", topic=topic)
    block = client.get(reviewed_article.get_absolute_url()).content.decode()
    block = block.split('id="related-heading"')[1].split("</section>")[0]
    cards = block.split('<li class="card">')[1:]
    assert [re.search(r"card__link[^>]*>([^<]+)<", card)[1] for card in cards] == [
        "Back basics",
        "Lifting well",
    ]
    back_basics, lifting = cards
    assert "/topics/spine" in back_basics and 'alt=""' in back_basics  # the topic's, decorative
    assert "/articles/lift" in lifting


def related_titles(response) -> list[str]:
    block = response.content.decode().split('id="related-heading"')[1].split("</ul>")[0]
    return re.findall(r'<a class="card__link" href="[^"]+">([^<]+)</a>', block)


def test_related_articles_fill_up_with_the_newest_from_other_topics(client):
    now = timezone.now()
    alone = make_article(title="Jaw pain", publish_at=now - timedelta(days=9))
    for days, title in [(1, "Newest"), (2, "Second"), (3, "Third"), (4, "Fourth")]:
        make_article(title=title, publish_at=now - timedelta(days=days))
    make_article(title="Not yet", publish_at=now + timedelta(hours=1))
    make_article(title="A draft", status=Article.Status.DRAFT)
    assert related_titles(client.get(alone.get_absolute_url())) == ["Newest", "Second", "Third"]


def test_an_article_page_reads_one_row_once_the_shared_lists_are_warm(
    client, reviewed_article, django_assert_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the page itself, as on a page-cache miss
    other = make_article(title="Back basics", topic=reviewed_article.topic, show_urgent_care=True)
    client.get(other.get_absolute_url())  # topics, people, newest articles, callout: shared
    with django_assert_num_queries(1):
        response = client.get(reviewed_article.get_absolute_url())
    assertContains(response, ">Dana Whitfield, PT, DPT</a></strong>")
    assertContains(response, ">Marcus Oyelaran, PT, DPT</a>")
    assertContains(response, '<a href="/articles/topics/back-pain/">Back Pain</a>')
    assert related_titles(response) == ["Back basics"]


def test_an_article_page_asks_the_shared_cache_once(
    client, reviewed_article, settings, monkeypatch
):
    """Redis in production: one round trip for the versions of every shared list it shows."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get(reviewed_article.get_absolute_url())  # the shared lists are built
    asked, inside_get_many = [], []
    get, get_many = cache.get, cache.get_many

    def counted_get(*args, **kwargs):
        if not inside_get_many:  # the local-memory cache answers get_many with get
            asked.append(args)
        return get(*args, **kwargs)

    def counted_get_many(keys, **kwargs):
        asked.append(keys)
        inside_get_many.append(keys)
        try:
            return get_many(keys, **kwargs)
        finally:
            inside_get_many.pop()

    monkeypatch.setattr(cache, "get", counted_get)
    monkeypatch.setattr(cache, "get_many", counted_get_many)
    response = client.get(reviewed_article.get_absolute_url())
    assert len(asked) == 1
    assertContains(response, ">Dana Whitfield, PT, DPT</a></strong>")
    assertContains(response, "When to get urgent care")


def test_page_title_and_description_can_be_overridden_for_search_engines(client):
    article = make_article(
        title="A long article title",
        summary="The summary.",
        seo_title="Short title",
        seo_description="For search results.",
    )
    response = client.get(article.get_absolute_url())
    assertContains(response, "<title>Short title · Forever Fit Physical Therapy</title>")
    assertContains(response, '<meta name="description" content="For search results.">')
    assertContains(response, '<meta property="og:title" content="Short title">')


def test_sharing_tags_and_canonical_url(client, reviewed_article):
    response = client.get("/articles/sciatica-explained/")
    canonical = "https://www.foreverfitpt.example/articles/sciatica-explained/"
    assertContains(response, f'<link rel="canonical" href="{canonical}">')
    assertContains(response, f'<meta property="og:url" content="{canonical}">')
    assertContains(response, '<meta property="og:type" content="article">')
    assertContains(response, '<meta name="twitter:card" content="summary">')
    assertNotContains(response, 'name="robots"')


def test_noindex_option_hides_the_article_from_search_engines(client):
    article = make_article(noindex=True)
    assertContains(
        client.get(article.get_absolute_url()), '<meta name="robots" content="noindex, nofollow">'
    )
    assert article.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_structured_data_describes_review_author_and_breadcrumbs(client, reviewed_article):
    graph = {
        node["@type"]: node
        for node in json_ld(client.get(reviewed_article.get_absolute_url()))["@graph"]
    }
    page, article, trail = graph["MedicalWebPage"], graph["Article"], graph["BreadcrumbList"]
    assert page["lastReviewed"] == "2026-11-02"
    # The reviewer and the author are their profiles' Persons, by @id.
    assert page["reviewedBy"] == {
        "@type": "Person",
        "@id": "https://www.foreverfitpt.example/team/marcus-oyelaran/#person",
        "url": "https://www.foreverfitpt.example/team/marcus-oyelaran/",
        "name": "Marcus Oyelaran",
        "honorificSuffix": "PT, DPT",
    }
    assert article["headline"] == "Sciatica explained"
    assert article["author"]["@type"] == "Person"
    assert article["author"]["name"] == "Dana Whitfield"
    assert article["datePublished"] == reviewed_article.publish_at.isoformat()
    assert article["publisher"]["@id"] == "https://www.foreverfitpt.example/#organization"
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Home",
        "Articles",
        "Back Pain",
        "Sciatica explained",
    ]
    assert (
        trail["itemListElement"][2]["item"]
        == "https://www.foreverfitpt.example/articles/topics/back-pain/"
    )


def test_unreviewed_article_claims_no_review_in_structured_data(client):
    article = make_article()
    graph = json_ld(client.get(article.get_absolute_url()))["@graph"]
    assert "reviewedBy" not in graph[0] and "lastReviewed" not in graph[0]


def test_call_to_action_carries_the_article_and_topic_into_the_form(client, reviewed_article):
    response = client.get("/articles/sciatica-explained/")
    link = "/request-appointment/?reason=back-pain&from=/articles/sciatica-explained/"
    assertContains(response, f'href="{link.replace("&", "&amp;")}"')
    form = client.get(link)
    assert form.context["form"].initial["reason"] == "back-pain"
    assert form.context["form"].initial["source"] == "/articles/sciatica-explained/"


@pytest.mark.parametrize(
    "title", ["Knee & hip </script><script>alert(1)</script>", "Rodilla & cadera </script>ñ"]
)
def test_markup_in_an_article_cannot_end_its_structured_data_block(client, title):
    article = make_article(title=title, summary="Sí <b>", slug="knee-and-hip")
    html = client.get(article.get_absolute_url()).content.decode()
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003C/script\\u003E" in block
    assert json_ld(client.get(article.get_absolute_url()))["@graph"][1]["headline"] == title

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from demo.pictures import draw_topic_picture
from tests.factories import make_article, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def back_pain():
    return make_topic(
        name="Back Pain",
        slug="back-pain",
        description="Low back pain, sciatica and keeping your back moving.",
    )


def test_topic_page_has_its_description_and_only_its_articles(client, back_pain):
    make_article(title="Sciatica explained", topic=back_pain)
    make_article(title="Runner's knee")
    response = client.get("/articles/topics/back-pain/")
    assertContains(response, "<h1>Back Pain</h1>", html=True)
    assertContains(response, "Low back pain, sciatica and keeping your back moving.")
    assertContains(response, "Sciatica explained")
    assertNotContains(response, "Runner")


def test_article_list_offers_every_topic_as_a_filter(client, back_pain):
    make_topic(name="Knee & Hip", slug="knee-hip")
    response = client.get("/articles/")
    assertContains(response, '<a href="/articles/topics/back-pain/">Back Pain</a>', html=True)
    assertContains(response, '<a href="/articles/topics/knee-hip/">Knee &amp; Hip</a>', html=True)


def test_empty_topic_says_what_to_do_instead(client, back_pain):
    response = client.get("/articles/topics/back-pain/")
    assertContains(response, "We have not published an article on back pain yet.")
    assertContains(response, 'href="/request-appointment/"')


def test_search_finds_words_in_the_body_and_ranks_title_matches_first(client):
    body_match = make_article(
        title="Lifting without pain",
        body="<p>Most sciatica settles with exercise.</p>",
        publish_at=timezone.now(),
    )
    title_match = make_article(
        title="Sciatica: what helps", publish_at=timezone.now() - timedelta(days=60)
    )
    make_article(title="Desk neck", body="<p>Screens at eye level.</p>")
    make_article(title="Sciatica draft", status=Article.Status.DRAFT)
    response = client.get("/articles/search/?q=sciatica")
    found = [article.pk for article in response.context["articles"]]
    assert found == [title_match.pk, body_match.pk]
    assertContains(response, "2 articles about “sciatica”.")


def test_search_ranks_an_article_on_the_subject_from_its_start_above_passing_mentions(client):
    """PostgreSQL ranks by the title, summary and the start of the body only (cheap however long
    the bodies), SQLite by bm25 (which weighs a word by the length of its text); both find words
    further down."""
    long_way_down = "<p>" + "Warm up before you run. " * 60 + "</p>"
    passing = make_article(
        title="Marathon training",
        summary="Build up slowly.",
        body=long_way_down + "<p>Ankle sprains, ankle taping, ankle braces: "
        "see your physical therapist about any ankle trouble.</p>",
    )
    on_subject = make_article(
        title="After a sprain",
        summary="The first weeks.",
        body="<p>A sprained ankle heals faster when you move it early.</p>",
        publish_at=timezone.now() - timedelta(days=60),
    )
    response = client.get("/articles/search/?q=ankle")
    assert [a.pk for a in response.context["articles"]] == [on_subject.pk, passing.pk]


def test_search_understands_several_words(client):
    make_article(title="Knee pain on stairs", body="<p>Climbing hurts.</p>")
    make_article(title="Knee replacement", body="<p>After surgery.</p>")
    response = client.get("/articles/search/?q=knee+stairs")
    assert [a.title for a in response.context["articles"]] == ["Knee pain on stairs"]


def test_search_without_results_helps_the_reader_on(client):
    make_article(title="Desk neck")
    response = client.get("/articles/search/?q=zzyzx")
    assertContains(response, "No articles match “zzyzx”.")
    assertContains(response, 'href="/request-appointment/"')
    assertContains(response, "Browse the articles by topic")


def test_empty_search_asks_for_a_word(client):
    assertContains(client.get("/articles/search/?q="), "Type a word or two")


def test_search_pages_keep_the_query_when_paging(client):
    for n in range(14):
        make_article(title=f"Posture tip {n}", publish_at=timezone.now() - timedelta(hours=n))
    response = client.get("/articles/search/?q=posture")
    assertContains(response, 'href="?q=posture&amp;page=2"')


@pytest.mark.parametrize("url", ["/articles/feed/", "/articles/feed/atom/"])
def test_feeds_list_published_articles_with_their_summaries(client, url, back_pain, settings):
    article = make_article(
        title="Sciatica explained", summary="Why the leg hurts.", topic=back_pain
    )
    make_article(title="Unfinished", status=Article.Status.DRAFT)
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Sciatica explained"]
    assert feed.entries[0].summary == "Why the leg hurts."
    # Links use the site's public address (DJANGO_SITE_URL), as feed readers need.
    assert feed.entries[0].link == f"{settings.SITE_URL}{article.get_absolute_url()}"
    assert feed.entries[0].tags[0].term == "Back Pain"


@pytest.mark.parametrize(
    "url", ["/articles/topics/back-pain/feed/", "/articles/topics/back-pain/feed/atom/"]
)
def test_topic_feeds_carry_only_that_topic(client, url, back_pain):
    make_article(title="Sciatica explained", topic=back_pain)
    make_article(title="Runner's knee")
    feed = feedparser.parse(client.get(url).content)
    assert not feed.bozo
    assert feed.feed.title == "Forever Fit Physical Therapy: Back Pain"
    assert [entry.title for entry in feed.entries] == ["Sciatica explained"]


def test_pages_point_feed_readers_to_the_feeds(client, back_pain):
    assertContains(client.get("/articles/"), '<link rel="alternate" type="application/rss+xml"')
    assertContains(
        client.get("/articles/topics/back-pain/"), 'href="/articles/topics/back-pain/feed/atom/"'
    )


@pytest.mark.parametrize(
    "typed", ["runner's knee", "Runner’s knee", "RUNNER'S KNEE", "runner‘s knee", "“runner's knee”"]
)
def test_search_ignores_the_kind_of_apostrophe_quotes_and_case(client, typed):
    make_article(title="Runner’s knee: what helps", body="<p>Strong hips help.</p>")
    make_article(title="Desk neck", body="<p>Small changes.</p>")
    response = client.get("/articles/search/", {"q": typed})
    assert [a.title for a in response.context["articles"]] == ["Runner’s knee: what helps"]


def test_search_ignores_accents(client):
    make_article(title="Café stretches for the office", body="<p>Stand up often.</p>")
    assertContains(client.get("/articles/search/?q=cafe"), "Café stretches for the office")
    make_article(title="Desk habits", body="<p>A naive approach to sitting.</p>")
    assertContains(client.get("/articles/search/?q=naïve"), "Desk habits")


def test_search_reads_the_words_not_the_markup(client):
    make_article(title="Hip strength", body="<p><strong>Squats</strong> and bridges.</p>")
    response = client.get("/articles/search/?q=strong")
    assertNotContains(response, "Hip strength")
    assertContains(client.get("/articles/search/?q=squats"), "Hip strength")


def test_topic_page_cards_do_not_repeat_the_topic_but_other_lists_name_it(client, back_pain):
    make_article(title="Sciatica explained", topic=back_pain)
    assertNotContains(client.get("/articles/topics/back-pain/"), '<p class="card__topic">')
    assertContains(client.get("/articles/"), '<p class="card__topic">Back Pain</p>', html=True)


def test_the_search_box_comes_before_the_articles(client, back_pain):
    make_article(title="Sciatica explained", topic=back_pain)
    html = client.get("/articles/").content.decode()
    assert html.index('role="search"') < html.index("Sciatica explained")


def test_article_cards_show_reading_time_and_the_topic_picture_when_they_have_none(client):
    topic = make_topic(name="Knee & Hip", slug="knee-hip")
    topic.picture.save("knee.jpeg", draw_topic_picture("knee-hip", size=(1200, 675)))
    make_article(title="Runner’s knee", topic=topic, body="<p>" + "word " * 660 + "</p>")
    card = client.get("/articles/").content.decode().split('<li class="card">')[1]
    assert "3 min read" in card
    assert "/media/renditions/topics/knee-480.webp 480w" in card
    assert 'alt=""' in card  # the card's title says what it is about


def test_the_search_page_names_the_search_once_and_marks_no_topic_as_current(client):
    make_article(title="Sciatica explained", body="<p>Sciatica is leg pain.</p>")
    response = client.get("/articles/search/?q=sciatica")
    assertContains(response, "<h1>Articles about “sciatica”</h1>", html=True)
    assertContains(response, "Search articles", count=0)
    assertContains(response, '<label for="article-search">Search for</label>', html=True)
    assertNotContains(response, 'aria-current="page">All articles')
    assertContains(client.get("/articles/"), 'aria-current="page">All articles')


def test_a_missing_page_offers_a_search_of_the_articles(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assertContains(response, 'action="/articles/search/"', status_code=404)
    assertContains(response, "Search our articles", status_code=404)

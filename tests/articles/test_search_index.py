"""The search index follows the articles whatever writes them, stems and completes words, and
reads nothing the reader types as search syntax (on SQLite, the FTS5 table and its triggers)."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.translation import override
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from articles.search import FEW, SCORED_PAGE, ranked_sql, search
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def found(client, typed):
    # Writes that skip save() (update, loaddata) do not tell the page cache; the index is what
    # these tests look at, so each search is answered afresh.
    for cache in caches.all():
        cache.clear()
    response = client.get("/articles/search/", {"q": typed})
    return [a.title for a in response.context["articles"]]


def test_a_word_finds_its_other_forms(client):
    make_article(title="Sciatica: what helps", body="<p>Gentle exercises every day.</p>")
    make_article(title="Desk neck", body="<p>Screens at eye level.</p>")
    assert found(client, "exercise") == ["Sciatica: what helps"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="websearch syntax has no prefixes")
def test_a_word_finds_the_start_of_a_longer_word(client):
    make_article(title="Sciatica: what helps", body="<p>Gentle exercises every day.</p>")
    make_article(title="Desk neck", body="<p>Screens at eye level.</p>")
    assert found(client, "sciatic") == ["Sciatica: what helps"]


def test_the_title_weighs_more_than_the_summary_and_the_summary_more_than_the_body(client):
    now = timezone.now()
    make_article(
        title="Walking", summary="Daily steps.", body="<p>Balance matters.</p>", publish_at=now
    )
    make_article(
        title="Strength",
        summary="Balance and strength.",
        body="<p>Squats.</p>",
        publish_at=now - timezone.timedelta(days=1),
    )
    make_article(
        title="Balance after sixty",
        summary="Fewer falls.",
        body="<p>Stand tall.</p>",
        publish_at=now - timezone.timedelta(days=2),
    )
    assert found(client, "balance") == ["Balance after sixty", "Strength", "Walking"]


def test_the_index_follows_edits_bulk_updates_unpublishing_and_deletes(client):
    article = make_article(title="Knee pain on stairs", body="<p>Climbing hurts.</p>")
    article.title = "Knee pain going downhill"
    article.save()
    assert found(client, "stairs") == []
    assert found(client, "downhill") == ["Knee pain going downhill"]

    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert found(client, "downhill") == []
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)

    Article.objects.filter(pk=article.pk).delete()
    assert found(client, "downhill") == []


def test_articles_loaded_from_a_fixture_are_found(client, tmp_path):
    """loaddata (and a restore from a backup) writes rows without save()."""
    make_article(title="Hip strength", body="<p>Bridges and squats.</p>")
    dump = tmp_path / "articles.json"
    call_command("dumpdata", "articles.article", output=str(dump))
    Article.objects.all().delete()
    assert found(client, "bridges") == []
    call_command("loaddata", str(dump), verbosity=0)
    assert found(client, "bridges") == ["Hip strength"]


@pytest.mark.parametrize(
    "typed", ["knee NEAR stairs", "title:knee", "knee -stairs", "knee*", '"knee', "knee AND (", "^"]
)
def test_search_syntax_typed_by_a_reader_is_read_as_words(client, typed):
    make_article(title="Knee pain on stairs", body="<p>Climbing hurts.</p>")
    response = client.get("/articles/search/", {"q": typed})
    assert response.status_code == 200
    titles = [a.title for a in response.context["articles"]]
    assert titles in ([], ["Knee pain on stairs"])
    if typed in ("knee*", '"knee'):
        assert titles == ["Knee pain on stairs"]


def test_a_quoted_phrase_matches_only_those_words_together(client):
    make_article(title="Low back pain", body="<p>Move gently.</p>")
    make_article(title="Back to running", body="<p>Low mileage first.</p>")
    assert found(client, '"low back"') == ["Low back pain"]
    assert sorted(found(client, "low back")) == ["Back to running", "Low back pain"]


def test_a_very_long_search_is_cut_at_a_whole_word_and_says_so(client):
    make_article(title="Knee pain on stairs", body="<p>Climbing hurts.</p>")
    typed = "knee stairs " + "please tell me everything about it " * 10
    response = client.get("/articles/search/", {"q": typed})
    assertContains(response, "We searched for the first 100 characters of what you typed")
    terms = response.context["terms"]
    assert len(terms) <= 100 and typed.startswith(terms) and typed[len(terms)] == " "
    assertNotContains(client.get("/articles/search/?q=knee"), "We searched for the first")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query planner")
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_search_reads_the_index_a_few_times_not_once_for_every_article(language):
    # With a LIMIT, SQLite preferred walking the published articles and asking the index about
    # each: 10,000 evaluations of the whole search (seconds for common words).
    for n in range(30):
        make_article(
            title=f"Back care {n}",
            title_es=f"Cuidar la espalda {n}",
            slug_es=f"espalda-{n}",
            summary_es="Resumen.",
            body_es="<p>Texto.</p>",
        )
    with override(language):
        ranked = search(Article.objects.for_cards(), "back care" if language == "en" else "espalda")
        shown = [a.title for a in ranked[:13]]
    steps = []
    for few in (FEW, 0):  # few matches, then many (another way to find which are published)
        sql = ranked_sql(ranked.index, SCORED_PAGE, few=few)
        params = {"match": ranked.match, "published": "x"}
        params.update(now=timezone.now(), limit=13, offset=0)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            steps += [row[3] for row in cursor.fetchall()]
    index_reads = [step for step in steps if f"{ranked.index.table} VIRTUAL TABLE" in step]
    assert index_reads and all("INDEX 0:M" in step for step in index_reads)  # no rowid lookups
    # Nor are many matches' rows read to learn which are published (in Spanish, written in
    # Spanish too): an index holds all it needs.
    rows_read = [s for s in steps if "articles_article " in s and "COVERING INDEX" not in s]
    assert not [s for s in rows_read if "ROWID SEARCH" not in s]
    newest = "Back care 29" if language == "en" else "Cuidar la espalda 29"
    assert shown[:1] == [newest]  # the newest of equals first


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's bounded ranking")
def test_past_the_scored_matches_the_rest_follow_newest_first_on_every_page(monkeypatch):
    monkeypatch.setattr("articles.search.RANKED", 2)
    now = timezone.now()
    for n in range(8):  # "knee" only in the body; the oldest has it in its title too
        title = "Knee pain at night" if n == 7 else f"Article {n}"
        make_article(title=title, body="<p>The knee.</p>", publish_at=now - timedelta(days=n))
    ranked = search(Article.objects.for_cards(), "knee")
    pages = [a.title for a in ranked[0:3]] + [a.title for a in ranked[3:6]]
    pages += [a.title for a in ranked[6:9]]
    assert ranked.count() == 8 and len(set(pages)) == 8
    # Scored: the two newest and the title match, best first; then the others, newest first.
    assert pages[0] == "Knee pain at night"
    assert sorted(pages[1:3]) == ["Article 0", "Article 1"]
    assert pages[3:] == ["Article 2", "Article 3", "Article 4", "Article 5", "Article 6"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's title index")
def test_the_title_index_follows_saves_bulk_updates_and_deletes():
    def titles_holding(word):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM articles_search_titles WHERE articles_search_titles MATCH %s",
                [f'"{word}"'],
            )
            return [row[0] for row in cursor.fetchall()]

    article = make_article(title="Knee pain", summary="Stairs hurt.", body="<p>Shoulder.</p>")
    assert titles_holding("knee") == titles_holding("stairs") == [article.pk]
    assert titles_holding("shoulder") == []  # the body is not in it
    article.title = "Hip pain"
    article.save()
    assert titles_holding("knee") == [] and titles_holding("hip") == [article.pk]
    Article.objects.filter(pk=article.pk).update(search_text="Ankle\nsummary\nbody")
    assert titles_holding("hip") == [] and titles_holding("ankle") == [article.pk]
    article.delete()
    assert titles_holding("ankle") == []

"""Search in Spanish: the /es/ search reads the Spanish versions by their Spanish stems, with or
without accents, corrects a misspelling from the Spanish words, and the English search reads the
English versions alone (on SQLite and PostgreSQL alike)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import override
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Article
from articles.search import suggested_articles
from tests.factories import make_article, make_author, make_topic

pytestmark = pytest.mark.django_db


def spanish_article(title_es: str, body_es: str, **english) -> Article:
    n = Article.objects.count()
    return make_article(
        title_es=title_es,
        slug_es=f"articulo-{n}",
        summary_es="Un resumen breve.",
        body_es=body_es,
        **english,
    )


def found(client, typed: str, *, language="es", **extra) -> list[str]:
    # Writes that skip save() do not tell the page cache: each search is answered afresh.
    for cache in caches.all():
        cache.clear()
    prefix = "/es" if language == "es" else ""
    response = client.get(f"{prefix}/articles/search/", {"q": typed, **extra})
    with override(language):  # the titles as the page showed them
        return [article.title for article in response.context["articles"]]


@pytest.fixture
def stretching():
    return spanish_article(
        "Estiramientos para la espalda baja",
        "<p>Los ejercicios de estiramiento alivian las articulaciones y la cirugía rara vez"
        " hace falta.</p>",
        title="Stretches for the lower back",
        body="<p>Gentle stretching eases stiff joints.</p>",
    )


@pytest.mark.parametrize(
    "typed",
    [
        "estirar",  # the verb finds the noun: both "estir"
        "ejercicio",  # the singular finds the plural
        "articulación",  # so does a word with its accent...
        "articulacion",  # ...and without it, as a phone types it
        "cirugia",  # an accent typed or not, written or not
        "Estiramientos ESPALDA",
    ],
)
def test_the_spanish_search_finds_other_forms_of_a_word_with_or_without_accents(
    client, stretching, typed
):
    assert found(client, typed) == ["Estiramientos para la espalda baja"]


def test_a_word_only_in_the_other_language_is_not_found(client, stretching):
    assert found(client, "stretching") == []  # English words are not in the Spanish index
    assert found(client, "estiramiento", language="en") == []  # nor Spanish in the English
    assert found(client, "stretching", language="en") == ["Stretches for the lower back"]


def test_a_misspelt_spanish_word_is_corrected_from_the_spanish_words(client, stretching):
    make_article(title="Knee pain", body="<p>Knee.</p>")  # English only
    response = client.get("/es/articles/search/", {"q": "estiramento"})
    assertContains(response, "Resultados para <strong>estiramiento</strong>.")
    assertContains(response, "Estiramientos para la espalda baja")
    # "knee" is a word of an English version alone: never offered for a Spanish search.
    response = client.get("/es/articles/search/", {"q": "kneee"})
    assertContains(response, "Ningún artículo coincide con «kneee».")
    assertNotContains(response, "Resultados para")


def test_the_spanish_index_follows_edits_and_deletes(client, stretching):
    stretching.body_es = "<p>Caminar cada día ayuda.</p>"
    stretching.save()
    assert found(client, "caminando") == ["Estiramientos para la espalda baja"]
    assert found(client, "cirugia") == []
    stretching.delete()
    assert found(client, "caminar") == []


def test_the_spanish_search_box_suggests_spanish_titles_as_you_type(client, stretching):
    make_article(title="Estirar English", slug="estirar-english")  # no Spanish version
    response = client.get("/es/articles/search/suggestions/", {"q": "estiramie"})
    labels = [suggestion["label"] for suggestion in response.json()["suggestions"]]
    assert labels == ["Estiramientos para la espalda baja"]


def test_suggestions_find_titles_typed_without_accents(client):
    spanish_article("Después de una cirugía de rodilla", "<p>Texto.</p>")
    response = client.get("/es/articles/search/suggestions/", {"q": "despues ciru"})
    labels = [suggestion["label"] for suggestion in response.json()["suggestions"]]
    assert labels == ["Después de una cirugía de rodilla"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's trigram index")
def test_suggestions_read_the_folded_titles_index_on_postgresql():
    spanish_article("Después de una cirugía de rodilla", "<p>Texto.</p>")
    with override("es"):
        # Every article, so no index of the published ones offers itself instead.
        suggested = suggested_articles(Article.objects.all(), "ciru", limit=6)
        with connection.cursor() as cursor:
            # The table is tiny here: only the indexes that can find the words are left to choose.
            cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
            plan = suggested.explain()
            assert [article.title for article in suggested] == ["Después de una cirugía de rodilla"]
    assert "articles_article_folded_title_es_trigram" in plan


@pytest.mark.django_db(transaction=True)
def test_articles_saved_before_spanish_search_are_found_in_their_own_language(
    client, restored_migration_data
):
    executor = MigrationExecutor(connection)
    before = [("articles", "0024_spanish_urgent_care")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("articles", "Article")
    versions = {
        "title_en": "Walking after back pain",
        "slug_en": "walking",
        "summary_en": "Why walking helps.",
        "body_en": "<p>Walk a little every day.</p>",
        "title_es": "Caminar después del dolor de espalda",
        "slug_es": "caminar",
        "summary_es": "Por qué ayuda caminar.",
        "body_es": "<p>Camine un poco cada día.</p>",
    }
    old.objects.create(
        # What the English and Spanish search read until now: both versions' words.
        search_text="walking caminar\nwhy walking helps por que ayuda caminar\nwalk camine",
        topic_id=make_topic().pk,
        author_id=make_author().pk,
        status="published",
        publish_at=timezone.now(),
        **{field.removesuffix("_en"): value for field, value in versions.items() if "_en" in field},
        **versions,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert found(client, "caminando") == ["Caminar después del dolor de espalda"]
    assert found(client, "caminar", language="en") == []
    assert found(client, "walks", language="en") == ["Walking after back pain"]

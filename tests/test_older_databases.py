"""A database made by the release before the project package was split (main at 0a58a1c,
December 2026: the home page in `forever_fit`, recovery codes in `core`) migrates to this
layout with nothing lost: the home page as staff left it, its tiles, the groups' permissions,
a staff member's recovery codes, and the articles' authors, now the clinical team's records
(team.Clinician) with every byline and review kept and a profile address each. The fixture is
that release's `migrate` plus a few staff edits, dumped by SQLite; it is loaded and migrated by
`manage.py`, as an operator upgrading would."""

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from tests.commands import manage

FIXTURE = Path(__file__).parent / "fixtures" / "database_made_by_0a58a1c.sql"
RECOVERY_CODE = "RKKT-PTZM-Q0G2"  # issued to "pat" when the fixture was made
AFTER = """
import json
from django.contrib.auth.models import User
from django.db import connection
from pages.models import HomePage
from staff.models import RecoveryCodes
from articles.models import Article
home = HomePage.objects.get()
article = Article.objects.get(slug="sciatica")
pat, eli = User.objects.get(username="pat"), User.objects.get(username="eli")
from django.utils import translation
with translation.override("es"):
    spanish_headline = home.headline  # no Spanish of theirs yet: their English shows
print(json.dumps({
    "headline": home.headline,
    "spanish headline": [home.headline_es, spanish_headline],
    "tiles": [topic.slug for topic in home.topics.all()],
    "manager resets factors": pat.has_perm("staff.reset_second_factor"),
    "manager lifts lock-outs": pat.has_perm("axes.delete_accessattempt"),
    "editor edits the home page": eli.has_perm("pages.change_homepage"),
    "code accepted": RecoveryCodes.objects.get(user=pat).verify_token("RECOVERY_CODE"),
    "codes left": RecoveryCodes.objects.get(user=pat).codes_left(),
    "byline": [article.author.name, article.author.slug, article.author.user.username],
    "review": [str(article.reviewer), article.reviewer.slug],
    "namesake": sorted(c.slug for c in article.author._meta.model.objects.all()),
    "editor edits clinicians": eli.has_perm("team.change_clinician"),
    "tables": sorted(t for t in connection.introspection.table_names()
                     if "homepage" in t or "recoverycode" in t or "author" in t
                     or "clinician" in t),
}))
""".replace("RECOVERY_CODE", RECOVERY_CODE)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the fixture is a SQLite database")
def test_a_database_made_before_the_split_migrates_with_nothing_lost(tmp_path):
    database = tmp_path / "made-by-0a58a1c.sqlite3"
    with closing(sqlite3.connect(database)) as made:
        made.executescript(FIXTURE.read_text(encoding="utf-8"))
    url = f"sqlite:///{database}"
    migrated = manage("migrate", "--noinput", database=url, media=tmp_path / "media")
    assert migrated.returncode == 0, migrated.stderr
    after = manage("shell", "-c", AFTER, database=url, media=tmp_path / "media")
    assert after.returncode == 0, after.stderr
    assert json.loads(after.stdout.strip().splitlines()[-1]) == {
        "headline": "Edited by staff before the move",
        # Our Spanish home words were written for our English, not for theirs.
        "spanish headline": [None, "Edited by staff before the move"],
        "tiles": ["back-pain"],
        "manager resets factors": True,
        "manager lifts lock-outs": True,
        "editor edits the home page": True,
        "code accepted": True,
        "codes left": 9,
        "byline": ["Dana Whitfield", "dana-whitfield", "eli"],
        "review": ["Marcus Oyelaran, PT, DPT, OCS", "marcus-oyelaran"],
        "namesake": ["dana-whitfield", "dana-whitfield-2", "marcus-oyelaran"],
        "editor edits clinicians": True,
        # The same tables, under the names they were made with (the authors' renamed for the
        # team): nothing copied, nothing lost.
        "tables": [
            "core_recoverycode",
            "core_recoverycodes",
            "forever_fit_homepage",
            "forever_fit_homepage_topics",
            "team_clinician",
            "team_clinician_clinics",
            "team_clinician_specialties",
        ],
    }
    # Run again, it has nothing left to do.
    again = manage("migrate", "--noinput", database=url, media=tmp_path / "media")
    assert "No migrations to apply." in again.stdout

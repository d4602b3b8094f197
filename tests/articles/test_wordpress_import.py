"""import_wordpress on small exports written for these tests (our own words): a Divi post, a
classic post with automatic paragraphs and a caption, a Gutenberg post, each status, pages and
attachments, unicode, broken markup and a control character."""

import os
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from articles.models import Article, InlinePicture, Topic, WordPressImport
from articles.wordpress.importer import Importer
from tests.factories import run_worker
from tests.html import json_ld

pytestmark = pytest.mark.django_db

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Forever Fit</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login><![CDATA[dana]]></wp:author_login>
<wp:author_display_name><![CDATA[Dana Whitfield]]></wp:author_display_name></wp:author>
"""


def item(
    post_id,
    title,
    body,
    *,
    status="publish",
    slug=None,
    post_type="post",
    date="2025-10-18 14:00:00",
    link=None,
    category=("back-pain", "Back Pain"),
    extra="",
):
    slug = slug or f"post-{post_id}"
    return f"""<item><title><![CDATA[{title}]]></title>
<link>{link or f"https://foreverfitpt.example/2025/10/18/{slug}/"}</link>
<dc:creator><![CDATA[dana]]></dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[A short summary of {post_id}.]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:post_modified_gmt>{date}</wp:post_modified_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>{post_type}</wp:post_type>
<category domain="category" nicename="{category[0]}"><![CDATA[{category[1]}]]></category>
{extra}</item>
"""


DIVI = (
    '[et_pb_section fb_built="1"][et_pb_row][et_pb_column type="4_4"]'
    "[et_pb_text]<h1>Why the leg hurts</h1><p>The nerve is irritated, not broken.</p>"
    '[/et_pb_text][et_pb_image src="https://foreverfitpt.example/wp-content/uploads/leg.jpg"'
    ' alt="A leg being stretched"][/et_pb_image][et_pb_cta title="Call"]x[/et_pb_cta]'
    "[/et_pb_column][/et_pb_row][/et_pb_section]"
)
CLASSIC = (
    "Walking a little every day helps.\nShort walks count.\n\n"
    '[caption id="attachment_9" align="alignnone" width="300"]<img src="/wp-content/'
    'uploads/walk.jpg" alt="Two people walking"> Walking together[/caption]\n\n'
    '<p style="color:red">Stop if the pain spreads.</p>'
    "<script>alert(1)</script>"
)
GUTENBERG = (
    "<!-- wp:paragraph --><p>Ice for the first two days.</p><!-- /wp:paragraph -->"
    "<!-- wp:heading --><h2>Then heat</h2><!-- /wp:heading -->"
)


def export(tmp_path, *items, name="export.xml", head=HEAD):
    path = tmp_path / name
    path.write_bytes((head + "".join(items) + "</channel></rss>").encode())
    return path


def run(path, *args):
    from io import StringIO

    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def site_export(tmp_path):
    return export(
        tmp_path,
        item(101, "Sciatica: where the pain comes from", DIVI, slug="sciatica-pain"),
        item(102, "Walk it off? Mostly, yes", CLASSIC, slug="walk-it-off"),
        item(
            103,
            "Ice or heat",
            GUTENBERG,
            slug="ice-or-heat",
            link="https://foreverfitpt.example/ice-or-heat/",
        ),
        item(104, "A draft", "<p>Not ready.</p>", status="draft"),
        item(105, "Coming soon", "<p>Soon.</p>", status="future", date="2030-01-06 15:00:00"),
        item(106, "Private note", "<p>Staff only.</p>", status="private"),
        item(107, "Thrown away", "<p>x</p>", status="trash"),
        item(108, "Auto", "", status="auto-draft"),
        item(109, "About us", "<p>We are a clinic.</p>", post_type="page"),
        item(110, "leg.jpg", "", post_type="attachment", status="inherit"),
        item(111, "Ĉu la genuo? Knie & Rücken – 膝", "<p>Unicode title.</p>", slug="unicode"),
        item(112, "Broken markup", "<p>Unclosed <strong>bold <em>and</p><div>stray"),
    )


def test_each_status_maps_explicitly_and_other_kinds_are_reported(site_export):
    output = run(site_export)
    by_id = {a.wordpress_id: a for a in Article.objects.all()}
    assert set(by_id) == {101, 102, 103, 104, 105, 106, 111, 112}
    published, draft = Article.Status.PUBLISHED, Article.Status.DRAFT
    assert [by_id[n].status for n in (101, 104, 105, 106)] == [published, draft, published, draft]
    assert by_id[105].publish_at == datetime(2030, 1, 6, 15, tzinfo=UTC)  # scheduled
    assert not Article.objects.published().filter(wordpress_id__in=[104, 105, 106]).exists()
    assert by_id[101].publish_at == datetime(2025, 10, 18, 14, tzinfo=UTC)
    assert by_id[101].updated_at == datetime(2025, 10, 18, 14, tzinfo=UTC)  # WordPress's
    assert by_id[111].title == "Ĉu la genuo? Knie & Rücken – 膝"
    assert "Articles: 8 created, 0 updated, 0 unchanged." in output
    assert "Site pages: 1 created, 0 updated, 0 unchanged." in output  # About us
    for line in (
        "Skipped 1: attachments.",
        "Skipped 1: posts an unsaved auto-draft.",
        "Skipped 1: posts in the trash.",
    ):
        assert line in output
    assert by_id[101].author.name == "Dana Whitfield"
    assert Topic.objects.get(slug="back-pain").name == "Back Pain"


def test_bodies_are_converted_for_our_editor(site_export):
    output = run(site_export)
    divi = Article.objects.get(wordpress_id=101).body
    assert "[et_pb" not in divi and "Why the leg hurts</h2>" in divi and "<h1" not in divi
    assert "<p>The nerve is irritated, not broken.</p>" in divi
    classic = Article.objects.get(wordpress_id=102).body
    assert "<p>Walking a little every day helps.<br>Short walks count.</p>" in classic
    assert "<p>Walking together</p>" in classic  # the caption's words
    assert "script" not in classic and "style=" not in classic and "alert" not in classic
    gutenberg = Article.objects.get(wordpress_id=103).body
    assert "wp:" not in gutenberg and '<h2 id="then-heat">Then heat</h2>' in gutenberg
    assert "<strong>bold" in Article.objects.get(wordpress_id=112).body
    assert "Shortcodes removed: [et_pb_cta] x1." in output
    assert "Pictures in the text left out: 2 (no uploads folder given: --uploads DIR)." in output


def test_every_old_address_answers_with_one_301(client, site_export):
    run(site_export)
    article = Article.objects.get(wordpress_id=101)
    new = article.get_absolute_url()
    for old in ("/2025/10/18/sciatica-pain/", "/?p=101"):
        assertRedirects(client.get(old), new, status_code=301)
    assertRedirects(client.get("/ice-or-heat/"), "/articles/ice-or-heat/", status_code=301)
    assertRedirects(
        client.get("/category/back-pain/"), "/articles/topics/back-pain/", status_code=301
    )
    assertRedirects(client.get("/author/dana/"), "/team/dana-whitfield/", status_code=301)
    assertRedirects(client.get("/feed/"), "/articles/feed/", status_code=301)
    assertRedirects(client.get("/?p=999"), "/articles/", status_code=301)


def test_the_same_export_twice_changes_nothing_and_a_newer_one_updates_in_place(
    tmp_path, site_export
):
    run(site_export)
    ids = dict(Article.objects.values_list("wordpress_id", "pk"))
    assert "Articles: 0 created, 0 updated, 8 unchanged." in run(site_export)
    newer = export(
        tmp_path,
        item(101, "Sciatica: where leg pain comes from", DIVI, slug="sciatica-pain"),
        name="newer.xml",
    )
    assert "Articles: 0 created, 1 updated, 0 unchanged." in run(newer)
    article = Article.objects.get(wordpress_id=101)
    assert (article.pk, article.title) == (ids[101], "Sciatica: where leg pain comes from")


def test_a_dry_run_says_what_would_change_and_writes_nothing(site_export):
    output = run(site_export, "--dry-run")
    assert "Dry run: nothing was written." in output
    assert "Articles: 8 created" in output and "Shortcodes removed: [et_pb_cta] x1." in output
    inventory = output.split("Shortcodes in the export:\n", 1)[1].splitlines()[:7]
    assert sorted(inventory) == sorted(
        f"  [{name}] x1"
        for name in (
            "caption",
            "et_pb_section",
            "et_pb_row",
            "et_pb_column",
            "et_pb_text",
            "et_pb_image",
            "et_pb_cta",
        )
    )
    assert not Article.objects.exists()


def test_control_characters_and_a_broken_item_do_not_stop_the_import(tmp_path):
    path = export(
        tmp_path,
        item(201, "Good\x0b one", "<p>Fine.\x01</p>"),
        item(202, "Also fine", "<p>Yes.</p>"),
    )
    run(path)
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Also fine", "Good one"]


def test_a_file_that_is_not_an_export_stops_at_once_saying_what_is_expected(tmp_path):
    html = tmp_path / "page.html"
    html.write_text("<html><body>Hello</body></html>")
    with pytest.raises(CommandError, match="a WordPress export .* is an RSS file of posts"):
        run(html)
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
    with pytest.raises(CommandError, match="not a WordPress export"):
        run(feed)
    assert not Article.objects.exists()


def test_the_export_is_read_as_a_stream_in_constant_memory(tmp_path):
    import tracemalloc

    from articles.wordpress.wxr import Item, read_export

    body = "<p>" + "Gentle movement helps most backs recover. " * 120 + "</p>"
    path = tmp_path / "big.xml"
    with path.open("w", encoding="utf-8") as file:
        file.write(HEAD)
        for n in range(4000):
            file.write(item(1000 + n, f"Post {n}", body))
        file.write("</channel></rss>")
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    with path.open("rb") as file:
        count = sum(isinstance(entry, Item) for entry in read_export(file))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 4000
    assert peak < 2_000_000, f"{peak:,} bytes for a {path.stat().st_size:,}-byte export"


def meta(key, value):
    return (
        f"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
    )


def test_featured_pictures_links_between_posts_and_tags(tmp_path):
    from demo.pictures import draw_topic_picture

    uploads = tmp_path / "uploads"
    (uploads / "2025" / "10").mkdir(parents=True)
    (uploads / "2025" / "10" / "stretch.jpg").write_bytes(draw_topic_picture("back-pain").read())
    path = export(
        tmp_path,
        item(
            301,
            "Stretching basics",
            "<p>Start slowly.</p>",
            slug="stretching",
            extra=meta("_thumbnail_id", "401") + '<category domain="post_tag" '
            'nicename="mobility"><![CDATA[mobility]]></category>',
        ),
        item(
            302,
            "Next steps",
            '<p>First read <a href="https://foreverfitpt.example/2025/10/18/'
            'stretching/">the basics</a> and <a href="/?p=301">again</a>.</p>',
            slug="next",
            extra=meta("_thumbnail_id", "402"),
        ),
        item(
            401,
            "stretch.jpg",
            "",
            post_type="attachment",
            status="inherit",
            extra="<wp:attachment_url>https://foreverfitpt.example/wp-content/uploads/2025/10/"
            "stretch.jpg</wp:attachment_url>"
            + meta("_wp_attachment_image_alt", "A person stretching a hamstring"),
        ),
        item(
            402,
            "gone.jpg",
            "",
            post_type="attachment",
            status="inherit",
            extra="<wp:attachment_url>https://foreverfitpt.example/wp-content/uploads/2025/10/"
            "gone.jpg</wp:attachment_url>",
        ),
    )
    output = run(path, "--uploads", str(uploads))
    basics = Article.objects.get(wordpress_id=301)
    assert basics.hero_image and basics.hero_alt == "A person stretching a hamstring"
    assert basics.hero_width == 1600  # re-encoded through the same checks as an admin upload
    assert "Featured pictures imported as article pictures: 1." in output
    assert "Picture of “Next steps” not in the uploads folder:" in output  # reported, not fatal
    body = Article.objects.get(wordpress_id=302).body
    assert body.count('href="/articles/stretching/"') == 2
    assert "Links between imported posts pointed at their new addresses: 2." in output
    assert "Tags not kept (articles have one topic, no tags): 1 tags on 1 posts." in output
    again = run(path, "--uploads", str(uploads))
    assert "Featured pictures imported" not in again  # the same picture is not copied twice


def test_an_editor_imports_from_the_admin_and_sees_the_summary(
    client, site_export, settings, tmp_path, django_capture_on_commit_callbacks
):
    from tests.factories import make_staff, sign_in_staff

    settings.PRIVATE_ROOT = tmp_path / "private"
    sign_in_staff(client, make_staff("editor", "Editors"))
    with site_export.open("rb") as upload, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/articles/wordpressimport/add/", {"export": upload, "dry_run": ""}, follow=True
        )
    assert response.status_code == 200
    [upload] = WordPressImport.objects.all()
    waiting = client.get(f"/admin/articles/wordpressimport/{upload.pk}/change/")
    assertContains(waiting, '<meta http-equiv="refresh" content="3">')  # shows progress
    run_worker()
    page = client.get(f"/admin/articles/wordpressimport/{upload.pk}/change/")
    assertContains(page, "Articles: 8 created, 0 updated, 0 unchanged.")
    assertNotContains(page, 'http-equiv="refresh"')
    assert Article.objects.filter(wordpress_id=101).exists()
    # The export is kept out of the public media folder, and goes when its record does.
    assert str(settings.PRIVATE_ROOT) in upload.export.path
    client.post(f"/admin/articles/wordpressimport/{upload.pk}/delete/", {"post": "yes"})
    assert not list((tmp_path / "private").rglob("*.xml"))


def test_broken_xml_in_one_item_is_reported_with_the_item_and_the_rest_goes_on(tmp_path):
    broken = item(501, "Broken XML", "<p>x</p>").replace(
        "<wp:post_type>post</wp:post_type>", "<wp:post_type>post</wp:post_typ>"
    )
    path = export(tmp_path, broken, item(502, "After the damage", "<p>Fine.</p>"))
    output = run(path)
    assert "Item 501 (Broken XML): the export's XML is broken at line" in output
    assert Article.objects.filter(wordpress_id=502).exists()


def test_pictures_in_the_text_are_copied_once_and_their_addresses_rewritten(tmp_path):
    from demo.pictures import draw_topic_picture

    uploads = tmp_path / "uploads"
    (uploads / "2025" / "10").mkdir(parents=True)
    for name, size in (
        ("leg.jpg", (1200, 800)),
        ("walk.jpg", (900, 600)),
        ("walk-300x200.jpg", (300, 200)),
        ("ice.png", (640, 480)),
    ):
        picture = draw_topic_picture("back-pain", size=size).read()
        (uploads / "2025" / "10" / name).write_bytes(picture)
    base = "https://foreverfitpt.example/wp-content/uploads/2025/10"
    divi = DIVI.replace("uploads/leg.jpg", "uploads/2025/10/leg.jpg")
    classic = (
        f'[caption id="attachment_9" width="300"]<a href="{base}/walk.jpg"><img src="{base}'
        f'/walk-300x200.jpg" alt="Two people walking"></a> Walking together[/caption]'
    )
    gutenberg = (
        '<!-- wp:image --><figure class="wp-block-image"><img src="/wp-content/uploads/'
        '2025/10/ice.png" alt="An ice pack"/><figcaption class="wp-element-caption">'
        "Ten minutes at a time</figcaption></figure><!-- /wp:image -->"
        f'<p>And again: <img src="{base}/leg.jpg" alt="A leg being stretched"></p>'
        f'<p><img src="{base}/missing.jpg" alt="Gone"></p>'
    )
    path = export(
        tmp_path,
        item(601, "Divi", divi, slug="divi"),
        item(602, "Classic", classic, slug="classic"),
        item(603, "Gutenberg", gutenberg, slug="gutenberg"),
    )
    dry = run(path, "--uploads", str(uploads), "--dry-run")
    assert "Pictures in the text copied: 3." in dry and not InlinePicture.objects.exists()
    output = run(path, "--uploads", str(uploads))
    assert "Pictures in the text copied: 3." in output  # leg.jpg shown twice, copied once
    run_worker()  # the worker makes their renditions
    assert "Picture in “Gutenberg” not in the uploads folder: " + base + "/missing.jpg" in output
    walk = InlinePicture.objects.get(imported_from="2025/10/walk.jpg")  # the original, not 300px
    assert (walk.width, walk.alt) == (900, "Two people walking")
    classic_body = Article.objects.get(wordpress_id=602).body
    assert (
        f'<figure><img src="{walk.src}" alt="Two people walking" width="900" height="600">'
        "<figcaption>Walking together</figcaption></figure>"
    ) in classic_body
    leg = InlinePicture.objects.get(imported_from="2025/10/leg.jpg")
    gutenberg_body = Article.objects.get(wordpress_id=603).body
    assert (
        gutenberg_body.count(leg.src) == 1 and "<figcaption>Ten minutes at a time" in gutenberg_body
    )
    assert "missing.jpg" not in gutenberg_body and "wp-content" not in gutenberg_body
    assert leg.src in Article.objects.get(wordpress_id=601).body  # Divi's image module
    again = run(path, "--uploads", str(uploads))
    assert "Articles: 0 created, 0 updated, 3 unchanged." in again
    assert "Pictures in the text copied" not in again and InlinePicture.objects.count() == 3


def test_a_log_gets_plain_progress_lines_when_not_on_a_terminal(tmp_path):
    path = export(tmp_path, *(item(700 + n, f"Post {n}", "<p>Short.</p>") for n in range(200)))
    output = run(path)  # call_command's output is not a terminal
    assert "100 items read…\n200 items read…\n" in output and "\x1b" not in output


def uploads_zip(tmp_path, entries: dict[str, bytes]):
    import zipfile

    path = tmp_path / "uploads.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_a_manager_imports_pictures_too_by_sending_the_uploads_folder_as_a_zip(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    from demo.pictures import draw_topic_picture
    from tests.factories import make_staff, sign_in_staff

    settings.PRIVATE_ROOT = tmp_path / "private"
    leg = draw_topic_picture("back-pain", size=(1200, 800)).read()
    body = DIVI.replace("uploads/leg.jpg", "uploads/2025/10/leg.jpg")
    path = export(
        tmp_path,
        item(801, "Divi", body, slug="divi", extra=meta("_thumbnail_id", "802")),
        item(
            802,
            "leg.jpg",
            "",
            post_type="attachment",
            status="inherit",
            extra="<wp:attachment_url>https://foreverfitpt.example/wp-content/"
            "uploads/2025/10/leg.jpg</wp:attachment_url>",
        ),
    )
    folder = "wp-content/uploads/2025/10"
    archive = uploads_zip(tmp_path, {f"{folder}/leg.jpg": leg, f"{folder}/notes.php": b"<?php"})
    sign_in_staff(client, make_staff("manager", "Editors"))
    with (
        path.open("rb") as xml,
        archive.open("rb") as zip_file,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client.post(
            "/admin/articles/wordpressimport/add/",
            {"export": xml, "uploads": zip_file, "dry_run": ""},
        )
    run_worker()
    [upload] = WordPressImport.objects.all()
    page = client.get(f"/admin/articles/wordpressimport/{upload.pk}/change/")
    assertContains(page, "Pictures in the text copied: 1.")
    assertContains(page, "Featured pictures imported as article pictures: 1.")
    article = Article.objects.get(wordpress_id=801)
    assert article.hero_image and InlinePicture.objects.get().src in article.body
    upload.refresh_from_db()
    assert not upload.uploads and not list((tmp_path / "private").rglob("*.zip"))  # not kept
    assert not list((tmp_path / "private").rglob("*.php"))


def test_an_uploads_zip_unpacks_pictures_only_and_only_inside_its_folder(tmp_path):
    from articles.wordpress.uploads_zip import NotAnUploadsZip, unpacked_uploads

    archive = uploads_zip(
        tmp_path,
        {
            "uploads/2025/10/a.jpg": b"a",
            "2025/11/b.PNG": b"b",
            "../../escape.jpg": b"x",
            "/etc/cron.d/job.jpg": b"x",
            "uploads/shell.php": b"x",
            "uploads/2025/c.svg": b"x",
        },
    )
    with archive.open("rb") as file, unpacked_uploads(file) as (folder, notes):
        found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert found == ["2025/10/a.jpg", "2025/11/b.PNG"]
    assert not folder.exists()  # removed after the import
    assert not (tmp_path.parent / "escape.jpg").exists()
    (tmp_path / "not.zip").write_text("hello")
    with (
        pytest.raises(NotAnUploadsZip, match="not a .zip archive"),
        (tmp_path / "not.zip").open("rb") as file,
        unpacked_uploads(file),
    ):
        pass


def test_a_picture_too_large_to_unpack_is_left_out_and_said(tmp_path, monkeypatch):
    from articles.wordpress import uploads_zip as module

    monkeypatch.setattr(module, "MAX_PICTURE_BYTES", 10)
    archive = uploads_zip(tmp_path, {"uploads/small.jpg": b"12345", "uploads/big.jpg": b"x" * 11})
    with archive.open("rb") as file, module.unpacked_uploads(file) as (folder, notes):
        assert [p.name for p in folder.rglob("*.jpg")] == ["small.jpg"]
    assert notes == ["Left out of the uploads .zip (too large): uploads/big.jpg"]


@pytest.mark.django_db(transaction=True)
def test_pages_cached_while_an_import_runs_show_wordpress_dates_after_it(
    tmp_path, client, restored_migration_data, monkeypatch
):
    """Each post is committed as it comes, so readers can cache pages mid-import; WordPress's
    last-modified dates are written last, and those pages must not keep the import's time."""
    path = export(
        tmp_path, item(101, "Sciatica: where the pain comes from", DIVI, slug="sciatica-pain")
    )
    visited, keep_dates = [], Importer._keep_modified_dates

    def a_reader_visits_just_before(importer):
        visited.append(client.get("/articles/sciatica-pain/"))
        keep_dates(importer)

    monkeypatch.setattr(Importer, "_keep_modified_dates", a_reader_visits_just_before)
    with path.open("rb") as file:
        Importer().run(file)
    assert visited[0]["X-Page-Cache"] == "miss"  # stored for the next reader
    article = json_ld(client.get("/articles/sciatica-pain/"))["@graph"][1]
    assert article["dateModified"] == "2025-10-18T14:00:00+00:00"


LAUGHS = (
    '<!DOCTYPE rss [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)


def test_an_item_using_the_exports_own_entities_is_named_not_silently_dropped(tmp_path):
    head = HEAD.replace("?>\n", "?>\n" + LAUGHS, 1)
    laughs = item(700, "Laughs", "<p>Body</p>").replace(
        "<title><![CDATA[Laughs]]></title>", "<title>Knee &lol3; care</title>"
    )
    path = export(tmp_path, laughs, item(701, "Fine", "<p>ok</p>"), head=head)
    output = run(path)
    assert "1 item could not be read whole" in output
    assert "Item 700" in output and "&lol3;" in output
    assert Article.objects.filter(wordpress_id=701).exists()


def test_an_uploads_zip_unpacks_only_what_the_export_names_and_no_zip_bomb(tmp_path):
    import zipfile

    from articles.wordpress.uploads_zip import pictures_named_in, unpacked_uploads

    knee = '<img src="https://x.example/wp-content/uploads/2025/10/knee-300x200.jpg" alt="A">'
    zeros = '<img src="/wp-content/uploads/2025/10/zeros.jpg" alt="">'
    path = export(tmp_path, item(901, "One picture", knee), item(902, "Zeros", zeros))
    with path.open("rb") as file:
        wanted = pictures_named_in(file)
    assert {"2025/10/knee-300x200.jpg", "2025/10/knee.jpg", "2025/10/zeros.jpg"} <= wanted
    archive = tmp_path / "uploads.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("wp-content/uploads/2025/10/knee.jpg", os.urandom(50_000))
        zipped.writestr("wp-content/uploads/2025/10/zeros.jpg", bytes(5_000_000))
        for n in range(30):  # thirty "pictures" no post uses
            zipped.writestr(f"wp-content/uploads/2019/01/unused-{n}.jpg", bytes(1_000_000))
    assert archive.stat().st_size < 200_000
    with archive.open("rb") as file, unpacked_uploads(file, wanted) as (folder, notes):
        found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        unpacked = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert found == ["2025/10/knee.jpg"]
    assert unpacked == 50_000
    assert any("zeros.jpg" in note and "no real picture" in note for note in notes)
    assert "Left packed: 30 pictures of the uploads .zip that no post uses." in notes

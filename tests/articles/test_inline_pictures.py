"""Pictures inside an article's text: only our own, sized, responsive on the page, chosen from the
editor's "Insert a picture" › "Choose a picture…" window, and kept while an article
shows them."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from articles.html import sanitize_article_html
from articles.models import InlinePicture
from demo.pictures import draw_topic_picture
from tests.factories import make_article, make_staff, run_worker, sign_in_staff

pytestmark = pytest.mark.django_db


def make_picture(alt="A therapist guiding a knee bend", size=(1000, 600)) -> InlinePicture:
    picture = InlinePicture(alt=alt)
    picture.image.save("knee-bend.jpg", draw_topic_picture("knee-pain", size=size), save=False)
    picture.save()
    return picture


def make_small_picture(alt: str) -> InlinePicture:
    """A plain 400-pixel picture: quick to make by the dozen."""
    buffer = io.BytesIO()
    Image.new("RGB", (400, 240), (120, 160, 150)).save(buffer, format="JPEG")
    picture = InlinePicture(alt=alt)
    picture.image.save("plain.jpg", ContentFile(buffer.getvalue(), name="plain.jpg"), save=False)
    picture.save()
    return picture


def figure(picture, caption="Bend only as far as is comfortable.") -> str:
    return (
        f'<figure><img src="{picture.src}" alt="{picture.alt}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def test_an_article_saved_before_the_worker_finished_offers_the_rest_once_made(client):
    picture = make_picture()
    article = make_article(body="<p>Sit tall.</p>" + figure(picture))
    stem = f"/media/renditions/{picture.image.name[:-4]}"
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'srcset="{stem}-480.jpeg 480w"' in page and f'src="{stem}-480.jpeg"' in page
    assert "data-renditions-up-to" not in page  # the saved text's note stays off the page

    run_worker()  # the worker makes them, and the articles showing the picture learn it
    article.refresh_from_db()
    assert "data-renditions-up-to" not in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'srcset="{stem}-480.jpeg 480w, {stem}-800.jpeg 800w, {stem}-1000.jpeg 1000w"' in page
    assert f'src="{stem}-1000.jpeg"' in page  # a rendition, never the upload itself


def test_only_our_own_pictures_stay_in_the_text():
    body = sanitize_article_html(
        '<figure><img src="https://tracker.example/pixel.gif" alt="x"><figcaption>Words stay'
        '</figcaption></figure><p><img src="/media/articles/in-text/../../secret.jpg" alt="y">'
        '<img src="/media/articles/in-text/ok.jpg" onerror="alert(1)" width="9e9"></p>'
    )
    assert "tracker.example" not in body and "secret" not in body and "onerror" not in body
    assert "<p>Words stay</p>" in body  # a caption without its picture becomes a paragraph
    assert '<img src="/media/articles/in-text/ok.jpg" alt="">' in body  # alt always present


def test_the_page_shows_a_responsive_sized_picture_with_its_caption(client):
    picture = make_picture()
    article = make_article(body="<p>Sit tall.</p>" + figure(picture))
    assert 'width="1000" height="600"' in article.body  # from the file, whatever the editor sent
    assert default_storage.exists("renditions/articles/in-text/knee-bend-480.webp")
    page = client.get(article.get_absolute_url())
    assertContains(page, f"/media/renditions/{picture.image.name[:-4]}-480.webp 480w")
    assertContains(
        page,
        'alt="A therapist guiding a knee bend" width="1000" height="600" '
        'loading="lazy" decoding="async"',
    )
    assertContains(page, "<figcaption>Bend only as far as is comfortable.</figcaption>")


def test_an_editor_chooses_or_uploads_a_picture_in_the_editor_window(client):
    make_picture()
    sign_in_staff(client, make_staff("editor", "Editors"))
    editor = client.get("/admin/articles/article/add/")
    assertContains(editor, "/admin/articles/inlinepicture/choose/")  # the editor's chooser
    chooser = client.get("/admin/articles/inlinepicture/choose/?CKEditorFuncNum=1")
    assertContains(chooser, 'data-alt="A therapist guiding a knee bend"')
    assertNotContains(chooser, 'id="nav-sidebar"')  # a small window: no menu
    small = SimpleUploadedFile("tiny.jpg", draw_topic_picture("back-pain", size=(200, 100)).read())
    refused = client.post(
        "/admin/articles/inlinepicture/choose/", {"image": small, "alt": "Too small"}
    )
    assertContains(refused, "This picture is 200 pixels wide; use one at least 320 wide")
    photo = SimpleUploadedFile("walk.jpg", draw_topic_picture("back-pain", size=(900, 600)).read())
    added = client.post(
        "/admin/articles/inlinepicture/choose/?CKEditorFuncNum=1",
        {"image": photo, "alt": "Two people walking"},
    )
    assertContains(added, 'data-alt="Two people walking"')
    assert InlinePicture.objects.get(alt="Two people walking").width == 900


def test_a_picture_an_article_shows_cannot_be_deleted(client):
    shown, unused = make_picture(), make_picture(alt="Unused")
    make_article(title="Knee bends at home", body=figure(shown))
    sign_in_staff(client, make_staff("editor", "Editors"))
    client.post(f"/admin/articles/inlinepicture/{shown.pk}/delete/", {"post": "yes"})
    client.post(f"/admin/articles/inlinepicture/{unused.pk}/delete/", {"post": "yes"})
    assert list(InlinePicture.objects.all()) == [shown]
    assert not default_storage.exists(unused.image.name)  # its file and renditions go with it
    assert not default_storage.exists(f"renditions/{unused.image.name[:-4]}-480.webp")
    assert default_storage.exists(f"renditions/{shown.image.name[:-4]}-480.webp")
    change = client.get(f"/admin/articles/inlinepicture/{shown.pk}/change/")
    assertNotContains(change, 'type="file"')  # replacing the file would break the article
    listing = client.get("/admin/articles/inlinepicture/")
    assertContains(listing, "Knee bends at home")  # where it is shown


def test_a_reviewer_may_look_but_not_upload(client):
    sign_in_staff(client, make_staff("reviewer", "Clinical reviewers"))
    chooser = client.get("/admin/articles/inlinepicture/choose/")
    assertContains(chooser, "No pictures yet")
    assertNotContains(chooser, 'type="file"')
    photo = SimpleUploadedFile("walk.jpg", draw_topic_picture("back-pain", size=(900, 600)).read())
    refused = client.post("/admin/articles/inlinepicture/choose/", {"image": photo, "alt": "x"})
    assert refused.status_code == 403 and not InlinePicture.objects.exists()


def test_the_picture_list_says_where_each_is_shown_in_a_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    sign_in_staff(client, make_staff("editor", "Editors"))
    client.get("/admin/articles/inlinepicture/")  # the session and permissions, read once
    for n in range(8):
        make_article(title=f"Exercise sheet {n}", body=figure(make_picture(alt=f"Step {n}")))
    with django_assert_max_num_queries(12):
        listing = client.get("/admin/articles/inlinepicture/")
    for n in range(8):
        assertContains(listing, f"Exercise sheet {n}")
        assertContains(listing, f"Step {n}")
    assertContains(listing, "1000 × 600")


def test_the_chooser_finds_an_older_picture_by_its_description(client):
    make_small_picture("Heel raises on a step")
    for n in range(61):
        make_small_picture(f"Newer picture {n}")
    sign_in_staff(client, make_staff("editor", "Editors"))
    newest = client.get("/admin/articles/inlinepicture/choose/?CKEditorFuncNum=3")
    assertNotContains(newest, "Heel raises on a step")  # the 60 newest only
    found = client.get("/admin/articles/inlinepicture/choose/?CKEditorFuncNum=3&q=heel")
    assertContains(found, 'data-alt="Heel raises on a step"')
    assertContains(found, 'name="CKEditorFuncNum" value="3"')  # still tied to the editor
    nothing = client.get("/admin/articles/inlinepicture/choose/?q=zebra")
    assertContains(nothing, "No picture matches")

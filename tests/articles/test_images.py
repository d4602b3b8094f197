"""Uploaded pictures (article heroes, clinic photos): checked, stripped of metadata, responsive."""

import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult
from PIL import Image

from core.images import MAX_UPLOAD_BYTES, CleanedPictureField, PictureField, clean_upload
from demo.pictures import draw_topic_picture
from tests.factories import make_article, make_clinic, run_worker, sign_in_staff

pytestmark = pytest.mark.django_db


def photo_bytes(size=(1200, 800), fmt="JPEG", exif=None) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 160, 150)).save(
        buffer, format=fmt, **({"exif": exif} if exif else {})
    )
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_camera_metadata_and_gps_position_are_removed():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (39.0, 4.0, 15.0)}  # GPS: where the photo was taken
    original = photo_bytes(exif=exif)
    assert Image.open(io.BytesIO(original)).getexif()  # the upload carries it
    cleaned = clean_upload(upload(original))
    assert not Image.open(io.BytesIO(cleaned.read())).getexif()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 not a picture at all", "not a picture we can read"),
        (photo_bytes()[:2000], "not a picture we can read"),  # cut off half way
        (photo_bytes(fmt="GIF"), "This is a GIF file"),
        (photo_bytes(size=(500, 400)), "500 pixels wide"),
    ],
    ids=["not an image", "corrupt", "wrong format", "too small"],
)
def test_unusable_uploads_are_rejected_with_a_clear_message(data, message):
    with pytest.raises(ValidationError, match=message):
        clean_upload(upload(data))


def test_a_decompression_bomb_is_rejected_before_it_is_decoded():
    # A tiny PNG that claims to be 20,000 × 20,000 pixels (400 million, 1.2 GB decoded).
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, format="PNG", optimize=True)
    data = buffer.getvalue()
    assert len(data) < 200_000
    with pytest.raises(ValidationError, match="too many to process. Resize it"):
        clean_upload(upload(data, "bomb.png"))


def test_an_oversized_file_is_rejected_by_its_size():
    big = upload(b"x" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValidationError, match="the largest we accept is 10 MB"):
        clean_upload(big)


def test_hero_picture_is_served_in_several_widths_as_webp_and_jpeg(client):
    article = make_article(slug="with-picture", hero_alt="A person stretching")
    article.hero_image.save("hero.jpeg", draw_topic_picture("t", size=(1400, 700)))
    run_worker()
    for width in (480, 800, 1200, 1400):
        for ext in ("webp", "jpeg"):
            name = f"renditions/articles/hero-{width}.{ext}"
            assert default_storage.exists(name), name
            assert Image.open(default_storage.open(name)).width == width
    html = client.get("/articles/with-picture/").content.decode()
    picture = html.split("<picture>")[1].split("</picture>")[0]
    assert (
        '<source type="image/webp" srcset="/media/renditions/articles/hero-480.webp 480w, '
        "/media/renditions/articles/hero-800.webp 800w, /media/renditions/articles/hero-1200.webp "
        '1200w, /media/renditions/articles/hero-1400.webp 1400w"' in picture
    )
    assert 'src="/media/renditions/articles/hero-1200.jpeg"' in picture  # never the upload
    assert 'sizes="(min-width: 42rem) 38rem, 100vw"' in picture
    assert 'width="1400" height="700"' in picture
    assert 'alt="A person stretching"' in picture
    assert 'fetchpriority="high"' in picture  # the first picture on the page: no lazy loading
    shared = 'property="og:image" content="https://www.foreverfitpt.example/media/renditions/'
    assert shared + 'articles/hero-1200.jpeg"' in html


def test_the_saving_request_makes_the_smallest_rendition_and_the_worker_the_rest(client):
    article = make_article(slug="new-picture", hero_alt="A person stretching")
    article.hero_image.save("fresh.jpeg", draw_topic_picture("t", size=(1400, 700)))
    assert renditions_of("fresh") == {"fresh-480.webp", "fresh-480.jpeg"}
    picture = client.get("/articles/new-picture/").content.decode().split("<picture>")[1]
    assert 'srcset="/media/renditions/articles/fresh-480.webp 480w"' in picture  # only what exists
    assert 'src="/media/renditions/articles/fresh-480.jpeg"' in picture
    assert "fresh-800" not in picture

    run_worker()
    assert len(renditions_of("fresh")) == 8
    # The worker's save made the page cache forget the page: the next reader gets every width.
    picture = client.get("/articles/new-picture/").content.decode().split("<picture>")[1]
    assert "/media/renditions/articles/fresh-1400.webp 1400w" in picture


def test_a_worker_starting_finishes_renditions_a_dead_worker_left_half_made(client):
    from core.images import finish_unfinished_pictures

    clinic = make_clinic(slug="half-made")
    clinic.photo.save("front.jpeg", draw_topic_picture("c", size=(1000, 600)))
    DBTaskResult.objects.all().delete()  # the queued task went with the worker that died
    finish_unfinished_pictures()  # what every worker does as it starts (core/apps.py)
    assert renditions_of("front", "clinics") == {
        f"front-{width}.{ext}" for width in (480, 800, 1000) for ext in ("webp", "jpeg")
    }
    clinic.refresh_from_db()
    assert clinic.photo_renditions_up_to == 1000


def test_a_decorative_picture_has_empty_alt_text(client):
    article = make_article(slug="decorated", hero_decorative=True, hero_alt="ignored")
    article.hero_image.save("deco.jpeg", draw_topic_picture("d", size=(900, 500)))
    assert 'alt=""' in client.get("/articles/decorated/").content.decode().split("<picture>")[1]


def renditions_of(stem: str, folder: str = "articles") -> set[str]:
    _, files = default_storage.listdir(f"renditions/{folder}")
    return {name for name in files if name.startswith(f"{stem}-")}


def test_replacing_a_picture_removes_the_old_renditions_and_keeps_none_twice(client):
    article = make_article(slug="replaced", hero_alt="A knee")
    article.hero_image.save("first.jpeg", draw_topic_picture("1", size=(900, 500)))
    run_worker()
    assert renditions_of("first") == {
        "first-480.webp",
        "first-480.jpeg",
        "first-800.webp",
        "first-800.jpeg",
        "first-900.webp",
        "first-900.jpeg",
    }
    article.hero_image.save("second.jpeg", draw_topic_picture("2", size=(900, 500)))
    run_worker()
    assert renditions_of("first") == set()
    assert len(renditions_of("second")) == 6


def test_renditions_are_made_once_not_on_every_save(monkeypatch):
    article = make_article(slug="saved-often", hero_alt="A knee")
    article.hero_image.save("once.jpeg", draw_topic_picture("1", size=(900, 500)))
    made = []
    monkeypatch.setattr("core.images.make_renditions", made.append)
    article.title = "A new title"
    article.save()
    assert made == []


def test_a_clinic_photo_uploaded_in_the_admin_loses_its_gps_position_and_gets_renditions(
    client, admin_user
):
    from tests.locations.test_clinics import clinic_form

    clinic = make_clinic(name="Bowie", slug="bowie")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (38.0, 56.0, 48.0)}  # GPS: where the photo was taken
    sign_in_staff(client, admin_user)
    response = client.post(
        f"/admin/locations/clinic/{clinic.pk}/change/",
        clinic_form(
            clinic, photo=upload(photo_bytes(exif=exif), "entrance.jpeg"), photo_alt_en="Our door"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clinic.refresh_from_db()
    assert not Image.open(clinic.photo.open("rb")).getexif()
    assert "entrance-480.webp" in renditions_of("entrance", "clinics")
    html = client.get("/locations/bowie/").content.decode()
    assert "/media/renditions/clinics/entrance-480.webp 480w" in html


def test_every_picture_staff_can_upload_goes_through_the_same_checks(admin_user):
    """One upload path: each image field of each model in the admin is a CleanedPictureField."""
    request = RequestFactory().get("/")
    request.user = admin_user
    fields = []
    for model, model_admin in admin.site._registry.items():
        form = model_admin.get_form(request)
        for field in model._meta.fields:
            if isinstance(field, models.ImageField):
                fields.append(f"{model.__name__}.{field.name}")
                assert isinstance(form.base_fields[field.name], CleanedPictureField), fields[-1]
    assert {"Article.hero_image", "Clinic.photo", "Topic.picture", "HomePage.picture"} <= set(
        fields
    )


def test_every_picture_field_of_every_model_is_one_picture_field_line():
    """Renditions, sizes and the description rule come with the field: no model has a picture
    that could forget them, and each has the fields pages read."""
    pictures = [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.fields
        if isinstance(field, models.ImageField)
    ]
    assert len(pictures) >= 5
    for model, field in pictures:
        assert isinstance(field, PictureField), f"{model.__name__}.{field.name}"
        for companion in (field.width_field, field.height_field, f"{field.name}_renditions_up_to"):
            assert model._meta.get_field(companion), companion
    described = {f"{m.__name__}.{f.description}" for m, f in pictures if f.description}
    assert described == {
        "Article.hero_alt",
        "Clinic.photo_alt",
        "HomePage.picture_alt",
        "Clinician.photo_alt",
        "Story.photo_alt",
    }


def test_the_admins_upload_names_the_pixel_cap_and_the_kinds_it_takes():
    """Through the admin's field, not only clean_upload: Django's own decoding answered
    "Upload a valid image" before our checks could say what to do."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    field = CleanedPictureField()
    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, format="PNG", optimize=True)
    huge = SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")
    with pytest.raises(ValidationError) as refused:
        field.clean(huge)
    assert "Resize it to at most 4000 pixels wide" in refused.value.messages[0]

    buffer = io.BytesIO()
    Image.new("RGB", (900, 600)).save(buffer, format="GIF")
    gif = SimpleUploadedFile("moving.gif", buffer.getvalue(), content_type="image/gif")
    with pytest.raises(ValidationError) as refused:
        field.clean(gif)
    message = refused.value.messages[0]
    assert "JPEG, PNG or WebP" in message and "bmp" not in message

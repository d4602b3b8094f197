import pytest
from pytest_django.asserts import assertContains, assertNotContains

from locations.nearest import distance_miles, parse_zip
from tests.factories import make_clinic

pytestmark = pytest.mark.django_db


def test_distance_of_one_degree_along_a_meridian_is_69_miles():
    # By hand: Earth's circumference 2 * pi * 3958.8 mi = 24,873.6 mi; / 360 degrees = 69.09 mi.
    assert distance_miles(39.0, -76.7, 40.0, -76.7) == pytest.approx(69.09, abs=0.01)
    # Along a parallel at 60 degrees north, a degree of longitude is half as long: cos 60 = 0.5.
    assert distance_miles(60.0, 0.0, 60.0, 1.0) == pytest.approx(34.55, abs=0.01)


def test_distance_is_symmetric_and_zero_at_the_same_point():
    assert distance_miles(39.0, -76.6, 38.9, -76.7) == distance_miles(38.9, -76.7, 39.0, -76.6)
    assert distance_miles(39.0, -76.6, 39.0, -76.6) == 0


@pytest.mark.parametrize(
    ("typed", "zip_code"),
    [
        ("21114", "21114"),
        (" 21114 ", "21114"),
        ("21114-1234", "21114"),
        ("211141234", "21114"),
        ("2111", None),
        ("abcde", None),
        ("21114-12", None),
        ("", None),
    ],
)
def test_zip_codes_are_read_in_the_forms_people_type(typed, zip_code):
    assert parse_zip(typed) == zip_code


@pytest.fixture
def five_clinics():
    return {
        name: make_clinic(
            name=name, slug=name.lower().replace(" ", "-"), latitude=lat, longitude=lon
        )
        for name, lat, lon in [
            ("Severna Park", "39.07710", "-76.55050"),
            ("Frederick", "39.41020", "-77.43830"),
            ("Crofton", "39.00420", "-76.68610"),
            ("Bowie", "38.94680", "-76.73350"),
            ("Gaithersburg", "39.11720", "-77.23400"),
        ]
    }


def test_nearest_clinics_are_listed_by_distance_with_miles(client, five_clinics):
    # ZIP 21114 (Crofton) sits at 39.0112, -76.6802 in the ZIP table. By hand, to the Crofton
    # clinic: 0.0070 deg of latitude * 69.09 = 0.484 mi north-south, 0.0059 deg of longitude *
    # 69.09 * cos(39.01 deg) = 0.317 mi east-west; sqrt(0.484^2 + 0.317^2) = 0.58 mi.
    response = client.get("/locations/?zip=21114")
    assertContains(response, "Nearest to Crofton, MD 21114")
    ranked = [clinic.name for clinic, _ in response.context["nearest"]]
    assert ranked == ["Crofton", "Bowie", "Severna Park", "Gaithersburg", "Frederick"]
    assertContains(response, '<span class="distance">· 0.6 mi</span>', html=True)


def test_nearest_results_show_whether_each_clinic_is_open(client, five_clinics):
    response = client.get("/locations/?zip=20716")
    # No opening hours were given, so every clinic asks to call.
    assertContains(response, "Closed · call for hours", count=5)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter a 5-digit ZIP code, for example 21114."),
        ("99999", "We couldn’t find the ZIP code 99999."),
        ("", "Enter your ZIP code, for example 21114."),
    ],
)
def test_bad_zip_gets_a_clear_message_and_all_clinics(client, five_clinics, typed, message):
    response = client.get("/locations/", {"zip": typed})
    assertContains(response, message)
    assertContains(response, "<title>Error: Our clinics")
    assertContains(response, 'aria-invalid="true"')
    assert len(response.context["clinics"]) == 5
    assertContains(response, "All clinics")


def test_out_of_area_zip_says_so_and_still_shows_all_clinics(client, five_clinics):
    response = client.get("/locations/?zip=90210")
    assertContains(response, "Beverly Hills, CA (90210) is")
    assertContains(response, "outside the area we serve")
    assertNotContains(response, "Nearest to")
    for name in five_clinics:
        assertContains(response, f">{name}</a>")


def test_home_page_offers_the_zip_search(client):
    response = client.get("/")
    assertContains(response, 'action="/locations/#results-heading"')
    assertContains(response, 'name="zip"')
    assertContains(response, 'autocomplete="postal-code"')

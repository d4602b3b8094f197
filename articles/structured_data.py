"""schema.org descriptions of an article for search engines (JSON-LD)."""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.site import absolute_url, organization_reference


def person(author) -> dict:
    """The author or reviewer, by the @id of their profile's Person (team/structured_data.py)."""
    profile = absolute_url(author.get_absolute_url())
    node = {"@type": "Person", "@id": profile + "#person", "url": profile, "name": author.name}
    if author.credentials:
        node["honorificSuffix"] = author.credentials
    if author.bio:
        node["description"] = author.bio
    return node


def article_json_ld(article) -> dict:
    """A MedicalWebPage (with its review), the Article on it, and the breadcrumb trail."""
    url = absolute_url(article.get_absolute_url())
    page = {
        "@type": "MedicalWebPage",
        "@id": url + "#webpage",
        "url": url,
        "name": article.page_title,
        "description": article.page_description,
        "about": {"@type": "Thing", "name": article.topic.name},
        "inLanguage": translation.get_language(),
        "mainEntity": {"@id": url + "#article"},
        "breadcrumb": {"@id": url + "#breadcrumb"},
    }
    if article.reviewer and article.last_reviewed:
        page["reviewedBy"] = person(article.reviewer)
        page["lastReviewed"] = article.last_reviewed.isoformat()
    body = {
        "@type": "Article",
        "@id": url + "#article",
        "headline": article.title,
        "inLanguage": translation.get_language(),
        "description": article.summary,
        "articleSection": article.topic.name,
        "datePublished": article.publish_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "author": person(article.author),
        "publisher": organization_reference(),
        "mainEntityOfPage": {"@id": url + "#webpage"},
    }
    if article.hero_image:
        body["image"] = absolute_url(article.hero.url)
    trail = [
        (gettext("Home"), absolute_url(reverse("home"))),
        (gettext("Articles"), absolute_url(reverse("articles:list"))),
        (article.topic.name, absolute_url(article.topic.get_absolute_url())),
        (article.title, url),
    ]
    breadcrumb = {
        "@type": "BreadcrumbList",
        "@id": url + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": item}
            for n, (name, item) in enumerate(trail, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [page, body, breadcrumb]}

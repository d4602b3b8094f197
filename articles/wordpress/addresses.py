"""What a moved-in WordPress site's old addresses answer. The import leaves a Redirect row for
each (articles/wordpress/importer.py); articles/middleware.py, in place of Django's redirect
fallback, answers them as the old site's visitors, newsletters and search engines need:

- with any query string (newsletters and ads add `?utm_source=...&fbclid=...`), the address
  without it when the full one is not known;
- an emoji's percent-encoding in either case of hex digits (Django gives the path decoded);
- never revealing what is hidden: an old address of a draft, private, password-protected or
  scheduled post stays a 404 until the article is published here (at its minute, as the article);
- the kinds of address WordPress makes for every site, by their shape (OLD_KINDS): feeds, paged
  and date archives, tags, nested categories, uploaded files at any size, its sitemap. An
  uploaded file nothing here shows is 410 Gone. The README's table lists them all.
"""

import re
from urllib.parse import unquote, urlencode

from django.contrib.redirects.models import Redirect
from django.contrib.sites.shortcuts import get_current_site
from django.http import Http404, HttpResponseGone, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.encoding import escape_uri_path

from articles.models import Article, InlinePicture, Topic
from articles.wordpress.uploads_zip import RESIZED_COPY
from core.images import rendition_url

GONE = ""  # a Redirect row's new path that means 410 Gone, as in Django's redirects app


def answer_to_old_address(request):
    """A redirect or a 410 for an address that is a 404 here, or None (articles.middleware)."""
    site = get_current_site(request)
    path, full_path = escape_uri_path(request.path), request.get_full_path()
    # With its query string only when the import recorded it so; "" (Gone) counts.
    new_path = recorded(site, full_path) if full_path != path else None
    if new_path is None:
        new_path = new_address(site, path)
    if new_path is None or (new_path and not shown_to_visitors(new_path)):
        return None
    return HttpResponsePermanentRedirect(new_path) if new_path else HttpResponseGone()


def recorded(site, path: str) -> str | None:
    """The new address the import recorded for an old one (with or without its slash)."""
    candidates = [path] if path.endswith("/") or "?" in path else [path, path + "/"]
    known = dict(
        Redirect.objects.filter(site=site, old_path__in=candidates).values_list(
            "old_path", "new_path"
        )
    )
    return next((known[old] for old in candidates if old in known), None)


def new_address(site, path: str) -> str | None:
    """An old address without its query string: recorded by the import, else by its kind."""
    known = recorded(site, path)
    if known is not None:
        return known
    for shape, answer in OLD_KINDS:
        if match := shape.match(path):
            return answer(site, match)
    return None


def _feed(site, match):
    """A post's comment feed goes to the article, a category's to its topic's feed."""
    base = match["base"]
    if not base:
        return reverse("articles:feed")
    target = new_address(site, base + "/")
    if target and target.startswith(reverse("articles:list") + "topics/"):
        return target + "feed/"
    return target if target is not None else reverse("articles:feed")


def _paged(site, match):
    base = match["base"]
    target = new_address(site, base + "/") if base else None
    return target or reverse("articles:list")


def _category(site, match):
    """A nested category (/category/sports-injuries/running/) goes to the topic of its own
    slug, else of the nearest category above it that is a topic, else to the articles."""
    slugs = unquote(match["path"]).strip("/").split("/")
    for slug in reversed(slugs):
        topic = Topic.objects.filter(slug=slug).first()
        if topic:
            return topic.get_absolute_url()
    return reverse("articles:list")


def _tag(site, match):
    words = unquote(match["tag"]).replace("-", " ")
    return reverse("articles:search") + "?" + urlencode({"q": words})


def _upload(site, match):
    """An uploaded file, at any of WordPress's sizes: the picture copied from it, else Gone."""
    name = unquote(match["file"])
    original = RESIZED_COPY.sub(r"\1", name)
    picture = InlinePicture.objects.filter(imported_from__in=[original, name]).first()
    if picture is not None:
        return rendition_url(picture.image.name, picture.width, picture.image_renditions_up_to)
    # An article's own picture (WordPress's featured image): the import recorded its file.
    featured = recorded(site, escape_uri_path(f"/wp-content/uploads/{original}"))
    return featured if featured is not None else GONE


OLD_KINDS = [
    (re.compile(r"^(?P<base>/.*?)?/feed(?:/(?:atom|rss|rss2|rdf))?/?$"), _feed),
    (re.compile(r"^(?P<base>/.*?)?/page/\d+/?$"), _paged),
    (re.compile(r"^/\d{4}(?:/\d{2}(?:/\d{2})?)?/?$"), lambda site, m: reverse("articles:list")),
    (re.compile(r"^/tag/(?P<tag>[^/]+)/?$"), _tag),
    (re.compile(r"^/category/(?P<path>.+?)/?$"), _category),
    (re.compile(r"^/wp-content/uploads/(?P<file>.+)$"), _upload),
    (re.compile(r"^/(?:wp-sitemap[\w-]*|sitemap_index)\.xml$"), lambda site, m: reverse("sitemap")),
]


def shown_to_visitors(path: str) -> bool:
    """False for an article's address while the article is not public (a draft, or scheduled)."""
    try:
        match = resolve(path)
    except Resolver404:
        return True  # not one of our pages' addresses: whatever is there answers for itself
    if match.view_name != "articles:detail":
        return True
    return Article.objects.published().filter(slug=match.kwargs.get("slug")).exists()


def answer_to_wordpress_query(request):
    """WordPress's plain addresses on the home page's path, which would otherwise show the home
    page for an address that named something: a post (?p=), a page (?page_id=), a picture's page
    (?attachment_id=), a category (?cat=), a tag (?tag=) or a search (?s=). None: not one."""
    query = request.GET
    post = query.get("p", "")
    if post:
        valid = post.isdigit() and len(post) < 19  # a database integer
        article = Article.objects.filter(wordpress_id=post).first() if valid else None
        if article is None:  # a number we never imported: the articles
            return HttpResponsePermanentRedirect(reverse("articles:list"))
        if not Article.objects.published().filter(pk=article.pk).exists():
            raise Http404("No such article")  # a draft, private or scheduled post, as WordPress
        return HttpResponsePermanentRedirect(article.get_absolute_url())
    for name in ("page_id", "attachment_id", "cat"):
        if name in query:
            known = Redirect.objects.filter(
                site=get_current_site(request), old_path=f"/?{name}={query[name][:19]}"
            ).first()
            if known and shown_to_visitors(known.new_path):
                return HttpResponsePermanentRedirect(known.new_path)
            if name == "cat":  # a category we do not know: every topic is on the list
                return HttpResponsePermanentRedirect(reverse("articles:list"))
            raise Http404("Nothing of the old site had this number")
    words = query.get("s") or query.get("tag", "").replace("-", " ")
    if words:
        search = reverse("articles:search") + "?" + urlencode({"q": words[:200]})
        return HttpResponsePermanentRedirect(search)
    return None

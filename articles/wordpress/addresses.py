"""What a moved-in WordPress site's old addresses answer. The import leaves a Redirect row for
each (articles/wordpress/importer.py); this middleware, in place of Django's redirect fallback,
answers them as the old site's visitors, newsletters and search engines need:

- with any query string (newsletters and ads add `?utm_source=...&fbclid=...`), the address
  without it when the full one is not known;
- an emoji's percent-encoding in either case of hex digits (Django gives the path decoded);
- never revealing what is hidden: an old address of a draft, private, password-protected or
  scheduled post stays a 404 until the article is published here (at its minute, as the article).
"""

from urllib.parse import urlencode

from django.contrib.redirects.models import Redirect
from django.contrib.sites.shortcuts import get_current_site
from django.http import Http404, HttpResponseGone, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.encoding import escape_uri_path

from articles.models import Article


class OldAddressesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return self.answer_for(request) or response

    @staticmethod
    def answer_for(request):
        path = escape_uri_path(request.path)
        candidates = [request.get_full_path(), path]
        if not path.endswith("/"):
            candidates.append(path + "/")
        redirects = Redirect.objects.filter(
            site=get_current_site(request), old_path__in=candidates
        ).values_list("old_path", "new_path")
        known = dict(redirects)
        if not known:
            return None
        new_path = next(known[old] for old in candidates if old in known)
        if not new_path:
            return HttpResponseGone()
        if not shown_to_visitors(new_path):
            return None
        return HttpResponsePermanentRedirect(new_path)


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

"""Signed, expiring preview links for drafts, for clinicians without an admin account.

The signature covers the article's id and its last change: editing the article (or pressing
"save" on it) makes every link handed out before that stop working.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "articles.preview"


def preview_token(article) -> str:
    return signing.dumps([article.pk, article.updated_at.isoformat()], salt=SALT, compress=True)


def preview_url(article) -> str:
    return reverse("articles:shared-preview", kwargs={"token": preview_token(article)})


def article_for_token(token: str, articles):
    """The article a token names, if the token is genuine, unexpired and still current."""
    try:
        pk, changed = signing.loads(
            token, salt=SALT, max_age=settings.ARTICLE_PREVIEW_LINK_DAYS * 24 * 3600
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    article = articles.filter(pk=pk).first()
    if article is None or article.updated_at.isoformat() != changed:
        return None
    return article

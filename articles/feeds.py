from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext, gettext_lazy

from articles.models import Article, Topic
from core.site import absolute_url

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
    """The articles in the page's language (/articles/feed/, /es/articles/feed/)."""

    description = gettext_lazy(
        "Plain-language articles on pain, injuries and recovery by our physical therapists."
    )

    @property
    def language(self):
        return translation.get_language()

    def title(self):
        return gettext("%(site)s: articles") % {"site": settings.SITE_NAME}

    def link(self):
        return absolute_url(reverse("articles:list"))

    def item_link(self, article):
        return absolute_url(article.get_absolute_url())

    def items(self):
        return self.articles()[:FEED_SIZE]

    def articles(self, topic=None):
        articles = Article.objects.published().select_related("author", "topic")
        return articles.filter(topic=topic) if topic else articles

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_pubdate(self, article):
        return article.publish_at

    def item_updateddate(self, article):
        return article.updated_at

    def item_author_name(self, article):
        return str(article.author)

    def item_categories(self, article):
        return [article.topic.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"{settings.SITE_NAME}: {topic.name}"

    def link(self, topic):
        return absolute_url(topic.get_absolute_url())

    def description(self, topic):
        return topic.description or gettext("Articles about %(topic)s.") % {
            "topic": topic.name.lower()
        }

    def items(self, topic):
        return self.articles(topic)[:FEED_SIZE]


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed

    def subtitle(self, topic):
        return self.description(topic)

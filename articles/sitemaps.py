from django.contrib.sitemaps import Sitemap

from articles.models import Article, Topic


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().filter(noindex=False).only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at.replace(microsecond=0)


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.all()

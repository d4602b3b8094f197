from articles.models import Article, Topic
from core.sitemaps import PublicSitemap


class ArticleSitemap(PublicSitemap):
    def items(self):
        return Article.objects.published().filter(noindex=False).only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at.replace(microsecond=0)


class TopicSitemap(PublicSitemap):
    def items(self):
        return Topic.objects.all()

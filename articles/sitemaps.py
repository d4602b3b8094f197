from articles.models import Article, Topic, every_version
from core.sitemaps import PublicSitemap


class ArticleSitemap(PublicSitemap):
    def items(self):
        articles = Article.objects.published().filter(noindex=False)
        return articles.only(*every_version("slug"), "updated_at")

    def get_languages_for_item(self, article):
        """Each version at its own address, naming the others."""
        return list(article.versions())

    def lastmod(self, article):
        return article.updated_at.replace(microsecond=0)


class TopicSitemap(PublicSitemap):
    def items(self):
        return Topic.objects.all()

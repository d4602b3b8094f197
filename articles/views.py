from django.views.generic import DetailView, ListView

from articles.models import Article


class ArticleListView(ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 12

    def get_queryset(self):  # per request: timezone.now() must not freeze at import
        return Article.objects.published().select_related("topic", "author")


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().select_related("topic", "author")

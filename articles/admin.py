from django.contrib import admin

from articles.models import Article, Author, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials"]
    search_fields = ["name", "credentials"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "publish_at", "topic", "author"]
    list_filter = ["status", "topic", "author", "publish_at"]
    list_select_related = ["topic", "author"]
    search_fields = ["title", "summary"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topic", "author"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "author", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "publish_at"]}),
    ]

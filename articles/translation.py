"""What of the articles is written in each language (django-modeltranslation): each field gets
a `_en` and an `_es` column, edited side by side in the admin. An article's Spanish version has
its own address (slug_es) and its own medical review date; it exists once it has a title, an
address and a text (Article.in_spanish)."""

from modeltranslation.translator import TranslationOptions, register

from articles.models import Article, Topic, UrgentCareNotice


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description", "request_label")


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = (
        *("title", "slug", "summary", "body", "hero_alt", "seo_title", "seo_description"),
        "last_reviewed",
        # Worked out from each version's body on save.
        *("table_of_contents", "reading_minutes"),
    )
    # A version stands alone: no English title, summary or review date on a Spanish page.
    fallback_languages = {"default": ()}
    empty_values = {"slug": None, "last_reviewed": None}


@register(UrgentCareNotice)
class UrgentCareNoticeTranslation(TranslationOptions):
    fields = ("text",)

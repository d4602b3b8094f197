from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Prefetch, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from modeltranslation.admin import TranslationAdmin

from articles.models import (
    Article,
    InlinePicture,
    SearchCount,
    Topic,
    UrgentCareNotice,
    WordPressImport,
    every_version,
    written_in,
)
from articles.preview import preview_url
from articles.tasks import import_wordpress_export
from core.images import delete_renditions, rendition_name, rendition_widths
from core.page_cache import forget_all_pages
from core.site import absolute_url


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(UrgentCareNotice)
class UrgentCareNoticeAdmin(TranslationAdmin):
    """One wording for every article: it can be edited, never added to or deleted."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReviewDueFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Review due"), ("current", "Reviewed recently")]

    def queryset(self, request, queryset):
        due = queryset.review_due()
        if self.value() == "due":
            return due
        if self.value() == "current":
            return queryset.exclude(pk__in=due.values("pk"))
        return queryset


class ArticleForm(forms.ModelForm):
    publish_unreviewed = forms.BooleanField(
        required=False,
        label="Publish without a medical review",
        help_text="Only on purpose: the page will tell readers it has not been medically "
        "reviewed yet. Better: ask a clinical reviewer first.",
    )

    class Meta:
        model = Article
        fields = ["publish_unreviewed"]  # the admin adds the fields of its fieldsets

    def clean(self):
        cleaned = super().clean()
        if "status" not in self.fields:
            return cleaned  # this user cannot publish
        reviewed = cleaned.get("reviewer") or self.instance.reviewer_id
        reviewed = reviewed and (cleaned.get("last_reviewed_en") or self.instance.last_reviewed_en)
        newly_published = (
            cleaned.get("status") == Article.Status.PUBLISHED
            and self.initial.get("status") != Article.Status.PUBLISHED
        )  # asked once, when it goes out, not again at every later edit
        if newly_published and not reviewed and not cleaned.get("publish_unreviewed"):
            self.add_error(
                "publish_unreviewed",
                "This article has no medical review. Ask a clinical reviewer to review it, or "
                "tick this box to publish it anyway.",
            )
        return cleaned


@admin.register(Article)
class ArticleAdmin(TranslationAdmin):
    form = ArticleForm

    # Five columns that fit a 1280-pixel screen; authors are a filter.
    list_display = ["title", "state", "when", "topic", "reviewed"]
    list_filter = ["status", ReviewDueFilter, "topic", "author", "reviewer", "publish_at"]
    list_select_related = ["topic", "author"]
    search_fields = ["title", "summary"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug_en": ["title_en"], "slug_es": ["title_es"]}
    readonly_fields = ["publication", "preview_links"]
    actions = ["record_my_review", "record_my_spanish_review"]

    class Media:
        # Before the editor's own script, which reads window.gettext once as it loads.
        js = ["js/editor-words.js"]

    # The Spanish version under the English one, in the same form: its own address and, under
    # Medical review, its own review date. Left empty, the article has no Spanish version.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title_en",
                    "slug_en",
                    "topic",
                    "author",
                    "summary_en",
                    "body_en",
                    "show_urgent_care",
                ]
            },
        ),
        (
            "Spanish version",
            {
                "description": "Optional. Written for Spanish-speaking readers, not machine "
                "translated; shown at its own address under /es/ once it has a title, address, "
                "summary and text.",
                "fields": ["title_es", "slug_es", "summary_es", "body_es"],
            },
        ),
        ("Picture", {"fields": ["hero_image", "hero_alt", "hero_decorative"]}),
        ("Publishing", {"fields": ["publication", "status", "publish_at", "preview_links"]}),
        (
            "Medical review",
            {"fields": ["reviewer", "last_reviewed_en", "last_reviewed_es", "publish_unreviewed"]},
        ),
        (
            "Search engines and sharing",
            {
                "classes": ["collapse"],
                "fields": [
                    "seo_title_en",
                    "seo_description_en",
                    "seo_title_es",
                    "seo_description_es",
                    "noindex",
                ],
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm("articles.publish_article"):
            return fieldsets
        return [  # the confirmation is for those who publish
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f != "publish_unreviewed"]},
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("articles.publish_article"):
            readonly += ["status", "publish_at"]  # reviewers and writers cannot publish
        if not request.user.has_perm("articles.review_article"):
            readonly += ["reviewer", *every_version("last_reviewed")]  # only clinicians review
        return readonly

    @admin.display(description="Status", ordering="status")
    def state(self, obj):
        if obj.is_scheduled:
            return format_html("<strong>{}</strong>", "Scheduled")
        return obj.get_status_display()

    @admin.display(description="Publish time", ordering="publish_at")
    def when(self, obj):
        return date_format(timezone.localtime(obj.publish_at), "M j, Y")

    @admin.display(description="Last reviewed", ordering="last_reviewed")
    def reviewed(self, obj):
        return date_format(obj.last_reviewed, "M j, Y") if obj.last_reviewed else "Not yet"

    @admin.display(description="Readers see it")
    def publication(self, obj):
        """In words: a future time with 'Published' means scheduled, and this says so."""
        if not obj.pk or obj.status != Article.Status.PUBLISHED:
            return "Not yet: a draft. Choose “Published” and a time to publish or schedule it."
        when = date_format(timezone.localtime(obj.publish_at), "l, F j, Y, g:i A")
        if obj.is_scheduled:
            return format_html("<strong>Scheduled</strong>: it appears on {}.", when)
        return f"Since {when}."

    def view_on_site(self, obj):
        # A draft or scheduled article has no public page yet: "View on site" opens its preview.
        if obj.status == Article.Status.PUBLISHED and not obj.is_scheduled:
            return obj.get_absolute_url()
        return reverse("articles:preview", args=[obj.pk])

    @admin.display(description="Preview")
    def preview_links(self, obj):
        if not obj.pk:
            return "Save the article to preview it."
        return format_html(
            '<a href="{}" target="_blank">Preview as it will look</a><br>'
            "Link for a clinician without an account (works for {} days, and stops when the "
            'article is changed):<br><input type="text" readonly size="60" value="{}" '
            'aria-label="Shareable preview link">',
            reverse("articles:preview", args=[obj.pk]),
            settings.ARTICLE_PREVIEW_LINK_DAYS,
            absolute_url(preview_url(obj)),
        )

    @admin.action(description="Record my medical review today", permissions=["review"])
    def record_my_review(self, request, queryset):
        author = getattr(request.user, "author", None)
        if author is None:
            self.message_user(
                request,
                "Your staff account is not linked to a clinician. Ask an editor to link it under "
                "Clinical team › Clinicians, so the review shows your name and credentials.",
                messages.ERROR,
            )
            return
        # The English version's review; a Spanish version has its own action.
        count = queryset.update(
            reviewer=author, last_reviewed_en=timezone.localdate(), updated_at=timezone.now()
        )
        # update() sends no save signal, and the cached pages name the reviewer and the date.
        transaction.on_commit(forget_all_pages)
        self.message_user(request, f"Recorded your review of {count} article(s).", messages.SUCCESS)

    @admin.action(
        description="Record my medical review of the Spanish version today", permissions=["review"]
    )
    def record_my_spanish_review(self, request, queryset):
        """Its own date: the Spanish page says when its own words were checked."""
        written = queryset.filter(written_in("es"))
        count = written.update(last_reviewed_es=timezone.localdate(), updated_at=timezone.now())
        transaction.on_commit(forget_all_pages)
        skipped = queryset.count() - count
        message = f"Recorded your review of {count} Spanish version(s)."
        if skipped:
            message += f" {skipped} article(s) have no Spanish version yet."
        self.message_user(request, message, messages.SUCCESS if count else messages.WARNING)

    def has_review_permission(self, request):
        return request.user.has_perm("articles.review_article")


@admin.register(WordPressImport)
class WordPressImportAdmin(admin.ModelAdmin):
    """Upload a WordPress export; the task worker imports it and this page shows how it went."""

    list_display = ["__str__", "state", "items_read", "dry_run", "uploaded_by"]
    fields = ["export", "uploads", "dry_run"]
    readonly_fields = [
        "state",
        "items_read",
        "summary_lines",
        "report_link",
        "uploaded_by",
        "created_at",
    ]

    def get_urls(self):
        report = self.admin_site.admin_view(self.redirect_report)
        name = "articles_wordpressimport_redirects"
        return [path("<int:pk>/redirects.csv", report, name=name), *super().get_urls()]

    def redirect_report(self, request, pk):
        """Every old address of the import and its new one, as a CSV file to download."""
        run = get_object_or_404(WordPressImport, pk=pk)
        if not self.has_view_permission(request, run) or not run.redirect_report:
            raise Http404("No redirect report")
        response = HttpResponse(run.redirect_report, content_type="text/csv; charset=utf-8")
        filename = f"wordpress-redirects-{run.created_at:%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.display(description="Old addresses")
    def report_link(self, obj):
        if not obj.redirect_report:
            return "After the import: a list of every old address and where it leads now."
        rows = obj.redirect_report.count("\n") - 1
        url = reverse("admin:articles_wordpressimport_redirects", args=[obj.pk])
        return format_html(
            '<a href="{}">Download the {} old addresses and their new ones (CSV)</a>: for '
            "Search Console's change of address.",
            url,
            rows,
        )

    def get_fields(self, request, obj=None):
        return self.fields if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.display(description="Summary")
    def summary_lines(self, obj):
        if not obj.summary:
            return "Not finished yet: this page refreshes itself."
        return format_html_join("", "<p>{}</p>", ((line,) for line in obj.summary.splitlines()))

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: import_wordpress_export.enqueue(obj.pk))

    def delete_model(self, request, obj):
        obj.export.delete(save=False)  # the export holds drafts and private posts
        obj.uploads.delete(save=False)
        super().delete_model(request, obj)


CHOOSER_PICTURES = 60  # the newest, or the newest that match a search


class InlinePictureForm(forms.ModelForm):
    class Meta:
        model = InlinePicture
        fields = ["image", "alt"]


@admin.register(InlinePicture)
class InlinePictureAdmin(admin.ModelAdmin):
    """Pictures for article text. The article editor's "Insert a picture" › "Choose a
    picture…" opens the chooser below in a small window: pick one (or upload one there) and it
    goes into the text."""

    form = InlinePictureForm
    list_display = ["thumbnail", "description", "size", "used_in", "added_at"]
    search_fields = ["alt", "image"]

    def get_urls(self):
        chooser = self.admin_site.admin_view(self.choose)
        return [path("choose/", chooser, name="articles_inlinepicture_choose"), *super().get_urls()]

    @admin.display(description="Picture")
    def thumbnail(self, obj):
        return format_html('<img class="picture-thumbnail" src="{}" alt="">', _thumbnail_url(obj))

    @admin.display(description="Description", ordering="alt")
    def description(self, obj):
        return obj.alt or "(decorative: no description)"

    @admin.display(description="Size in pixels")
    def size(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description="Shown in")
    def used_in(self, obj):
        titles = [article.title for article in obj.articles.all()]
        return ", ".join(titles) or "No article yet"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("articles", queryset=Article.objects.only("title")))
        )

    # One at a time, each checked: the list's bulk delete would not ask whether articles show them.
    actions = None

    def get_readonly_fields(self, request, obj=None):
        # Articles show the file by its address: a new file would leave them a broken picture.
        return ["image"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        # A picture an article shows stays: deleting it would leave a hole in the text.
        if obj is not None and obj.articles.exists():
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        delete_renditions(obj.image.name)
        obj.image.delete(save=False)
        super().delete_model(request, obj)

    def choose(self, request):
        """The editor's picture chooser: the pictures, newest first (a search finds older ones by
        description or file name), and an upload form."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        can_add = self.has_add_permission(request)
        form = InlinePictureForm(request.POST or None, request.FILES or None) if can_add else None
        if request.method == "POST":
            if form is None:
                raise PermissionDenied
            if form.is_valid():
                picture = form.save()
                self.log_addition(request, picture, [{"added": {}}])
                form = InlinePictureForm()
        pictures = InlinePicture.objects.all()
        if terms := request.GET.get("q", "").strip()[:100]:
            pictures = pictures.filter(Q(alt__icontains=terms) | Q(image__icontains=terms))
        context = {
            **self.admin_site.each_context(request),
            "title": "Choose a picture",
            "is_popup": True,
            "opts": self.opts,
            "form": form,
            "terms": terms,
            "editor_call": request.GET.get("CKEditorFuncNum", "")[:10],
            "pictures": [(p, _thumbnail_url(p)) for p in pictures[:CHOOSER_PICTURES]],
        }
        return TemplateResponse(request, "admin/articles/inlinepicture/choose.html", context)


def _thumbnail_url(picture: InlinePicture) -> str:
    """The smallest rendition (made on save), so that a page of thumbnails stays light."""
    smallest = rendition_widths(picture.width)[0]
    return default_storage.url(rendition_name(picture.image.name, smallest, "jpeg"))


@admin.register(SearchCount)
class SearchCountAdmin(admin.ModelAdmin):
    """What readers searched for, a week at a time: the best list of articles to write next."""

    SHOWN = 25  # rows in each table

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        weeks = list(SearchCount.objects.dates("week", "day", order="DESC"))
        week = next((w for w in weeks if w.isoformat() == request.GET.get("week")), None)
        week = week or (weeks[0] if weeks else None)
        rows = SearchCount.objects.filter(week=week)
        top = rows.values("query").annotate(total=Sum("count")).order_by("-total", "query")
        nothing = rows.filter(found=False).order_by("-count", "query")
        may_write = request.user.has_perm("articles.add_article")
        context = {
            **self.admin_site.each_context(request),
            "title": "What readers searched for",
            "opts": self.model._meta,
            "weeks": weeks,
            "week": week,
            "top": [(row["query"], row["total"]) for row in top[: self.SHOWN]],
            "nothing": [(row.query, row.count) for row in nothing[: self.SHOWN]],
            "new_article_url": reverse("admin:articles_article_add") if may_write else None,
            "retention_days": settings.SEARCH_COUNT_RETENTION_DAYS,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/searchcount/searches.html", context)

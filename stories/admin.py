from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from stories.models import Consent, Story, withdraw_consent

NO_CONSENT = (
    "A story can be shown only with a signed consent in force that covers the website: add one "
    "below (who signed, when, until when, and the signed form), or untick “show on the site”."
)


class ConsentFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if not self.instance.published:
            return
        now = timezone.now()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("covers_site"):
                continue
            withdrawn = form.instance.pk and form.instance.withdrawn_at
            if data.get("expires_at") and data["expires_at"] > now and not withdrawn:
                return
        raise ValidationError(NO_CONSENT)


class ConsentInline(admin.StackedInline):
    model = Consent
    formset = ConsentFormSet
    extra = 0
    min_num = 0
    fields = [
        "given_by",
        "given_on",
        "covers_site",
        "covers_photo",
        "expires_at",
        "authorization",
        "signed_form",
        "consent_status",
    ]
    readonly_fields = ["signed_form", "consent_status"]
    # A plain file input: Django's usual one links to the file's URL, and this file has none.
    formfield_overrides = {Consent.authorization.field.__class__: {"widget": forms.FileInput}}

    def has_delete_permission(self, request, obj=None):
        return False  # a consent is withdrawn, never erased: the record must stay

    @admin.display(description="Status")
    def consent_status(self, consent):
        return consent.status

    @admin.display(description="Signed form on file")
    def signed_form(self, consent):
        if not consent.pk or not consent.authorization:
            return "Not yet uploaded"
        if not self.user_can_download:
            return "On file (downloading it needs the “download signed consent forms” permission)"
        url = reverse("admin:stories_consent_authorization", args=[consent.pk])
        return format_html('<a href="{}">Download the signed form</a>', url)

    def get_formset(self, request, obj=None, **kwargs):
        self.user_can_download = request.user.has_perm("stories.download_authorization")
        return super().get_formset(request, obj, **kwargs)


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "clinic", "clinician", "topic", "published", "on_site_now"]
    list_filter = ["published", "clinic", "topic"]
    search_fields = ["name", "words"]
    fields = [
        "name",
        "words",
        "language",
        "topic",
        "clinic",
        "clinician",
        "photo",
        "photo_alt",
        "published",
    ]
    inlines = [ConsentInline]
    actions = ["withdraw"]

    def get_queryset(self, request):
        on_site = Exists(Story.objects.on_site().filter(pk=OuterRef("pk")))
        queryset = super().get_queryset(request).select_related("clinic", "clinician", "topic")
        return queryset.annotate(is_on_site=on_site)

    @admin.display(description="On the site now", boolean=True)
    def on_site_now(self, story):
        return story.is_on_site

    @admin.action(description="Consent withdrawn: take off the site and record it")
    def withdraw(self, request, queryset):
        for story in queryset:
            withdraw_consent(story=story, user=request.user)
            self.log_change(request, story, "Consent withdrawn; taken off the site.")
        self.message_user(
            request,
            f"{queryset.count()} stor{'y' if queryset.count() == 1 else 'ies'} taken off the "
            "site; the withdrawal is recorded on each consent.",
            messages.SUCCESS,
        )

    def get_urls(self):
        own = [
            path(
                "<int:story_id>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name="stories_story_withdraw",
            ),
            path(
                "consent/<int:consent_id>/signed-form/",
                self.admin_site.admin_view(self.authorization_view),
                name="stories_consent_authorization",
            ),
        ]
        return own + super().get_urls()

    def withdraw_view(self, request, story_id):
        story = get_object_or_404(Story, pk=story_id)
        if request.method != "POST" or not self.has_change_permission(request, story):
            raise PermissionDenied
        self.withdraw(request, Story.objects.filter(pk=story.pk))
        return HttpResponseRedirect(reverse("admin:stories_story_change", args=[story.pk]))

    def authorization_view(self, request, consent_id):
        if not request.user.has_perm("stories.download_authorization"):
            raise PermissionDenied
        consent = get_object_or_404(Consent, pk=consent_id)
        if not consent.authorization:
            raise Http404("No signed form on file")
        response = FileResponse(
            consent.authorization.open("rb"),
            as_attachment=True,
            filename=f"consent-{consent.pk}{PurePath(consent.authorization.name).suffix}",
        )
        response["Cache-Control"] = "private, no-store"
        return response

"""Insurance plans as data: each plan, its kind, and the clinics in network for it (with a note
per clinic: "referral needed", "20 visits a year"). The insurance page, each clinic's page and
the request form's choice list read the same cached list."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from core.cached_lists import CachedList


class Plan(models.Model):
    class Kind(models.TextChoices):
        # In the order patients look for them: the page lists the kinds in this order.
        COMMERCIAL = "commercial", _("Health insurance")
        MEDICARE = "medicare", "Medicare"
        MEDICAID = "medicaid", "Medicaid"
        WORKERS_COMPENSATION = "workers-compensation", _("Workers’ compensation")
        AUTO = "auto", _("Auto insurance (no-fault)")
        SELF_PAY = "self-pay", _("Paying yourself")

    name = models.CharField(
        max_length=120, unique=True, help_text='As patients know it, e.g. "Aetna".'
    )
    kind = models.CharField(max_length=24, choices=Kind, default=Kind.COMMERCIAL)
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="What holds at every clinic, e.g. “Includes Medicare Advantage plans”.",
    )
    clinics = models.ManyToManyField(
        "locations.Clinic",
        through="Network",
        blank=True,
        related_name="insurance_plans",
        help_text="The clinics in network for this plan.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def kind_order(self) -> int:
        return list(Plan.Kind.values).index(self.kind)


class Network(models.Model):
    """One clinic in network for one plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="networks")
    clinic = models.ForeignKey(
        "locations.Clinic", on_delete=models.CASCADE, related_name="insurance_networks"
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown with this clinic, e.g. “Referral needed” or “20 visits a year”. For "
        "self-pay, the clinic's rates.",
    )

    class Meta:
        ordering = ["clinic__order", "clinic__name"]
        verbose_name = "clinic in network"
        verbose_name_plural = "clinics in network"
        constraints = [
            models.UniqueConstraint(fields=["plan", "clinic"], name="one_network_row_per_clinic")
        ]

    def __str__(self):
        return f"{self.plan} at {self.clinic}"


def _accepted_plans() -> list[Plan]:
    """Plans at least one active clinic takes, by kind then name, each with `in_network`: its
    rows at active clinics, in the clinics' order. Two queries, whatever the number of plans."""
    active = Network.objects.filter(clinic__active=True).select_related("clinic")
    plans = Plan.objects.prefetch_related(Prefetch("networks", active, to_attr="in_network"))
    return sorted(
        (plan for plan in plans if plan.in_network), key=lambda p: (p.kind_order, p.name.casefold())
    )


# Read by the insurance page, every clinic page and the request form; apps.py empties it when a
# plan or a clinic's network changes.
accepted_plans = CachedList("accepted-insurance-plans", _accepted_plans)


def plans_by_kind(plans) -> list[tuple[str, list[Plan]]]:
    """(kind's label, its plans) in the kinds' order, for headings and option groups."""
    groups: dict[str, list[Plan]] = {}
    for plan in plans:
        groups.setdefault(plan.get_kind_display(), []).append(plan)
    return list(groups.items())


def plans_at(clinic_id: int) -> list[tuple[Plan, str]]:
    """The plans a clinic takes, each with its notes (the clinic's, then the plan's own), from
    the shared list; self-pay rates are the plan of kind SELF_PAY."""
    found = []
    for plan in accepted_plans():
        for row in plan.in_network:
            if row.clinic_id == clinic_id:
                found.append((plan, " ".join(filter(None, [row.note, plan.note]))))
    return found

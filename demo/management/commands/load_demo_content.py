import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from core.site import absolute_url
from demo.content import load_demo_content


class Command(BaseCommand):
    help = "Load the demo clinics and articles (only what is missing) and make a first admin user."

    def handle(self, *args, **options):
        created = load_demo_content()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(f"Demo content: created {summary}.")
        self.ensure_admin_user()

    def ensure_admin_user(self):
        admin_url = absolute_url(f"/{settings.ADMIN_URL}")
        User = get_user_model()
        if User.objects.filter(is_staff=True).exists():
            self.stdout.write(
                f"Admin: sign in at {admin_url} with your staff account "
                "(forgotten? .venv/bin/python manage.py changepassword admin)."
            )
            return
        # Random and shown once: no demo site ever has a known default password.
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: sign in at {admin_url} as 'admin' with password {password}\n"
                "       (shown only now; change it with: "
                ".venv/bin/python manage.py changepassword admin)\n"
                "       Patients' requests ask for a second factor: an authenticator app or a "
                "passkey, set up on the spot."
            )
        )

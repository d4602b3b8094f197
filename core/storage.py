"""Where files staff upload but nobody may download go (WordPress exports): PRIVATE_ROOT, a
folder no URL serves, unlike MEDIA_ROOT."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read at each use, so a changed setting (tests, a new deployment path) is followed.
    @property
    def base_location(self):
        return settings.PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

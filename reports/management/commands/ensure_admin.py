"""Create the `admin` account once: password from RDAPI_ADMIN_PASSWORD, else random and printed once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Ensure a superuser 'admin' exists (RDAPI_ADMIN_PASSWORD or a random password printed once)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        users = get_user_model()
        if users.objects.filter(username=username).exists():
            self.stdout.write(f"Admin account '{username}' exists; password unchanged.")
            return
        password = os.environ.get("RDAPI_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        users.objects.create_superuser(username=username, email="", password=password)
        if os.environ.get("RDAPI_ADMIN_PASSWORD"):
            self.stdout.write(f"Created admin account '{username}' with the password from RDAPI_ADMIN_PASSWORD.")
        else:
            self.stdout.write(f"Created admin account '{username}' with password: {password}  (shown only once)")

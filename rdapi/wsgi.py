"""WSGI entry point (gunicorn rdapi.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rdapi.settings")
application = get_wsgi_application()

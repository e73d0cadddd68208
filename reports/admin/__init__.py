"""The admin for editors: find, check and correct any record; see history and import runs.

One module per area; importing them registers their ModelAdmins.
"""

from django.contrib import admin

from . import bodies, imports, reports, statistics  # noqa: F401  (registration)

admin.site.site_header = "rdapi editors"
admin.site.site_title = "rdapi admin"
admin.site.index_title = "Find, check and correct records"

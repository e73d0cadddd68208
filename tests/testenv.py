"""Loaded as a pytest plugin (-p) before Django starts. Test-wide environment: a throwaway secret key so settings load with DEBUG off."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret-" + "x" * 40)

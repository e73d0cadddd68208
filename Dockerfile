# rdapi behind gunicorn. Build: docker build -t rdapi .
# Run:   docker run -e SECRET_KEY=… -e ALLOWED_HOSTS=… -e DATABASE_URL=postgres://… -p 8000:8000 rdapi
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 rdapi
WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY --chown=rdapi:rdapi . .
# collectstatic needs settings to load; the key is a build-time placeholder only.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

USER rdapi
EXPOSE 8000
CMD ["gunicorn", "rdapi.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]

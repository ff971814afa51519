# RSP Mobility Matchmaking Tool: one image for the web server, the Celery worker
# and Celery beat (docker-compose.yml picks the command).
FROM python:3.11-slim

# PYTHONPATH: import the project from /app, not from the copy `pip install .` puts
# in site-packages, since settings derive BASE_DIR (templates/, static/) from it.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    WEB_CONCURRENCY=3

RUN groupadd --system app && useradd --system --gid app --home-dir /app --no-create-home app

WORKDIR /app
COPY . /app
# The lock pins every dependency to the versions the tests ran with.
RUN pip install -c requirements.lock . && rm -rf build *.egg-info

# Static files are collected into the image. The SECRET_KEY here is random, exists
# only for this step and is not kept in the image; set the real one at run time.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" DEBUG=false \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/mail /app/var/offsets \
    && chown -R app:app /app/var

USER app
EXPOSE 8000

# Asks /healthz (database and broker) with a Host from ALLOWED_HOSTS, and as if
# behind the TLS proxy so that SECURE_SSL_REDIRECT does not answer with a redirect.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request as r; h = next((x.strip().lstrip('.') for x in os.environ.get('ALLOWED_HOSTS', 'localhost').split(',') if x.strip() and '*' not in x), 'localhost'); r.urlopen(r.Request('http://127.0.0.1:8000/healthz', headers={'Host': h, 'X-Forwarded-Proto': 'https'}), timeout=8)"

CMD ["gunicorn", "earlall_rsp.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]

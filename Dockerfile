# Production image for ADGMIN Tracker: gunicorn serves Django, WhiteNoise serves static files.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

RUN useradd --create-home --uid 1000 tracker
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# collectstatic needs some key; the real one comes from the environment at run time.
RUN DJANGO_SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput

USER tracker
EXPOSE 8000
# Header limits (request line, number and size of header fields); gunicorn has no body limit,
# the app refuses large bodies from their Content-Length (tracker.middleware).
CMD ["gunicorn", "tracker.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", \
     "--limit-request-line", "8190", "--limit-request-fields", "50", "--limit-request-field_size", "8190"]

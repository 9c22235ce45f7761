FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv PATH="/opt/venv/bin:$PATH"
WORKDIR /app
RUN pip install --no-cache-dir uv
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev
COPY . .
RUN DEBUG=false SECRET_KEY=build-only \
    TIP_SOURCE_KEYS="$(python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())")" \
    python manage.py collectstatic --noinput
RUN useradd --create-home dealdesk && mkdir -p /app/var && chown -R dealdesk /app/var
USER dealdesk
ENV GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
# Workers, threads, keep-alive and timeouts: gunicorn.conf.py (read from /app).
CMD ["gunicorn", "newsroom.wsgi:application"]

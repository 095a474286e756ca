# The jkg API (and loader) image. Used by docker-compose.yml; the API serves the
# embedded store by default and the Neo4j store with JKG_BACKEND=neo4j.
# tests/test_wheel.py follows these steps outside Docker (a fresh virtual environment
# and `pip install .` of the files copied here), so what this image installs is tested.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY pyproject.toml setup.py README.md ./
COPY ontology ontology
COPY graph graph
COPY api api
COPY cli cli
RUN pip install .

COPY seed_data seed_data
ENV JKG_DATA='["/app/seed_data"]'

EXPOSE 8000
CMD ["jkg", "serve", "--host", "0.0.0.0", "--port", "8000"]

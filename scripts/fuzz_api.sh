#!/usr/bin/env bash
# Fuzzes the JSON API with schemathesis against a real server on 127.0.0.1, built from a
# throwaway database with the demo content and a token for every service. Fails on any
# 5xx response or a response that breaks the OpenAPI schema. Bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${FUZZ_PORT:-8391}
SECONDS_BUDGET=${FUZZ_SECONDS:-240}
export KOMMUN_VAR_DIR=$(mktemp -d)
export DJANGO_SETTINGS_MODULE=kommun.settings.base
export DATABASE_URL="sqlite:///$KOMMUN_VAR_DIR/kommun.sqlite3"  # its own, whatever the caller has
export LOG_LEVEL=ERROR  # the fuzzer's 4xx answers are expected; show only errors
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$KOMMUN_VAR_DIR"' EXIT

python=.venv/bin/python
$python manage.py migrate --noinput --verbosity 0
# Publishing writes the status snapshots, whose pages name the static files.
$python manage.py collectstatic --noinput --verbosity 0
$python manage.py load_demo > /dev/null
# A publisher for the default municipality, allowed all of its services.
services=$($python manage.py shell -v0 -c "
from django.contrib.auth.models import User
from wagtail.models import Site
from kommun.site.site_structure import operations_group
site = Site.objects.get(is_default_site=True)
User.objects.create_user('fuzz').groups.add(operations_group(site))
print(','.join(site.services.values_list('slug', flat=True)))")
token=$($python manage.py api_token create --user fuzz --services "$services" 2>/dev/null | tail -1)

.venv/bin/granian --interface wsgi --host 127.0.0.1 --port "$PORT" --workers 1 \
  --log-level warning kommun.wsgi:application &
SERVER=$!

.venv/bin/st run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --wait-for-schema 30 \
  --header "Authorization: Bearer $token" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance \
  --max-examples 40 \
  --max-time "$SECONDS_BUDGET" \
  --request-timeout 10 \
  --generation-deterministic \
  --workers 1

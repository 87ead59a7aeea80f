# The two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO ?= 1

.PHONY: run test test-pg services fuzz browser setup served-folders install lint format messages clean lock

run: setup
	@if [ -f var/demo-login.txt ]; then echo "Admin: http://127.0.0.1:$(PORT)/admin/"; sed 's/^/  /' var/demo-login.txt; \
		echo "The partner municipality: http://lisohirsk.localhost:$(PORT)/"; fi
	@echo "Serving http://127.0.0.1:$(PORT)/ (Ctrl-C stops the server, worker and scheduler)"
	@# Restarts a process that ends instead of stopping them all (README: "Running it").
	KOMMUN_PORT=$(PORT) $(BIN)/python scripts/supervise.py --procfile Procfile

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# The layers of docs/architecture.md: an upward import or an import circle fails here.
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=kommun.settings.test
	$(BIN)/python manage.py check --settings=kommun.settings.test
	$(BIN)/pytest --ds=kommun.settings.test

# The suite again on PostgreSQL and Redis, as production runs (scripts/services.sh starts
# them on 127.0.0.1 if they are not running). PG_URL and REDIS_TEST_URL choose others.
PG_URL ?= postgres://postgres@127.0.0.1:5432/kommun_ci
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
test-pg: setup services
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/pytest --ds=kommun.settings.test

services:
	scripts/services.sh

# schemathesis against a real server on 127.0.0.1, bounded by FUZZ_SECONDS (default 240).
fuzz: setup
	scripts/fuzz_api.sh

# Debian's Chromium for the browser tests and nginx for the tests of deploy/nginx.conf.
# Without root or a package mirror they cannot be installed, and those tests are skipped
# with a message saying so.
CHROMIUM ?= /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { \
		echo "Installing Chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "Chromium could not be installed: the browser tests will be skipped"; }
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
		echo "Installing nginx for the tests of deploy/nginx.conf"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null) \
		|| echo "nginx could not be installed: the nginx tests will be skipped"; }

setup: install node_modules served-folders
	$(BIN)/pybabel --quiet compile -d kommun/locale -D django
	$(BIN)/python manage.py migrate --noinput --verbosity 0
	@# Before any content: creating it writes the status snapshots, whose pages name static files.
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py setup_site
	@if [ "$(DEMO)" != "0" ]; then $(BIN)/python manage.py load_demo; fi

# granian refuses to start when a folder the Procfile mounts is missing, as var/media is in
# a fresh clone until something is uploaded: every mounted folder is made here.
served-folders:
	@mkdir -p $$(grep -o -- '--static-path-mount [^ ]*' Procfile | cut -d' ' -f2)

install: $(VENV)/.installed

# Leaflet for the maps, from the npm registry. Without npm the site runs without maps.
node_modules: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch node_modules; \
	else echo "npm not found: the maps are left out (install Node.js and npm to have them)"; fi

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (set PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# Every package, transitive ones included, is pinned with its hashes: a clean clone
	@# installs exactly what CI tested, and a tampered download is refused.
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# Compile requirements*.in into the hashed lock files after changing a dependency.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes
lock: install
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in -c requirements.txt -o requirements-dev.txt

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# The layers of docs/architecture.md: an upward import or an import circle fails here.
	$(BIN)/lint-imports

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages:
	cd kommun && ../$(BIN)/django-admin makemessages --locale sv --locale uk --locale en --ignore 'settings/*' --no-obsolete

clean:
	rm -rf $(VENV) var

# Two commands for a fresh machine: `make run` (the site with demo content) and `make test`.
# Everything else here serves those two, production (`make prod`) and CI (`make ci`).

VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-dev
HOST_PORT := 127.0.0.1:8000
# `make run`'s public address, built from the port it serves: admin sign-in, canonical links,
# preview links and emails name the address the site is really on.
RUN_URL = http://localhost:$(lastword $(subst :, ,$(HOST_PORT)))

.PHONY: run worker test browser-tools system-packages prod lint format ci lock clean bench \
	bench-tools bench-import scale-check chaos

# A Python >= 3.12 from the PATH or, where `python3` is older, from pyenv's versions folder.
$(PY):
	@py=""; \
	pyenv_root=$$(pyenv root 2>/dev/null || echo "$$HOME/.pyenv"); \
	for candidate in python3.14 python3.13 python3.12 python3 \
	    $$(ls -d "$$pyenv_root"/versions/3.*/bin/python3 2>/dev/null | sort -rV); do \
	  if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    py=$$candidate; break; \
	  fi; \
	done; \
	if [ -z "$$py" ]; then echo "Python 3.12 or newer is needed; none was found." >&2; exit 1; fi; \
	echo "Creating $(VENV) with $$("$$py" --version) ($$py)"; \
	"$$py" -m venv $(VENV)

# Re-installs only when the lock changes, so a second `make run` installs nothing.
$(INSTALLED): requirements-dev.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

# The Spanish catalogue, compiled from the .po we write, by Babel (pure Python: no gettext to
# install); the compiled file is never committed. Fuzzy entries are left out, as gettext does.
CATALOGUES := locale/es/LC_MESSAGES/django.mo
$(CATALOGUES): %.mo: %.po $(INSTALLED)
	$(VENV)/bin/pybabel compile --statistics -i $< -o $@

# Without Redis, a cache on disk that the site and the worker share: what the worker changes
# (pictures' renditions, a WordPress import) reaches the page cache of the site's process.
RUN_CACHE := .run-cache

# The site and its task worker (which sends notification emails: to the console here). Its address
# is localhost, not 127.0.0.1: passkeys need a host name. The demo's admin opens without a second
# factor, except for patients' requests (check --deploy refuses this setting).
run: $(INSTALLED) $(CATALOGUES)
	@export DJANGO_DEBUG=true DJANGO_SITE_URL=$(RUN_URL) STAFF_SECOND_FACTOR_REQUIRED=false; \
	echo "The demo site: $(RUN_URL) (its links and emails are built from this address; HOST_PORT=$(HOST_PORT))"; \
	if [ -z "$${CACHE_URL:-}" ] && ! grep -qs '^CACHE_URL=' .env; then \
	  rm -rf $(RUN_CACHE); export CACHE_URL=filecache://$(CURDIR)/$(RUN_CACHE); \
	fi; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_demo_content && \
	{ $(MAKE) --no-print-directory worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST_PORT); }

# The task worker alone: at start it sends what a dead worker left behind, then works the queue.
worker: $(INSTALLED)
	@$(PY) manage.py db_worker

# What the browser tests need besides Python: Debian's Chromium, a Java runtime for the Nu Html
# Checker, and the checker itself (npm package vnu-jar, pinned in package-lock.json).
VNU := node_modules/vnu-jar/build/dist/vnu.jar

browser-tools: system-packages $(VNU)

# Debian's package for each command that is missing ($(1): command=package pairs): installed as
# root, otherwise named ($(2) says who needs them).
define debian_packages
	@missing=""; \
	for pair in $(1); do \
	  command -v "$${pair%%=*}" >/dev/null || missing="$$missing $${pair#*=}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "$(2):$$missing (sudo apt-get install$$missing)" >&2; exit 1; fi; \
	fi
endef

system-packages:
	$(call debian_packages,chromium=chromium java=default-jre-headless npm=npm,The browser tests need)

$(VNU): package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The tests run production-like (DEBUG off) with a throwaway key and ignore a local .env; on
# every core (each worker with its own test database; the files whose tests share one loaded
# fixture kept together), with branch coverage, failing under the floor measured when it was set.
COVERAGE_FLOOR := 89.9
test: $(INSTALLED) $(CATALOGUES) browser-tools
	DJANGO_ENV_FILE=/dev/null DJANGO_SECRET_KEY=test-only-not-a-secret $(PY) -m pytest \
	  -n auto --maxprocesses=6 --dist loadgroup \
	  --cov --cov-report=term --cov-fail-under=$(COVERAGE_FLOOR)

# Production configuration, from the environment (or .env); refuses to start without a secret key.
prod: $(INSTALLED) $(CATALOGUES)
	$(PY) manage.py check --deploy
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@{ $(MAKE) --no-print-directory worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/gunicorn forever_fit.wsgi; }

# The benchmark (deploy/bench.py): production gunicorn, the shipped nginx front cache and wrk,
# on a throwaway site with 10,000 articles; DATABASE_URL/CACHE_URL pick PostgreSQL and Redis.
bench: bench-tools
	$(PY) deploy/bench.py
	$(PY) deploy/picture_cost.py

# A 100 MB WordPress export made from the fixture, imported without pictures (deploy/import_bench.py).
bench-import: $(INSTALLED)
	cd deploy && ../$(PY) import_bench.py

bench-tools: $(INSTALLED) $(CATALOGUES)
	$(call debian_packages,wrk=wrk nginx=nginx-light,The benchmark needs)

# One fault at a time (Redis down or hung, database connections killed, mail down, a worker
# killed, the database down) under load, with a table of what readers and patients saw.
chaos: bench-tools
	$(PY) deploy/chaos.py

# Two app instances behind the shipped nginx, sharing PostgreSQL and Redis (deploy/scale_check.py).
scale-check: bench-tools
	$(PY) deploy/scale_check.py

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(INSTALLED)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

ci:
	bash .ci/run

# Re-pin every dependency (with hashes) after editing pyproject.toml.
lock: $(INSTALLED)
	$(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.12 --generate-hashes -q -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.12 --generate-hashes -q -o requirements-dev.lock

clean:
	rm -rf $(VENV) node_modules staticfiles test-output

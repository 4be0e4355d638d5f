# ADGMIN Tracker: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DJANGO_DEBUG=true

.PHONY: run test lint format venv clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pinned requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

run: venv
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	$(DEV_ENV) $(BIN)/python manage.py create_demo_users
	@echo "Serving ADGMIN Tracker at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: venv
	@if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then \
		echo "Chromium found: the browser tests will run."; \
	else \
		echo "NOTE: no Chromium found (/usr/bin/chromium): the browser tests will be SKIPPED. Install Debian's chromium to run them."; \
	fi
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache

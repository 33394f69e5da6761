# The two set-up commands of the README, and a few everyday ones.
#   make edition   install everything, then check (and, once it exists, build) the edition
#   make test      install everything, then run the test suite
# Both create .venv when it is missing and install the Debian packages they need when run
# as root; otherwise they print the exact apt-get command to run.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Debian packages: jing is the reference RELAX NG validator for tei_all conformance.
EDITION_PACKAGES :=
TEST_PACKAGES := jing

.PHONY: edition test lint clean

edition: $(VENV)/.installed
	@PYTHON=$(PYTHON) sh scripts/install-system-packages.sh $(EDITION_PACKAGES)
	$(BIN)/cables check

test: $(VENV)/.installed
	@PYTHON=$(PYTHON) sh scripts/install-system-packages.sh $(EDITION_PACKAGES) $(TEST_PACKAGES)
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

$(VENV)/.installed: pyproject.toml
	@PYTHON=$(PYTHON) sh scripts/install-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf build $(VENV)

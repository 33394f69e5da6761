# The two set-up commands of the README, and a few everyday ones.
#   make edition   install everything, then check and build the edition into build/
#   make test      install everything, then run the test suite
# Both create .venv when it is missing and install the Debian packages they need when run
# as root; otherwise they print the exact apt-get command to run.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Debian packages: jing is the reference RELAX NG validator for tei_all conformance;
# chromium runs the browser tests (Playwright drives the system browser), Java runs the
# Nu Html Checker, and the Noto fonts let the screenshots show the Chinese text.
# The print edition needs the Noto fonts (Latin with Romanian diacritics, and Chinese);
# the PDF tests read the PDFs with poppler-utils.
EDITION_PACKAGES := fonts-noto-core fonts-noto-cjk
TEST_PACKAGES := jing poppler-utils chromium default-jre-headless fonts-noto-core fonts-noto-cjk

.PHONY: edition test lint clean

edition: $(VENV)/.installed
	@PYTHON=$(PYTHON) sh scripts/install-system-packages.sh $(EDITION_PACKAGES)
	$(BIN)/cables build

test: $(VENV)/.installed node_modules/.installed
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

# The npm test tools (vnu-jar, axe-core) at the versions in package-lock.json. Install
# scripts are skipped: vnu-jar's only tries to download a Java runtime, and Debian's is used.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 18 or newer" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

clean:
	rm -rf build $(VENV) node_modules

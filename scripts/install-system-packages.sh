#!/bin/sh
# Install the Debian packages of the groups named as arguments (and python3-venv when
# Python lacks venv) if they are missing. As root it runs apt-get; otherwise it prints the
# command. Groups:
#   edition  what `cables build` needs besides Python: WeasyPrint's libraries (Pango with
#            its FreeType back end, HarfBuzz's subsetter for the embedded fonts), fontconfig
#            (cables asks fc-list for the fonts) and the Noto fonts of the print edition
#            (Latin with Romanian diacritics, and Chinese)
#   test     the tests' tools: Jing (the reference RELAX NG validator for tei_all),
#            poppler-utils (the PDF tests read the PDFs), Chromium (Playwright drives the
#            system browser) and Java (the Nu Html Checker)
# Any other argument is taken as the name of a Debian package.
set -eu

EDITION="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig fonts-noto-core fonts-noto-cjk"
TEST="jing poppler-utils chromium default-jre-headless"

wanted=""
for argument in "$@"; do
    case "$argument" in
        edition) wanted="$wanted $EDITION" ;;
        test) wanted="$wanted $TEST" ;;
        *) wanted="$wanted $argument" ;;
    esac
done

missing=""
if ! "${PYTHON:-python3}" -c "import venv, ensurepip" 2>/dev/null; then
    missing="python3-venv"
fi
for package in $wanted; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
missing=$(echo "$missing" | xargs)
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian packages: $missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "Missing Debian packages. Install them with:" >&2
    echo "    sudo apt-get install $missing" >&2
    exit 1
fi

#!/bin/sh
# Install the Debian packages named as arguments (and python3-venv when Python lacks
# venv) if they are missing. As root it runs apt-get; otherwise it prints the command.
set -eu

missing=""
if ! "${PYTHON:-python3}" -c "import venv, ensurepip" 2>/dev/null; then
    missing="python3-venv"
fi
for package in "$@"; do
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

#!/usr/bin/env bash
# Creates a Composer project in PROJECT_DIR that requires elko/elko from PACKAGE_DIR through a "path"
# repository (copied, not symlinked, as from a release archive) and installs it offline: Packagist is
# disabled and COMPOSER_DISABLE_NETWORK is set, so nothing but the two folders is used.
# Used by `make test-php-composer` and the PHP-FPM test (bindings/php/tests/fpm/fpm_check.py).
#
# Usage: install-project.sh PACKAGE_DIR PROJECT_DIR
set -euo pipefail
package=$(cd "$1" && pwd)
mkdir -p "$2"
project=$(cd "$2" && pwd)
cat > "$project/composer.json" <<JSON
{
    "name": "elko-test/shop",
    "description": "A shop that uses elko/elko, installed by Composer from a path repository",
    "type": "project",
    "license": "proprietary",
    "repositories": [
        {"type": "path", "url": "$package", "options": {"symlink": false}},
        {"packagist.org": false}
    ],
    "require": {
        "elko/elko": "*@dev"
    }
}
JSON
export COMPOSER_DISABLE_NETWORK=1 COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1
export COMPOSER_HOME="$project/.composer" COMPOSER_CACHE_DIR="$project/.composer/cache"
composer --working-dir="$project" install --no-progress --no-dev --quiet
test -f "$project/vendor/elko/elko/lib/libelko.so" || { echo "install-project: vendor/elko/elko/lib/libelko.so is missing"; exit 1; }
echo "install-project: elko/elko $(composer --working-dir="$project" show elko/elko 2>/dev/null | sed -n 's/^versions *: *//p') installed in $project/vendor/elko/elko (lib/libelko.so included)"

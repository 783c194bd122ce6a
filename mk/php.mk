# The PHP package as Composer installs it, and as PHP-FPM runs it: `composer validate --strict`
# (Debian's composer), the package staged with the library in its lib/ folder and installed from a
# "path" repository offline, then a real PHP-FPM (Debian's php-fpm, production settings, preloaded)
# serving requests over FastCGI (Debian's libfcgi-bin cgi-fcgi) that call a sandbox through it.
# Included by the Makefile (-include mk/*.mk). Every target builds what it needs (lib: mk/lib.mk).
COMPOSER      ?= composer
PHP_FPM       ?= $(shell command -v php-fpm8.2 2>/dev/null || command -v php-fpm 2>/dev/null || echo /usr/sbin/php-fpm8.2)
PHP_PACKAGE   := build/php/package
PHP_PKG_FILES := composer.json README.md autoload.php preload.php src

.PHONY: php-package test-php-composer test-php-fpm

## build/php/package: elko/elko as it ships (composer.json, README.md, autoload.php, preload.php, src/)
## with libelko.so in its lib/ folder, where Elko\Native looks right after ELKO_LIBRARY.
php-package: lib
	rm -rf $(PHP_PACKAGE) && mkdir -p $(PHP_PACKAGE)/lib
	cd bindings/php && cp -r $(PHP_PKG_FILES) $(CURDIR)/$(PHP_PACKAGE)/
	cp $(LIB_SO) $(PHP_PACKAGE)/lib/libelko.so

## composer validate --strict, then a temporary project that requires elko/elko from build/php/package
## through a path repository (offline, Packagist disabled) and calls a sandbox with the package's lib/.
test-php-composer: php-package
	cd bindings/php && COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_DISABLE_NETWORK=1 $(COMPOSER) validate --strict
	$(SWIFT) build --product elko
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  bash bindings/php/tests/composer/install-project.sh $(PHP_PACKAGE) "$$tmp/shop" && \
	  env -u ELKO_LIBRARY $(SANDBOX_RUN) -- $(PHP) bindings/php/tests/composer/check.php "$$tmp/shop"

## Debian's php-fpm started by the test with production settings (ffi.enable=preload, opcache preload of
## the Composer-installed package; as root ffi.preload and opcache.preload_user), 20 workers on a unix
## socket, requests over FastCGI (cgi-fcgi): 20 concurrent requests over ELKO's limit with 0 403s, RSS per
## worker stable over 1,000 requests, no worker crash (bindings/php/tests/fpm/fpm_check.py). About 15 s.
test-php-fpm: php-package
	$(SWIFT) build --product elko
	timeout 170 $(PYTHON) bindings/php/tests/fpm/fpm_check.py --package $(PHP_PACKAGE) --elko $(DEBUG_BIN)/elko \
	  --php-fpm $(PHP_FPM) --php $(PHP)

EXTRA_TESTS += test-php-composer test-php-fpm

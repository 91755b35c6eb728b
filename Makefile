# Set-up and entry points. `make report` and `make test` install the system libraries the build
# links against (libzstd, zlib) when they are missing, then build with SwiftPM.
SHELL := /bin/bash
APT_PACKAGES := libzstd-dev zlib1g-dev pkg-config zstd gzip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps report test bench

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

report: deps
	swift run -c release harness phase0 --size small

test: deps
	swift test
	swift run harness phase0 --size small --check

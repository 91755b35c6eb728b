# Set-up and entry points. `make report`, `make test` and `make bench` install the system libraries
# the build links against (libzstd, zlib) and the gzip/zstd tools when they are missing, then build
# with SwiftPM. `make bench` takes BENCH_SIZES (e.g. small,medium,big; default all, and 1M takes
# minutes), BENCH_GOALS (G1,G2,G3,A1,A2,T1,T2,T3,R1; T1,T2,T3 alone skip the phase0 size runs), BENCH_HARNESS
# and BENCH_KEEP=1; see scripts/bench.py.
# `make fuzz` builds the libFuzzer targets of Fuzz/ (a package of its own, so `swift build` and
# `swift test` never build them) and runs each for FUZZ_SECONDS (default 120); see scripts/fuzz.sh.
SHELL := /bin/bash
APT_PACKAGES := libzstd-dev zlib1g-dev pkg-config zstd gzip
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Release builds carry the Swift runtime and Foundation inside the binary: a run starts in about
# 7 ms instead of 13, a quarter of generating --size big, and the binary needs no toolchain to run.
RELEASE_BUILD := swift build -c release --static-swift-stdlib
# The tracked report on real traces (experiments/real/README.md): the sweep the field quotes
# (gzip-6/9, zstd-3/19) on the file; potentials and per-span frames at zstd-3, which keeps the
# drift check of `make test` to about a minute; the trace-store file at the format's own levels.
REAL_REPORT := analyze experiments/real/hipstershop-oteltraces.zst --report reports/real-hipstershop.md \
  --levels gzip:6,9 zstd:3,19 --analysis-level 3

.PHONY: deps report test bench fuzz proto

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

report: deps
	$(RELEASE_BUILD)
	.build/release/harness phase0 --size small
	.build/release/harness $(REAL_REPORT)

test: deps
	swift test
	swift run harness phase0 --size small --check
	swift run harness $(REAL_REPORT) --check

bench: deps
	$(RELEASE_BUILD)
	$(PYTHON) scripts/bench.py

fuzz: deps
	scripts/fuzz.sh

# Regenerates Sources/OTLPProto/otlp_trace.pb.swift from otlp_trace.proto (needs protoc and
# protoc-gen-swift; see scripts/proto.sh). The generated code is committed, so builds need neither.
proto:
	scripts/proto.sh

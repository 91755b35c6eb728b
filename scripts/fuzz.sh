#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (with AddressSanitizer) and runs each for FUZZ_SECONDS
# (default 120), starting from a small corpus of the test fixtures. Prints each target's
# executions per second and any crash; exits non-zero if a target crashed or failed to build.
# FUZZ_TARGETS="FuzzZipkin FuzzJaeger" (or "FuzzZipkin,FuzzJaeger") picks targets; the default is
# every name in Fuzz/Package.swift. Crash inputs land in .build-fuzz/crashes/<target>/: each one
# found becomes a regression input under Tests/TraceFormatsTests/Fixtures/fuzz/, or
# Tests/TraceStoreTests/Fixtures/fuzz/ for FuzzTraceStore (see the FuzzRegressionTests there).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${FUZZ_SECONDS:-120}
work=$root/.build-fuzz
targets=${FUZZ_TARGETS:-$(sed -n 's/^  ("\(Fuzz[A-Za-z0-9]*\)".*/\1/p' Fuzz/Package.swift)}
targets=${targets//,/ }
fixtures=$root/Tests/TraceHarnessTests/Fixtures
own=$root/Tests/TraceFormatsTests/Fixtures
store=$root/Tests/TraceStoreTests/Fixtures

# The fixtures a target starts from: the files of its format, plus every regression input.
seeds() {
  case $1 in
    FuzzJSONL) echo "$fixtures/spans.jsonl $own/spans-in-milliseconds.jsonl" ;;
    FuzzSeed) echo "$fixtures/seed-traces.jsonl $own/seed-generator-traces.json" ;;
    FuzzOTLPJSON) echo "$fixtures/otlp-lines.jsonl $fixtures/otlp-request.json $own/otlp-in-microseconds.jsonl" ;;
    FuzzZipkin) echo "$fixtures/zipkin-traces.json $own/zipkin-partial-spans.json" ;;
    FuzzJaeger) echo "$fixtures/jaeger-traces.json" ;;
    # Length-prefixed records (one and several), a single message, and gzip and zstd copies.
    FuzzOTLPProtobuf) echo "$own/"otlp-*.pb* ;;
    # Small valid files written by `harness encode` from the fixtures.
    FuzzTraceStore) echo "$store/"*.tstore ;;
    FuzzTopology) echo "$root/experiments/phase0/topology.json" ;;
    *) echo "$fixtures/"* "$own/"*.json* ;;
  esac
}

mkdir -p "$work"
status=0
summary=()
for target in $targets; do
  echo "== $target: building"
  # SwiftPM passes the two sanitizers to swiftc as separate -sanitize= flags, and the last one
  # wins: the modules came out with AddressSanitizer but no coverage instrumentation, so libFuzzer
  # saw no features ("Is the code instrumented for coverage?") and only ever mutated its first
  # input. -sanitize-coverage asks for libFuzzer's instrumentation explicitly.
  if ! (cd Fuzz && swift build -c release --sanitize=fuzzer --sanitize=address --product "$target" \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    >"$work/$target-build.log" 2>&1); then
    echo "   build failed: see $work/$target-build.log"
    summary+=("$target: build failed")
    status=1
    continue
  fi
  corpus=$work/corpus/$target
  crashes=$work/crashes/$target
  # Crashes of earlier runs are kept as regression inputs under Tests/, not counted again here.
  rm -rf "$crashes"
  mkdir -p "$corpus" "$crashes"
  cp $(seeds "$target") "$corpus"/ 2>/dev/null
  cp "$own/fuzz/$target-"* "$root/Tests/TraceGenerationTests/Fixtures/fuzz/$target-"* \
    "$store/fuzz/$target-"* "$corpus"/ 2>/dev/null
  echo "== $target: fuzzing for ${seconds}s"
  log=$work/$target.log
  Fuzz/.build/release/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1
  result=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  found=$(find "$crashes" -type f | wc -l)
  line="$target: ${runs:-?} runs in ${seconds}s, ${rate:-?} exec/s, $found crash inputs"
  if [ $result -ne 0 ] || [ "$found" -gt 0 ]; then
    line+=" — FAILED (exit $result; see $log and $crashes)"
    status=1
  fi
  echo "   $line"
  summary+=("$line")
done
echo
printf '%s\n' "${summary[@]}" | tee "$work/summary.txt"
exit $status

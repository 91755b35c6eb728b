#!/usr/bin/env bash
# Regenerate Sources/OTLPProto/otlp_trace.pb.swift from otlp_trace.proto.
#
# Usage: scripts/proto.sh [OUTPUT_DIR]
#   OUTPUT_DIR  where to write otlp_trace.pb.swift (default: Sources/OTLPProto).
#               A test can pass a temp dir and diff the result against the
#               checked-in file.
#
# Environment:
#   PROTOC             protoc binary (default: protoc on PATH)
#   PROTOC_GEN_SWIFT   protoc-gen-swift binary. If unset, PATH is searched,
#                      then .build-protoc/release/protoc-gen-swift. If none is
#                      found, the plugin is built from the swift-protobuf
#                      checkout that SwiftPM resolves for this package
#                      (.build/checkouts/swift-protobuf) into .build-protoc/.
set -euo pipefail

say() { printf 'proto.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Resolve the output dir against the caller's cwd before moving to the root.
out_arg="${1:-}"
if [[ $# -gt 1 ]]; then
  die "usage: scripts/proto.sh [OUTPUT_DIR]"
fi
if [[ -n "$out_arg" ]]; then
  mkdir -p "$out_arg" || die "cannot create output dir '$out_arg'"
  out_dir="$(cd "$out_arg" && pwd)"
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

proto_dir="Sources/OTLPProto"
proto_file="otlp_trace.proto"
out_dir="${out_dir:-$root/$proto_dir}"

[[ -f "$proto_dir/$proto_file" ]] || die "missing $proto_dir/$proto_file"

# --- protoc --------------------------------------------------------------
protoc_bin="${PROTOC:-protoc}"
command -v "$protoc_bin" >/dev/null 2>&1 \
  || die "protoc not found ('$protoc_bin'); install it (apt-get install protobuf-compiler) or set PROTOC"

# --- protoc-gen-swift ----------------------------------------------------
local_plugin="$root/.build-protoc/release/protoc-gen-swift"
plugin=""
if [[ -n "${PROTOC_GEN_SWIFT:-}" ]]; then
  [[ -x "$PROTOC_GEN_SWIFT" ]] || die "PROTOC_GEN_SWIFT='$PROTOC_GEN_SWIFT' is not an executable file"
  plugin="$PROTOC_GEN_SWIFT"
  say "using protoc-gen-swift from \$PROTOC_GEN_SWIFT: $plugin"
elif plugin="$(command -v protoc-gen-swift 2>/dev/null)"; then
  say "using protoc-gen-swift from PATH: $plugin"
elif [[ -x "$local_plugin" ]]; then
  plugin="$local_plugin"
  say "using previously built plugin: $plugin"
else
  checkout="$root/.build/checkouts/swift-protobuf"
  if [[ ! -f "$checkout/Package.swift" ]]; then
    say "protoc-gen-swift not found; resolving packages to get the swift-protobuf checkout..."
    swift package resolve --package-path "$root" \
      || die "'swift package resolve' failed"
  fi
  [[ -f "$checkout/Package.swift" ]] \
    || die "no swift-protobuf checkout at $checkout (does Package.swift depend on apple/swift-protobuf?); set PROTOC_GEN_SWIFT instead"
  say "building protoc-gen-swift from $checkout into .build-protoc (takes a few minutes)..."
  swift build -c release --product protoc-gen-swift \
    --package-path "$checkout" --scratch-path "$root/.build-protoc" \
    || die "building protoc-gen-swift failed"
  [[ -x "$local_plugin" ]] || die "build finished but $local_plugin is missing"
  plugin="$local_plugin"
fi

plugin_version="$("$plugin" --version 2>/dev/null || echo unknown)"
say "$("$protoc_bin" --version), $plugin_version"

# --- generate ------------------------------------------------------------
mkdir -p "$out_dir"
"$protoc_bin" \
  --plugin=protoc-gen-swift="$plugin" \
  -I "$proto_dir" \
  --swift_out="$out_dir" \
  --swift_opt=Visibility=Public \
  --swift_opt=FileNaming=DropPath \
  "$proto_dir/$proto_file" \
  || die "protoc failed"

say "wrote $out_dir/otlp_trace.pb.swift"

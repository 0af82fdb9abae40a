#!/usr/bin/env bash
# Fuzzes one target with AFL++ for SECONDS seconds, starting from fuzz/corpus/TARGET (and from
# what earlier runs found, kept in fuzz/findings/TARGET unless --fresh). Prints executions, paths
# and crashes; on a crash, prints each crashing input (base64) with its exception and exits 1.
#   fuzz/run.sh TARGET SECONDS [--fresh]      (fuzz/build.sh first; run.sh builds if needed)
# docs/fuzzing.md
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET SECONDS [--fresh]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [--fresh]}
[ -f fuzz/.out/GmPki.Fuzz.dll ] || fuzz/build.sh
harness=(dotnet fuzz/.out/GmPki.Fuzz.dll "$target")
[ -d "fuzz/corpus/$target" ] || { echo "no corpus fuzz/corpus/$target" >&2; exit 2; }
findings="fuzz/findings/$target"
input="fuzz/corpus/$target"
if [ "${3:-}" = "--fresh" ]; then
  rm -rf "$findings"
elif [ -d "$findings/default/queue" ]; then
  input=-   # resume: afl-fuzz continues from the queue it kept
fi
mkdir -p "$findings"

# dotnet is not compiled with afl-gcc (SKIP_BIN_CHECK); the harness's coverage comes from the
# SharpFuzz-instrumented assemblies. No UI, no CPU pinning (the machine is shared), and no
# demand on the kernel's core_pattern or CPU governor, which a CI container cannot change.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 \
  AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_CRASH_README=1
afl-fuzz -i "$input" -o "$findings" -t 10000 -m none -V "$seconds" -- "${harness[@]}" > "$findings/afl.log" 2>&1 \
  || { tail -n 30 "$findings/afl.log" >&2; echo "afl-fuzz failed for $target" >&2; exit 1; }

stat() { sed -n "s/^$1 *: *//p" "$findings/default/fuzzer_stats"; }
echo "$target: $(stat execs_done) executions, $(stat corpus_count) paths, $(stat saved_crashes) crashes, $(stat saved_hangs) hangs in $(stat run_time) s"
shopt -s nullglob
crashes=("$findings"/default/crashes/id:*)
[ ${#crashes[@]} -eq 0 ] || "${harness[@]}" --replay "${crashes[@]}"

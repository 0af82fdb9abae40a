#!/usr/bin/env bash
# Publishes fuzz/GmPki.Fuzz to fuzz/.out and instruments, with SharpFuzz, the copies there of the
# assemblies whose parsing is fuzzed (GmPki.* and BouncyCastle), so AFL++ sees their branches.
# The projects' own build output is untouched. docs/fuzzing.md
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/.out
rm -rf "$out"
dotnet tool restore >/dev/null
dotnet publish fuzz/GmPki.Fuzz -c Release -o "$out" -nologo -v q
for assembly in GmPki.Core GmPki.Cryptography GmPki.Issuance GmPki.Enrollment GmPki.Status GmPki.Timestamping GmPki.Verification BouncyCastle.Crypto; do
  dotnet tool run sharpfuzz "$out/$assembly.dll" >/dev/null
done
echo "instrumented build in $out"

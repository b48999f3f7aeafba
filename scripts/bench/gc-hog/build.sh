#!/usr/bin/env bash
# Builds the bench-only garbage allocator bundle (not part of the Maven reactor):
#   scripts/bench/gc-hog/build.sh OUT.jar
# javac against the Felix framework jar in ~/.m2 (the version the parent pom pins), jar with a hand-written
# manifest. Exit 2 if the framework jar or the JDK tools are missing.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
out=${1:?usage: build.sh OUT.jar}
root=$(cd "$here/../../.." && pwd)
ver=$(grep -o '<artifactId>org.apache.felix.framework</artifactId><version>[^<]*' "$root/pom.xml" | sed 's/.*<version>//' | head -n1)
fw=${M2_REPO:-$HOME/.m2/repository}/org/apache/felix/org.apache.felix.framework/$ver/org.apache.felix.framework-$ver.jar
[ -f "$fw" ] || { echo "no Felix framework jar at $fw (mvn -pl appliance-image dependency:resolve)" >&2; exit 2; }
command -v javac >/dev/null && command -v jar >/dev/null || { echo "javac and jar (a JDK) are needed" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gc-hog.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
javac -nowarn --release 17 -cp "$fw" -d "$tmp/classes" "$here/src/org/calpe/bench/gchog/Activator.java"
mkdir -p "$(dirname "$out")"
jar --create --file "$out" --manifest "$here/MANIFEST.MF" -C "$tmp/classes" .

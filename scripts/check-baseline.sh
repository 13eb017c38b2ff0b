#!/usr/bin/env bash
# Shows that the build enforces semantic versioning of the packages vendors build against
# (bnd-baseline-maven-plugin, configured in the root pom). In a temporary copy of api-bundle:
#   1. the current sources, released as an older version, become the baseline;
#   2. unchanged sources pass the baseline check;
#   3. a method added to io.jvirt.spi.StateDriver (@ConsumerType: vendors implement it) fails the
#      build while io.jvirt.spi stays 1.x, and passes once the package's major version is raised;
#   4. a method added to io.jvirt.api.Virt (@ProviderType: only the platform implements it) fails
#      while io.jvirt.api keeps its version and passes with the next minor version.
# Nothing is installed into the user's Maven repository: the builds use a private local
# repository that reads the user's one as a file:// mirror.
set -euo pipefail

say() { printf "[check-baseline %s] %s\n" "$(date +%T)" "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

root=$(cd "$(dirname "$0")/.." && pwd)
user_repo=${MAVEN_USER_REPO:-$HOME/.m2/repository}
work=$(mktemp -d "${TMPDIR:-/tmp}/jvirt-baseline.XXXXXX")
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$work"' EXIT

version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$root/pom.xml" | head -1)
baseline=0.0.1
[ -n "$version" ] || die "cannot read the project version from $root/pom.xml"

cat > "$work/settings.xml" <<EOF
<settings>
  <localRepository>$work/m2</localRepository>
  <mirrors><mirror><id>user-repository</id><mirrorOf>*</mirrorOf><url>file://$user_repo</url></mirror></mirrors>
</settings>
EOF

# mvn on a copy; its output is kept in $work/<name>.log
build() {
  local name=$1; shift
  mvn -B -ntp -Dstyle.color=never -s "$work/settings.xml" "$@" >"$work/$name.log" 2>&1
}

# A copy of the root pom and api-bundle with the project version set to $2.
copy() {
  local dir=$work/$1
  mkdir -p "$dir"
  cp "$root/pom.xml" "$dir/"
  cp -r "$root/api-bundle" "$dir/"
  rm -rf "$dir/api-bundle/target"
  sed -i "s|<version>$version</version>|<version>$2</version>|" "$dir/pom.xml" "$dir/api-bundle/pom.xml"
  echo "$dir"
}

expect_pass() {
  build "$1" -f "$2/api-bundle/pom.xml" verify -DskipTests || { tail -40 "$work/$1.log" >&2; die "$3"; }
  grep -q "Baseline" "$work/$1.log" || grep -q "baseline" "$work/$1.log" || die "no baseline check ran in $1"
  say "ok: $3"
}

expect_baseline_failure() {
  if build "$1" -f "$2/api-bundle/pom.xml" verify -DskipTests; then
    die "$3 (the build passed)"
  fi
  # bnd's report marks a package whose version is too low with '*', with the version it needs
  grep -E "^\[ERROR\] +\* $4 +PACKAGE" "$work/$1.log" >/dev/null \
    || { tail -40 "$work/$1.log" >&2; die "$3 (the build failed for another reason)"; }
  { grep -m1 -E "^\[ERROR\] +Name +Type" "$work/$1.log"; grep -m1 -E "^\[ERROR\] +\* $4 +PACKAGE" "$work/$1.log"; } \
    | sed 's/^\[ERROR\]/   /' >&2
  say "ok: $3"
}

say "baseline: api-bundle $version's sources released as $baseline into a private repository"
base=$(copy base "$baseline")
build base-parent -f "$base/pom.xml" -N install || { tail -40 "$work/base-parent.log" >&2; die "installing the baseline parent"; }
build base -f "$base/api-bundle/pom.xml" install -DskipTests || { tail -40 "$work/base.log" >&2; die "installing the baseline"; }

cur=$(copy current "$version")
expect_pass unchanged "$cur" "unchanged sources pass the baseline check against $baseline"
grep -q "The baseline version was found to be $baseline" "$work/unchanged.log" \
  || die "the check did not compare with $baseline (see $work/unchanged.log)"

spi=$cur/api-bundle/src/main/java/io/jvirt/spi
sed -i 's|^public interface StateDriver {|public interface StateDriver {\n    void vendorsMustNowImplementThis();\n|' "$spi/StateDriver.java"
expect_baseline_failure spi-break "$cur" "a method added to @ConsumerType StateDriver fails the build at io.jvirt.spi 1.x" io.jvirt.spi
sed -i 's|@Version("1\.[0-9.]*")|@Version("2.0.0")|' "$spi/package-info.java"
expect_pass spi-major "$cur" "the same change passes with io.jvirt.spi raised to 2.0.0"

api=$cur/api-bundle/src/main/java/io/jvirt/api
sed -i 's|^public interface Virt {|public interface Virt {\n    Connect openDefault();\n|' "$api/Virt.java"
expect_baseline_failure api-minor "$cur" "a method added to @ProviderType Virt fails the build at the old io.jvirt.api version" io.jvirt.api
old_api=$(sed -n 's|^@Version("\([0-9]*\)\.\([0-9]*\)\..*")$|\1 \2|p' "$api/package-info.java")
read -r major minor <<<"$old_api"
sed -i "s|@Version(\"[0-9.]*\")|@Version(\"$major.$((minor + 1)).0\")|" "$api/package-info.java"
expect_pass api-minor-raised "$cur" "the same change passes with io.jvirt.api's next minor version ($major.$((minor + 1)).0)"

say "all baseline checks behaved as expected"

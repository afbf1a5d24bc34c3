#!/usr/bin/env bash
# Build, Test and Package MultiCloud: the same steps as build.ps1, for machines without pwsh.
#   ./build.sh [build]    ./build.sh test    ./build.sh package
set -euo pipefail
cd "$(dirname "$0")"
configuration="${CONFIGURATION:-Release}"
# PowerShell and Pester for the Pester run live here, outside the repository, and are reused once installed.
tools_cache="${MULTICLOUD_BUILD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/multicloud-build}"
pwsh_version=7.6.9
pester_version=5.7.1

task_build() {
    dotnet build MultiCloud.slnx -c "$configuration"
}

task_package() {
    local version publish
    version="$(dotnet msbuild src/Cmdlets/MultiCloud.Cmdlets.csproj -getProperty:Version | tr -d '[:space:]')"
    publish=out/publish
    rm -rf "$publish"
    dotnet publish src/Cmdlets/MultiCloud.Cmdlets.csproj -c "$configuration" -o "$publish"
    dotnet run --project build/ModuleLayout -c "$configuration" -- . "$publish" "out/MultiCloud/$version" "$version"
}

task_test() {
    # The real-host tests need sshd, the lab tools and root; install what is missing (as root only).
    if [ "$(id -u)" = 0 ]; then
        tests/lab/requirements.sh
    else
        echo "note: not root, so the lab and sshd tests skip (under CI=true they fail instead)." >&2
    fi
    local results=out/test-results status=0
    rm -rf "$results" && mkdir -p "$results"
    # Build everything first: some tests run what other projects build (the lab tests start the multicloud
    # console host), and dotnet test only builds each test project's own references.
    task_build
    dotnet test MultiCloud.slnx -c "$configuration" --no-build --logger trx --results-directory "$results" || status=$?
    local pwsh
    pwsh="$(install_test_tools)" || status=$?
    if [ -n "$pwsh" ]; then
        task_package
        PSModulePath="$tools_cache/modules" MC_TEST_PACKAGES="$tools_cache/packages" \
            "$pwsh" -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterTests.ps1 -ResultsDirectory "$results" || status=$?
    fi
    summarize_tests "$results"
    return "$status"
}

# Installs pwsh (a dotnet tool) and Pester (from NuGet) into the cache when missing; prints the path of pwsh.
install_test_tools() {
    local tool_path="$tools_cache/pwsh-$pwsh_version" pester="$tools_cache/modules/Pester/$pester_version"
    mkdir -p "$tools_cache"
    if [ ! -x "$tool_path/pwsh" ]; then
        rm -rf "$tool_path.partial"
        dotnet tool install --tool-path "$tool_path.partial" PowerShell --version "$pwsh_version" >&2
        mv "$tool_path.partial" "$tool_path"
    fi
    if [ ! -f "$pester/Pester.psd1" ]; then
        # A project that only downloads packages: NuGet has no command that fetches a package on its own.
        dotnet restore build/test-tools.csproj --packages "$tools_cache/packages" >&2
        rm -rf "$pester.partial" && mkdir -p "$(dirname "$pester")"
        cp -r "$tools_cache/packages/pester/$pester_version/tools" "$pester.partial"
        mv "$pester.partial" "$pester"
    fi
    echo "$tool_path/pwsh"
}

# One closing line over every test assembly (the trx files dotnet test wrote) and the Pester run.
summarize_tests() {
    local passed=0 failed=0 skipped=0 counters
    for trx in "$1"/*.trx; do
        [ -e "$trx" ] || continue
        counters=$(grep -o '<Counters [^>]*>' "$trx")
        passed=$((passed + $(attribute passed "$counters")))
        failed=$((failed + $(attribute failed "$counters") + $(attribute error "$counters")))
        skipped=$((skipped + $(attribute total "$counters") - $(attribute executed "$counters")))
    done
    if [ -f "$1/pester-counts.txt" ]; then
        counters=" $(cat "$1/pester-counts.txt")"
        passed=$((passed + $(attribute passed "$counters")))
        failed=$((failed + $(attribute failed "$counters")))
        skipped=$((skipped + $(attribute skipped "$counters")))
    fi
    list_failures "$1"
    echo "tests: $passed passed, $failed failed, $skipped skipped"
}

# Names every failed xunit test and its message's first line, so the end of a CI log says what failed.
list_failures() {
    local trx
    for trx in "$1"/*.trx; do
        [ -e "$trx" ] || continue
        awk '
            /<UnitTestResult / && /outcome="Failed"/ {
                match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11); wanted = 1
            }
            wanted && /<Message>/ {
                sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "    " substr($0, 1, 400); wanted = 0
            }' "$trx" | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
    done
}

attribute() {
    sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$2"
}

case "${1:-build}" in
    build) task_build ;;
    test) task_test ;;
    package) task_package ;;
    *) echo "usage: $0 [build|test|package]" >&2; exit 2 ;;
esac

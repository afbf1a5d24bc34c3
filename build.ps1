#!/usr/bin/env pwsh
# Build, Test and Package MultiCloud. build.sh does the same steps for machines without pwsh.
#   ./build.ps1                 Build
#   ./build.ps1 Test            xunit tests of the solution, then Pester (tests/Pester) against the packaged module,
#                               in PowerShell 7.6.9 with Pester 5.7.1 installed into a cache outside the repository
#   ./build.ps1 Package         out/MultiCloud/<version>/, ready for Import-Module or a PSModulePath folder
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string[]] $Task = 'Build',
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$cacheRoot = if ($env:XDG_CACHE_HOME) { $env:XDG_CACHE_HOME } elseif ($IsWindows) { $env:LOCALAPPDATA } else { Join-Path $HOME '.cache' }
$toolsCache = if ($env:MULTICLOUD_BUILD_CACHE) { $env:MULTICLOUD_BUILD_CACHE } else { Join-Path $cacheRoot 'multicloud-build' }
$pwshVersion = '7.6.9'
$pesterVersion = '5.7.1'

function Invoke-Native([scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "failed (exit code $LASTEXITCODE): $Command" }
}

function Invoke-Build {
    Invoke-Native { dotnet build MultiCloud.slnx -c $Configuration }
}

function Invoke-Package {
    $version = (dotnet msbuild src/Cmdlets/MultiCloud.Cmdlets.csproj -getProperty:Version).Trim()
    $publish = 'out/publish'
    Remove-Item $publish -Recurse -Force -ErrorAction Ignore
    Invoke-Native { dotnet publish src/Cmdlets/MultiCloud.Cmdlets.csproj -c $Configuration -o $publish }
    Invoke-Native { dotnet run --project build/ModuleLayout -c $Configuration -- . $publish "out/MultiCloud/$version" $version }
}

# pwsh (a dotnet tool) and Pester (from NuGet) in the cache, installed when missing; returns the path of pwsh.
function Install-TestTools {
    $toolPath = Join-Path $toolsCache "pwsh-$pwshVersion"
    $pester = Join-Path $toolsCache "modules/Pester/$pesterVersion"
    $pwsh = Join-Path $toolPath $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    if (-not (Test-Path $pwsh)) {
        Remove-Item "$toolPath.partial" -Recurse -Force -ErrorAction Ignore
        Invoke-Native { dotnet tool install --tool-path "$toolPath.partial" PowerShell --version $pwshVersion | Out-Host }
        Move-Item "$toolPath.partial" $toolPath
    }
    if (-not (Test-Path (Join-Path $pester 'Pester.psd1'))) {
        # A project that only downloads packages: NuGet has no command that fetches a package on its own.
        Invoke-Native { dotnet restore build/test-tools.csproj --packages (Join-Path $toolsCache 'packages') | Out-Host }
        Remove-Item "$pester.partial" -Recurse -Force -ErrorAction Ignore
        New-Item -ItemType Directory (Split-Path $pester) -Force | Out-Null
        Copy-Item (Join-Path $toolsCache "packages/pester/$pesterVersion/tools") "$pester.partial" -Recurse
        Move-Item "$pester.partial" $pester
    }
    $pwsh
}

# One closing line over every test assembly (the trx files dotnet test wrote) and the Pester run, as build.sh prints it.
function Write-TestSummary([string] $Results) {
    $passed = $failed = $skipped = 0
    foreach ($trx in Get-ChildItem $Results -Filter *.trx) {
        $run = ([xml] (Get-Content $trx.FullName -Raw)).TestRun
        # Each failed test and its message's first line, so the end of a CI log says what failed.
        foreach ($result in @($run.Results.UnitTestResult) | Where-Object outcome -eq 'Failed') {
            "FAILED $($result.testName)"
            $message = "$($result.Output.ErrorInfo.Message)".Split("`n")[0]
            "    " + $message.Substring(0, [Math]::Min(400, $message.Length))
        }
        $counters = $run.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error
        $skipped += [int] $counters.total - [int] $counters.executed
    }
    $pester = Join-Path $Results 'pester-counts.txt'
    if (Test-Path $pester) {
        $counts = (Get-Content $pester -Raw) | Select-String '(\w+)="(\d+)"' -AllMatches
        foreach ($match in $counts.Matches) { Set-Variable $match.Groups[1].Value ((Get-Variable $match.Groups[1].Value).Value + [int] $match.Groups[2].Value) }
    }
    "tests: $passed passed, $failed failed, $skipped skipped"
}

function Invoke-Test {
    $results = 'out/test-results'
    Remove-Item $results -Recurse -Force -ErrorAction Ignore
    $failed = $false
    # Build everything first: the lab tests start the multicloud console host, which no test project references.
    Invoke-Build
    dotnet test MultiCloud.slnx -c $Configuration --no-build --logger trx --results-directory $results
    if ($LASTEXITCODE -ne 0) { $failed = $true }
    $pwsh = Install-TestTools
    Invoke-Package
    $saved = $env:PSModulePath, $env:MC_TEST_PACKAGES
    try {
        # Only the cached Pester: the test run must not depend on what this machine has installed.
        $env:PSModulePath = Join-Path $toolsCache 'modules'
        $env:MC_TEST_PACKAGES = Join-Path $toolsCache 'packages'
        & $pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterTests.ps1 -ResultsDirectory $results
        if ($LASTEXITCODE -ne 0) { $failed = $true }
    }
    finally {
        $env:PSModulePath, $env:MC_TEST_PACKAGES = $saved
    }
    Write-TestSummary $results
    if ($failed) { throw 'tests failed' }
}

foreach ($name in $Task) { & "Invoke-$name" }

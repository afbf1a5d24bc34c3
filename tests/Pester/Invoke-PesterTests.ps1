#!/usr/bin/env pwsh
# Runs tests/Pester against the packaged module (out/MultiCloud/<version>/). build.sh and build.ps1 call it after
# Package, in the PowerShell and Pester they installed. Writes the counts to <ResultsDirectory>/pester-counts.txt for
# the closing "tests: N passed, N failed, N skipped" line, and exits non-zero when a test failed; under CI=true a
# skipped test is a failure too, so a CI run cannot pass by skipping.
param([string] $ResultsDirectory = (Join-Path $PSScriptRoot '../../out/test-results'))
$ErrorActionPreference = 'Stop'
Import-Module Pester -RequiredVersion 5.7.1
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = Join-Path $ResultsDirectory 'pester-results.xml'
New-Item -ItemType Directory $ResultsDirectory -Force | Out-Null
try {
    $result = Invoke-Pester -Configuration $configuration
}
finally {
    # Fixture clusters shared by the test files (Common.ps1), made once per run.
    if ($global:MCTestFixtureRoot) { Remove-Item $global:MCTestFixtureRoot -Recurse -Force -ErrorAction Ignore }
}

$notRun = @($result.Skipped) + @($result.NotRun)
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$skipped = $notRun.Count
if ($env:CI -eq 'true' -and $skipped -gt 0) {
    foreach ($test in $notRun) { Write-Host "not run under CI=true: $($test.ExpandedPath)" -ForegroundColor Red }
    $failed += $skipped
    $skipped = 0
}
'passed="{0}" failed="{1}" skipped="{2}"' -f $result.PassedCount, $failed, $skipped |
    Set-Content (Join-Path $ResultsDirectory 'pester-counts.txt')
exit ([int] ($failed -gt 0))

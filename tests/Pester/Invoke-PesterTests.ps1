#!/usr/bin/env pwsh
# Runs tests/Pester against the packaged module (out/MultiCloud/<version>/). Called by build.ps1 and build.sh
# after Package; needs Pester 5.
$ErrorActionPreference = 'Stop'
if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0')) {
    Write-Warning 'Pester 5 is not installed, so tests/Pester did not run (Install-Module Pester -MinimumVersion 5.0.0).'
    exit 0
}
Import-Module Pester -MinimumVersion 5.0.0
$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = Join-Path $PSScriptRoot '../../out/pester-results.xml'
Invoke-Pester -Configuration $configuration

#!/usr/bin/env pwsh
# Build, Test and Package MultiCloud. build.sh does the same steps for machines without pwsh.
#   ./build.ps1                 Build
#   ./build.ps1 Test            xunit tests of the solution, then Pester (tests/Pester) against the packaged module
#   ./build.ps1 Package         out/MultiCloud/<version>/, ready for Import-Module or a PSModulePath folder
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string[]] $Task = 'Build',
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Native([scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "failed (exit code $LASTEXITCODE): $Command" }
}

function Invoke-Build {
    Invoke-Native { dotnet build MultiCloud.slnx -c $Configuration }
}

function Invoke-Package {
    $version = (dotnet msbuild src/Cmdlets/MultiCloud.Cmdlets.csproj -getProperty:Version).Trim()
    $publish = "out/publish"
    $module = "out/MultiCloud/$version"
    Invoke-Native { dotnet publish src/Cmdlets/MultiCloud.Cmdlets.csproj -c $Configuration -o $publish }
    Remove-Item $module -Recurse -Force -ErrorAction Ignore
    New-Item -ItemType Directory $module | Out-Null
    # PowerShell brings its own System.Management.Automation; the copy in publish is the compile-time reference.
    Get-ChildItem $publish -Filter *.dll | Where-Object Name -ne 'System.Management.Automation.dll' | Copy-Item -Destination $module
    Copy-Item module/*.ps1xml, module/en-US -Destination $module -Recurse
    (Get-Content MultiCloud.psd1 -Raw) -replace "ModuleVersion(\s*)=\s*'[^']*'", "ModuleVersion`$1= '$version'" |
        Set-Content (Join-Path $module MultiCloud.psd1) -NoNewline
    Write-Host "packaged $module"
}

function Invoke-Test {
    # The Kubernetes scenarios on the lab wait for tests/lab's Kubernetes package repository (see build.sh).
    Invoke-Native { dotnet test MultiCloud.slnx -c $Configuration --filter 'Lab!=Kubernetes' }
    if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0')) {
        Write-Warning 'Pester 5 is not installed, so tests/Pester did not run (Install-Module Pester -MinimumVersion 5.0.0).'
        return
    }
    Invoke-Package
    Invoke-Native { pwsh -NoProfile -File tests/Pester/Invoke-PesterTests.ps1 }
}

foreach ($name in $Task) { & "Invoke-$name" }

# The packaged module as a whole: its manifest and package, dependency isolation, help and tab completion.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $manifest = Get-PackagedModuleManifest
    $module = Get-Module MultiCloud
}

Describe 'The packaged module' {
    It 'passes Test-ModuleManifest and says where its license, project and release notes are' {
        $tested = Test-ModuleManifest $manifest -ErrorAction Stop
        $tested.Version | Should -Be $module.Version
        $tested.ExportedCmdlets.Count | Should -Be 19
        $tested.CompatiblePSEditions | Should -Be 'Core'
        $tested.PowerShellVersion | Should -Be ([version] '7.4')
        $tested.LicenseUri | Should -Not -BeNullOrEmpty
        $tested.ProjectUri | Should -Not -BeNullOrEmpty
        $tested.ReleaseNotes | Should -Not -BeNullOrEmpty
        Join-Path $module.ModuleBase 'LICENSE' | Should -Exist
        Join-Path $module.ModuleBase 'CHANGELOG.md' | Should -Exist
    }

    It 'is a package Publish-PSResource accepts' {
        # A file repository in a throwaway home: PSResourceGet keeps its repository list under HOME.
        $homeFolder = New-Item -ItemType Directory (Join-Path $TestDrive 'home')
        $repository = New-Item -ItemType Directory (Join-Path $TestDrive 'repository')
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name mc-test -Uri '$repository' -Trusted
Publish-PSResource -Path '$(Split-Path $manifest)' -Repository mc-test
(Find-PSResource -Name MultiCloud -Repository mc-test).Version.ToString()
"@
        $result = Invoke-ChildPowerShell $script -Environment @{ HOME = $homeFolder.FullName; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null }
        $result.Output | Select-Object -Last 1 | Should -Be $module.Version.ToString()
        $result.ExitCode | Should -Be 0
        Get-ChildItem $repository -Filter 'MultiCloud.*.nupkg' | Should -Not -BeNullOrEmpty
    }

    It 'keeps its dependencies apart: another version of YamlDotNet loaded first does not stop it planning a cluster' {
        $older = Join-Path $env:MC_TEST_PACKAGES 'yamldotnet/16.3.0/lib/net8.0/YamlDotNet.dll'
        if ($env:CI -ne 'true' -and -not (Test-Path $older)) {
            Set-ItResult -Skipped -Because 'YamlDotNet 16.3.0 is not in MC_TEST_PACKAGES (the build scripts download it)'
            return
        }
        $older | Should -Exist
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$older'
Import-Module '$manifest'
`$tasks = Get-MCPlan -Path '$(New-TestManifest)' -StateDirectory '$(New-TestStateDirectory)'
"tasks=`$(`$tasks.Count)"
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' } |
    ForEach-Object { 'yaml={0}@{1}' -f `$_.GetName().Version.Major, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name } | Sort-Object
"@
        $result = Invoke-ChildPowerShell $script
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output -match '^tasks=[1-9]' | Should -Not -BeNullOrEmpty
        $result.Output | Should -Contain 'yaml=16@Default'
        $result.Output | Should -Contain 'yaml=18@MultiCloud'
    }
}

Describe 'Help' {
    BeforeDiscovery {
        . $PSScriptRoot/Common.ps1
        $commands = (Import-PowerShellDataFile (Get-PackagedModuleManifest)).CmdletsToExport
    }

    It '<_> has a synopsis, a description, every parameter described, two examples, inputs and outputs' -ForEach $commands {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\w+-MC\w+ \[' -Because 'a synopsis that is the syntax means there is no help'
        ($help.Description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $help.InputTypes.InputType | Should -Not -BeNullOrEmpty
        $help.ReturnValues.ReturnValue | Should -Not -BeNullOrEmpty
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        $declared = (Get-Command $_).Parameters.Keys | Where-Object { $_ -notin $common }
        foreach ($name in $declared) {
            $parameter = $help.Parameters.Parameter | Where-Object Name -eq $name
            ($parameter.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }
}

Describe 'Tab completion' {
    BeforeAll {
        $state = New-TestStateDirectory
        New-TestCluster -StateDirectory $state | Out-Null
        New-TestCluster -StateDirectory $state -Name demo2 | Out-Null
        function Complete([string] $line) {
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        }
    }

    It 'completes cluster names from the state folder typed in -StateDirectory' {
        Complete "Get-MCCluster -StateDirectory '$state' -Name d" | Should -Be @('demo', 'demo2')
        Complete "Sync-MCCluster -StateDirectory '$state' -ClusterName demo2" | Should -Be 'demo2'
    }

    It 'completes the pools and nodes of the cluster typed in -ClusterName' {
        Complete "Get-MCNodePool -StateDirectory '$state' -ClusterName demo -Name c" | Should -Be @('compute', 'control')
        Complete "Remove-MCLoadBalancer -StateDirectory '$state' -ClusterName demo -Name " | Should -Be 'api'
        Complete "Get-MCNode -StateDirectory '$state' -ClusterName nosuch -Name " | Should -BeNullOrEmpty
    }

    It 'completes the names of shipped examples' {
        Complete 'New-MCCluster -Example ' | Should -Be @('hybrid', 'static')
    }
}

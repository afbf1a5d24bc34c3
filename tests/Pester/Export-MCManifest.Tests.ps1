BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
}

Describe 'Export-MCManifest' {
    BeforeEach {
        $state = New-TestStateDirectory
    }

    It 'writes specs from the pipeline as YAML that imports back to the same cluster' {
        $yaml = Import-MCManifest (New-TestManifest) | Export-MCManifest
        $yaml | Should -BeOfType ([string])
        $copy = Join-Path $TestDrive 'copy.yaml'
        Set-Content $copy $yaml
        (Import-MCManifest $copy).Name | Should -Be 'demo'
    }

    It 'writes the spec of a cluster in state, bound from Get-MCCluster output, to -Path' {
        New-TestCluster -StateDirectory $state | Out-Null
        $file = Join-Path $TestDrive 'exported.yaml'
        Get-MCCluster demo -StateDirectory $state | Export-MCManifest -Path $file -StateDirectory $state
        (Import-MCManifest $file).Name | Should -Be 'demo'
    }

    It 'with -WhatIf writes no file' {
        $file = Join-Path $TestDrive 'whatif.yaml'
        Import-MCManifest (New-TestManifest) | Export-MCManifest -Path $file -WhatIf
        Test-Path $file | Should -BeFalse
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Export-MCManifest nothere -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }
}

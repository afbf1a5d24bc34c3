BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Sync-MCCluster' {
    It 'with -WhatIf writes nothing and changes no state' {
        $before = Get-FolderSnapshot $state
        Sync-MCCluster demo -StateDirectory $state -WhatIf | Should -BeNullOrEmpty
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'binds the cluster from Get-MCCluster output' {
        $before = Get-FolderSnapshot $state
        { Get-MCCluster demo -StateDirectory $state | Sync-MCCluster -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Not -Throw
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Sync-MCCluster nothere -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }

    It 'resumes a failed run and fails again while the machines stay unreachable' {
        { Sync-MCCluster demo -StateDirectory $state -Confirm:$false -ErrorAction Stop } | Should -Throw
        (Get-MCCluster demo -StateDirectory $state).Status | Should -Be 'Failed'
    }
}

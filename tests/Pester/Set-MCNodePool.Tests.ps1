BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Set-MCNodePool' {
    It 'binds cluster and pool from Get-MCNodePool output, and refuses to resize a static pool with InvalidEdit' {
        { Get-MCNodePool demo compute -StateDirectory $state | Set-MCNodePool -Count 2 -StateDirectory $state -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidEdit,*'
    }

    It 'reports an unknown pool as NodePoolNotFound' {
        { Set-MCNodePool demo nothere -Count 2 -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'NodePoolNotFound,*'
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Set-MCNodePool nothere compute -AutoscalerMin 1 -AutoscalerMax 3 -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }

    It 'leaves state alone when it fails' {
        $before = Get-FolderSnapshot $state
        Set-MCNodePool demo compute -Count 2 -StateDirectory $state -Confirm:$false -ErrorAction SilentlyContinue
        Get-FolderSnapshot $state | Should -Be $before
    }
}

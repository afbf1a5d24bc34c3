BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Remove-MCNodePool' {
    It 'asks before it runs (ConfirmImpact High)' {
        $attribute = (Get-Command Remove-MCNodePool).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'with -WhatIf changes nothing, taking cluster and pool from Get-MCNodePool' {
        $before = Get-FolderSnapshot $state
        Get-MCNodePool demo compute -StateDirectory $state | Remove-MCNodePool -StateDirectory $state -WhatIf | Should -BeNullOrEmpty
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'reports an unknown pool as NodePoolNotFound' {
        { Remove-MCNodePool demo nothere -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'NodePoolNotFound,*'
    }
}

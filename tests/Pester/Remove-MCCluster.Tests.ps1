BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
}

Describe 'Remove-MCCluster' {
    BeforeEach {
        $state = New-TestStateDirectory
        New-TestCluster -StateDirectory $state | Out-Null
    }

    It 'asks before it runs (ConfirmImpact High)' {
        $attribute = (Get-Command Remove-MCCluster).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'with -WhatIf changes nothing, taking the name from Get-MCCluster' {
        $before = Get-FolderSnapshot $state
        Get-MCCluster demo -StateDirectory $state | Remove-MCCluster -StateDirectory $state -WhatIf | Should -BeNullOrEmpty
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Remove-MCCluster nothere -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }

    It 'removes a cluster that never got any machine, state included' {
        Remove-MCCluster demo -StateDirectory $state -Confirm:$false -ErrorAction Stop
        { Get-MCCluster demo -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }

    It 'removes a hybrid cluster whose first run failed, with -Force and without touching DNS records it never made' {
        $hybrid = New-TestStateDirectory
        New-MCCluster -Path (New-TestHybridManifest) -StateDirectory $hybrid -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
        (Get-MCCluster hybrid -StateDirectory $hybrid).Status | Should -Be 'Failed'
        Remove-MCCluster hybrid -StateDirectory $hybrid -Force -ErrorAction Stop
        Get-MCCluster -StateDirectory $hybrid | Should -BeNullOrEmpty
    }

    It 'with -Force and -WhatIf still only shows the plan' {
        $before = Get-FolderSnapshot $state
        Remove-MCCluster demo -StateDirectory $state -Force -WhatIf
        Get-FolderSnapshot $state | Should -Be $before
    }

}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Remove-MCLoadBalancer' {
    It 'asks before it runs (ConfirmImpact High)' {
        $attribute = (Get-Command Remove-MCLoadBalancer).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'reports an unknown load balancer as LoadBalancerNotFound' {
        { Remove-MCLoadBalancer demo nothere -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'LoadBalancerNotFound,*'
    }

    It 'with -WhatIf changes nothing' {
        # Removing the only load balancer also removes its pool; whether the rest is valid is the validator's call.
        $before = Get-FolderSnapshot $state
        Remove-MCLoadBalancer demo api -StateDirectory $state -WhatIf -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-FolderSnapshot $state | Should -Be $before
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Get-MCNodePool' {
    It 'lists every pool with its role' {
        $pools = Get-MCNodePool demo -StateDirectory $state
        Get-TypeName $pools | Should -Be 'MultiCloud.Engine.Views.NodePoolInfo'
        ($pools | Sort-Object Name).Name | Should -Be @('compute', 'control', 'lb')
        ($pools | Where-Object Name -eq 'lb').Role | Should -Be 'LoadBalancer'
        ($pools | Where-Object Name -eq 'control').Kind | Should -Be 'Static'
    }

    It 'filters pools by a wildcard pattern' {
        (Get-MCNodePool demo 'c*' -StateDirectory $state | Sort-Object Name).Name | Should -Be @('compute', 'control')
    }

    It 'binds the cluster from Get-MCCluster output' {
        @(Get-MCCluster demo -StateDirectory $state | Get-MCNodePool -StateDirectory $state).Count | Should -Be 3
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Get-MCNodePool nothere -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }
}

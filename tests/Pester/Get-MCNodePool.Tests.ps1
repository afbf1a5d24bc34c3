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

    It 'takes several names and reports a plain name that matches no pool as NodePoolNotFound, like Get-MCCluster' {
        $found = Get-MCNodePool demo lb, nosuch, 'x*' -StateDirectory $state -ErrorVariable missing -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'lb'
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'NodePoolNotFound,*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'writes the role as a name in ConvertTo-Json' {
        Get-MCNodePool demo lb -StateDirectory $state | ConvertTo-Json | Should -Match '"Role": "LoadBalancer"'
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Get-MCNode' {
    It 'lists no nodes for a cluster whose machines were never reached' {
        Get-MCNode demo -StateDirectory $state -ErrorAction Stop | Should -BeNullOrEmpty
    }

    It 'binds the cluster from Get-MCCluster output' {
        { Get-MCCluster demo -StateDirectory $state | Get-MCNode -StateDirectory $state -ErrorAction Stop } | Should -Not -Throw
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Get-MCNode nothere -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }

    It 'reports a plain node name that matches nothing as NodeNotFound, like the other Get cmdlets' {
        Get-MCNode demo nosuch, 'x*' -StateDirectory $state -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'NodeNotFound,*'
    }

    It 'says a node the refresh could not reach is unreachable, and with -NoRefresh only what the state records' {
        $withNode = New-TestStateDirectory
        New-TestCluster -StateDirectory $withNode | Out-Null
        Add-UnreachableTestNode -StateDirectory $withNode
        $seen = Get-MCNode demo -StateDirectory $withNode -ErrorAction Stop
        $seen.Name | Should -Be 'lb-1'
        $seen.Reachable | Should -BeFalse
        $seen.CheckedAt | Should -Not -BeNullOrEmpty
        $seen.NotChecked | Should -BeLike '*lb-1*port 1*'
        $recorded = Get-MCNode demo -StateDirectory $withNode -NoRefresh -ErrorAction Stop
        $recorded.Reachable | Should -BeNullOrEmpty
        $recorded.CheckedAt | Should -BeNullOrEmpty
        $recorded.NotChecked | Should -BeNullOrEmpty
    }
}

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
}

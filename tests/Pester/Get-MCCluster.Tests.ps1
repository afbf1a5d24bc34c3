BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Get-MCCluster' {
    It 'lists every cluster as ClusterInfo' {
        $clusters = @(Get-MCCluster -StateDirectory $state)
        $clusters.Count | Should -Be 1
        $clusters[0] | Should -BeOfType ([MultiCloud.Engine.Views.ClusterInfo])
        $clusters[0].ClusterName | Should -Be 'demo'
    }

    It 'filters by a wildcard pattern' {
        (Get-MCCluster 'de*' -StateDirectory $state).Name | Should -Be 'demo'
        Get-MCCluster 'zz*' -StateDirectory $state | Should -BeNullOrEmpty
    }

    It 'says when the hosts were checked and per layer what was seen, and with -NoRefresh only what the state records' {
        $refreshed = Get-MCCluster demo -StateDirectory $state
        $refreshed.CheckedAt | Should -Not -BeNullOrEmpty
        $refreshed.Layers.Layer | Should -Be @('Nodes', 'Mesh', 'LoadBalancers', 'Kubernetes')
        $fromState = Get-MCCluster demo -StateDirectory $state -NoRefresh
        $fromState.CheckedAt | Should -BeNullOrEmpty
        $fromState.Layers | Should -BeNullOrEmpty
    }

    It 'reports a missing name without wildcards as ClusterNotFound' {
        { Get-MCCluster nothere -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId ClusterNotFound
    }

    It 'finds nothing in an empty state folder without an error' {
        Get-MCCluster -StateDirectory (New-TestStateDirectory) -ErrorAction Stop | Should -BeNullOrEmpty
    }
}

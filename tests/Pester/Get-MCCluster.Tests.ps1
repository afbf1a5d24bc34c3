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
        Get-TypeName $clusters[0] | Should -Be 'MultiCloud.Engine.Views.ClusterInfo'
        $clusters[0].ClusterName | Should -Be 'demo'
    }

    It 'filters by a wildcard pattern' {
        (Get-MCCluster 'de*' -StateDirectory $state).Name | Should -Be 'demo'
        Get-MCCluster 'zz*' -StateDirectory $state | Should -BeNullOrEmpty
    }

    It 'reports a missing name without wildcards as ClusterNotFound' {
        { Get-MCCluster nothere -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }

    It 'finds nothing in an empty state folder without an error' {
        Get-MCCluster -StateDirectory (New-TestStateDirectory) -ErrorAction Stop | Should -BeNullOrEmpty
    }
}

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

    It 'takes several names and reports each plain name that matches nothing, after what it found' {
        $found = Get-MCCluster demo, nothere, 'zz*' -StateDirectory $state -ErrorVariable missing -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'demo'
        $missing.Count | Should -Be 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ClusterNotFound,*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 'nothere'
    }

    It 'takes names from the pipeline' {
        ('demo', 'de*' | Get-MCCluster -StateDirectory $state).Name | Should -Be @('demo', 'demo')
    }
}

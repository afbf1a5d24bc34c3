BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Set-MCLoadBalancer' {
    It 'with -WhatIf changes nothing, taking the cluster from Get-MCCluster' {
        $before = Get-FolderSnapshot $state
        $roles = @(
            @{ Name = 'api-server'; Port = 6443; TargetPort = 6443; TargetPools = 'control' }
            @{ Name = 'https'; Port = 443; TargetPort = 30443; TargetPools = 'compute' }
        )
        Get-MCCluster demo -StateDirectory $state | Set-MCLoadBalancer -Name api -Role $roles -StateDirectory $state -WhatIf | Should -BeNullOrEmpty
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'stops with ManifestInvalid when the result is not a valid cluster' {
        { Set-MCLoadBalancer demo api -Role @{ Name = 'api-server'; Port = 6443; TargetPort = 6443; TargetPools = 'nothere' } -StateDirectory $state -WhatIf } |
            Should -Throw -ErrorId 'ManifestInvalid,*'
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Set-MCLoadBalancer nothere api -Role @{ Name = 'a'; Port = 80; TargetPort = 80; TargetPools = 'compute' } -StateDirectory $state -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'ClusterNotFound,*'
    }
}

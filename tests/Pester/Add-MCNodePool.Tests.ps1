BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Add-MCNodePool' {
    It 'binds -ClusterName from Get-MCCluster output and, with -WhatIf, changes nothing' {
        $before = Get-FolderSnapshot $state
        Get-MCCluster demo -StateDirectory $state |
            Add-MCNodePool -Name extra -Role Compute -Endpoint 127.0.0.1:9 -StateDirectory $state -WhatIf |
            Should -BeNullOrEmpty
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'takes a pool from New-MCNodePool through the pipeline' {
        $before = Get-FolderSnapshot $state
        { New-MCNodePool -Name extra -Role Compute -Endpoint 127.0.0.1:9 |
            Add-MCNodePool -ClusterName demo -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Not -Throw
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'refuses a pool name the cluster already has with NodePoolExists' {
        { Add-MCNodePool demo -Name compute -Role Compute -Endpoint 127.0.0.1:9 -StateDirectory $state -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'NodePoolExists,*'
    }

    It 'refuses a malformed taint with InvalidParameter' {
        { Add-MCNodePool demo -Name extra -Role Compute -Endpoint 127.0.0.1:9 -Taint 'no-effect' -StateDirectory $state -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter,*'
    }

    It 'refuses a load-balancer pool for a load balancer the cluster lacks with LoadBalancerNotFound' {
        { Add-MCNodePool demo -Name lb2 -Role LoadBalancer -LoadBalancer nothere -Endpoint 127.0.0.1:9 -StateDirectory $state -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'LoadBalancerNotFound,*'
    }
}

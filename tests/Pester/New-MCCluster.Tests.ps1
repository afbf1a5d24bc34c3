BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
}

Describe 'New-MCCluster' {
    BeforeEach {
        $state = New-TestStateDirectory
    }

    It 'with -WhatIf writes nothing and creates no state, lock or folder' {
        $output = New-MCCluster -Path (New-TestManifest) -StateDirectory $state -WhatIf
        $output | Should -BeNullOrEmpty
        Test-Path $state | Should -BeFalse
    }

    It 'plans a shipped example with -WhatIf' {
        { New-MCCluster -Example static -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Not -Throw
        Test-Path $state | Should -BeFalse
    }

    It 'takes a spec from Import-MCManifest through the pipeline' {
        { Import-MCManifest (New-TestManifest) | New-MCCluster -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Not -Throw
        Test-Path $state | Should -BeFalse
    }

    It 'builds the cluster from node pools piped in from New-MCNodePool' {
        $lb = New-MCLoadBalancer -Name api -Role @{ Name = 'api-server'; Port = 6443; TargetPort = 6443; TargetPools = 'control' }
        $pools = @(
            New-MCNodePool -Name lb -Role LoadBalancer -LoadBalancer api -Endpoint 127.0.0.1:1
            New-MCNodePool -Name control -Role Control -Endpoint 127.0.0.1:2
            New-MCNodePool -Name compute -Role Compute -Endpoint 127.0.0.1:3
        )
        { $pools | New-MCCluster -Name piped -KubernetesVersion v1.31.4 -Network 10.250.0.0/24 -LoadBalancer $lb -StateDirectory $state -WhatIf -ErrorAction Stop } |
            Should -Not -Throw
        Test-Path $state | Should -BeFalse
    }

    It 'stops with ManifestInvalid that lists every problem' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        (Get-Content (New-TestManifest) -Raw) -replace 'v1\.31\.4', 'latest' -replace '10\.250\.0\.0/24', 'not-a-network' | Set-Content $bad
        $failure = { New-MCCluster -Path $bad -StateDirectory $state -WhatIf } | Should -Throw -ErrorId 'ManifestInvalid,*' -PassThru
        $failure.Exception.Message | Should -Match 'version'
        $failure.Exception.Message | Should -Match 'network'
    }

    It 'refuses a cluster that already exists with ClusterExists, even with -WhatIf' {
        New-TestCluster -StateDirectory $state | Out-Null
        { New-MCCluster -Path (New-TestManifest) -StateDirectory $state -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterExists,*'
    }

    It 'leaves a Failed cluster with its spec when the machines cannot be reached' {
        $cluster = New-TestCluster -StateDirectory $state
        $cluster.Name | Should -Be 'demo'
        $cluster.Status | Should -Be 'Failed'
        $cluster.LastError | Should -Not -BeNullOrEmpty
    }

    It 'uses MULTICLOUD_STATE_DIR when -StateDirectory is not given' {
        $env:MULTICLOUD_STATE_DIR = $state
        try {
            New-MCCluster -Path (New-TestManifest) -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
            (Get-MCCluster demo -StateDirectory $state).Name | Should -Be 'demo'
        }
        finally {
            Remove-Item Env:MULTICLOUD_STATE_DIR
        }
    }
}

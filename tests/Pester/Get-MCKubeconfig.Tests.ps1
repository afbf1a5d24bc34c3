BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Get-MCKubeconfig' {
    It 'reports a cluster without a control plane as KubernetesNotReady and writes no file' {
        $file = Join-Path $TestDrive 'kubeconfig'
        { Get-MCKubeconfig demo -OutFile $file -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'KubernetesNotReady,*'
        Test-Path $file | Should -BeFalse
    }

    It 'binds the cluster from Get-MCCluster output' {
        { Get-MCCluster demo -StateDirectory $state | Get-MCKubeconfig -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'KubernetesNotReady,*'
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Get-MCKubeconfig nothere -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }
}

BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
}

Describe 'New-MCNodePool' {
    It 'describes a dynamic pool with a fixed count' {
        $definition = New-MCNodePool -Name workers -Role Compute -Provider hetzner -Region fsn1 -ServerType cpx21 -Image ubuntu-24.04 -Count 3
        Get-TypeName $definition | Should -Be 'MultiCloud.Engine.Model.NodePoolDefinition'
        $definition.Role | Should -Be 'Compute'
        $definition.Pool.Count | Should -Be 3
        $definition.Pool.Autoscaler | Should -BeNullOrEmpty
    }

    It 'describes an autoscaled dynamic pool' {
        $definition = New-MCNodePool -Name workers -Role Compute -Provider aws -Region eu-central-1 -ServerType t3.large -Image ami-1 -AutoscalerMin 1 -AutoscalerMax 5
        $definition.Pool.Count | Should -BeNullOrEmpty
        $definition.Pool.Autoscaler.Min | Should -Be 1
        $definition.Pool.Autoscaler.Max | Should -Be 5
    }

    It 'describes a static pool, reading user and port from the endpoints' {
        $definition = New-MCNodePool -Name onprem -Role Control -Endpoint 'admin@10.0.0.5:2222', '10.0.0.6' -User ops
        $definition.Pool.Nodes[0].User | Should -Be 'admin'
        $definition.Pool.Nodes[0].Port | Should -Be 2222
        $definition.Pool.Nodes[1].User | Should -Be 'ops'
        $definition.Pool.Nodes[1].Port | Should -Be 22
    }

    It 'takes labels and annotations as hashtables and taints as key=value:Effect' {
        $definition = New-MCNodePool -Name gpu -Role Compute -Endpoint 10.0.0.9 -Label @{ gpu = 'true' } -Annotation @{ team = 'ml' } -Taint 'gpu=true:NoSchedule'
        $definition.Pool.Labels['gpu'] | Should -Be 'true'
        $definition.Pool.Annotations['team'] | Should -Be 'ml'
        $definition.Pool.Taints[0].Effect | Should -Be 'NoSchedule'
    }

    It 'refuses a malformed taint with InvalidParameter' {
        { New-MCNodePool -Name gpu -Role Compute -Endpoint 10.0.0.9 -Taint 'gpu' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,*'
    }

    It 'refuses a count together with autoscaler bounds' {
        { New-MCNodePool -Name w -Role Compute -Provider p -Region r -ServerType s -Image i -Count 1 -AutoscalerMin 1 -AutoscalerMax 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,*'
    }

    It 'is a builder without -WhatIf' {
        (Get-Command New-MCNodePool).Parameters.ContainsKey('WhatIf') | Should -BeFalse
    }

    It 'has a readable default view, for static and dynamic pools' {
        $static = New-MCNodePool -Name control -Role Control -Endpoint admin@10.0.0.1:2222, 10.0.0.2 | Out-String
        $static | Should -Match 'control\s+Control\s+Static\s+2\s+admin@10\.0\.0\.1:2222, root@10\.0\.0\.2:22'
        $dynamic = New-MCNodePool -Name w -Role Compute -Provider aws -Region eu-central-1 -ServerType t3.large -Image ami-1 -AutoscalerMin 1 -AutoscalerMax 3 | Out-String
        $dynamic | Should -Match 'w\s+Compute\s+Dynamic\s+1\.\.3\s+aws eu-central-1/ t3\.large'
        $static + $dynamic | Should -Not -Match 'System\.|Dictionary`2|\[\]'
    }
}

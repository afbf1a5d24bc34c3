BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
}

Describe 'New-MCLoadBalancer' {
    It 'describes roles given as hashtables and a DNS record' {
        $lb = New-MCLoadBalancer api -Pool lb -Role @{ Name = 'api-server'; Port = 6443; TargetPort = 6443; TargetPools = @('control') } `
            -DnsZone example.com -DnsProvider cloudflare -Hostname k8s
        Get-TypeName $lb | Should -Be 'MultiCloud.Engine.Model.LoadBalancerSpec'
        $lb.Roles[0].Port | Should -Be 6443
        $lb.Roles[0].TargetPools | Should -Be @('control')
        $lb.Dns.Zone | Should -Be 'example.com'
    }

    It 'accepts role values that come wrapped from the pipeline' {
        $port = Write-Output 443
        (New-MCLoadBalancer ingress -Role @{ Name = 'https'; Port = $port; TargetPort = 30443; TargetPools = 'compute' }).Roles[0].Port | Should -Be 443
    }

    It 'refuses a DNS zone without a DNS provider with InvalidParameter' {
        { New-MCLoadBalancer api -Role @{ Name = 'a'; Port = 1; TargetPort = 1 } -DnsZone example.com -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,*'
    }

    It 'refuses an unknown role key with InvalidParameter' {
        { New-MCLoadBalancer api -Role @{ Name = 'a'; Port = 1; TargetPort = 1; Colour = 'red' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,*'
    }

    It 'is a builder without -WhatIf' {
        (Get-Command New-MCLoadBalancer).Parameters.ContainsKey('WhatIf') | Should -BeFalse
    }

    It 'has a readable default view' {
        $text = New-MCLoadBalancer api -Pool lb -Role @{ Name = 'api-server'; Port = 6443; TargetPort = 6443; TargetPools = 'control' } | Out-String
        $text | Should -Match 'api\s+lb\s+api-server tcp/6443->6443 \(control\)'
        $text | Should -Not -Match 'System\.|Dictionary`2|\[\]'
    }
}

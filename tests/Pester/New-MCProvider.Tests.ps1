BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
}

Describe 'New-MCProvider' {
    It 'describes a provider with settings and credential references' {
        $provider = New-MCProvider azure-weu Azure -Setting @{ subscriptionId = '1111' } -Credential @{ clientSecret = 'env:AZURE_SECRET'; token = 'secret:ops/hcloud' }
        Get-TypeName $provider | Should -Be 'MultiCloud.Engine.Model.ProviderSpec'
        $provider.Type | Should -Be 'Azure'
        $provider.Settings['subscriptionId'] | Should -Be '1111'
        $provider.Credentials['clientSecret'].ToString() | Should -Be 'env:AZURE_SECRET'
        $provider.Credentials['token'].Vault | Should -Be 'ops'
    }

    It 'refuses an unknown credential source with InvalidParameter' {
        { New-MCProvider h Hetzner -Credential @{ token = 'plain:abc' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,*'
    }

    It 'refuses an unknown provider type while binding' {
        { New-MCProvider h NoSuchCloud -ErrorAction Stop } | Should -Throw
    }

    It 'is a builder without -WhatIf' {
        (Get-Command New-MCProvider).Parameters.ContainsKey('WhatIf') | Should -BeFalse
    }
}

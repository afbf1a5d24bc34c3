BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
}

Describe 'Import-MCManifest' {
    It 'writes one ClusterSpec per cluster' {
        $spec = Import-MCManifest (New-TestManifest)
        Get-TypeName $spec | Should -Be 'MultiCloud.Engine.Model.ClusterSpec'
        $spec.Name | Should -Be 'demo'
        $spec.Kubernetes.Version | Should -Be 'v1.31.4'
    }

    It 'binds -Path from Get-ChildItem output (FullName)' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'several')
        New-TestManifest -Name one -Folder $folder | Out-Null
        New-TestManifest -Name two -FirstPort 11 -Folder $folder | Out-Null
        (Get-ChildItem $folder -Filter *.yaml | Import-MCManifest | Sort-Object Name).Name | Should -Be @('one', 'two')
    }

    It 'reads a Claudie InputManifest' {
        $claudie = Join-Path $PSScriptRoot '../Engine.Tests/testdata/claudie/base.yaml'
        Import-MCManifest $claudie | Should -Not -BeNullOrEmpty
    }

    It 'stops with ManifestInvalid that lists every problem with its line' {
        $bad = Join-Path $TestDrive 'bad.yaml'
        (Get-Content (New-TestManifest) -Raw) -replace 'v1\.31\.4', 'latest' -replace '10\.250\.0\.0/24', 'not-a-network' | Set-Content $bad
        $failure = { Import-MCManifest $bad } | Should -Throw -ErrorId 'ManifestInvalid,*' -PassThru
        $failure.Exception.Message | Should -Match 'bad\.yaml:\d+:\d+: spec\.kubernetes\.version'
        $failure.Exception.Message | Should -Match 'bad\.yaml:\d+:\d+: spec\.kubernetes\.network'
    }

    It 'reports a missing file with ManifestNotFound' {
        { Import-MCManifest (Join-Path $TestDrive 'none.yaml') -ErrorAction Stop } | Should -Throw -ErrorId 'ManifestNotFound,*'
    }
}

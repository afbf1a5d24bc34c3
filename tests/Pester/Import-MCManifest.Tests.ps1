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

    It 'reports a YAML syntax error as ManifestInvalid with file, line and column' {
        $broken = Join-Path $TestDrive 'unclosed.yaml'
        "apiVersion: multicloud.io/v1`nkind: Cluster`nmetadata: { name: x`n" | Set-Content $broken
        $failure = { Import-MCManifest $broken } | Should -Throw -ErrorId 'ManifestInvalid,*' -PassThru
        $failure.CategoryInfo.Category | Should -Be 'InvalidData'
        $failure.Exception.Message | Should -Match 'unclosed\.yaml:\d+:\d+: \(syntax\): invalid YAML'
    }

    It 'expands wildcards in -Path and takes -LiteralPath as written' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'wild')
        New-TestManifest -Name alpha -Folder $folder | Out-Null
        New-TestManifest -Name beta -Folder $folder | Out-Null
        (Import-MCManifest (Join-Path $folder '*.yaml') | Sort-Object Name).Name | Should -Be @('alpha', 'beta')
        $odd = Join-Path $folder 'odd[1].yaml'
        Copy-Item -LiteralPath (Join-Path $folder 'alpha.yaml') -Destination $odd
        (Import-MCManifest -LiteralPath $odd).Name | Should -Be 'alpha'
        Import-MCManifest (Join-Path $folder 'none*.yaml') -ErrorAction Stop | Should -BeNullOrEmpty
    }

    It 'has a readable default view' {
        $text = Import-MCManifest (New-TestManifest) | Out-String
        $text | Should -Match 'demo\s+v1\.31\.4\s+10\.250\.0\.0/24\s+lb, control, compute\s+api'
        $text | Should -Not -Match 'System\.|Dictionary`2|\[\]'
    }
}

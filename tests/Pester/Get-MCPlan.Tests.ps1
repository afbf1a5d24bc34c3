BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
}

Describe 'Get-MCPlan' {
    BeforeEach {
        $state = New-TestStateDirectory
    }

    It 'plans a manifest task by task and creates no state' {
        $tasks = Get-MCPlan -Path (New-TestManifest) -StateDirectory $state
        Get-TypeName $tasks | Should -Be 'MultiCloud.Engine.Views.PlanTaskInfo'
        $tasks.Order | Should -Be (1..$tasks.Count)
        $tasks[0].ClusterName | Should -Be 'demo'
        Test-Path $state | Should -BeFalse
    }

    It 'plans fewer tasks with -Until Infrastructure' {
        $manifest = New-TestManifest
        $all = @(Get-MCPlan -Path $manifest -StateDirectory $state)
        $first = @(Get-MCPlan -Path $manifest -StateDirectory $state -Until Infrastructure)
        $first.Count | Should -BeLessThan $all.Count
        $first.Kind | ForEach-Object { "$_" } | Should -Not -Contain 'InitKubernetes'
    }

    It 'plans a cluster in state, bound from Get-MCCluster output, without changing it' {
        New-TestCluster -StateDirectory $state | Out-Null
        $before = Get-FolderSnapshot $state
        Get-MCCluster demo -StateDirectory $state | Get-MCPlan -StateDirectory $state | Should -Not -BeNullOrEmpty
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'reports an unknown cluster as ClusterNotFound' {
        { Get-MCPlan nothere -StateDirectory $state -ErrorAction Stop } | Should -Throw -ErrorId 'ClusterNotFound,*'
    }

    It 'plans every manifest a wildcard -Path matches' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'plans')
        New-TestManifest -Name sta1 -Folder $folder | Out-Null
        New-TestManifest -Name sta2 -Folder $folder | Out-Null
        (Get-MCPlan -Path (Join-Path $folder 'sta*.yaml') -StateDirectory $state).ClusterName | Select-Object -Unique | Should -Be @('sta1', 'sta2')
    }

    It 'binds files from Get-ChildItem to -LiteralPath' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive 'piped')
        New-TestManifest -Name piped -Folder $folder | Out-Null
        (Get-ChildItem $folder -Filter *.yaml | Get-MCPlan -StateDirectory $state).ClusterName | Select-Object -Unique | Should -Be 'piped'
    }

    It 'writes task kinds as names in ConvertTo-Json, as the console host does' {
        $json = Get-MCPlan -Path (New-TestManifest) -StateDirectory $state | Select-Object -First 1 | ConvertTo-Json
        $json | Should -Match '"Kind": "CreateInfrastructure"'
    }
}

# How a run shows itself and stops, whatever cmdlet starts it: each warning and verbose line once, short progress
# activities, -AsJob, and a stopped run reported Interrupted (not Failed) and resumed by Sync-MCCluster.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule

    # Ports that accept connections and never answer: SSH waits for the server's greeting until its timeout, so a
    # run is surely still going when the test stops it. One per machine of the fixture manifest.
    $silent = 1..3 | ForEach-Object {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $listener
    }

    function New-SilentManifest([string] $Name) {
        $path = New-TestManifest -Name $Name -Folder (New-Item -ItemType Directory (Join-Path $TestDrive $Name) -Force)
        $next = 0
        $lines = Get-Content $path | ForEach-Object {
            if ($_ -cmatch '^(\s+)port: \d{1,2}$') { $Matches[1] + 'port: ' + $silent[$next++].LocalEndpoint.Port } else { $_ }
        }
        Set-Content $path $lines
        $path
    }

    function Wait-Until([scriptblock] $Condition, [string] $What) {
        # Bounded by count, not by a clock the test asserts on.
        for ($i = 0; $i -lt 300; $i++) {
            if (& $Condition) { return }
            Start-Sleep -Milliseconds 100
        }
        throw "gave up waiting until $What"
    }
}

AfterAll {
    $silent | ForEach-Object { $_.Stop() }
    Get-Job | Where-Object PSJobTypeName -eq 'MultiCloudJob' | Remove-Job -Force
}

Describe 'A run in the foreground' {
    It 'writes each warning and verbose line once, short progress activities, and completes its progress once' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-PackagedModuleManifest)).AddStatement()
            $null = $ps.AddCommand('New-MCCluster').AddParameter('Path', (New-TestManifest -Name streams)).
                AddParameter('StateDirectory', (New-TestStateDirectory)).AddParameter('Confirm', $false).AddParameter('Verbose', $true)
            $null = $ps.Invoke()
            $warnings = @($ps.Streams.Warning.Message)
            $verbose = @($ps.Streams.Verbose.Message)
            $progress = @($ps.Streams.Progress)
        }
        finally {
            $ps.Dispose()
        }

        $warnings | Should -Not -BeNullOrEmpty -Because 'the unreachable machines make the transport warn before it retries'
        $warnings | Group-Object | Where-Object Count -gt 1 | ForEach-Object Name | Should -BeNullOrEmpty
        $verbose | Group-Object | Where-Object Count -gt 1 | ForEach-Object Name | Should -BeNullOrEmpty
        @($progress | Where-Object { $_.ActivityId -eq 1 -and $_.RecordType -eq 'Completed' }).Count | Should -Be 1
        $progress.Activity | Select-Object -Unique | Where-Object Length -gt 40 | Should -BeNullOrEmpty
        $steps = $progress | Where-Object { $_.ActivityId -eq 3 -and $_.RecordType -eq 'Processing' }
        $steps | Should -Not -BeNullOrEmpty
        $steps | Where-Object { $_.StatusDescription -eq $_.Activity } | Should -BeNullOrEmpty
    }
}

Describe '-AsJob and stopping a run' {
    It 'New-MCCluster -AsJob writes a job; Stop-Job leaves the cluster Interrupted, not Failed' {
        $state = New-TestStateDirectory
        $job = New-MCCluster -Path (New-SilentManifest stopped) -StateDirectory $state -AsJob -Confirm:$false
        $job.PSJobTypeName | Should -Be 'MultiCloudJob'
        Wait-Until { Test-Path (Join-Path $state 'stopped/state.json') } 'the run recorded its start'
        Wait-Until { $job.Progress | Where-Object ActivityId -eq 3 } 'the run began its first step'
        $job | Stop-Job
        $job.State | Should -Be 'Stopped'
        $cluster = Get-MCCluster stopped -StateDirectory $state
        $cluster.Status | Should -Be 'Interrupted'
        $cluster.LastError | Should -BeLike 'OperationCanceled:*'
        Test-Path (Join-Path $state 'stopped/lock.json') | Should -BeFalse -Because 'a stopped run releases its lock'
    }

    It 'Sync-MCCluster -AsJob runs the confirmed plan in the background and ends Failed while the machines stay unreachable' {
        $state = New-TestStateDirectory
        New-TestCluster -StateDirectory $state | Out-Null
        $job = Sync-MCCluster demo -StateDirectory $state -AsJob -Confirm:$false
        $job | Wait-Job -Timeout 120 | Out-Null
        $job.State | Should -Be 'Failed'
        $job.Error[0].FullyQualifiedErrorId | Should -BeLike 'Ssh*'
        (Get-MCCluster demo -StateDirectory $state).Status | Should -Be 'Failed'
    }

    It 'Remove-MCCluster -Force -AsJob deletes without a question' {
        $state = New-TestStateDirectory
        New-TestCluster -StateDirectory $state | Out-Null
        Remove-MCCluster demo -StateDirectory $state -Force -AsJob | Wait-Job -Timeout 120 | Receive-Job -ErrorAction Stop
        Get-MCCluster -StateDirectory $state | Should -BeNullOrEmpty
    }

    It 'with -WhatIf starts no job' {
        $state = New-TestStateDirectory
        New-MCCluster -Path (New-TestManifest) -StateDirectory $state -AsJob -WhatIf | Should -BeNullOrEmpty
        Test-Path $state | Should -BeFalse
    }
}

# docs/runbooks.md on real hosts: a runbook's New-MCCluster runs as a job on a lab of three Debian 12 hosts
# (tests/lab), the job is stopped mid-way as Azure Automation stops a job, and Sync-MCCluster finishes the cluster
# without redoing the steps the stopped run had finished. Mirrors tests/Lab.Tests' fixture: the lab comes up in
# BeforeAll and goes down by its recorded id in AfterAll, whatever happened. Needs root and the lab's tools
# (tests/lab/requirements.sh); without them it is skipped, except under CI=true, where it fails instead.
BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $labScript = Join-Path $PSScriptRoot '../lab/lab.sh'
    $missing = if (-not $IsLinux) { 'the lab runs on Linux only' }
        elseif ((id -u) -ne '0') { 'the lab needs root' }
        else { @('systemd-nspawn', 'debootstrap', 'ip', 'iptables', 'jq', 'ssh') | Where-Object { -not (Get-Command $_ -ErrorAction Ignore) } |
            ForEach-Object { "the lab needs $_ (tests/lab/requirements.sh installs it)" } | Select-Object -First 1 }
    $lab = $null
    if (-not $missing) {
        $json = & $labScript up 3
        if ($LASTEXITCODE -ne 0) { throw "lab.sh up failed (exit code $LASTEXITCODE)" }
        $lab = $json | ConvertFrom-Json
    }
}

AfterAll {
    Get-Job | Where-Object PSJobTypeName -eq 'MultiCloudJob' | Remove-Job -Force
    if ($lab) { & $labScript down $lab.id | Out-Null }
}

Describe 'A runbook stopped mid-way' {
    It 'is resumed by Sync-MCCluster, which does not redo the steps the stopped job finished' {
        if ($missing) {
            if ($env:CI -eq 'true') { throw "under CI=true the lab must run: $missing" }
            Set-ItResult -Skipped -Because $missing
            return
        }
        $state = New-TestStateDirectory
        $manifest = Join-Path $TestDrive 'runbook.yaml'
        $node = { param($h) "          - { endpoint: $($h.address), user: root, privateKey: { file: $($lab.key) } }" }
        @"
apiVersion: multicloud.io/v1
kind: Cluster
metadata:
  name: runbook
spec:
  nodePools:
    static:
      - name: lb
        nodes:
$(& $node $lab.hosts[0])
      - name: control
        nodes:
$(& $node $lab.hosts[1])
      - name: compute
        nodes:
$(& $node $lab.hosts[2])
  kubernetes:
    version: v1.31.4
    network: 10.250.0.0/24
    pools: { control: [control], compute: [compute] }
  loadBalancers:
    - name: api
      pools: [lb]
      roles: [ { name: api-server, port: 6443, targetPort: 6443, targetPools: [control] } ]
"@ | Set-Content $manifest

        $job = New-MCCluster -Path $manifest -Until LoadBalancers -StateDirectory $state -AsJob -Confirm:$false
        $stateFile = Join-Path $state 'runbook/state.json'
        # Stop once the run has finished a step and is working on the next (preparing the hosts takes a while).
        for ($i = 0; $i -lt 1200 -and $job.State -eq 'Running'; $i++) {
            $journal = if (Test-Path $stateFile) { (Get-Content $stateFile -Raw | ConvertFrom-Json).journal }
            if ($journal -and @($journal.completedSteps).Count -gt 0) { break }
            Start-Sleep -Milliseconds 250
        }
        $job.State | Should -Be 'Running' -Because 'the run must still be going when it is stopped'
        $job | Stop-Job
        $job.State | Should -Be 'Stopped'

        $stopped = Get-Content $stateFile -Raw | ConvertFrom-Json
        (Get-MCCluster runbook -StateDirectory $state).Status | Should -Be 'Interrupted'
        $finished = @($stopped.journal.completedSteps)
        $finished.Count | Should -BeGreaterThan 0

        $lines = Sync-MCCluster runbook -StateDirectory $state -Confirm:$false -Verbose 4>&1
        $cluster = $lines | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
        $verbose = @($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $cluster.Status | Should -Be 'Ready'
        foreach ($step in $finished) {
            $verbose | Where-Object { $_ -like "StepStarted $step*" } | Should -BeNullOrEmpty -Because "$step was finished by the stopped job"
        }
        $verbose | Where-Object { $_ -like 'StepStarted *' } | Should -Not -BeNullOrEmpty -Because 'the sync finishes what the job left'
        (Get-Content $stateFile -Raw | ConvertFrom-Json).journal | Should -BeNullOrEmpty
    }
}

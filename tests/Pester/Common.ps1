# Dot-sourced by every *.Tests.ps1 (in BeforeAll): imports the packaged module and builds throwaway fixtures.
# Nothing here reaches a real machine: fixture nodes are 127.0.0.1 on ports where nothing listens, so a run
# fails fast at its first SSH step and leaves a cluster whose state holds its spec (status Failed).

function Get-PackagedModuleManifest {
    $root = Join-Path $PSScriptRoot '../../out/MultiCloud'
    $manifest = Get-ChildItem $root -Filter MultiCloud.psd1 -Recurse -Depth 1 -ErrorAction Ignore |
        Sort-Object { [version] $_.Directory.Name } | Select-Object -Last 1
    if (-not $manifest) { throw "no packaged module under $root; run ./build.ps1 Package first" }
    $manifest.FullName
}

function Import-PackagedModule {
    Import-Module (Get-PackagedModuleManifest) -ErrorAction Stop
}

function Invoke-ChildPowerShell {
    # Runs a script in a new pwsh process (the one running the tests), for what needs a fresh session.
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        # pwsh installed as a dotnet tool is dotnet running pwsh.dll.
        $process = [Environment]::ProcessPath
        $entry = @(if ((Split-Path $process -Leaf) -match '^dotnet(\.exe)?$') { Join-Path $PSHOME 'pwsh.dll' })
        $output = & $process @entry -NoProfile -NonInteractive -Command $Script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

function New-TestStateDirectory {
    # Not created: commands must create it when they write state, and -WhatIf must not.
    Join-Path $TestDrive ('state-' + [guid]::NewGuid().ToString('N'))
}

function New-TestManifest {
    param([string] $Name = 'demo', [int] $FirstPort = 1, [string] $Folder = $TestDrive)
    $path = Join-Path $Folder "$Name.yaml"
    @"
apiVersion: multicloud.io/v1
kind: Cluster
metadata:
  name: $Name
spec:
  nodePools:
    static:
      - name: lb
        nodes:
          - endpoint: 127.0.0.1
            port: $FirstPort
      - name: control
        nodes:
          - endpoint: 127.0.0.1
            port: $($FirstPort + 1)
      - name: compute
        nodes:
          - endpoint: 127.0.0.1
            port: $($FirstPort + 2)
  kubernetes:
    version: v1.31.4
    network: 10.250.0.0/24
    pools:
      control: [control]
      compute: [compute]
  loadBalancers:
    - name: api
      pools: [lb]
      roles:
        - name: api-server
          port: 6443
          targetPort: 6443
          targetPools: [control]
"@ | Set-Content -Path $path -Encoding utf8
    $path
}

function New-TestCluster {
    # A cluster whose first run stopped at its first SSH step: enough state for every command that plans or edits.
    # That run costs seconds (the transport retries before it gives up), so it happens once per test run and each test
    # gets a copy of its state folder.
    param([Parameter(Mandatory)] [string] $StateDirectory, [string] $Name = 'demo')
    $fixture = Get-FixtureCluster -Name $Name
    New-Item -ItemType Directory $StateDirectory -Force | Out-Null
    $copy = New-Item -ItemType Directory (Join-Path $StateDirectory $Name)
    # Keys and run logs stay behind: the engine makes a fresh key when it needs one.
    Get-ChildItem $fixture -Force | Where-Object Name -NotIn 'ssh', 'logs' | Copy-Item -Destination $copy -Recurse
    Get-MCCluster -Name $Name -StateDirectory $StateDirectory -ErrorAction Stop
}

function Get-FixtureCluster {
    param([Parameter(Mandatory)] [string] $Name)
    if (-not $global:MCTestFixtureRoot) {
        $global:MCTestFixtureRoot = Join-Path ([IO.Path]::GetTempPath()) ('mc-pester-' + [guid]::NewGuid().ToString('N'))
    }
    $state = Join-Path $global:MCTestFixtureRoot 'state'
    $folder = Join-Path $state $Name
    if (-not (Test-Path $folder)) {
        $manifests = New-Item -ItemType Directory (Join-Path $global:MCTestFixtureRoot 'manifests') -Force
        New-MCCluster -Path (New-TestManifest -Name $Name -Folder $manifests) -StateDirectory $state -Confirm:$false -ErrorAction SilentlyContinue | Out-Null
    }
    $folder
}

function New-TestHybridManifest {
    # Cloud and own machines with a DNS name on the load balancer: its first run fails (no machine answers, the cloud
    # credential is missing and the cloud endpoints are local), before any DNS record could exist.
    param([string] $Folder = $TestDrive)
    $path = Join-Path $Folder 'hybrid.yaml'
    @"
apiVersion: multicloud.io/v1
kind: Cluster
metadata:
  name: hybrid
spec:
  providers:
    - name: azure-weu
      type: azure
      # No cloud is ever reached: the secret is in no variable, and the endpoints are a closed local port.
      settings:
        subscriptionId: 11111111-2222-3333-4444-555555555555
        tenantId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
        clientId: 99999999-8888-7777-6666-555555555555
        armEndpoint: https://127.0.0.1:1/
        authorityHost: https://127.0.0.1:1/
      credentials:
        clientSecret: { env: MC_TEST_NO_SUCH_SECRET }
    - name: cloudflare-main
      type: cloudflare
      credentials:
        apiToken: { env: MC_TEST_NO_SUCH_TOKEN }
  nodePools:
    dynamic:
      - name: compute-az
        provider: azure-weu
        region: westeurope
        serverType: Standard_B2s
        image: Canonical:ubuntu-24_04-lts:server:latest
        count: 1
    static:
      - name: lb
        nodes: [ { endpoint: 127.0.0.1, port: 1 } ]
      - name: control
        nodes: [ { endpoint: 127.0.0.1, port: 2 } ]
  kubernetes:
    version: v1.31.4
    network: 10.250.0.0/24
    pools: { control: [control], compute: [compute-az] }
  loadBalancers:
    - name: api
      pools: [lb]
      roles: [ { name: api-server, port: 6443, targetPort: 6443, targetPools: [control] } ]
      dns: { zone: example.com, provider: cloudflare-main, hostname: k8s }
"@ | Set-Content -Path $path -Encoding utf8
    $path
}

function Get-FolderSnapshot {
    # Every file with its size and time, to show that a -WhatIf run changed nothing.
    param([Parameter(Mandatory)] [string] $Path)
    if (-not (Test-Path $Path)) { return '<absent>' }
    (Get-ChildItem $Path -Recurse -Force | Sort-Object FullName |
        ForEach-Object { '{0}|{1}|{2:o}' -f $_.FullName, $(if ($_.PSIsContainer) { 'dir' } else { $_.Length }), $_.LastWriteTimeUtc }) -join "`n"
}

function Get-TypeName {
    # The engine's types live in the module's own AssemblyLoadContext, where PowerShell's [type] literals do not look,
    # so tests compare type names.
    param([Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $InputObject)
    @($InputObject | ForEach-Object { $_.GetType().FullName } | Select-Object -Unique)
}

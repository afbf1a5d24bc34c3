# Module manifest of MultiCloud. The build stamps ModuleVersion from <Version> in Directory.Build.props
# and lays the module out under out/MultiCloud/<version>/ (./build.ps1 Package or ./build.sh package).
@{
    RootModule             = 'MultiCloud.Cmdlets.dll'
    # Imported before the cmdlets: sets up the AssemblyLoadContext the engine and its dependencies load in.
    NestedModules          = @('MultiCloud.Loader.dll')
    ModuleVersion          = '0.1.0'
    GUID                   = '5deaf935-a6fe-41d3-b430-c9982e30a2ef'
    Author                 = 'MultiCloud'
    CompanyName            = 'MultiCloud'
    Copyright              = '(c) 2026 MultiCloud contributors. MIT License.'
    Description            = 'Builds and runs one Kubernetes cluster across clouds and own machines (WireGuard mesh, kubeadm, load balancers with DNS, Longhorn) from a declarative manifest, without a management cluster.'
    # PowerShell 7.4+ (.NET 8+): KubernetesClient has no .NET Framework build, and dependency isolation needs
    # AssemblyLoadContext. Windows PowerShell 5.1 cannot load this module.
    CompatiblePSEditions   = @('Core')
    PowerShellVersion      = '7.4'
    FormatsToProcess       = @('MultiCloud.Format.ps1xml')
    CmdletsToExport        = @(
        'Add-MCNodePool'
        'Export-MCManifest'
        'Get-MCCluster'
        'Get-MCKubeconfig'
        'Get-MCNode'
        'Get-MCNodePool'
        'Get-MCPlan'
        'Import-MCManifest'
        'New-MCCluster'
        'New-MCLoadBalancer'
        'New-MCNodePool'
        'New-MCProvider'
        'Remove-MCCluster'
        'Remove-MCLoadBalancer'
        'Remove-MCNodePool'
        'Set-MCLoadBalancer'
        'Set-MCNodePool'
        'Sync-MCCluster'
        'Unlock-MCCluster'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Kubernetes', 'MultiCloud', 'WireGuard', 'kubeadm', 'Azure', 'AWS', 'Hetzner', 'Linux', 'Windows', 'MacOS', 'PSEdition_Core')
            # The repository's public address: the gallery links to these, so they change when it moves.
            ProjectUri   = 'https://github.com/multicloud-ps/MultiCloud'
            LicenseUri   = 'https://github.com/multicloud-ps/MultiCloud/blob/main/LICENSE'
            ReleaseNotes = 'https://github.com/multicloud-ps/MultiCloud/blob/main/CHANGELOG.md'
        }
    }
}

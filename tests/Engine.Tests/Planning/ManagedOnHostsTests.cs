using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Mesh;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Refresh;
using MultiCloud.Engine.Tests.Nodes;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning;

/// <summary>The catalogue of what MultiCloud manages on hosts agrees with the steps that write it.</summary>
public sealed class ManagedOnHostsTests
{
    [Fact]
    public void RepairStep_EveryLayerWithManagedFilesOrUnits_HasOne()
    {
        var layers = ManagedOnHosts.Files.Select(f => f.Layer).Concat(ManagedOnHosts.Services.Select(s => s.Layer)).Distinct();

        Assert.All(layers, layer => Assert.NotNull(ManagedOnHosts.RepairStep(layer)));
    }

    [Theory]
    [InlineData(NodeRole.LoadBalancer)]
    [InlineData(NodeRole.Control)]
    [InlineData(NodeRole.Compute)]
    public void StepScripts_EveryRole_ReportTheHashOfEveryFileTheCatalogueListsForTheirLayer(NodeRole role)
    {
        var scripts = GeneratedScripts.All();
        var stepScripts = new Dictionary<ClusterLayer, string>
        {
            [ClusterLayer.Nodes] = PrepareScript.Render(role),
            [ClusterLayer.Mesh] = scripts["mesh/mesh-config-control-1.sh"],
            [ClusterLayer.LoadBalancers] = role == NodeRole.LoadBalancer ? scripts["lb/nginx-config-lb-1.sh"] : "",
        };

        foreach (var (layer, script) in stepScripts)
        {
            var reported = script.Split('\n').Where(line => line.StartsWith("report 'file:", StringComparison.Ordinal)).ToList();
            Assert.Equal(ManagedOnHosts.PathsOf(role, layer).Select(FileHashes.ReportLine), reported);
        }
    }

    [Fact]
    public void Paths_CapabilitiesUseTheCataloguesPaths()
    {
        Assert.Equal(ManagedOnHosts.WireGuardConfigPath, WireGuardConfig.ConfigPath);
        Assert.Equal(ManagedOnHosts.NginxStreamConfigPath, NginxConfigScript.StreamConfigPath);
        Assert.Equal(ManagedOnHosts.SysctlPath, PrepareScript.SysctlPath);
        Assert.Equal(new[] { ManagedOnHosts.WireGuardUnit }, ManagedOnHosts.ServicesOf(NodeRole.Compute).Select(s => s.Unit));
    }
}

using MultiCloud.Lab.Tests.Infrastructure;

namespace MultiCloud.Lab.Tests.Clusters;

/// <summary>
/// The one cluster the ordered scenarios of <see cref="EvolvingClusterTests"/> build on, and how far it got. A
/// scenario whose predecessor failed stops at once with that reason instead of failing in a confusing way.
/// </summary>
public sealed class EvolvingCluster
{
    public const string Name = "evolving";

    private int passed;
    private LabCluster? cluster;
    private LabTopology? topology;

    /// <summary>Hosts that were released from the cluster and may join it again.</summary>
    public List<LabHost> Released { get; } = new();

    /// <summary>The cluster and its current topology, once scenario <paramref name="previous"/> has passed.</summary>
    public (LabCluster Cluster, LabTopology Topology) After(int previous)
    {
        if (passed < previous || cluster is null || topology is null)
            throw new InvalidOperationException($"scenario {previous} of the evolving cluster did not pass, so this scenario cannot run on it");
        return (cluster, topology);
    }

    public LabCluster Start(LabFixture lab) => cluster = LabCluster.Create(lab, Name);

    public void Passed(int scenario, LabTopology current)
    {
        passed = scenario;
        topology = current;
    }
}

using MultiCloud.Engine.Model;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiCloud.Lab.Tests;

/// <summary>
/// The acceptance tests of the node layer on real hosts: one cluster, built from nothing and then changed step by
/// step (scenarios run in order and each starts from where the previous one left the cluster). Lab hosts 1–5:
/// h1 load balancer, h2 and h3 control, h4 and h5 compute. Every assertion is checked on the hosts themselves.
/// </summary>
[Collection(LabCollection.Name)]
[TestCaseOrderer(ScenarioOrderer.TypeName, ScenarioOrderer.AssemblyName)]
public sealed partial class EvolvingClusterTests : IClassFixture<EvolvingCluster>
{
    private static readonly TimeSpan ConnectionLimit = TimeSpan.FromSeconds(15);

    private readonly LabFixture lab;
    private readonly EvolvingCluster evolving;
    private readonly ITestOutputHelper output;

    public EvolvingClusterTests(LabFixture lab, EvolvingCluster evolving, ITestOutputHelper output)
    {
        this.lab = lab;
        this.evolving = evolving;
        this.output = output;
    }

    private HostShell Hosts => lab.Hosts;

    [LabFact, Scenario(1)]
    public async Task ApplyAsync_NewStaticCluster_EveryHostPingsEveryOtherOverTheMesh()
    {
        var cluster = evolving.Start(lab);
        var topology = new LabTopology
        {
            ClusterName = cluster.Name,
            PrivateKeyPath = lab.Lab.KeyPath,
            LoadBalancers = new[] { lab.Host(1) },
            Control = new[] { lab.Host(2), lab.Host(3) },
            Compute = new[] { lab.Host(4), lab.Host(5) },
        };

        var result = await Timed("apply from nothing", () => cluster.ApplyAsync(topology));

        Assert.True(result.Changed);
        var state = Assert.IsType<Engine.State.ClusterState>(result.State);
        Assert.Null(state.Journal);
        Assert.Equal(5, state.Nodes.Count);
        Assert.All(state.Nodes, node => Assert.True(node.Prepared, node.Name + " is not prepared"));
        var meshOnHosts = await MeshChecks.MeshAddressesAsync(Hosts, topology.AllHosts);
        foreach (var host in topology.AllHosts)
            Assert.Equal((await cluster.NodeOfAsync(host)).MeshAddress, meshOnHosts[host.Name]);
        await MeshChecks.AssertFullMeshPeersAsync(Hosts, topology.AllHosts);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(Hosts, topology.AllHosts);
        evolving.Passed(1, topology);
    }

    [LabFact, Scenario(2)]
    public async Task LoadBalancer_OneControlHostStopped_KeepsForwardingToTheOther()
    {
        var (_, topology) = evolving.After(1);
        var lb = topology.LoadBalancers[0];
        var (first, second) = (topology.Control[0], topology.Control[1]);
        var mesh = await MeshChecks.MeshAddressesAsync(Hosts, topology.Control);
        foreach (var host in topology.Control) await HostnameService.InstallAsync(Hosts, host, mesh[host.Name], LabTopology.ApiPort);

        var before = await HostnameService.ReadManyAsync(lb.Address, LabTopology.ApiPort, 6, ConnectionLimit);
        output.WriteLine("both up: " + HostnameService.Describe(before));
        Assert.Equal(new[] { first.Name, second.Name }.OrderBy(n => n), before.Select(a => a.HostName).Distinct().OrderBy(n => n));

        await LabScript.StopAsync(lab.Id, second);
        try
        {
            var during = await HostnameService.ReadManyAsync(lb.Address, LabTopology.ApiPort, 8, ConnectionLimit);
            output.WriteLine($"{second.Name} stopped: " + HostnameService.Describe(during));
            Assert.All(during, answer => Assert.Equal(first.Name, answer.HostName));
            AssertDeadUpstreamCostsLittle(during);
        }
        finally
        {
            await LabScript.StartAsync(lab.Id, second);
        }

        var seenAgain = await WaitForAnswerFromAsync(lb, second.Name, TimeSpan.FromSeconds(60));
        output.WriteLine($"{second.Name} answers again after its restart: " + HostnameService.Describe(seenAgain));
        evolving.Passed(2, topology);
    }

    [LabFact, Scenario(3)]
    public async Task ApplyAsync_SpecAndHostsUnchanged_RefreshesEachHostOnceAndTouchesNothing()
    {
        var (cluster, topology) = evolving.After(2);
        var before = await HostSnapshot.TakeAsync(Hosts, topology.AllHosts);

        var events = new EventRecorder();
        var result = await Timed("unchanged re-apply with refresh", () => cluster.ApplyAsync(topology, events));

        var plan = result.Plan;
        Assert.True(plan.IsEmpty, "the plan of an unchanged cluster is not empty:\n" + Engine.Planning.PlanText.Render(plan));
        Assert.Empty(plan.Notices);
        Assert.All(plan.Refresh!.Nodes, node => Assert.True(node.IsChecked, node.Node + ": " + node.Problem));
        Assert.False(result.Changed);
        output.WriteLine("round trips: " + string.Join(", ", result.RoundTrips.Select(p => p.Key + "=" + p.Value)));
        Assert.Equal(topology.AllHosts.Count, result.RoundTrips.Count);
        Assert.All(result.RoundTrips, trips => Assert.Equal(1, trips.Value));
        Assert.Equal("Ready", result.Cluster!.Status);
        Assert.Empty(events.OfKind(Engine.Execution.EngineEventKind.TargetStarted));
        var after = await HostSnapshot.TakeAsync(Hosts, topology.AllHosts);
        output.WriteLine($"snapshot of {topology.LoadBalancers[0].Name}:\n{after[topology.LoadBalancers[0].Name]}");
        foreach (var host in topology.AllHosts) Assert.Equal(before[host.Name], after[host.Name]);
        evolving.Passed(3, topology);
    }

    /// <summary>
    /// While one upstream is dead, nginx pays its connect timeout once and then skips that server for fail_timeout
    /// (the failure is shared by all workers through the upstream's zone). So among quick successive connections at
    /// most one waits, and none waits much longer than the connect timeout.
    /// </summary>
    private static void AssertDeadUpstreamCostsLittle(IReadOnlyList<Answer> answers)
    {
        var connectTimeout = TimeSpan.FromSeconds(double.Parse(Engine.LoadBalancing.NginxStreamConfig.ConnectTimeout.TrimEnd('s'),
            System.Globalization.CultureInfo.InvariantCulture));
        var slow = answers.Where(a => a.Elapsed > TimeSpan.FromSeconds(1)).ToList();
        Assert.True(slow.Count <= 1, $"{slow.Count} connections waited on the dead upstream: " + HostnameService.Describe(answers));
        Assert.All(answers, a => Assert.True(a.Elapsed < connectTimeout + TimeSpan.FromSeconds(1.5),
            $"a connection took {a.Elapsed.TotalSeconds:0.0}s with a connect timeout of {connectTimeout.TotalSeconds:0}s"));
    }

    private async Task<IReadOnlyList<Answer>> WaitForAnswerFromAsync(LabHost lb, string hostName, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        var answers = new List<Answer>();
        while (DateTime.UtcNow < deadline)
        {
            answers.AddRange(await HostnameService.ReadManyAsync(lb.Address, LabTopology.ApiPort, 2, ConnectionLimit));
            if (answers.Any(a => a.HostName == hostName)) return answers;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new Xunit.Sdk.XunitException($"{hostName} did not answer through the load balancer within {limit.TotalSeconds:0}s of its restart: " +
            HostnameService.Describe(answers));
    }

    private async Task<T> Timed<T>(string what, Func<Task<T>> action)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await action();
        output.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:0.0}s");
        return result;
    }
}

using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Providers;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using MultiCloud.Providers.Tests.Clusters;
using Xunit;
using Xunit.Abstractions;

namespace MultiCloud.Lab.Tests;

/// <summary>
/// Cloud node pools and DNS on the lab: a cluster with Hetzner control and load-balancer pools (each VM a real lab
/// host booted by the Hetzner API double and running the engine's user data), a static machine, and its API name in
/// the Cloudflare double — applied up to the load balancers, killed and resumed, scaled, with an LB node stopped and
/// started, injected failures, a half-built cluster destroyed, and a scan for secrets. Scenarios run in order.
/// </summary>
[Collection(LabCollection.Name)]
[TestCaseOrderer(ScenarioOrderer.TypeName, ScenarioOrderer.AssemblyName)]
public sealed partial class CloudClusterLabTests : IClassFixture<CloudLab>
{
    private readonly LabFixture lab;
    private readonly CloudLab cloud;
    private readonly ITestOutputHelper output;

    public CloudClusterLabTests(LabFixture lab, CloudLab cloud, ITestOutputHelper output)
    {
        this.lab = lab;
        this.cloud = cloud;
        this.output = output;
    }

    private HostShell Hosts => lab.Hosts;

    [LabFact, Scenario(1)]
    public async Task Apply_KilledAtEveryInfrastructureBoundaryInTurn_BuildsTheClusterWithExactlyTheExpectedResources()
    {
        await cloud.StartAsync(lab);
        var cluster = cloud.Cluster();
        cloud.Doubles.Failures.FailNext("POST /servers", InjectedFailure.Throttled, 2);

        var stops = new List<string>();
        while (stops.Count < 20)
        {
            var progress = new CancelAtStep(e => e.TaskId is { } task && (task.StartsWith("infra/", StringComparison.Ordinal) || task.StartsWith("firewall", StringComparison.Ordinal)));
            try
            {
                await cloud.ApplyAsync(cluster, progress, progress.Cancellation.Token);
                break;
            }
            catch (MultiCloudException e) when (e.ErrorId == ErrorIds.OperationCanceled)
            {
                stops.Add(progress.StoppedAfter!);
            }
        }
        output.WriteLine("stopped after: " + string.Join(", ", stops));

        Assert.Equal(new[]
        {
            "infra/control/ensure-network", "infra/control/create-vms", "infra/compute/register-nodes",
            "infra/lb/ensure-network", "infra/lb/create-vms", "firewall/update-firewalls",
        }, stops);
        Assert.Equal(2, cloud.Doubles.Ledger.Calls.Count(c => c.Operation == "POST /servers" && c.Status == 429));
        await AssertClusterAsync(loadBalancers: 2);
        cloud.Passed(1);
    }

    [LabFact, Scenario(2)]
    public async Task Apply_Unchanged_PlansNothingAndCallsNoCloudApi()
    {
        cloud.After(1);
        var calls = cloud.Doubles.Ledger.Calls.Count;

        var result = await cloud.ApplyAsync(cloud.Cluster());

        Assert.False(result.Changed);
        Assert.Equal(calls, cloud.Doubles.Ledger.Calls.Count);
        cloud.Passed(2);
    }

    [LabFact, Scenario(3)]
    public async Task Sync_LoadBalancerNodeStoppedThenStarted_TakesItOutOfDnsAndPutsItBack()
    {
        cloud.After(2);
        var stopped = cloud.HostOf("lb-2");
        await LabScript.StopAsync(lab.Id, stopped);
        try
        {
            var plan = await cloud.PlanAsync(cloud.Cluster());
            var dns = Assert.Single(plan.Tasks, t => t.Id == "dns/api");
            output.WriteLine(dns.Steps[0].Description);
            Assert.Contains("taken out until they answer again: lb-2 (no answer on 6443)", dns.Steps[0].Description);
            Assert.Equal(new[] { "dns/api" }, plan.Tasks.Select(t => t.Id));

            await cloud.SyncAsync();

            Assert.Equal(new[] { cloud.HostOf("lb-1").Address }, DnsAddresses());
        }
        finally
        {
            await LabScript.StartAsync(lab.Id, stopped);
        }

        await cloud.SyncAsync();

        Assert.Equal(new[] { cloud.HostOf("lb-1").Address, cloud.HostOf("lb-2").Address }.Order(), DnsAddresses());
        cloud.Passed(3);
    }

    /// <summary>What the cluster looks like on the doubles and on the hosts once an apply finished.</summary>
    private async Task AssertClusterAsync(int loadBalancers)
    {
        var state = await cloud.StateAsync();
        var lbNodes = Enumerable.Range(1, loadBalancers).Select(i => "lb-" + i).ToList();
        var vms = new[] { "control-1" }.Concat(lbNodes).ToList();
        var expected = vms.Select(n => "server cloudy-" + n)
            .Concat(new[] { "firewall cloudy-control-fw", "firewall cloudy-lb-fw", "ssh_key cloudy-ssh" })
            .Concat(lbNodes.Select(n => "A k8s.example.com " + cloud.HostOf(n).Address))
            .OrderBy(line => line, StringComparer.Ordinal);
        Assert.Equal(expected, cloud.Doubles.Holdings(state.Id!));
        Assert.Equal(vms.Count, cloud.Machines.Hosts.Count);

        var hosts = vms.Select(n => cloud.HostOf(n)).Append(cloud.StaticHost).ToList();
        await MeshChecks.AssertFullMeshPeersAsync(Hosts, hosts);
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(Hosts, hosts);

        foreach (var vm in vms)
        {
            var onHost = (await Hosts.OutputAsync(cloud.HostOf(vm), "cut -d' ' -f1-2 /etc/ssh/ssh_host_ed25519_key.pub")).Trim();
            Assert.Equal(state.Nodes.Single(n => n.Name == vm).SshHostKey, onHost);
        }

        var control = cloud.HostOf("control-1");
        var mesh = await MeshChecks.MeshAddressesAsync(Hosts, new[] { control });
        await HostnameService.InstallAsync(Hosts, control, mesh[control.Name], 6443);
        foreach (var lb in lbNodes)
        {
            var answers = await HostnameService.ReadManyAsync(cloud.HostOf(lb).Address, 6443, 2, TimeSpan.FromSeconds(15));
            Assert.All(answers, answer => Assert.Equal(control.Name, answer.HostName));
        }
    }

    private IReadOnlyList<string> DnsAddresses() =>
        cloud.Doubles.Cloudflare.Zones.RecordsOf(DoublesEnvironment.Zone).Where(r => r.Name == "k8s.example.com").Select(r => r.Content).Order().ToList();
}

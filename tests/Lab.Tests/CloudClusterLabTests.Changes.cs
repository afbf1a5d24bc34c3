using System.Text.Json.Nodes;
using MultiCloud.CloudDoubles;
using MultiCloud.Engine;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Providers;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using MultiCloud.Providers.Tests.Clusters;
using Xunit;

namespace MultiCloud.Lab.Tests;

/// <summary>The cloud cluster changed: scaled with failures on the way, a pool in another region added and removed, destroyed.</summary>
public sealed partial class CloudClusterLabTests
{
    [LabFact, Scenario(4)]
    public async Task Apply_ScaleUpThroughQuotaAndACrashThenDown_KeepsExactlyTheExpectedResources()
    {
        cloud.After(3);
        var three = cloud.Cluster() with { LoadBalancers = 3 };
        cloud.Doubles.Failures.FailNext("POST /servers", InjectedFailure.QuotaExceeded);
        var quota = await Assert.ThrowsAsync<CloudException>(() => cloud.ApplyAsync(three));
        Assert.Equal(ErrorIds.CloudQuotaExceeded, quota.ErrorId);
        Assert.StartsWith(ErrorIds.CloudQuotaExceeded, (await cloud.StateAsync()).Journal!.LastError);

        using var crash = new CancellationTokenSource();
        cloud.Doubles.Hetzner.Project.AfterServerCreated = server =>
        {
            crash.Cancel();
            return Task.CompletedTask;
        };
        var canceled = await Assert.ThrowsAsync<MultiCloudException>(() => cloud.ApplyAsync(three, null, crash.Token));
        Assert.Equal(ErrorIds.OperationCanceled, canceled.ErrorId);
        cloud.Doubles.Hetzner.Project.AfterServerCreated = null;
        Assert.Null((await cloud.StateAsync()).Nodes.Single(n => n.Name == "lb-3").PublicAddress);

        await cloud.ApplyAsync(three);
        await AssertClusterAsync(loadBalancers: 3);
        Assert.Equal(4, cloud.Machines.Booted);

        var gone = cloud.HostOf("lb-3");
        await cloud.ApplyAsync(cloud.Cluster());
        await AssertClusterAsync(loadBalancers: 2);
        Assert.DoesNotContain(gone.Address + "/32", WireGuardSources("cloudy-lb-fw"));
        Assert.Equal(4, WireGuardSources("cloudy-lb-fw").Count);
        cloud.Passed(4);
    }

    [LabFact, Scenario(5)]
    public async Task Apply_PoolInAnotherRegionAfterFailures_JoinsAndWhenRemovedLeavesNothingThere()
    {
        cloud.After(4);
        var booted = cloud.Machines.Booted;
        var notFound = await Assert.ThrowsAsync<CloudException>(() => cloud.ApplyAsync(cloud.Cluster() with { Extra = 1, ExtraServerType = "cx999" }));
        Assert.Equal(ErrorIds.CloudNotFound, notFound.ErrorId);
        Assert.Contains("server type 'cx999' does not exist in this Hetzner project (field serverType of node pool extra)", notFound.Message);

        var resources = cloud.Doubles.Ledger.Resources.Count;
        var revoked = await Assert.ThrowsAsync<CloudException>(() => cloud.ApplyAsync(cloud.Cluster() with { Extra = 1, Hetzner = cloud.Doubles.HetznerProvider("WRONG_HCLOUD_TOKEN") }));
        Assert.Equal(ErrorIds.CloudAuthenticationFailed, revoked.ErrorId);
        Assert.Equal(resources, cloud.Doubles.Ledger.Resources.Count);
        Assert.Equal(booted, cloud.Machines.Booted);

        await cloud.ApplyAsync(cloud.Cluster() with { Extra = 1 });
        var extra = cloud.HostOf("extra-1");
        var hosts = new[] { "control-1", "lb-1", "lb-2", "extra-1" }.Select(n => cloud.HostOf(n)).Append(cloud.StaticHost).ToList();
        await MeshChecks.AssertEveryHostPingsEveryOtherAsync(Hosts, hosts);
        Assert.Contains("firewall cloudy-extra-fw", cloud.Doubles.Holdings((await cloud.StateAsync()).Id!));

        await cloud.ApplyAsync(cloud.Cluster());
        await AssertClusterAsync(loadBalancers: 2);
        Assert.DoesNotContain(cloud.Doubles.Hetzner.Project.Firewalls, f => f.Labels.GetValueOrDefault(ResourceTags.Region) == "nbg1");
        Assert.DoesNotContain(extra, cloud.Machines.Hosts.Values);
        cloud.Passed(5);
    }

    [LabFact, Scenario(6)]
    public async Task Destroy_HalfBuiltCluster_DeletesWhatItMadeAndNothingOfTheOtherCluster()
    {
        cloud.After(5);
        var halfway = cloud.Cluster("halfway") with { StaticCompute = Array.Empty<Engine.Model.StaticNodeSpec>(), LoadBalancers = 1 };
        var progress = new CancelAtStep(e => e.TaskId == "infra/control" && e.StepName == "create-vms");
        await Assert.ThrowsAsync<MultiCloudException>(() => cloud.ApplyAsync(halfway, progress, progress.Cancellation.Token));
        var id = (await cloud.StateAsync("halfway")).Id!;
        Assert.Contains("server halfway-control-1", cloud.Doubles.Holdings(id));
        var cloudyBefore = cloud.Doubles.Holdings((await cloud.StateAsync()).Id!);

        await cloud.Client.DestroyAsync("halfway", null, null, default);

        Assert.Empty(cloud.Doubles.Holdings(id));
        Assert.Empty(cloud.Doubles.Ledger.OwnedBy(id));
        Assert.DoesNotContain(cloud.Machines.Hosts.Keys, name => name.StartsWith("halfway-", StringComparison.Ordinal));
        Assert.Null(await cloud.Client.Store.LoadAsync("halfway", default));
        Assert.Equal(cloudyBefore, cloud.Doubles.Holdings((await cloud.StateAsync()).Id!));
        cloud.Passed(6);
    }

    [LabFact, Scenario(7)]
    public async Task Destroy_Cluster_DeletesEveryCloudResourceAndReleasesTheStaticMachine()
    {
        cloud.After(6);
        var id = (await cloud.StateAsync()).Id!;

        await cloud.Client.DestroyAsync(CloudLab.ClusterName, null, null, default);

        Assert.Empty(cloud.Doubles.Holdings(id));
        Assert.Empty(cloud.Doubles.Ledger.Resources);
        Assert.Empty(cloud.Machines.Hosts);
        Assert.Null(await cloud.Client.Store.LoadAsync(CloudLab.ClusterName, default));
        Assert.Equal("absent", (await Hosts.OutputAsync(cloud.StaticHost, "ip link show wg0 >/dev/null 2>&1 && echo present || echo absent")).Trim());
        cloud.Passed(7);
    }

    [LabFact, Scenario(8)]
    public void Everything_PrintedOrStored_HoldsNoTokenAndNoPrivateHostKey()
    {
        cloud.After(7);
        var secrets = new[] { DoublesEnvironment.HetznerToken, DoublesEnvironment.CloudflareToken }
            .Concat(cloud.Machines.UserDataSeen.SelectMany(UserDataKeys.PrivateKeyLines)).ToList();
        Assert.True(secrets.Count > 10, "no private host key lines were collected");

        var texts = Directory.GetFiles(cloud.Folder, "*", SearchOption.AllDirectories)
            .Where(file => !file.Contains(Path.DirectorySeparatorChar + "ca" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(file => (Where: file, Text: File.ReadAllText(file)))
            .Concat(cloud.Log.Lines.Select(line => (Where: "engine log", Text: line)))
            .Concat(cloud.Console.Select(e => (Where: "console", Text: e.Message + " " + e.Error?.Message)));
        var leaks = texts.SelectMany(t => secrets.Where(s => t.Text.Contains(s, StringComparison.Ordinal)).Select(_ => t.Where)).Distinct().ToList();
        Assert.True(leaks.Count == 0, "secrets found in: " + string.Join(", ", leaks));
        Assert.NotEmpty(cloud.Console);
        Assert.NotEmpty(cloud.Log.Lines);
    }

    private IReadOnlyList<string> WireGuardSources(string firewall) =>
        cloud.Doubles.Hetzner.Project.Firewalls.Single(f => f.Name == firewall).Rules.OfType<JsonObject>()
            .Single(rule => rule["port"]!.GetValue<string>() == "51820")["source_ips"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
}

using MultiCloud.Engine.Providers;
using Xunit;
using static MultiCloud.Providers.Tests.Aws.AwsMachineProviderTests;

namespace MultiCloud.Providers.Tests.Aws;

/// <summary>EC2's own idempotency (RunInstances' ClientToken) and the provider's search by tag keep one instance per node through lost answers, crashes and re-creation.</summary>
public sealed class AwsIdempotencyTests : IAsyncLifetime
{
    private AwsTestCloud cloud = null!;

    public async Task InitializeAsync() => cloud = await AwsTestCloud.StartAsync();

    public async Task DisposeAsync() => await cloud.DisposeAsync();

    [Fact]
    public async Task CreateMachineAsync_RunInstancesAnswerLost_TheSdksRetryWithTheSameClientTokenGetsTheSameInstance()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        cloud.Aws.Ec2.LoseAnswers("RunInstances");

        var machine = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.Equal(new[] { 500, 200 }, cloud.Ledger.Calls.Where(c => c.Operation == "RunInstances").Select(c => c.Status));
        Assert.Equal(machine.Resources["instance"], Assert.Single(cloud.LiveInstances()).Id);
    }

    /// <summary>A run killed right after EC2 made the instance, before the answer reached it (and so before any state was saved).</summary>
    private async Task<Engine.Providers.NetworkInfo> CrashAfterRunInstancesAsync(Func<MachineRequest, MachineRequest>? change = null)
    {
        await using var crashed = cloud.Machines();
        var network = await crashed.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        using var kill = new CancellationTokenSource();
        void Kill(string action)
        {
            if (action == "RunInstances") kill.Cancel();
        }
        cloud.Aws.Ec2.Applied += Kill;
        try
        {
            var request = Machine(Cluster, network);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => crashed.CreateMachineAsync(change?.Invoke(request) ?? request, kill.Token));
        }
        finally
        {
            cloud.Aws.Ec2.Applied -= Kill;
        }
        return network;
    }

    [Fact]
    public async Task CreateMachineAsync_RunCrashedAfterRunInstances_ReRunFindsTheInstanceByTagAndLaunchesNothing()
    {
        await CrashAfterRunInstancesAsync();
        var made = Assert.Single(cloud.LiveInstances());
        var launches = cloud.Ledger.Calls.Count(c => c.Operation == "RunInstances");

        await using var rerun = cloud.Machines();
        var again = await rerun.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var machine = await rerun.CreateMachineAsync(Machine(Cluster, again), CancellationToken.None);

        Assert.Equal(made.Id, machine.Resources["instance"]);
        Assert.Equal(launches, cloud.Ledger.Calls.Count(c => c.Operation == "RunInstances"));
        foreach (var type in NetworkTypes.Concat(MachineTypes)) Assert.Single(cloud.Ledger.Resources, r => r.Type == type);
    }

    [Fact]
    public async Task CreateMachineAsync_CrashedRunsInstanceNotYetListedByTag_SameClientTokenReturnsItInsteadOfASecond()
    {
        cloud.Aws.Ec2.DelayInstanceIndex = true;
        await CrashAfterRunInstancesAsync();
        var made = Assert.Single(cloud.LiveInstances());

        await using var rerun = cloud.Machines();
        var machine = await rerun.CreateMachineAsync(Machine(Cluster, await rerun.EnsureNetworkAsync(Network(Cluster), CancellationToken.None)), CancellationToken.None);

        Assert.Equal(made.Id, machine.Resources["instance"]);
        Assert.Single(cloud.LiveInstances());
        Assert.Equal(200, cloud.Ledger.Calls.Last(c => c.Operation == "RunInstances").Status);
    }

    [Fact]
    public async Task CreateMachineAsync_CrashedRunUsedOtherUserDataAndIsNotListedYet_MismatchResolvedByClientTokenToTheSameInstance()
    {
        cloud.Aws.Ec2.DelayInstanceIndex = true;
        await CrashAfterRunInstancesAsync(r => r with { UserData = "#!/bin/sh\necho first-run\n" });
        var made = Assert.Single(cloud.LiveInstances());

        await using var rerun = cloud.Machines();
        var network = await rerun.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        cloud.Aws.Ec2.DelayInstanceIndex = false;
        // EC2's index catches up while the re-run launches: its search by tag missed the instance, the search by token finds it.
        cloud.Aws.Ec2.Requested += action => { if (action == "RunInstances") cloud.Aws.Ec2.IndexInstances(); };
        var machine = await rerun.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.Equal(made.Id, machine.Resources["instance"]);
        Assert.Single(cloud.LiveInstances());
        Assert.Equal(400, cloud.Ledger.Calls.Last(c => c.Operation == "RunInstances").Status);
        Assert.Contains(cloud.Log.Lines, l => l.Contains("IdempotentParameterMismatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateMachineAsync_NodeDeletedThenCreatedAgain_NewInstanceDespiteTheFirstTokensTerminatedInstance()
    {
        await using var provider = cloud.Machines();
        var network = await provider.EnsureNetworkAsync(Network(Cluster), CancellationToken.None);
        var first = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);
        await provider.DeleteMachineAsync(Cluster, "compute-aws-1", CancellationToken.None);
        cloud.Aws.Ec2.ForgetTerminated();

        var second = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);
        await provider.DeleteMachineAsync(Cluster, "compute-aws-1", CancellationToken.None);
        var third = await provider.CreateMachineAsync(Machine(Cluster, network), CancellationToken.None);

        Assert.Equal(3, new[] { first, second, third }.Select(m => m.Resources["instance"]).Distinct().Count());
        Assert.Equal(third.Resources["instance"], Assert.Single(cloud.LiveInstances()).Id);
        Assert.Equal(3, cloud.LiveInstances().Concat(cloud.Aws.Ec2.Resources.OfType<CloudDoubles.Aws.Ec2Instance>()).Select(i => i.ClientToken).Distinct().Count());
    }
}

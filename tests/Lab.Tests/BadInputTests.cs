using MultiCloud.Engine;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;
using MultiCloud.Lab.Tests.Checks;
using MultiCloud.Lab.Tests.Clusters;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiCloud.Lab.Tests;

/// <summary>
/// Machines the engine cannot or must not use, each in a small cluster of its own on a spare lab host: the apply
/// fails with an error that says what is wrong and where, and leaves nothing half done, neither in the state (no
/// node recorded as prepared, no layer recorded as applied) nor on the host (no WireGuard, no packages).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class BadInputTests
{
    private readonly LabFixture lab;
    private readonly ITestOutputHelper output;

    public BadInputTests(LabFixture lab, ITestOutputHelper output)
    {
        this.lab = lab;
        this.output = output;
    }

    [LabFact]
    public async Task ApplyAsync_EndpointWithoutHost_FailsWithSshConnectionFailedNamingTheNode()
    {
        var cluster = LabCluster.Create(lab, "unreachable");
        var nowhere = new LabHost("nowhere", lab.UnusedAddress());
        var topology = new LabTopology { ClusterName = cluster.Name, PrivateKeyPath = lab.Lab.KeyPath, Control = new[] { nowhere } };

        var error = await FailingApplyAsync(cluster, topology);

        Assert.Equal(ErrorIds.SshConnectionFailed, error.ErrorId);
        Assert.Equal("control-1", error.Target);
        Assert.Contains("node control-1", error.Message);
        Assert.Contains(nowhere.Address, error.Message);
        await AssertNothingRecordedAsync(cluster, ErrorIds.SshConnectionFailed);
    }

    [LabFact]
    public async Task ApplyAsync_WrongPrivateKey_FailsWithSshAuthenticationFailed()
    {
        var spare = await lab.SpareHostAsync();
        var cluster = LabCluster.Create(lab, "wrong-key");
        var wrongKey = Path.Combine(lab.NewScratchFolder("keys"), "other_ed25519");
        var keygen = await LocalProcess.RunAsync("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", wrongKey }, null, TimeSpan.FromSeconds(30));
        Assert.True(keygen.Succeeded, keygen.StandardError);
        var topology = new LabTopology { ClusterName = cluster.Name, PrivateKeyPath = wrongKey, Control = new[] { spare } };

        var error = await FailingApplyAsync(cluster, topology);

        Assert.Equal(ErrorIds.SshAuthenticationFailed, error.ErrorId);
        Assert.Equal("control-1", error.Target);
        Assert.Contains(wrongKey, error.Message);
        await AssertNothingRecordedAsync(cluster, ErrorIds.SshAuthenticationFailed);
        await AssertHostUntouchedAsync(spare);
    }

    [LabFact]
    public async Task ApplyAsync_UserWithoutSudo_FailsWithSudoRequired()
    {
        var spare = await lab.SpareHostAsync();
        var cluster = LabCluster.Create(lab, "no-sudo");
        var topology = new LabTopology { ClusterName = cluster.Name, PrivateKeyPath = lab.Lab.KeyPath, User = "nosudo", Control = new[] { spare } };

        var error = await FailingApplyAsync(cluster, topology);

        Assert.Equal(ErrorIds.SudoRequired, error.ErrorId);
        Assert.Equal("control-1", error.Target);
        Assert.Contains("'nosudo'", error.Message);
        await AssertNothingRecordedAsync(cluster, ErrorIds.SudoRequired);
        await AssertHostUntouchedAsync(spare);
    }

    /// <summary>
    /// The machine is registered (its host key pinned) by an apply that stops before preparing it; then it gets new
    /// host keys, as a reinstalled machine or a machine in the middle would present. Preparing it must refuse.
    /// </summary>
    [LabFact]
    public async Task ApplyAsync_HostKeyChangedSinceRegistration_FailsWithSshHostKeyChangedNamingBothFingerprints()
    {
        var spare = await lab.SpareHostAsync();
        var cluster = LabCluster.Create(lab, "host-key");
        var topology = new LabTopology { ClusterName = cluster.Name, PrivateKeyPath = lab.Lab.KeyPath, Control = new[] { spare } };
        await cluster.ApplyAsync(topology, until: ClusterLayer.Infrastructure);
        var pinned = (await cluster.NodeOfAsync(spare)).SshHostKeyFingerprint;
        Assert.NotNull(pinned);

        var presented = (await lab.Hosts.OutputAsync(spare,
            "set -e\nrm -f /etc/ssh/ssh_host_*key /etc/ssh/ssh_host_*key.pub\nssh-keygen -A >/dev/null\nsystemctl restart ssh\n" +
            "ssh-keygen -l -E sha256 -f /etc/ssh/ssh_host_ed25519_key.pub | awk '{print $2}'")).Trim();
        Assert.NotEqual(pinned, presented);

        var error = await FailingApplyAsync(cluster, topology);

        var changed = Assert.IsType<SshHostKeyChangedException>(error);
        Assert.Equal(ErrorIds.SshHostKeyChanged, changed.ErrorId);
        Assert.Equal("control-1", changed.Target);
        Assert.Equal(pinned, changed.ExpectedFingerprint);
        Assert.Equal(presented, changed.PresentedFingerprint);
        Assert.Contains(pinned!, changed.Message);
        Assert.Contains(presented, changed.Message);
        var state = (await cluster.StateAsync())!;
        var node = Assert.Single(state.Nodes);
        Assert.False(node.Prepared, "a node whose host key was refused is recorded as prepared");
        Assert.Equal(pinned, node.SshHostKeyFingerprint);
        Assert.Empty(state.Applied);
        await AssertHostUntouchedAsync(spare);
    }

    private async Task<MultiCloudException> FailingApplyAsync(LabCluster cluster, LabTopology topology)
    {
        var error = await Assert.ThrowsAnyAsync<MultiCloudException>(() => cluster.ApplyAsync(topology));
        output.WriteLine($"{error.ErrorId}: {error.Message}");
        return error;
    }

    /// <summary>The run stopped with the error in its journal, and the state records no node and no applied layer.</summary>
    private static async Task AssertNothingRecordedAsync(LabCluster cluster, string errorId)
    {
        var state = await cluster.StateAsync();
        if (state is null) return;
        Assert.Empty(state.Nodes);
        Assert.Empty(state.Applied);
        Assert.Null(state.AppliedSpec);
        var journal = Assert.IsType<JournalState>(state.Journal);
        Assert.StartsWith(errorId, journal.LastError);
        Assert.Empty(journal.CompletedSteps);
    }

    /// <summary>No WireGuard configuration, key or interface, no kernel settings and no package of ours on the host.</summary>
    private async Task AssertHostUntouchedAsync(LabHost host)
    {
        Assert.Equal("", await MeshChecks.WireGuardLeftoversAsync(lab.Hosts, host));
        var leftovers = await lab.Hosts.OutputAsync(host,
            "for file in /etc/sysctl.d/90-multicloud.conf /etc/modules-load.d/multicloud.conf /etc/nginx/multicloud; do\n" +
            "  [ -e \"$file\" ] && echo \"$file exists\"\ndone\n" +
            "for package in wireguard-tools nginx; do\n" +
            "  [ \"$(dpkg-query -W -f='${db:Status-Status}' \"$package\" 2>/dev/null)\" = installed ] && echo \"$package installed\"\ndone\n" +
            "true\n");
        Assert.Equal("", leftovers.Trim());
    }
}

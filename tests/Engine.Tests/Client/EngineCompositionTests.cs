using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.Nodes;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

/// <summary>The client runs with the transport and handlers its composition names, so client tests reach node paths without hosts.</summary>
public sealed class EngineCompositionTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ApplyAsync_ComposedWithARecordingShell_RegistersEveryNodeThroughThatShell()
    {
        var shell = new RecordingShell();
        RemoteShellSetup? setup = null;
        var composition = EngineComposition.Default with { RemoteShell = s => { setup = s; return shell; } };
        var client = new MultiCloudClient(new LocalStateStore(folder.Path), new MultiCloudClientOptions { Composition = composition });

        var result = await client.ApplyAsync(NodeExample.Spec, new ApplyOptions { Plan = new PlanOptions { Until = ClusterLayer.Infrastructure } }, null, CancellationToken.None);

        Assert.Equal(NodeExample.Names.OrderBy(n => n), shell.Connects.Select(c => c.NodeName).OrderBy(n => n));
        Assert.All(result.State!.Nodes, node => Assert.Equal(shell.PresentedKey.PublicKey, node.SshHostKey));
        Assert.Equal(Path.Combine(folder.Path, NodeExample.Spec.Name, "logs"), Path.GetDirectoryName(setup!.RunLogPath));
    }

    [Fact]
    public async Task ApplyAsync_ComposedWithoutHandlers_FailsWithNotSupportedYetNamingTheStep()
    {
        var composition = EngineComposition.Default with { RemoteShell = _ => new RecordingShell(), StepHandlers = _ => Array.Empty<MultiCloud.Engine.Execution.IStepHandler>() };
        var client = new MultiCloudClient(new LocalStateStore(folder.Path), new MultiCloudClientOptions { Composition = composition });

        var error = await Assert.ThrowsAsync<MultiCloudException>(() =>
            client.ApplyAsync(NodeExample.Spec, new ApplyOptions { Plan = new PlanOptions { Until = ClusterLayer.Infrastructure } }, null, CancellationToken.None));

        Assert.Equal(ErrorIds.NotSupportedYet, error.ErrorId);
    }
}

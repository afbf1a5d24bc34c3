using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Execution;

public sealed class StepHandlerRegistryTests
{
    [Fact]
    public void Get_RegisteredKind_ReturnsItsHandler()
    {
        var handler = new RecordingTestStepHandler(StepKind.PrepareNodes, new TestCallLog());

        var registry = new StepHandlerRegistry(new IStepHandler[] { handler });

        Assert.Same(handler, registry.Get(StepKind.PrepareNodes));
    }

    [Theory]
    [InlineData(StepKind.CreateVirtualMachines, "cloud node pools")]
    [InlineData(StepKind.InstallLonghorn, "Longhorn")]
    [InlineData(StepKind.RemoveEtcdMembers, "Kubernetes on the mesh")]
    [InlineData(StepKind.UpgradeNodes, "day-2")]
    public async Task Get_KindWithoutHandler_ReturnsHandlerThatFailsWithNotSupportedYet(StepKind kind, string capability)
    {
        var registry = new StepHandlerRegistry(Array.Empty<IStepHandler>());
        var plan = new PlanBuilder().Task("t", t => t.DescribedStep("s", kind, "do the thing on the nodes", "n1")).Build();
        var context = new StepContext
        {
            Plan = plan,
            Task = plan.Tasks[0],
            Step = plan.Tasks[0].Steps[0],
            State = new ClusterState { Name = "prod" },
            Services = null!,
        };

        var error = await Assert.ThrowsAsync<MultiCloudException>(() => registry.Get(kind).RunAsync(context, "n1", CancellationToken.None));

        Assert.Equal(ErrorIds.NotSupportedYet, error.ErrorId);
        Assert.Equal("not supported yet: do the thing on the nodes (arrives with " + NotSupportedYetStepHandler.CapabilityOf(kind) + ")", error.Message);
        Assert.Contains(capability, error.Message);
    }

    [Fact]
    public void Constructor_TwoHandlersForOneKind_Throws()
    {
        var log = new TestCallLog();

        var error = Assert.Throws<ArgumentException>(() => new StepHandlerRegistry(new IStepHandler[]
        {
            new RecordingTestStepHandler(StepKind.PrepareNodes, log),
            new RecordingTestStepHandler(StepKind.PrepareNodes, log),
        }));

        Assert.Contains("PrepareNodes", error.Message);
    }
}

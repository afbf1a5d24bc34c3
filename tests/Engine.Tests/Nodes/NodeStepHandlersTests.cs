using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Nodes;

public sealed class NodeStepHandlersTests
{
    [Fact]
    public void All_Always_CoversTheNodeLayerKindsOnceEach()
    {
        var kinds = NodeStepHandlers.All().Select(h => h.Kind).ToList();

        Assert.Equal(new[]
        {
            StepKind.RegisterStaticNodes, StepKind.PrepareNodes, StepKind.GenerateMeshKeys,
            StepKind.WriteMeshConfig, StepKind.WriteLoadBalancerConfig, StepKind.ReleaseStaticNodes,
        }, kinds);
    }
}

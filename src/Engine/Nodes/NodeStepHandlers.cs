using System.Collections.Generic;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Mesh;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>The step handlers of the node layer (SSH, WireGuard mesh, nginx load balancers), for the engine to register.</summary>
    public static class NodeStepHandlers
    {
        public static IReadOnlyList<IStepHandler> All() => new IStepHandler[]
        {
            new RegisterStaticNodesHandler(),
            new PrepareNodesHandler(),
            new GenerateMeshKeysHandler(),
            new WriteMeshConfigHandler(),
            new WriteLoadBalancerConfigHandler(),
            new ReleaseStaticNodesHandler(),
        };
    }
}

using System.Collections.Generic;
using MultiCloud.Engine.Execution;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>The step handlers of cloud node pools and DNS, for the engine to register.</summary>
    public static class CloudStepHandlers
    {
        public static IReadOnlyList<IStepHandler> All() => new IStepHandler[]
        {
            new EnsureNetworkHandler(),
            new CreateVirtualMachinesHandler(),
            new DeleteVirtualMachinesHandler(),
            new DeleteNetworkHandler(),
            new UpdateDnsRecordsHandler(),
            new DeleteDnsRecordsHandler(),
        };
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// Sweeps a region the cluster leaves (target "provider/region"): every machine the provider finds by the
    /// cluster's tag there that the plan does not keep is deleted — whatever the state says, so a lost state write
    /// leaks nothing — and then the region's network, SSH key and firewalls.
    /// </summary>
    public sealed class DeleteNetworkHandler : IStepHandler
    {
        public StepKind Kind => StepKind.DeleteNetwork;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var region = CloudRegion.Parse(target);
            var cluster = CloudSpecs.Identity(context);
            var provider = CloudSpecs.Session(context).Machines(CloudSpecs.Provider(context, region.Provider));
            var kept = new HashSet<string>(context.Plan.Nodes.Select(n => n.Name), StringComparer.Ordinal);
            var leftovers = (await provider.FindMachinesAsync(cluster, cancellationToken).ConfigureAwait(false))
                .Where(machine => machine.Region == region.Region && !kept.Contains(machine.NodeName))
                .ToList();
            foreach (var machine in leftovers)
            {
                context.Services.Log.Write(LogLevel.Information, $"{target}: deleting machine of node {machine.NodeName}, found by the cluster's tag");
                await provider.DeleteMachineAsync(cluster, machine.NodeName, cancellationToken).ConfigureAwait(false);
            }
            await provider.DeleteNetworkAsync(cluster, region.Region, cancellationToken).ConfigureAwait(false);
            var gone = new HashSet<string>(leftovers.Select(m => m.NodeName), StringComparer.Ordinal);
            return gone.Count == 0 ? null : state => state with { Nodes = state.Nodes.Where(n => !gone.Contains(n.Name)).ToList() };
        }
    }
}

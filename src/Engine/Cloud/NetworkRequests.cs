using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// What a region's network is asked to be at the time of the step: the cluster's SSH key and each pool's firewall
    /// with WireGuard let in from the public address of every node the state lists (the addresses the planner could
    /// only count).
    /// </summary>
    internal static class NetworkRequests
    {
        public static NetworkRequest For(StepContext context, CloudRegion region) => new NetworkRequest
        {
            Cluster = CloudSpecs.Identity(context),
            Region = region.Region,
            SshPublicKey = ClusterKeyPair.ReadPublicKey(context.Services.ClusterKeyPath),
            Firewalls = FirewallRules.For(context.Desired, region, Peers(context.State)),
        };

        /// <summary>Ensures the region's network as the state stands now; cached for the machines of this run.</summary>
        public static Task<NetworkInfo> EnsureAsync(StepContext context, CloudRegion region, CancellationToken cancellationToken) =>
            CloudSpecs.Session(context).EnsureNetworkAsync(region, CloudSpecs.Provider(context, region.Provider), For(context, region), cancellationToken);

        /// <summary>The network ensured earlier in this run, or ensured now (a resumed run whose ensure step an earlier run did).</summary>
        public static async Task<NetworkInfo> KnownOrEnsureAsync(StepContext context, CloudRegion region, CancellationToken cancellationToken) =>
            CloudSpecs.Session(context).KnownNetwork(region) ?? await EnsureAsync(context, region, cancellationToken).ConfigureAwait(false);

        /// <summary>Public addresses of the cluster's nodes as single-address CIDRs; host names are left out (a firewall takes addresses).</summary>
        public static IReadOnlyList<string> Peers(ClusterState state) =>
            state.Nodes
                .Select(node => node.PublicAddress)
                .Where(address => address != null && IPAddress.TryParse(address, out _))
                .Select(address => IPAddress.Parse(address!))
                .Select(ip => ip + (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "/128" : "/32"))
                .Distinct(StringComparer.Ordinal)
                .ToList();
    }
}

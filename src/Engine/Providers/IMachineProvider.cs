using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.Providers
{
    /// <summary>
    /// Creates, finds and deletes the machines of dynamic node pools in one provider instance (one Azure
    /// subscription, one AWS account, one Hetzner project). One instance serves one run and one
    /// <see cref="Model.ProviderSpec"/>; it is disposed when the run ends.
    /// </summary>
    /// <remarks>
    /// The contract every implementation keeps (docs/providers.md explains each point):
    /// <list type="bullet">
    /// <item>Every resource it makes carries <see cref="ResourceTags"/> and a name derived only from cluster, pool and
    /// node (<see cref="ResourceNames"/>), so a run that crashed after a create but before state was saved finds the
    /// resource again instead of making a second one.</item>
    /// <item>Every call is idempotent: creating what exists returns it, deleting what is gone succeeds.</item>
    /// <item>A resource whose name matches but whose cluster-id tag is another cluster's is never adopted or
    /// deleted: <see cref="CloudErrors.NameTaken"/>.</item>
    /// <item>Failures are <see cref="CloudException"/>s naming provider, operation, HTTP status and the cloud's request
    /// id; throttling is retried with backoff inside the provider before it gives up.</item>
    /// <item>No secret (client secret, token, key) appears in a message, a log line or a returned value.</item>
    /// </list>
    /// </remarks>
    public interface IMachineProvider : IAsyncDisposable
    {
        /// <summary>
        /// Makes (or finds) what the cluster's machines in one region need before any machine exists there: network,
        /// subnet, the SSH key the cloud wants registered, and the firewall of each pool with its rules. Called
        /// again with changed rules, it updates them in place.
        /// </summary>
        Task<NetworkInfo> EnsureNetworkAsync(NetworkRequest request, CancellationToken cancellationToken);

        /// <summary>
        /// Creates one machine with its disk, network interface and public address, and waits until the cloud
        /// reports it running with its public address. A machine of that node already made for this cluster is
        /// returned as it is (started if it was stopped).
        /// </summary>
        Task<MachineInfo> CreateMachineAsync(MachineRequest request, CancellationToken cancellationToken);

        /// <summary>Every machine carrying the cluster's id tag, whatever the state says (for destroy and leak checks).</summary>
        Task<IReadOnlyList<MachineInfo>> FindMachinesAsync(ClusterIdentity cluster, CancellationToken cancellationToken);

        /// <summary>Deletes the node's machine and everything made for it (disks, interfaces, addresses); absent is success.</summary>
        Task DeleteMachineAsync(ClusterIdentity cluster, string nodeName, CancellationToken cancellationToken);

        /// <summary>
        /// Deletes what <see cref="EnsureNetworkAsync"/> made for the cluster in the region (found by tag), once no
        /// machine of the cluster is left there; absent is success.
        /// </summary>
        Task DeleteNetworkAsync(ClusterIdentity cluster, string region, CancellationToken cancellationToken);

        /// <summary>
        /// Optional, read-only: asks the cloud's catalogue whether the region exists for this account and offers each
        /// pool's server type (in its zone, when one is named), so the plan can refuse a typo before anything is made.
        /// Called by the plan once per provider instance and region, only for pools that would get new machines. Makes
        /// no resource and never fails for a value it does not know (that is a <see cref="PlacementProblem"/>); a
        /// provider that cannot tell at plan time answers <see cref="PlacementResult.NotChecked"/> (the default).
        /// </summary>
        Task<PlacementResult> CheckPlacementAsync(PlacementRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(PlacementResult.NotChecked("this provider type has no catalogue check"));
    }

    /// <summary>A cluster as providers see it: its name (in resource names) and its id (in tags, the ownership proof).</summary>
    public sealed record ClusterIdentity(string Name, string Id);

    public sealed record NetworkRequest
    {
        public required ClusterIdentity Cluster { get; init; }
        public required string Region { get; init; }

        /// <summary>The cluster's SSH public key ("ssh-ed25519 AAAA… multicloud"), for clouds that register keys.</summary>
        public required string SshPublicKey { get; init; }

        /// <summary>Firewall rules by pool; every pool of this provider in this region has an entry.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<FirewallRule>> Firewalls { get; init; } = new Dictionary<string, IReadOnlyList<FirewallRule>>();
    }

    /// <summary>Cloud ids of what <see cref="IMachineProvider.EnsureNetworkAsync"/> made, by kind ("network", "subnet", "firewall/&lt;pool&gt;", "sshKey").</summary>
    public sealed record NetworkInfo(IReadOnlyDictionary<string, string> Resources);

    public enum FirewallProtocol { Tcp, Udp }

    /// <summary>Inbound traffic a pool's machines accept; everything else inbound is dropped.</summary>
    public sealed record FirewallRule(FirewallProtocol Protocol, int Port, IReadOnlyList<string> Sources, string Description);

    public sealed record MachineRequest
    {
        public required ClusterIdentity Cluster { get; init; }
        public required string Pool { get; init; }
        public required string NodeName { get; init; }
        public required string Region { get; init; }
        public string? Zone { get; init; }
        public required string ServerType { get; init; }
        public required string Image { get; init; }
        public int? DiskSizeGb { get; init; }

        /// <summary>The cluster's SSH public key, authorized for <see cref="AdminUser"/>.</summary>
        public required string SshPublicKey { get; init; }

        /// <summary>The user the engine logs in as; clouds that create a user from the image take this name.</summary>
        public string AdminUser { get; init; } = "root";

        /// <summary>
        /// A shell script the machine runs on first boot (cloud-init runs it on real images): it installs the host
        /// keys the engine generated, so the first SSH contact is already verified. Holds private host keys:
        /// never logged, never stored in state.
        /// </summary>
        public required string UserData { get; init; }

        /// <summary>Resources from <see cref="IMachineProvider.EnsureNetworkAsync"/> for the machine's region.</summary>
        public required NetworkInfo Network { get; init; }
    }

    public sealed record MachineInfo
    {
        public required string NodeName { get; init; }
        public required string Pool { get; init; }
        public required string Region { get; init; }

        /// <summary>The address the engine reaches the machine on over SSH (public IPv4 or IPv6).</summary>
        public required string PublicAddress { get; init; }

        /// <summary>Cloud ids of the machine and what was made for it, by kind ("vm", "disk", "nic", "publicIp").</summary>
        public IReadOnlyDictionary<string, string> Resources { get; init; } = new Dictionary<string, string>();
    }
}

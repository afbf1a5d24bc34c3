using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Where cluster state lives. The local folder store is the default; shared stores (Azure Blob lease,
    /// S3 lock) implement the same contract.
    /// </summary>
    public interface IStateStore
    {
        /// <summary>Human-readable location, for messages ("/home/u/.multicloud/clusters").</summary>
        string Location { get; }

        Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);

        /// <summary>The state of a cluster, or null when there is none.</summary>
        Task<ClusterState?> LoadAsync(string clusterName, CancellationToken cancellationToken = default);

        /// <summary>Atomically replaces the cluster's state; returns it with Serial incremented. Needs the lock.</summary>
        Task<ClusterState> SaveAsync(StateLease lease, ClusterState state, CancellationToken cancellationToken = default);

        /// <summary>Removes the cluster's state and its folder. Needs the lock.</summary>
        Task DeleteAsync(StateLease lease, CancellationToken cancellationToken = default);

        /// <summary>Takes the exclusive lock of a cluster or fails with StateLocked naming the holder.</summary>
        Task<StateLease> AcquireLockAsync(string clusterName, string operation, CancellationToken cancellationToken = default);

        /// <summary>
        /// Fails with StateLocked, naming the holder (and saying when it looks stale), when a run holds the cluster's
        /// lock; takes no lock. Runs ask before they refresh and plan, so a lock left by a killed run is named at once,
        /// not after a plan that could never run. A store without locks of its own may keep the default.
        /// </summary>
        Task EnsureUnlockedAsync(string clusterName, CancellationToken cancellationToken = default) => Task.CompletedTask;

        /// <summary>
        /// Removes a lock left by a crashed run. Returns the holder that was removed, or null when there was none.
        /// Refuses (StateLocked) when the holder is a process still running on this host, unless <paramref name="force"/>.
        /// </summary>
        Task<LockHolder?> BreakLockAsync(string clusterName, bool force, CancellationToken cancellationToken = default);

        /// <summary>
        /// When the cluster has no state but its folder still holds the traces of one (history, keys, logs): what is
        /// left, for a StateMissing message. Null when there is state, or nothing at all.
        /// </summary>
        Task<string?> DescribeLostStateAsync(string clusterName, CancellationToken cancellationToken = default);

        /// <summary>
        /// The user chose to build a cluster whose state was lost as new: keeps the old history apart so the new
        /// state's history does not mix with it. Needs the lock. Returns where the old history went, or null.
        /// </summary>
        Task<string?> SetAsideLostStateAsync(StateLease lease, CancellationToken cancellationToken = default);

        /// <summary>A private folder for the cluster (SSH key pair, run logs), created with owner-only permissions.</summary>
        string GetClusterDirectory(string clusterName);
    }

    /// <summary>Who holds a cluster's lock.</summary>
    public sealed record LockHolder(string Operation, int ProcessId, string HostName, string User, DateTimeOffset Since)
    {
        public override string ToString() => $"{Operation} by {User} on {HostName} (process {ProcessId}) since {Since:u}";
    }

    /// <summary>Proof of holding a cluster's lock; disposing releases it.</summary>
    public abstract class StateLease : IAsyncDisposable
    {
        protected StateLease(string clusterName, LockHolder holder)
        {
            ClusterName = clusterName;
            Holder = holder;
        }

        public string ClusterName { get; }
        public LockHolder Holder { get; }

        public abstract ValueTask DisposeAsync();
    }
}

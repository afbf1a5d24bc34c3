using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// The lock of each cluster in the local store: &lt;cluster&gt;/lock.json, created with CreateNew so that of
    /// two runs (threads, processes) racing for it exactly one wins.
    /// </summary>
    internal sealed class ClusterLocks
    {
        // A racing acquirer may read the lock file between its creation and its content being written.
        private const int ReadAttempts = 5;
        private static readonly TimeSpan ReadRetryDelay = TimeSpan.FromMilliseconds(20);

        // Process start times are coarse on some systems; a process started this much after the lock was taken
        // is taken to be a different process that reused the id.
        private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(2);

        private readonly string root;
        private readonly Func<string, LockHolder> newHolder;

        public ClusterLocks(string root, Func<string, LockHolder> newHolder)
        {
            this.root = root;
            this.newHolder = newHolder;
        }

        public static LockHolder CurrentProcessHolder(string operation)
        {
            using var process = Process.GetCurrentProcess();
            return new LockHolder(operation, process.Id, Environment.MachineName, Environment.UserName, DateTimeOffset.UtcNow);
        }

        public async Task<StateLease> AcquireAsync(ClusterPaths paths, string clusterName, string operation, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OwnerOnlyPermissions.EnsureDirectory(paths.Directory);
            RefuseFolder(paths, clusterName);
            var holder = newHolder(operation);
            var content = LockFileContent.For(holder, Guid.NewGuid().ToString("N"));

            // CreateNew (O_EXCL) alone decides the winner. The file is shared with readers on purpose: on Unix,
            // FileShare.None is an flock taken after the file exists, so a concurrent reader's shared flock made the
            // creator fail too — both contenders lost and an empty lock stayed behind. Readers that come before the
            // content is written retry (ReadWithRetryAsync).
            FileStream stream;
            try
            {
                stream = new FileStream(paths.LockFile, LockFileOptions());
            }
            catch (IOException) when (File.Exists(paths.LockFile))
            {
                var existing = await ReadWithRetryAsync(paths.LockFile, cancellationToken).ConfigureAwait(false);
                throw LockedByOther(clusterName, paths, existing?.ToHolder());
            }

            try
            {
                using (stream)
                {
                    OwnerOnlyPermissions.RestrictFile(paths.LockFile);
                    var bytes = content.ToUtf8();
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
            }
            catch
            {
                File.Delete(paths.LockFile);
                throw;
            }

            return new LocalStateLease(this, root, clusterName, holder, content.LeaseId);
        }

        private static FileStreamOptions LockFileOptions()
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite | FileShare.Delete,
            };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            return options;
        }

        /// <summary>StateLocked naming the holder when the cluster's lock is taken; nothing otherwise. Takes no lock.</summary>
        public async Task EnsureFreeAsync(ClusterPaths paths, string clusterName, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RefuseFolder(paths, clusterName);
            if (!File.Exists(paths.LockFile)) return;
            var existing = await ReadWithRetryAsync(paths.LockFile, cancellationToken).ConfigureAwait(false);
            // Released between the two looks: free.
            if (existing is null && !File.Exists(paths.LockFile)) return;
            throw LockedByOther(clusterName, paths, existing?.ToHolder());
        }

        public Task<LockHolder?> BreakAsync(ClusterPaths paths, string clusterName, bool force, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RefuseFolder(paths, clusterName);
            if (!File.Exists(paths.LockFile))
            {
                return Task.FromResult<LockHolder?>(null);
            }

            // An unreadable lock file is still a lock; report what little is known about it.
            var content = LockFileContent.TryRead(paths.LockFile);
            var holder = content?.ToHolder()
                ?? new LockHolder("unknown", 0, "unknown", "unknown", File.GetLastWriteTimeUtc(paths.LockFile));
            if (!force && content is not null && IsAliveOnThisHost(holder))
            {
                throw new MultiCloudException(
                    ErrorIds.StateLocked,
                    ErrorKind.Busy,
                    $"cluster '{clusterName}' is locked by {holder}, and that process is still running on this host: its run is still going. " +
                    $"Stop it (Ctrl+C in its window, or kill -TERM {holder.ProcessId}) and it releases the lock itself; to remove the lock anyway, " +
                    $"use Unlock-MCCluster -Name {clusterName} -Force (or `multicloud unlock {clusterName} --force`)")
                {
                    Target = clusterName,
                };
            }

            File.Delete(paths.LockFile);
            return Task.FromResult<LockHolder?>(holder);
        }

        /// <summary>A folder named lock.json is no lock this store can take, read or release; say so instead of failing on it.</summary>
        private static void RefuseFolder(ClusterPaths paths, string clusterName)
        {
            if (!Directory.Exists(paths.LockFile))
            {
                return;
            }

            throw new MultiCloudException(
                ErrorIds.StateCorrupt,
                ErrorKind.InvalidData,
                $"'{paths.LockFile}' is a folder, where the cluster's lock file belongs; if no run is working on cluster '{clusterName}', remove that folder and try again")
            {
                Target = clusterName,
            };
        }

        /// <summary>Fails with StateLocked unless <paramref name="lease"/> is a live lease of this store on this cluster whose lock file is still in place.</summary>
        public void EnsureHeld(StateLease lease, ClusterPaths paths, string clusterName)
        {
            if (lease is not LocalStateLease local
                || !string.Equals(local.Root, root, StringComparison.Ordinal)
                || !string.Equals(local.ClusterName, clusterName, StringComparison.Ordinal)
                || local.IsReleased)
            {
                throw new MultiCloudException(
                    ErrorIds.StateLocked,
                    ErrorKind.Busy,
                    $"this operation does not hold the lock of cluster '{clusterName}' in '{root}'; nothing was written")
                {
                    Target = clusterName,
                };
            }

            var current = LockFileContent.TryRead(paths.LockFile);
            if (current is null || !string.Equals(current.LeaseId, local.LeaseId, StringComparison.Ordinal))
            {
                var now = current is null
                    ? "the lock was removed (Unlock-MCCluster)"
                    : "the lock is now held by " + current.ToHolder();
                throw new MultiCloudException(
                    ErrorIds.StateLocked,
                    ErrorKind.Busy,
                    $"cluster '{clusterName}' is no longer locked by this run ({local.Holder}): {now}; nothing was written")
                {
                    Target = clusterName,
                };
            }
        }

        public void Release(LocalStateLease lease)
        {
            var paths = new ClusterPaths(root, lease.ClusterName);
            var current = LockFileContent.TryRead(paths.LockFile);
            if (current is not null && string.Equals(current.LeaseId, lease.LeaseId, StringComparison.Ordinal))
            {
                File.Delete(paths.LockFile);
            }
        }

        /// <summary>True when the holder's process is running on this host (and is not a later process that reused its id).</summary>
        internal static bool IsAliveOnThisHost(LockHolder holder) =>
            string.Equals(holder.HostName, Environment.MachineName, StringComparison.OrdinalIgnoreCase) && !LooksStale(holder);

        internal static bool LooksStale(LockHolder holder)
        {
            if (!string.Equals(holder.HostName, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            try
            {
                using var process = Process.GetProcessById(holder.ProcessId);
                return process.StartTime.ToUniversalTime() > holder.Since.UtcDateTime + StartTimeTolerance;
            }
            catch (ArgumentException)
            {
                return true;
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is NotSupportedException)
            {
                // The process exists but cannot be inspected (another user's); assume it is alive.
                return false;
            }
        }

        private static async Task<LockFileContent?> ReadWithRetryAsync(string path, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var content = LockFileContent.TryRead(path);
                if (content is not null || attempt == ReadAttempts || !File.Exists(path))
                {
                    return content;
                }

                await Task.Delay(ReadRetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }

        private static MultiCloudException LockedByOther(string clusterName, ClusterPaths paths, LockHolder? holder)
        {
            var unlock = $"Unlock-MCCluster -Name {clusterName} (or `multicloud unlock {clusterName}`)";
            string message;
            if (holder is null)
            {
                message = $"cluster '{clusterName}' is locked ('{paths.LockFile}' exists but cannot be read). If no other run is working on the cluster, remove the lock with {unlock}.";
            }
            else if (LooksStale(holder))
            {
                message = $"cluster '{clusterName}' is locked by {holder}. The lock looks stale: that process no longer runs on this host. If no other run is working on the cluster, remove the lock with {unlock} and try again.";
            }
            else
            {
                message = $"cluster '{clusterName}' is locked by {holder}. Wait for that run to finish; if it crashed, remove the lock with {unlock}.";
            }

            return new MultiCloudException(ErrorIds.StateLocked, ErrorKind.Busy, message) { Target = clusterName };
        }
    }
}

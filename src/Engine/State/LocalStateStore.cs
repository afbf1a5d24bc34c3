using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// State in a local folder: &lt;root&gt;/&lt;cluster&gt;/state.json with the previous versions in history/ and the
    /// lock in lock.json. Folders are owner-only because they also hold the cluster's SSH key.
    /// </summary>
    public sealed class LocalStateStore : IStateStore
    {
        /// <summary>How many earlier versions of state.json are kept in history/.</summary>
        public const int HistoryDepth = 20;

        /// <summary>The largest state.json read (64 MiB); a cluster at the node limit writes a few MB.</summary>
        public const int MaxStateBytes = 64 * 1024 * 1024;

        private readonly string root;
        private readonly ClusterLocks locks;

        public LocalStateStore(string root)
            : this(root, ClusterLocks.CurrentProcessHolder)
        {
        }

        /// <summary>Lets tests take locks as other (for example dead) processes.</summary>
        internal LocalStateStore(string root, Func<string, LockHolder> newLockHolder)
        {
            if (string.IsNullOrEmpty(root))
            {
                throw new ArgumentException("the state folder must be given", nameof(root));
            }

            this.root = Path.GetFullPath(root);
            locks = new ClusterLocks(this.root, newLockHolder);
        }

        public string Location => root;

        public Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Directory.Exists(root))
            {
                return Task.FromResult<IReadOnlyList<string>>(new string[0]);
            }

            var names = Directory.EnumerateDirectories(root)
                .Select(path => Path.GetFileName(path))
                .Where(name => ClusterNames.IsValid(name) && File.Exists(Path.Combine(root, name, ClusterPaths.StateFileName)))
                .OrderBy(name => name, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult<IReadOnlyList<string>>(names!);
        }

        public Task<ClusterState?> LoadAsync(string clusterName, CancellationToken cancellationToken = default) =>
            Task.FromResult(Load(clusterName, cancellationToken));

        private ClusterState? Load(string clusterName, CancellationToken cancellationToken)
        {
            var paths = new ClusterPaths(root, clusterName);
            if (Directory.Exists(paths.StateFile))
            {
                throw CorruptWithRecoveryHint(clusterName, paths, $"'{paths.StateFile}' is a folder, not a state document", null);
            }

            if (!File.Exists(paths.StateFile))
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            ClusterState state;
            try
            {
                state = StateJson.Deserialize(ReadStateText(paths.StateFile), paths.StateFile);
            }
            catch (MultiCloudException e) when (e.ErrorId == ErrorIds.StateCorrupt)
            {
                throw CorruptWithRecoveryHint(clusterName, paths, e.Message, e);
            }

            if (!string.Equals(state.Name, clusterName, StringComparison.Ordinal))
            {
                throw CorruptWithRecoveryHint(clusterName, paths, $"'{paths.StateFile}' holds cluster '{state.Name}', not '{clusterName}'", null);
            }

            return state;
        }

        public async Task<ClusterState> SaveAsync(StateLease lease, ClusterState state, CancellationToken cancellationToken = default)
        {
            if (lease is null)
            {
                throw new ArgumentNullException(nameof(lease));
            }

            if (state is null)
            {
                throw new ArgumentNullException(nameof(state));
            }

            var paths = new ClusterPaths(root, state.Name);
            locks.EnsureHeld(lease, paths, state.Name);
            OwnerOnlyPermissions.EnsureDirectory(paths.Directory);

            var onDisk = await LoadAsync(state.Name, cancellationToken).ConfigureAwait(false);
            var serialOnDisk = onDisk?.Serial ?? 0;
            if (state.Serial != serialOnDisk)
            {
                throw new MultiCloudException(
                    ErrorIds.StateConflict,
                    ErrorKind.Busy,
                    $"the state of cluster '{state.Name}' changed since it was read (read serial {state.Serial}, '{paths.StateFile}' has serial {serialOnDisk}); load it again and retry")
                {
                    Target = state.Name,
                };
            }

            var saved = state with
            {
                FormatVersion = ClusterState.CurrentFormatVersion,
                Serial = state.Serial + 1,
                UpdatedAt = DateTimeOffset.UtcNow,
            };

            // Serialize before touching any file, so a state that cannot be written leaves everything as it was.
            var json = StateJson.Serialize(saved);

            AtomicFile.RemoveLeftovers(paths.Directory, ClusterPaths.StateFileName);
            if (onDisk is not null)
            {
                KeepInHistory(paths, onDisk.Serial);
            }

            await AtomicFile.WriteAsync(paths.StateFile, json, cancellationToken).ConfigureAwait(false);
            PruneHistory(paths);
            return saved;
        }

        public Task DeleteAsync(StateLease lease, CancellationToken cancellationToken = default)
        {
            if (lease is null)
            {
                throw new ArgumentNullException(nameof(lease));
            }

            var paths = new ClusterPaths(root, lease.ClusterName);
            locks.EnsureHeld(lease, paths, lease.ClusterName);
            cancellationToken.ThrowIfCancellationRequested();
            ClusterFolderRemoval.Remove(paths);
            return Task.CompletedTask;
        }

        public Task<StateLease> AcquireLockAsync(string clusterName, string operation, CancellationToken cancellationToken = default)
        {
            var paths = new ClusterPaths(root, clusterName);
            EnsureRoot();
            return locks.AcquireAsync(paths, clusterName, operation, cancellationToken);
        }

        public Task EnsureUnlockedAsync(string clusterName, CancellationToken cancellationToken = default) =>
            locks.EnsureFreeAsync(new ClusterPaths(root, clusterName), clusterName, cancellationToken);

        public Task<LockHolder?> BreakLockAsync(string clusterName, bool force, CancellationToken cancellationToken = default) =>
            locks.BreakAsync(new ClusterPaths(root, clusterName), clusterName, force, cancellationToken);

        public Task<string?> DescribeLostStateAsync(string clusterName, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(LostState.Describe(new ClusterPaths(root, clusterName)));
        }

        public Task<string?> SetAsideLostStateAsync(StateLease lease, CancellationToken cancellationToken = default)
        {
            if (lease is null)
            {
                throw new ArgumentNullException(nameof(lease));
            }

            var paths = new ClusterPaths(root, lease.ClusterName);
            locks.EnsureHeld(lease, paths, lease.ClusterName);
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(File.Exists(paths.StateFile) ? null : LostState.SetAsideHistory(paths, DateTimeOffset.UtcNow));
        }

        public string GetClusterDirectory(string clusterName)
        {
            var paths = new ClusterPaths(root, clusterName);
            EnsureRoot();
            OwnerOnlyPermissions.EnsureDirectory(paths.Directory);
            return paths.Directory;
        }

        private void EnsureRoot()
        {
            if (!Directory.Exists(root))
            {
                OwnerOnlyPermissions.EnsureDirectory(root);
            }
        }

        private static void KeepInHistory(ClusterPaths paths, long serial)
        {
            OwnerOnlyPermissions.EnsureDirectory(paths.HistoryDirectory);
            var historyFile = paths.HistoryFile(serial);
            File.Copy(paths.StateFile, historyFile, overwrite: true);
            OwnerOnlyPermissions.RestrictFile(historyFile);
        }

        private static void PruneHistory(ClusterPaths paths)
        {
            foreach (var file in LostState.HistoryFiles(paths).Skip(HistoryDepth))
            {
                File.Delete(file);
            }
        }

        /// <summary>The text of a state file: a regular file of at most <see cref="MaxStateBytes"/>, as for any input.</summary>
        private static string ReadStateText(string path)
        {
            try
            {
                return Manifest.InputFile.ReadText(path, MaxStateBytes);
            }
            catch (InvalidDataException e)
            {
                throw new MultiCloudException(ErrorIds.StateCorrupt, ErrorKind.InvalidData, $"'{path}' is not read: {e.Message}", e) { Target = path };
            }
        }

        /// <summary>
        /// StateCorrupt with the way back: the newest version in history/ that itself loads and passes every check,
        /// named with its serial and time, or word that none does.
        /// </summary>
        private static MultiCloudException CorruptWithRecoveryHint(string clusterName, ClusterPaths paths, string problem, Exception? inner)
        {
            var hint = $"No earlier version in '{paths.HistoryDirectory}' is sound either; restore state.json from a backup.";
            foreach (var file in LostState.HistoryFiles(paths))
            {
                try
                {
                    var good = StateJson.Deserialize(ReadStateText(file), file);
                    if (!string.Equals(good.Name, clusterName, StringComparison.Ordinal)) continue;
                    hint = $"The newest sound earlier version is '{file}' (serial {good.Serial}, saved {good.UpdatedAt:u}); copy it over '{paths.StateFile}' to go back to it.";
                    break;
                }
                catch (Exception e) when (e is MultiCloudException || e is IOException || e is UnauthorizedAccessException)
                {
                    // Damaged too: look further back.
                }
            }

            return new MultiCloudException(ErrorIds.StateCorrupt, ErrorKind.InvalidData, $"{problem}\n{hint}", inner) { Target = clusterName };
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.State
{
    /// <summary>The local store's proof of holding a cluster lock; disposing removes lock.json if it is still ours.</summary>
    internal sealed class LocalStateLease : StateLease
    {
        private readonly ClusterLocks locks;
        private readonly IDisposable atExit;
        private int released;

        public LocalStateLease(ClusterLocks locks, string root, string clusterName, LockHolder holder, string leaseId)
            : base(clusterName, holder)
        {
            this.locks = locks;
            Root = root;
            LeaseId = leaseId;
            // A process that ends hard (second Ctrl+C or SIGTERM) still leaves no lock behind.
            atExit = ExitCleanup.Register(Release);
        }

        public string Root { get; }
        public string LeaseId { get; }
        public bool IsReleased => Volatile.Read(ref released) != 0;

        public override ValueTask DisposeAsync()
        {
            atExit.Dispose();
            Release();
            return default;
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                locks.Release(this);
            }
        }
    }
}

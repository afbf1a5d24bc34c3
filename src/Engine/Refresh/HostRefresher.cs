using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Refresh
{
    /// <summary>One node to refresh: how to reach it and what to look at there.</summary>
    public sealed record RefreshTarget(SshTarget Ssh, RefreshChecks Checks);

    /// <summary>
    /// Runs the refresh script on nodes: exactly one <see cref="IRemoteShell.RunScriptAsync"/> per node, all nodes at
    /// once up to a bound (like the executor's fan-out). A node that cannot be reached or read becomes an observation
    /// that says why; it never stops the others. Only cancellation by the caller ends the refresh early.
    /// </summary>
    public sealed class HostRefresher
    {
        private const int StderrTailLines = 5;

        private readonly IRemoteShell shell;
        private readonly int maxParallel;
        private readonly Func<DateTimeOffset> clock;

        public HostRefresher(IRemoteShell shell, int maxParallel, Func<DateTimeOffset> clock)
        {
            this.shell = shell ?? throw new ArgumentNullException(nameof(shell));
            this.maxParallel = Math.Max(1, maxParallel);
            this.clock = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        /// <summary>The observation of every target, in the order given.</summary>
        public async Task<IReadOnlyList<NodeObservation>> CheckAsync(IReadOnlyList<RefreshTarget> targets, CancellationToken cancellationToken)
        {
            using var slots = new SemaphoreSlim(maxParallel, maxParallel);
            var checks = targets.Select(target => Task.Run(async () =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await CheckOneAsync(target, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }, cancellationToken)).ToList();
            return await Task.WhenAll(checks).ConfigureAwait(false);
        }

        private async Task<NodeObservation> CheckOneAsync(RefreshTarget target, CancellationToken cancellationToken)
        {
            var name = target.Ssh.NodeName;
            RemoteResult result;
            try
            {
                result = await shell.RunScriptAsync(target.Ssh, "refresh", RefreshScript.Render(target.Checks), true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is MultiCloudException or System.IO.IOException or InvalidOperationException)
            {
                return new NodeObservation
                {
                    Node = name,
                    Check = HostCheck.Unreachable,
                    SeenAt = clock(),
                    ErrorId = (e as MultiCloudException)?.ErrorId,
                    Problem = e.Message,
                };
            }

            if (result.ExitCode != 0)
            {
                return new NodeObservation
                {
                    Node = name,
                    Check = HostCheck.Unreadable,
                    SeenAt = clock(),
                    Problem = $"the refresh script on {name} ended with exit code {result.ExitCode}: {LastLines(result.StandardError)}",
                };
            }
            return RefreshOutput.Parse(name, result.StandardOutput, clock());
        }

        private static string LastLines(string text)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n').Where(line => line.Trim().Length > 0).ToList();
            return lines.Count == 0 ? "(no error output)" : string.Join(" / ", lines.Skip(Math.Max(0, lines.Count - StderrTailLines)));
        }
    }
}

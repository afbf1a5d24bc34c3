using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.LoadBalancing
{
    /// <summary>Finds out which load-balancer nodes answer, for the planner's <see cref="LoadBalancerHealth"/> input.</summary>
    public interface ILoadBalancerProbe
    {
        Task<LoadBalancerHealth> ProbeAsync(ClusterSpec desired, ClusterState? current, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Probes from the operator's machine, as clients would reach them: a TCP connect to each TCP role port of each
    /// load-balancer node whose DNS records the cluster keeps, all at once, each with a short timeout. Only load
    /// balancers whose records were already written are probed (a new one has nothing to take out yet); UDP roles
    /// cannot be probed by a connect and are left out.
    /// </summary>
    public sealed class TcpLoadBalancerProbe : ILoadBalancerProbe
    {
        public TcpLoadBalancerProbe(TimeSpan timeout) => Timeout = timeout;

        public TimeSpan Timeout { get; }

        public async Task<LoadBalancerHealth> ProbeAsync(ClusterSpec desired, ClusterState? current, CancellationToken cancellationToken)
        {
            if (current is null) return LoadBalancerHealth.AllHealthy;
            var probes = Targets(desired, current).Select(async target =>
                (target.Node, target.Port, Answered: await AnswersAsync(target.Address, target.Port, cancellationToken).ConfigureAwait(false)));
            var results = await Task.WhenAll(probes).ConfigureAwait(false);
            var unanswered = results.Where(r => !r.Answered)
                .GroupBy(r => r.Node, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<int>)g.Select(r => r.Port).Distinct().OrderBy(p => p).ToList(), StringComparer.Ordinal);
            return unanswered.Count == 0 ? LoadBalancerHealth.AllHealthy : new LoadBalancerHealth { Unanswered = unanswered };
        }

        private static IEnumerable<(string Node, string Address, int Port)> Targets(ClusterSpec desired, ClusterState current) =>
            desired.LoadBalancers
                .Where(lb => lb.Dns != null && current.Applied.ContainsKey(AppliedKeys.Dns(lb.Name)))
                .SelectMany(lb => current.Nodes
                    .Where(node => lb.Pools.Contains(node.Pool) && node.Prepared && node.PublicAddress != null)
                    .SelectMany(node => lb.Roles.Where(role => role.Protocol == LoadBalancerProtocol.Tcp).Select(role => (node.Name, node.PublicAddress!, role.Port))))
                .Distinct();

        private async Task<bool> AnswersAsync(string address, int port, CancellationToken cancellationToken)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(address, port, limit.Token).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return false;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.LoadBalancing
{
    /// <summary>
    /// Writes the nginx stream configuration of one load-balancer node: every role of every load balancer whose
    /// pools hold the node's pool, forwarding to the mesh addresses of the plan's final nodes in the role's target
    /// pools. Nodes leaving the cluster are therefore already out of the upstreams.
    /// </summary>
    public sealed class WriteLoadBalancerConfigHandler : IStepHandler
    {
        public StepKind Kind => StepKind.WriteLoadBalancerConfig;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var roles = RolesFor(context, target);
            var config = NginxStreamConfig.Render(target, roles);
            var script = NginxConfigScript.Render(config, NginxStreamConfig.ListenPorts(roles));
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(connection.Target, "write nginx stream config", script, false, cancellationToken)
                .ConfigureAwait(false);

            var report = ScriptReport.Parse(result.StandardOutput);
            var outcome = report.Require("lb", target, "load-balancer configuration");
            if (outcome == "invalid")
            {
                throw new MultiCloudException(ErrorIds.ConfigValidationFailed, ErrorKind.InvalidData,
                    $"nginx rejected the load-balancer configuration for node {target}; nothing was changed on the node. nginx said:" +
                    Environment.NewLine + string.Join(Environment.NewLine, report.OtherLines))
                { Target = target };
            }
            context.Services.Log.Write(LogLevel.Verbose, $"{target}: load-balancer configuration {outcome} ({report.Get("action")})");
            return NodeStateUpdates.Change(target, node =>
                NodeStateUpdates.WithFileHashes(NodeStateUpdates.WithHostKey(node, connection.LearnedHostKey), report, NginxConfigScript.ManagedPaths));
        }

        /// <summary>The roles the node serves, each with the mesh addresses of its target nodes in name order.</summary>
        public static IReadOnlyList<StreamRole> RolesFor(StepContext context, string target)
        {
            var pool = NodeAccess.Planned(context, target)?.Pool ?? NodeAccess.RegisteredNode(context, target).Pool;
            var roles = new List<StreamRole>();
            foreach (var loadBalancer in context.Desired.LoadBalancers.Where(lb => lb.Pools.Contains(pool)))
            {
                foreach (var role in loadBalancer.Roles)
                {
                    var upstreams = context.Plan.Nodes
                        .Where(node => role.TargetPools.Contains(node.Pool))
                        .OrderBy(node => node.Name, StringComparer.Ordinal)
                        .Select(node => node.MeshAddress)
                        .ToList();
                    roles.Add(new StreamRole(loadBalancer.Name, role, upstreams));
                }
            }
            return roles;
        }
    }
}

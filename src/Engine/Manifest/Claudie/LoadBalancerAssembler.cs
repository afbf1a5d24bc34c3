using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>A load balancer of one cluster, with the roles copied into it and where each came from.</summary>
    internal sealed record ImportedLoadBalancer(LoadBalancerSpec Spec, ClaudieLoadBalancerCluster Claudie, IReadOnlyList<(ClaudieRole Role, Located<string> Reference)> Roles)
    {
        /// <summary>Registers the load balancer as spec.loadBalancers[index]; a role's fields point at its shared definition, the role itself at its use.</summary>
        public void CopyTo(SourceMap map, int index)
        {
            Claudie.Source.CopyTo(map, ManifestPaths.LoadBalancer(index));
            for (var r = 0; r < Roles.Count; r++)
            {
                var (role, reference) = Roles[r];
                var rolePath = ManifestPaths.Role(index, r);
                role.Source.CopyTo(map, rolePath);
                // The load balancer names the role here; problems with that use (a second "api") belong to this line.
                map.Add(rolePath, reference.Location, reference.Path);
                map.Add(ManifestPaths.Field(rolePath, "name"), reference.Location, reference.Path);
                if (role.Target is null) continue;
                var targetPools = ManifestPaths.Field(rolePath, "targetPools");
                map.Add(targetPools, role.Target.Location, role.Target.Path);
                for (var t = 0; t < Spec.Roles[r].TargetPools.Count; t++) map.Add(ManifestPaths.Item(targetPools, t), role.Target.Location, role.Target.Path);
            }
        }
    }

    /// <summary>Builds each load balancer cluster for the Kubernetes cluster it targets, resolving roles by name.</summary>
    internal sealed class LoadBalancerAssembler
    {
        private readonly ImportContext _context;
        private readonly NameIndex<ClaudieRole> _roles;

        public LoadBalancerAssembler(IReadOnlyList<ClaudieRole> roles, ImportContext context)
        {
            _context = context;
            _roles = new NameIndex<ClaudieRole>(roles, r => r.Name, "role", context);
        }

        public ImportedLoadBalancer Assemble(ClaudieLoadBalancerCluster loadBalancer, string cluster, IReadOnlyList<string> control, IReadOnlyList<string> compute)
        {
            var roles = new List<(ClaudieRole, Located<string>)>();
            var specs = new List<RoleSpec>();
            var listed = new HashSet<string>();
            foreach (var reference in loadBalancer.Roles)
            {
                if (!_roles.TryFind(reference.Value, out var role))
                {
                    _roles.ReportMissing(reference, _context);
                    continue;
                }
                if (!listed.Add(reference.Value))
                {
                    _context.Report(reference, "role '" + reference.Value + "' is listed twice", "each role once per load balancer");
                    continue;
                }
                roles.Add((role, reference));
                specs.Add(role.Spec with { TargetPools = TargetPoolsOf(role, cluster, control, compute) });
            }

            var spec = new LoadBalancerSpec
            {
                Name = loadBalancer.Name.Value,
                Roles = specs,
                Dns = loadBalancer.Dns,
                Pools = loadBalancer.Pools.Select(p => p.Value).ToList(),
            };
            return new ImportedLoadBalancer(spec, loadBalancer, roles);
        }

        /// <summary>The older "target:" form names a part of the targeted cluster; targetPools must name that cluster's pools.</summary>
        private IReadOnlyList<string> TargetPoolsOf(ClaudieRole role, string cluster, IReadOnlyList<string> control, IReadOnlyList<string> compute)
        {
            switch (role.Target?.Value)
            {
                case RoleTarget.ControlPlane: return control;
                case RoleTarget.ComputePlane: return compute;
                case RoleTarget.AllNodes: return control.Concat(compute).Distinct().ToList();
            }

            var kubernetesPools = control.Concat(compute).Distinct().ToList();
            foreach (var target in role.TargetPools.Where(t => t.Value.Length > 0 && !kubernetesPools.Contains(t.Value)))
                _context.Report(target, "pool '" + target.Value + "' is not a control or compute pool of Kubernetes cluster '" + cluster + "'",
                    kubernetesPools.Count == 0 ? "(none defined)" : string.Join(", ", kubernetesPools));
            return role.Spec.TargetPools;
        }
    }
}

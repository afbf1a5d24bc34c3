using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>
    /// Test double of a successful executor run: the state a plan leaves behind when every step succeeds. New nodes
    /// appear (prepared, keyed, joined only where a step did that), removed nodes go, fingerprints are recorded in
    /// task order, and the plan's spec becomes the applied spec.
    /// </summary>
    internal static class SimulatedApply
    {
        public static ClusterState Run(ClusterState? state, Plan plan)
        {
            var current = state ?? new ClusterState { Name = plan.ClusterName };
            var prepared = TargetsOf(plan, StepKind.PrepareNodes);
            var keyed = TargetsOf(plan, StepKind.GenerateMeshKeys);
            var joined = TargetsOf(plan, StepKind.InitControlPlane, StepKind.JoinControlPlane, StepKind.JoinWorkers);
            var kubernetesPrepared = TargetsOf(plan, StepKind.PrepareKubernetesNodes);
            var etcd = TargetsOf(plan, StepKind.StartEtcd, StepKind.AddEtcdMember);
            var observed = current.Nodes.ToDictionary(n => n.Name);

            var nodes = plan.Nodes.Select(planned =>
            {
                var node = observed.TryGetValue(planned.Name, out var existing) ? existing : Created(planned);
                return node with
                {
                    Prepared = node.Prepared || prepared.Contains(planned.Name),
                    WireGuardPublicKey = node.WireGuardPublicKey ?? (keyed.Contains(planned.Name) ? KeyOf(planned.Name) : null),
                    Joined = node.Joined || joined.Contains(planned.Name),
                    KubernetesPrepared = node.KubernetesPrepared || kubernetesPrepared.Contains(planned.Name),
                    EtcdMember = node.EtcdMember || etcd.Contains(planned.Name),
                    PodCidr = node.PodCidr ?? planned.PodCidr,
                };
            }).ToList();

            var applied = new Dictionary<string, string>(current.Applied);
            foreach (var record in plan.Tasks.SelectMany(t => t.RecordsApplied))
            {
                if (record.Value.Length == 0) applied.Remove(record.Key);
                else applied[record.Key] = record.Value;
            }
            return current with
            {
                Serial = current.Serial + 1,
                Nodes = nodes,
                Applied = applied,
                AppliedSpec = plan.Desired,
                Journal = null,
            };
        }

        /// <summary>Plans and applies in one go, from scratch or from a state.</summary>
        public static ClusterState Plan(Model.ClusterSpec spec, ClusterState? state = null, PlanOptions? options = null) =>
            Run(state, Planner.Create(spec, state, options));

        /// <summary>A WireGuard-shaped public key of its own per node (32 bytes in base64), as state on load requires.</summary>
        public static string KeyOf(string nodeName) =>
            Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(nodeName)));

        private static NodeState Created(PlannedNode planned) => new NodeState
        {
            Name = planned.Name,
            Pool = planned.Pool,
            Role = planned.Role,
            MeshAddress = planned.MeshAddress,
            PodCidr = planned.PodCidr,
            PublicAddress = planned.Endpoint ?? planned.Name + ".public.test",
            SshPort = planned.Port,
            SshUser = planned.User,
            ProviderResources = planned.Provider is null
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { ["vm"] = planned.Provider + "/" + planned.Name },
        };

        private static HashSet<string> TargetsOf(Plan plan, params StepKind[] kinds) =>
            new HashSet<string>(plan.Tasks.SelectMany(t => t.Steps).Where(s => kinds.Contains(s.Kind)).SelectMany(s => s.Targets));
    }
}

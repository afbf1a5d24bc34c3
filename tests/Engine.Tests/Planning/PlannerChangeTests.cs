using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>Changes to a cluster that was fully applied: each edit of the spec must plan exactly the work it needs.</summary>
    public class PlannerChangeTests
    {
        private static readonly string[] FinalHybridPeers =
            { "control-1", "control-2", "control-3", "compute-az-1", "compute-az-2", "onprem-1", "onprem-2", "lb-1" };

        private static readonly Dictionary<string, (string Example, Func<ClusterSpec, ClusterSpec> Edit)> Edits = new()
        {
            ["scale up control pool"] = ("hybrid", s => s.WithCount("control", 5)),
            ["scale up pool with labels"] = ("hybrid", s => s.WithCount("compute-az", 3)),
            ["scale down control pool"] = ("hybrid", s => s.WithCount("control", 2)),
            ["scale down worker pool"] = ("hybrid", s => s.WithCount("compute-az", 1)),
            ["add static node"] = ("static", s => s.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21", "192.168.10.22", "192.168.10.23"))),
            ["remove static node"] = ("static", s => s.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.22"))),
            ["reorder static nodes"] = ("static", s => s.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.22", "192.168.10.21"))),
            ["remove pool"] = ("hybrid", s => s.WithoutPool("onprem")),
            ["add load balancer"] = ("hybrid", AddIngress),
            ["remove load balancer"] = ("hybrid", s => (s with { LoadBalancers = new LoadBalancerSpec[0] }).WithoutPool("lb")),
            ["change dns"] = ("hybrid", s => s with { LoadBalancers = new[] { s.LoadBalancers[0] with { Dns = s.LoadBalancers[0].Dns! with { Hostname = "k8s" } } } }),
            ["drop dns"] = ("hybrid", s => s with { LoadBalancers = new[] { s.LoadBalancers[0] with { Dns = null } } }),
            ["change labels"] = ("hybrid", s => s.WithPool(s.Pool<StaticNodePoolSpec>("onprem") with { Labels = new Dictionary<string, string> { ["site"] = "attic" } })),
            ["clear labels"] = ("hybrid", s => s.WithPool(s.Pool<StaticNodePoolSpec>("onprem") with { Labels = new Dictionary<string, string>() })),
            ["change mtu"] = ("hybrid", s => s with { Kubernetes = s.Kubernetes with { Mtu = 1280 } }),
            ["change nothing"] = ("hybrid", s => s),
        };

        public static TheoryData<string, string[]> Changes => new TheoryData<string, string[]>
        {
            {
                "scale up control pool", new[]
                {
                    "infra/control ensure-network: hetzner-1/fsn1",
                    "infra/control create-vms: control-4, control-5",
                    "firewall update-firewalls: azure-1/westeurope, hetzner-1/fsn1",
                    "prepare prepare-nodes: control-4, control-5",
                    "mesh generate-mesh-keys: control-4, control-5",
                    "mesh write-mesh-config: control-1, control-2, control-3, control-4, control-5, compute-az-1, compute-az-2, onprem-1, onprem-2, lb-1",
                    "lb/api write-lb-config: lb-1",
                    "kubernetes/prepare prepare-kubernetes-nodes: control-4, control-5",
                    "etcd add-etcd-member-control-4: control-4",
                    "etcd add-etcd-member-control-5: control-5",
                    "kubernetes/join join-control-plane-control-4: control-4",
                    "kubernetes/join join-control-plane-control-5: control-5",
                    "kubernetes/metadata apply-node-metadata: control-4, control-5",
                }
            },
            {
                "scale up pool with labels", new[]
                {
                    "infra/compute-az ensure-network: azure-1/westeurope",
                    "infra/compute-az create-vms: compute-az-3",
                    "firewall update-firewalls: azure-1/westeurope, hetzner-1/fsn1",
                    "prepare prepare-nodes: compute-az-3",
                    "mesh generate-mesh-keys: compute-az-3",
                    "mesh write-mesh-config: control-1, control-2, control-3, compute-az-1, compute-az-2, compute-az-3, onprem-1, onprem-2, lb-1",
                    "kubernetes/prepare prepare-kubernetes-nodes: compute-az-3",
                    "kubernetes/join join-workers: compute-az-3",
                    "kubernetes/metadata apply-node-metadata: compute-az-3",
                }
            },
            {
                "scale down control pool", new[]
                {
                    "lb/api write-lb-config: lb-1",
                    "drain drain-nodes: control-3",
                    "kubernetes/remove remove-etcd-member-control-3: control-3",
                    "kubernetes/remove delete-kubernetes-nodes: control-3",
                    "mesh/prune prune-mesh-config: control-1, control-2, compute-az-1, compute-az-2, onprem-1, onprem-2, lb-1",
                    "delete/control delete-vms: control-3",
                    "firewall/prune update-firewalls: azure-1/westeurope, hetzner-1/fsn1",
                }
            },
            {
                "scale down worker pool", new[]
                {
                    "drain drain-nodes: compute-az-2",
                    "kubernetes/remove delete-kubernetes-nodes: compute-az-2",
                    "mesh/prune prune-mesh-config: control-1, control-2, control-3, compute-az-1, onprem-1, onprem-2, lb-1",
                    "delete/compute-az delete-vms: compute-az-2",
                    "firewall/prune update-firewalls: azure-1/westeurope, hetzner-1/fsn1",
                }
            },
            {
                "add static node", new[]
                {
                    "infra/workers register-nodes: workers-3",
                    "prepare prepare-nodes: workers-3",
                    "mesh generate-mesh-keys: workers-3",
                    "mesh write-mesh-config: control-1, workers-1, workers-2, workers-3, lb-1",
                    "kubernetes/prepare prepare-kubernetes-nodes: workers-3",
                    "kubernetes/join join-workers: workers-3",
                    "kubernetes/metadata apply-node-metadata: workers-3",
                }
            },
            {
                "remove static node", new[]
                {
                    "drain drain-nodes: workers-1",
                    "kubernetes/remove delete-kubernetes-nodes: workers-1",
                    "kubernetes/remove reset-kubernetes-nodes: workers-1",
                    "mesh/prune prune-mesh-config: control-1, workers-2, lb-1",
                    "delete/workers release-nodes: workers-1",
                }
            },
            { "reorder static nodes", new string[0] },
            {
                "remove pool", new[]
                {
                    "storage install-longhorn: storage",
                    "drain drain-nodes: onprem-1, onprem-2",
                    "kubernetes/remove delete-kubernetes-nodes: onprem-1, onprem-2",
                    "kubernetes/remove reset-kubernetes-nodes: onprem-1, onprem-2",
                    "mesh/prune prune-mesh-config: control-1, control-2, control-3, compute-az-1, compute-az-2, lb-1",
                    "delete/onprem release-nodes: onprem-1, onprem-2",
                    "firewall/prune update-firewalls: azure-1/westeurope, hetzner-1/fsn1",
                    "cleanup (records only)",
                }
            },
            {
                "add load balancer", new[]
                {
                    "infra/ingress ensure-network: hetzner-1/nbg1",
                    "infra/ingress create-vms: ingress-1, ingress-2",
                    "firewall update-firewalls: azure-1/westeurope, hetzner-1/fsn1, hetzner-1/nbg1",
                    "prepare prepare-nodes: ingress-1, ingress-2",
                    "mesh generate-mesh-keys: ingress-1, ingress-2",
                    "mesh write-mesh-config: " + string.Join(", ", FinalHybridPeers.Take(7)) + ", ingress-1, ingress-2, lb-1",
                    "lb/apps write-lb-config: ingress-1, ingress-2",
                    "dns/apps update-dns: dns/apps",
                }
            },
            {
                "remove load balancer", new[]
                {
                    "firewall update-firewalls: hetzner-1/fsn1",
                    "mesh write-mesh-config: " + string.Join(", ", FinalHybridPeers.Take(7)),
                    "delete/lb delete-vms: lb-1",
                    "firewall/prune update-firewalls: azure-1/westeurope, hetzner-1/fsn1",
                    "cleanup delete-dns-records: dns/api",
                }
            },
            { "change dns", new[] { "dns/api update-dns: dns/api" } },
            { "drop dns", new[] { "cleanup delete-dns-records: dns/api" } },
            { "change labels", new[] { "kubernetes/metadata apply-node-metadata: onprem-1, onprem-2" } },
            { "clear labels", new[] { "kubernetes/metadata apply-node-metadata: onprem-1, onprem-2" } },
            {
                "change mtu", new[]
                {
                    "mesh write-mesh-config: " + string.Join(", ", FinalHybridPeers),
                    "kubernetes/prepare prepare-kubernetes-nodes: " + string.Join(", ", FinalHybridPeers.Take(7)),
                }
            },
            { "change nothing", new string[0] },
        };

        [Theory]
        [MemberData(nameof(Changes))]
        public void Create_ChangedSpec_PlansOnlyTheWorkTheChangeNeeds(string change, string[] expected)
        {
            var (example, edit) = Edits[change];
            var spec = PlannerNewClusterTests.Spec(example);
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(edit(spec), state);

            Assert.Equal(expected, PlanSummary.Steps(plan));
            PlanSummary.AssertInvariants(plan);
            Assert.True(Planner.Create(edit(spec), SimulatedApply.Run(state, plan)).IsEmpty, "the edited spec is not reached after applying the plan");
        }

        [Fact]
        public void Create_ScaleDownByTwo_RemovesTheHighestIndexes()
        {
            var spec = ClusterSpecs.Hybrid().WithCount("compute-az", 4);
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(spec.WithCount("compute-az", 2), state);

            Assert.Equal(new[] { "compute-az-3", "compute-az-4" }, plan.RemovedNodes);
            Assert.Equal(new[] { "compute-az-1", "compute-az-2" }, plan.Nodes.Where(n => n.Pool == "compute-az").Select(n => n.Name));
        }

        [Fact]
        public void Create_RemoveAndAddInOnePlan_DoesNotReuseTheRemovedAddressOrName()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(spec.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21", "192.168.10.23")), state);

            Assert.Equal(new[] { "workers-2" }, plan.RemovedNodes);
            var added = plan.Nodes.Single(n => n.IsNew);
            Assert.Equal(("workers-3", "10.20.0.5"), (added.Name, added.MeshAddress));
        }

        [Fact]
        public void Create_AddAfterAnEarlierRemoval_ReusesTheFreedAddressAndName()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21")), SimulatedApply.Plan(spec));

            var plan = Planner.Create(spec.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21", "192.168.10.23")), state);

            var added = plan.Nodes.Single(n => n.IsNew);
            Assert.Equal(("workers-2", "10.20.0.3"), (added.Name, added.MeshAddress));
        }

        [Fact]
        public void Create_UntilBelowKubernetesWithJoinedNodesLeaving_StillDrainsBeforeDeleting()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(spec.WithCount("compute-az", 1), state, new PlanOptions { Until = ClusterLayer.Infrastructure });

            Assert.Equal(new[] { "drain", "kubernetes/remove", "delete/compute-az", "firewall/prune" }, PlanSummary.TaskIds(plan));
        }

        [Fact]
        public void Create_ScaleUpControlPool_RecordsTheNewMeshAndLoadBalancerFingerprints()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(spec.WithCount("control", 4), state);

            Assert.NotEqual(state.Applied["mesh"], plan.Tasks.Single(t => t.Id == "mesh").RecordsApplied["mesh"]);
            Assert.NotEqual(state.Applied["lb/api"], plan.Tasks.Single(t => t.Id == "lb/api").RecordsApplied["lb/api"]);
            Assert.Equal("v1.31.2", plan.Tasks.Single(t => t.Id == "kubernetes/join").RecordsApplied["kubernetes-version"]);
        }

        [Fact]
        public void CreateDestroy_AppliedCluster_DeletesEveryPoolAndForgetsEverything()
        {
            var state = SimulatedApply.Plan(ClusterSpecs.Hybrid());

            var plan = Planner.CreateDestroy(state);

            Assert.True(plan.IsDestroy);
            Assert.Empty(plan.Nodes);
            Assert.Equal(state.Nodes.Count, plan.RemovedNodes.Count);
            Assert.Equal(new[]
            {
                "delete/control delete-vms: control-1, control-2, control-3",
                "delete/compute-az delete-vms: compute-az-1, compute-az-2",
                "delete/onprem reset-kubernetes-nodes: onprem-1, onprem-2",
                "delete/onprem release-nodes: onprem-1, onprem-2",
                "delete/lb delete-vms: lb-1",
                "networks/delete delete-networks: azure-1/westeurope, hetzner-1/fsn1",
                "cleanup delete-dns-records: dns/api",
            }, PlanSummary.Steps(plan));
            Assert.Empty(SimulatedApply.Run(state, plan).Applied);
        }

        [Fact]
        public void CreateDestroy_FirstRunFailedBeforeDns_PlansNoDnsDeletion()
        {
            var spec = ClusterSpecs.Hybrid();
            var failed = new MultiCloud.Engine.State.ClusterState
            {
                Name = spec.Name,
                Journal = new MultiCloud.Engine.State.JournalState { PlanId = "p", DesiredSpec = spec, LastError = "SshConnectionFailed: x" },
            };

            var plan = Planner.CreateDestroy(failed);

            Assert.DoesNotContain(plan.Tasks.SelectMany(t => t.Steps), s => s.Kind == StepKind.DeleteDnsRecords);
        }

        [Fact]
        public void CreateDestroy_RunStoppedDuringDns_DeletesThatLoadBalancersRecords()
        {
            var spec = ClusterSpecs.Hybrid();
            var stopped = new MultiCloud.Engine.State.ClusterState
            {
                Name = spec.Name,
                Journal = new MultiCloud.Engine.State.JournalState
                {
                    PlanId = "p",
                    DesiredSpec = spec,
                    CompletedTargets = new Dictionary<string, IReadOnlyList<string>> { ["dns/api/create-records"] = new[] { "dns/api" } },
                },
            };

            var plan = Planner.CreateDestroy(stopped);

            Assert.Equal(new[] { "dns/api" }, PlanSummary.Step(plan, "cleanup", "delete-dns-records").Targets);
        }

        [Fact]
        public void CreateDestroy_StateWithoutAnySpec_PlansNothing()
        {
            var plan = Planner.CreateDestroy(new MultiCloud.Engine.State.ClusterState { Name = "ghost" });

            Assert.True(plan.IsEmpty);
            Assert.True(plan.IsDestroy);
        }

        private static ClusterSpec AddIngress(ClusterSpec spec)
        {
            var ingress = new LoadBalancerSpec
            {
                Name = "apps",
                Pools = new[] { "ingress" },
                Roles = new[] { new RoleSpec { Name = "https", Port = 443, TargetPort = 30443, TargetPools = new[] { "compute-az", "onprem" }, ProxyProtocol = true } },
                Dns = new DnsSpec { Zone = "example.com", Provider = "cloudflare-1", Hostname = "apps", AlternativeNames = new[] { "www" } },
            };
            return spec with
            {
                NodePools = spec.NodePools.Concat(new[] { ClusterSpecs.DynamicPool("ingress", "hetzner-1", "nbg1", null, "cx22", 2) }).ToList(),
                LoadBalancers = spec.LoadBalancers.Concat(new[] { ingress }).ToList(),
            };
        }
    }
}

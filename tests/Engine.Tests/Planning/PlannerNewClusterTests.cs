using Xunit;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Tests.Planning
{
    public class PlannerNewClusterTests
    {
        public static TheoryData<string, string[]> NewClusters => new TheoryData<string, string[]>
        {
            {
                "static", new[]
                {
                    "infra/control register-nodes: control-1",
                    "infra/workers register-nodes: workers-1, workers-2",
                    "infra/lb register-nodes: lb-1",
                    "prepare prepare-nodes: control-1, workers-1, workers-2, lb-1",
                    "mesh generate-mesh-keys: control-1, workers-1, workers-2, lb-1",
                    "mesh write-mesh-config: control-1, workers-1, workers-2, lb-1",
                    "lb/api write-lb-config: lb-1",
                    "kubernetes/prepare prepare-kubernetes-nodes: control-1, workers-1, workers-2",
                    "etcd start-etcd: control-1",
                    "kubernetes/init init-control-plane: control-1",
                    "kubernetes/join join-workers: workers-1, workers-2",
                    "kubernetes/metadata apply-node-metadata: control-1, workers-1, workers-2",
                    "storage install-longhorn: storage",
                }
            },
            {
                "hybrid", new[]
                {
                    "infra/control ensure-network: hetzner-1/fsn1",
                    "infra/control create-vms: control-1, control-2, control-3",
                    "infra/compute-az ensure-network: azure-1/westeurope",
                    "infra/compute-az create-vms: compute-az-1, compute-az-2",
                    "infra/onprem register-nodes: onprem-1, onprem-2",
                    "infra/lb ensure-network: hetzner-1/fsn1",
                    "infra/lb create-vms: lb-1",
                    "firewall update-firewalls: azure-1/westeurope, hetzner-1/fsn1",
                    "prepare prepare-nodes: control-1, control-2, control-3, compute-az-1, compute-az-2, onprem-1, onprem-2, lb-1",
                    "mesh generate-mesh-keys: control-1, control-2, control-3, compute-az-1, compute-az-2, onprem-1, onprem-2, lb-1",
                    "mesh write-mesh-config: control-1, control-2, control-3, compute-az-1, compute-az-2, onprem-1, onprem-2, lb-1",
                    "lb/api write-lb-config: lb-1",
                    "dns/api update-dns: dns/api",
                    "kubernetes/prepare prepare-kubernetes-nodes: control-1, control-2, control-3, compute-az-1, compute-az-2, onprem-1, onprem-2",
                    "etcd start-etcd: control-1",
                    "etcd add-etcd-member-control-2: control-2",
                    "etcd add-etcd-member-control-3: control-3",
                    "kubernetes/init init-control-plane: control-1",
                    "kubernetes/join join-control-plane-control-2: control-2",
                    "kubernetes/join join-control-plane-control-3: control-3",
                    "kubernetes/join join-workers: compute-az-1, compute-az-2, onprem-1, onprem-2",
                    "kubernetes/metadata apply-node-metadata: control-1, control-2, control-3, compute-az-1, compute-az-2, onprem-1, onprem-2",
                    "storage install-longhorn: storage",
                }
            },
        };

        [Theory]
        [MemberData(nameof(NewClusters))]
        public void Create_NewCluster_PlansEveryLayerInRunOrder(string example, string[] expected)
        {
            var plan = Planner.Create(Spec(example), null);

            Assert.Equal(expected, PlanSummary.Steps(plan));
            Assert.All(plan.Nodes, n => Assert.True(n.IsNew));
            Assert.Empty(plan.RemovedNodes);
            Assert.False(plan.IsDestroy);
            PlanSummary.AssertInvariants(plan);
        }

        [Fact]
        public void Create_NewHybridCluster_AllocatesNamesAndAddressesInPoolOrder()
        {
            var plan = Planner.Create(ClusterSpecs.Hybrid(), null);

            var nodes = plan.Nodes.Select(n => $"{n.Name} {n.Pool} {n.Role} {n.MeshAddress} {n.PodCidr ?? "-"} {n.Provider ?? n.Endpoint}");
            Assert.Equal(new[]
            {
                "control-1 control Control 10.40.0.1 10.244.0.0/24 hetzner-1",
                "control-2 control Control 10.40.0.2 10.244.1.0/24 hetzner-1",
                "control-3 control Control 10.40.0.3 10.244.2.0/24 hetzner-1",
                "compute-az-1 compute-az Compute 10.40.0.4 10.244.3.0/24 azure-1",
                "compute-az-2 compute-az Compute 10.40.0.5 10.244.4.0/24 azure-1",
                "onprem-1 onprem Compute 10.40.0.6 10.244.5.0/24 192.168.10.21",
                "onprem-2 onprem Compute 10.40.0.7 10.244.6.0/24 192.168.10.22",
                "lb-1 lb LoadBalancer 10.40.0.8 - hetzner-1",
            }, nodes);
        }

        [Fact]
        public void Create_NewCluster_RecordsEveryLayer()
        {
            var plan = Planner.Create(ClusterSpecs.Hybrid(), null);

            var records = PlanSummary.Records(plan);
            Assert.Equal(new[] { "dns/api", "kubernetes-nodes", "kubernetes-version", "lb/api", "mesh", "metadata/compute-az", "metadata/control", "metadata/onprem", "network/azure-1/westeurope", "network/hetzner-1/fsn1", "storage" },
                records.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("v1.31.2", records["kubernetes-version"]);
            Assert.Equal("v1.31.2", plan.Tasks.Single(t => t.Id == "kubernetes/join").RecordsApplied["kubernetes-version"]);
            Assert.All(records.Where(r => r.Key != "kubernetes-version"), r => Assert.Matches("^[0-9a-f]{64}$", r.Value));
        }

        [Fact]
        public void Create_NewHybridCluster_DescribesStepsConcretely()
        {
            var plan = Planner.Create(ClusterSpecs.Hybrid(), null);

            Assert.Equal("create 2 VMs of server type Standard_B2s from image ubuntu-24.04 in westeurope zone 1 with Azure provider azure-1 (compute-az-1, compute-az-2)",
                PlanSummary.Step(plan, "infra/compute-az", "create-vms").Description);
            Assert.Equal("register 2 static machines of pool onprem (onprem-1 at root@192.168.10.21:22, onprem-2 at root@192.168.10.22:22)",
                PlanSummary.Step(plan, "infra/onprem", "register-nodes").Description);
            Assert.Equal("write the WireGuard interface (10.40.0.0/16, MTU 1380) on 8 nodes (control-1, control-2, control-3, compute-az-1, compute-az-2, onprem-1, onprem-2, lb-1), each with the other 7 nodes as peers",
                PlanSummary.Step(plan, "mesh", "write-mesh-config").Description);
            Assert.Equal("apply Longhorn v1.9.1 server-side with kubectl on a control node, then make 2 storage classes (longhorn-onprem, longhorn-westeurope-1) " +
                "(each pinned to its zone's Longhorn node tag) and delete zone classes MultiCloud made for zones that are gone",
                PlanSummary.Step(plan, "storage", "install-longhorn").Description);
            Assert.Equal("run kubeadm join --control-plane on control-2 and wait until it is Ready",
                PlanSummary.Step(plan, "kubernetes/join", "join-control-plane-control-2").Description);
        }

        [Fact]
        public void Create_HundredsOfNodes_SummarisesLongNameLists()
        {
            var spec = ClusterSpecs.Hybrid().WithCount("compute-az", 20);

            var description = PlanSummary.Step(Planner.Create(spec, null), "infra/compute-az", "create-vms").Description;

            Assert.EndsWith("(compute-az-1, compute-az-2, compute-az-3, compute-az-4, compute-az-5, compute-az-6, compute-az-7, compute-az-8 and 12 more)", description);
        }

        [Fact]
        public void Create_AutoscaledPool_StartsAtTheMinimum()
        {
            var spec = ClusterSpecs.Hybrid().WithPool(ClusterSpecs.Hybrid().Pool<DynamicNodePoolSpec>("compute-az") with { Count = null, Autoscaler = new AutoscalerSpec(1, 5) });

            var plan = Planner.Create(spec, null);

            Assert.Equal(new[] { "compute-az-1" }, plan.Nodes.Where(n => n.Pool == "compute-az").Select(n => n.Name));
        }

        [Fact]
        public void Create_StaticNodeWithExplicitName_KeepsTheNameAndNumbersTheRest()
        {
            var pool = ClusterSpecs.StaticPool("workers", "192.168.10.21", "192.168.10.22");
            pool = pool with { Nodes = new[] { pool.Nodes[0] with { Name = "workers-1" }, pool.Nodes[1] } };
            var plan = Planner.Create(ClusterSpecs.Static().WithPool(pool), null);

            Assert.Equal(new[] { "workers-1", "workers-2" }, plan.Nodes.Where(n => n.Pool == "workers").Select(n => n.Name));
            Assert.Equal("192.168.10.21", plan.Nodes.Single(n => n.Name == "workers-1").Endpoint);
        }

        internal static ClusterSpec Spec(string example) => example == "static" ? ClusterSpecs.Static() : ClusterSpecs.Hybrid();
    }
}

using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>The Kubernetes layer's plans: pod networks, etcd membership, joins, resume points and the changes it refuses.</summary>
    public class PlannerKubernetesTests
    {
        [Fact]
        public void Create_NodesKeepTheirPodCidr_NewNodesTakeTheLowestFreeOne()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.22")), SimulatedApply.Plan(spec));

            var plan = Planner.Create(spec.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.22", "192.168.10.23")), state);

            Assert.Equal("10.244.2.0/24", plan.Nodes.Single(n => n.Name == "workers-2").PodCidr);
            Assert.Equal("10.244.1.0/24", plan.Nodes.Single(n => n.IsNew).PodCidr);
            Assert.Null(plan.Nodes.Single(n => n.Role == NodeRole.LoadBalancer).PodCidr);
        }

        [Fact]
        public void Create_PodNetworkWithoutRoom_ThrowsPodNetworkFull()
        {
            var spec = ClusterSpecs.Hybrid().WithCount("compute-az", 300);

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(spec, null));

            Assert.Equal(ErrorIds.PodNetworkFull, error.ErrorId);
            Assert.Contains("no free /24 left", error.Message);
        }

        [Fact]
        public void Create_ChangedPodNetworkOnNodesThatHoldOne_ThrowsImmutable()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec, null, new PlanOptions { Until = ClusterLayer.Mesh });

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(spec.WithPodNetwork("10.32.0.0/16"), state));

            Assert.Equal(ErrorIds.ImmutableFieldChanged, error.ErrorId);
            Assert.Contains("kubernetes.podNetwork cannot change (was '10.244.0.0/16', now '10.32.0.0/16')", error.Message);
        }

        [Fact]
        public void Create_ChangedServiceNetworkOnRunningCluster_ThrowsImmutable()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec);

            var error = Assert.Throws<MultiCloudException>(() =>
                Planner.Create(spec with { Kubernetes = spec.Kubernetes with { ServiceNetwork = "10.112.0.0/12" } }, state));

            Assert.Equal(ErrorIds.ImmutableFieldChanged, error.ErrorId);
            Assert.Contains("kubernetes.serviceNetwork", error.Message);
        }

        [Fact]
        public void Create_ChangedServiceNetworkBeforeKubernetes_PlansTheKubernetesLayer()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec, null, new PlanOptions { Until = ClusterLayer.LoadBalancers });

            var plan = Planner.Create(spec with { Kubernetes = spec.Kubernetes with { ServiceNetwork = "10.112.0.0/12" } }, state);

            Assert.Contains("kubernetes/init", PlanSummary.TaskIds(plan));
        }

        [Fact]
        public void Create_VersionOlderThanV1Beta4_ThrowsUnlessKubernetesIsLeftOut()
        {
            var spec = ClusterSpecs.Static().WithVersion("v1.30.5");

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(spec, null));
            var upToLoadBalancers = Planner.Create(spec, null, new PlanOptions { Until = ClusterLayer.LoadBalancers });

            Assert.Equal(ErrorIds.KubernetesVersionUnsupported, error.ErrorId);
            Assert.Contains("v1.31.0 or later", error.Message);
            Assert.DoesNotContain(upToLoadBalancers.Tasks, t => t.Kind == TaskKind.InitKubernetes);
        }

        [Fact]
        public void Create_TwoOfThreeEtcdMembersLeavingAtOnce_ThrowsEtcdQuorumAtRisk()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(spec.WithCount("control", 1), state));

            Assert.Equal(ErrorIds.EtcdQuorumAtRisk, error.ErrorId);
            Assert.Contains("from 3 members to 1", error.Message);
            Assert.Contains("one at a time", error.Message);
        }

        [Fact]
        public void Create_OneEtcdMemberLeavingAtATime_PlansItsRemovalBeforeTheNodeIsDeleted()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec.WithCount("control", 2), SimulatedApply.Plan(spec));

            var plan = Planner.Create(spec.WithCount("control", 1), state);

            Assert.Equal(new[] { "remove-etcd-member-control-2", "delete-kubernetes-nodes" },
                plan.Tasks.Single(t => t.Id == "kubernetes/remove").Steps.Select(s => s.Name));
        }

        [Fact]
        public void Create_EveryControlNodeLeavingWhileWorkersStay_ThrowsNoControlPlaneLeft()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec);

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(spec.WithPool(ClusterSpecs.StaticPool("control")), state));

            Assert.Equal(ErrorIds.NoControlPlaneLeft, error.ErrorId);
            Assert.Contains("control-1", error.Message);
        }

        [Fact]
        public void Create_ControlNodeReplaced_AddsTheNewMemberBeforeRemovingTheOld()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(spec.WithPool(ClusterSpecs.StaticPool("control", "192.168.10.12")), state);

            var steps = PlanSummary.Steps(plan);
            Assert.True(steps.ToList().IndexOf("etcd add-etcd-member-control-2: control-2") < steps.ToList().IndexOf("kubernetes/remove remove-etcd-member-control-1: control-1"),
                string.Join("\n", steps));
            Assert.Contains("kubernetes/join join-control-plane-control-2: control-2", steps);
        }

        [Fact]
        public void Create_EtcdStartedButInitNotFinished_ResumesWithInitOnTheEtcdMember()
        {
            var spec = ClusterSpecs.Hybrid();
            var full = Planner.Create(spec, null);
            var upToEtcd = full with { Tasks = full.Tasks.TakeWhile(t => t.Id != "kubernetes/init").ToList() };
            var state = SimulatedApply.Run(null, upToEtcd);

            var plan = Planner.Create(spec, state);

            Assert.Equal(new[] { "kubernetes/init", "kubernetes/join", "kubernetes/metadata", "storage" }, PlanSummary.TaskIds(plan).Where(id => id != "cleanup"));
            Assert.Equal(new[] { "control-1" }, PlanSummary.Step(plan, "kubernetes/init", "init-control-plane").Targets);
            Assert.True(Planner.Create(spec, SimulatedApply.Run(state, plan)).IsEmpty);
        }

        [Fact]
        public void Create_LabelChange_TouchesOnlyThatPoolsNodesThroughTheApi()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(spec.WithPool(spec.Pool<DynamicNodePoolSpec>("compute-az") with { Labels = new Dictionary<string, string> { ["tier"] = "burst" } }), state);

            Assert.Equal(new[] { "kubernetes/metadata apply-node-metadata: compute-az-1, compute-az-2" }, PlanSummary.Steps(plan));
        }

        [Fact]
        public void Create_ZoneLabelOfAComputePool_MovesItsStorageClass()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);
            var labelled = spec.WithPool(spec.Pool<StaticNodePoolSpec>("onprem") with
            {
                Labels = new Dictionary<string, string> { ["site"] = "basement", [NodeMetadataSpec.ZoneLabel] = "Basement East" },
            });

            var plan = Planner.Create(labelled, state);

            Assert.Equal(new[] { "kubernetes/metadata", "storage" }, PlanSummary.TaskIds(plan));
            Assert.Contains("longhorn-basement-east", PlanSummary.Step(plan, "storage", "install-longhorn").Description);
        }

        [Fact]
        public void Create_NoComputePools_InstallsNoLonghorn()
        {
            var plan = Planner.Create(ClusterSpecs.Static().WithoutPool("workers"), null);

            Assert.DoesNotContain(plan.Tasks, t => t.Kind == TaskKind.InstallStorage);
        }

        [Fact]
        public void Create_NewSourcesForPreparedNodes_PreparesThemAgainWithoutJoining()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec);
            var mirrored = spec with
            {
                Kubernetes = spec.Kubernetes with { Sources = new KubernetesSources { Packages = "https://mirror.example/k8s/", PackagesKey = "https://mirror.example/k8s/key" } },
            };

            var plan = Planner.Create(mirrored, state);

            Assert.Equal(new[] { "kubernetes/prepare prepare-kubernetes-nodes: control-1, workers-1, workers-2" }, PlanSummary.Steps(plan));
        }

        [Fact]
        public void CreateDestroy_ResetsOnlyStaticMachinesThatWereKubernetesMembers()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.CreateDestroy(state);

            Assert.Contains("delete/workers reset-kubernetes-nodes: workers-1, workers-2", PlanSummary.Steps(plan));
            Assert.DoesNotContain("delete/lb reset-kubernetes-nodes: lb-1", PlanSummary.Steps(plan));
        }
    }
}

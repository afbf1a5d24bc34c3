using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>Input no plan can honour: the planner refuses it with a stable id, the field, both values and what to do instead.</summary>
    public class PlannerErrorTests
    {
        private static readonly Dictionary<string, Func<ClusterSpec, ClusterSpec>> ImmutableEdits = new()
        {
            ["provider"] = s => s.WithPool(s.Pool<DynamicNodePoolSpec>("control") with { Provider = "azure-1" }),
            ["region"] = s => s.WithPool(s.Pool<DynamicNodePoolSpec>("control") with { Region = "nbg1" }),
            ["zone"] = s => s.WithPool(s.Pool<DynamicNodePoolSpec>("compute-az") with { Zone = "2" }),
            ["serverType"] = s => s.WithPool(s.Pool<DynamicNodePoolSpec>("control") with { ServerType = "cx32" }),
            ["image"] = s => s.WithPool(s.Pool<DynamicNodePoolSpec>("control") with { Image = "debian-12" }),
            ["diskSizeGb"] = s => s.WithPool(s.Pool<DynamicNodePoolSpec>("control") with { DiskSizeGb = 80 }),
            ["role"] = s => s with { Kubernetes = s.Kubernetes with { ControlPools = new[] { "control", "compute-az" }, ComputePools = new[] { "onprem" } } },
            ["kubernetes.network"] = s => s with { Kubernetes = s.Kubernetes with { Network = "10.50.0.0/16" } },
            ["kind"] = s => s.WithPool(ClusterSpecs.DynamicPool("onprem", "hetzner-1", "fsn1", null, "cx22", 2)),
            ["name"] = s => s.WithPool(s.Pool<StaticNodePoolSpec>("onprem") is var pool
                ? pool with { Nodes = new[] { pool.Nodes[0] with { Name = "db-1" }, pool.Nodes[1] } }
                : pool),
            ["endpoint"] = s => s.WithPool(s.Pool<StaticNodePoolSpec>("onprem") is var pool
                ? pool with { Nodes = new[] { new StaticNodeSpec { Endpoint = "192.168.10.99", Name = "onprem-1" }, pool.Nodes[1] } }
                : pool),
        };

        public static TheoryData<string, string, string> ImmutableChanges => new TheoryData<string, string, string>
        {
            { "provider", "'hetzner-1'", "'azure-1'" },
            { "region", "'fsn1'", "'nbg1'" },
            { "zone", "'1'", "'2'" },
            { "serverType", "'cx22'", "'cx32'" },
            { "image", "'ubuntu-24.04'", "'debian-12'" },
            { "diskSizeGb", "not set", "'80'" },
            { "role", "'compute'", "'control plane'" },
            { "kubernetes.network", "'10.40.0.0/16'", "'10.50.0.0/16'" },
            { "kind", "'static'", "'dynamic'" },
            { "name", "'onprem-1'", "'db-1'" },
            { "endpoint", "'root@192.168.10.21:22'", "'root@192.168.10.99:22'" },
        };

        [Theory]
        [MemberData(nameof(ImmutableChanges))]
        public void Create_ImmutableFieldChanged_ThrowsNamingFieldValuesAndRemedy(string field, string was, string now)
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(ImmutableEdits[field](spec), state));

            Assert.Equal(ErrorIds.ImmutableFieldChanged, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains($"{field} cannot change (was {was}, now {now})", error.Message);
            Assert.Matches("; (add|keep|give)", error.Message);
        }

        [Fact]
        public void Create_ImmutableFieldOfRunInFlight_ComparesWithTheJournalSpec()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec) with { AppliedSpec = null };
            state = state with { Journal = new MultiCloud.Engine.State.JournalState { PlanId = "x", DesiredSpec = spec } };

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(ImmutableEdits["serverType"](spec), state));

            Assert.Equal(ErrorIds.ImmutableFieldChanged, error.ErrorId);
        }

        [Fact]
        public void Create_NetworkChangedBeforeAnyNodeExists_IsAllowed()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = new MultiCloud.Engine.State.ClusterState { Name = spec.Name, AppliedSpec = spec };

            var plan = Planner.Create(ImmutableEdits["kubernetes.network"](spec), state);

            Assert.Equal("10.50.0.1", plan.Nodes[0].MeshAddress);
        }

        public static TheoryData<string, string, string> InvalidSpecs => new TheoryData<string, string, string>
        {
            { "pool without role", ErrorIds.PlanInputInvalid, "has no role" },
            { "pool with two roles", ErrorIds.PlanInputInvalid, "a pool has exactly one role" },
            { "unknown pool", ErrorIds.PlanInputInvalid, "which is not defined" },
            { "unknown provider", ErrorIds.PlanInputInvalid, "uses provider 'gone'" },
            { "machine listed twice", ErrorIds.PlanInputInvalid, "is listed twice" },
            { "network not cidr", ErrorIds.PlanInputInvalid, "not an IPv4 network" },
            { "network too small", ErrorIds.MeshNetworkFull, "has no free address left for node 'onprem-2'" },
            { "no control plane", ErrorIds.PlanInputInvalid, "no control-plane node" },
            { "duplicate pool", ErrorIds.PlanInputInvalid, "defined twice" },
        };

        private static readonly Dictionary<string, Func<ClusterSpec, ClusterSpec>> InvalidEdits = new()
        {
            ["pool without role"] = s => s with { Kubernetes = s.Kubernetes with { ComputePools = new[] { "compute-az" } } },
            ["pool with two roles"] = s => s with { Kubernetes = s.Kubernetes with { ComputePools = new[] { "compute-az", "onprem", "control" } } },
            ["unknown pool"] = s => s with { Kubernetes = s.Kubernetes with { ComputePools = new[] { "compute-az", "onprem", "gpu" } } },
            ["unknown provider"] = s => s.WithPool(s.Pool<DynamicNodePoolSpec>("control") with { Provider = "gone" }),
            ["machine listed twice"] = s => s.WithPool(ClusterSpecs.StaticPool("onprem", "192.168.10.21", "192.168.10.21")),
            ["network not cidr"] = s => s with { Kubernetes = s.Kubernetes with { Network = "10.40.0.0" } },
            ["network too small"] = s => s with { Kubernetes = s.Kubernetes with { Network = "10.40.0.0/29" } },
            ["no control plane"] = s => s.WithCount("control", 0),
            ["duplicate pool"] = s => s with { NodePools = s.NodePools.Concat(new[] { s.NodePools[0] }).ToList() },
        };

        [Theory]
        [MemberData(nameof(InvalidSpecs))]
        public void Create_ImpossibleSpec_ThrowsInvalidArgument(string problem, string errorId, string message)
        {
            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(InvalidEdits[problem](ClusterSpecs.Hybrid()), null));

            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
            Assert.Contains(message, error.Message);
        }

        [Theory]
        [InlineData("v1.31.1", "would be a patch version change")]
        [InlineData("v1.31.3", "would be a patch version change")]
        [InlineData("v1.32.0", "would be a minor version change")]
        [InlineData("v1.33.0", "keep kubernetes.version at v1.31.2")]
        public void Create_VersionChangeOfRunningCluster_ThrowsBeforeAnyWork(string version, string message)
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(spec.WithVersion(version), state));

            Assert.Equal(ErrorIds.KubernetesVersionChangeUnsupported, error.ErrorId);
            Assert.Contains(message, error.Message);
        }

        [Fact]
        public void Create_MachineMovesBetweenPools_ThrowsAskingForTwoApplies()
        {
            var spec = ClusterSpecs.Static();
            var state = SimulatedApply.Plan(spec);
            var moved = spec.WithPool(ClusterSpecs.StaticPool("workers", "192.168.10.21")).WithPool(ClusterSpecs.StaticPool("control", "192.168.10.11", "192.168.10.22"));

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(moved, state));

            Assert.Equal(ErrorIds.PlanInputInvalid, error.ErrorId);
            Assert.Contains("cannot move to pool 'control' in one apply", error.Message);
        }

        [Fact]
        public void Create_StateOfAnotherCluster_Throws()
        {
            var state = SimulatedApply.Plan(ClusterSpecs.Static());

            var error = Assert.Throws<MultiCloudException>(() => Planner.Create(ClusterSpecs.Hybrid(), state));

            Assert.Equal(ErrorIds.PlanInputInvalid, error.ErrorId);
        }
    }
}

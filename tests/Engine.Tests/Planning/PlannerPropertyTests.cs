using System.Diagnostics;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>Properties that hold for every spec: convergence, layering, determinism, scale.</summary>
    public class PlannerPropertyTests
    {
        private static readonly Dictionary<string, Func<ClusterSpec>> Specs = new()
        {
            ["static"] = ClusterSpecs.Static,
            ["hybrid"] = ClusterSpecs.Hybrid,
            ["hybrid without load balancers"] = () => (ClusterSpecs.Hybrid() with { LoadBalancers = new LoadBalancerSpec[0] }).WithoutPool("lb"),
            ["single control node"] = () => ClusterSpecs.Static().WithoutPool("workers"),
        };

        public static TheoryData<string, ClusterLayer> SpecsAndLayers()
        {
            var data = new TheoryData<string, ClusterLayer>();
            foreach (var spec in Specs.Keys)
                foreach (ClusterLayer layer in Enum.GetValues(typeof(ClusterLayer)))
                    data.Add(spec, layer);
            return data;
        }

        [Theory]
        [MemberData(nameof(SpecsAndLayers))]
        public void Create_AfterApplyingTheSamePlanUntilLayer_IsEmpty(string spec, ClusterLayer until)
        {
            var desired = Specs[spec]();
            var options = new PlanOptions { Until = until };
            var first = Planner.Create(desired, null, options);
            PlanSummary.AssertInvariants(first);

            var again = Planner.Create(desired, SimulatedApply.Run(null, first), options);

            Assert.True(again.IsEmpty, string.Join("\n", PlanSummary.Steps(again)));
        }

        [Theory]
        [MemberData(nameof(SpecsAndLayers))]
        public void Create_FullPlanAfterPartialApply_FinishesOnlyTheLayersAbove(string spec, ClusterLayer until)
        {
            var desired = Specs[spec]();
            var partial = SimulatedApply.Plan(desired, null, new PlanOptions { Until = until });

            var rest = Planner.Create(desired, partial);

            Assert.DoesNotContain(rest.Tasks, t => t.Kind == TaskKind.CreateInfrastructure);
            Assert.All(rest.Tasks, t => Assert.True(LayerOf(t.Kind) > until, $"{t.Id} was already done up to {until}"));
            Assert.True(Planner.Create(desired, SimulatedApply.Run(partial, rest)).IsEmpty);
        }

        [Fact]
        public void Create_UntilLoadBalancers_OmitsKubernetesAndStorage()
        {
            var plan = Planner.Create(ClusterSpecs.Hybrid(), null, new PlanOptions { Until = ClusterLayer.LoadBalancers });

            Assert.Equal(new[] { "infra/control", "infra/compute-az", "infra/onprem", "infra/lb", "firewall", "prepare", "mesh", "lb/api", "dns/api" }, PlanSummary.TaskIds(plan));
        }

        [Fact]
        public void Create_SameInputsTwice_GiveEqualPlansAndIds()
        {
            var state = SimulatedApply.Plan(ClusterSpecs.Hybrid());
            var desired = ClusterSpecs.Hybrid().WithCount("control", 4);

            var first = Planner.Create(desired, state);
            var second = Planner.Create(ClusterSpecs.Hybrid().WithCount("control", 4), state);

            Assert.Equal(first.Id, second.Id);
            Assert.Matches("^[0-9a-f]{64}$", first.Id);
            Assert.Equal(PlanText.Render(first), PlanText.Render(second));
        }

        [Fact]
        public void Create_DictionariesFilledInAnotherOrder_GiveTheSameId()
        {
            var spec = ClusterSpecs.Hybrid();
            var forward = spec.WithPool(spec.Pool<StaticNodePoolSpec>("onprem") with { Labels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } });
            var backward = spec.WithPool(spec.Pool<StaticNodePoolSpec>("onprem") with { Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } });

            Assert.Equal(Planner.Create(forward, null).Id, Planner.Create(backward, null).Id);
        }

        public static TheoryData<string> Changes => new TheoryData<string> { "count", "label", "mtu", "version", "until" };

        [Theory]
        [MemberData(nameof(Changes))]
        public void Create_AnyChange_GivesAnotherId(string change)
        {
            var spec = ClusterSpecs.Hybrid();
            var options = PlanOptions.Default;
            var changed = change switch
            {
                "count" => spec.WithCount("compute-az", 3),
                "label" => spec.WithPool(spec.Pool<StaticNodePoolSpec>("onprem") with { Labels = new Dictionary<string, string> { ["site"] = "attic" } }),
                "mtu" => spec with { Kubernetes = spec.Kubernetes with { Mtu = 1280 } },
                "version" => spec.WithVersion("v1.31.3"),
                _ => spec,
            };
            if (change == "until") options = new PlanOptions { Until = ClusterLayer.Kubernetes };

            Assert.NotEqual(Planner.Create(spec, null).Id, Planner.Create(changed, null, options).Id);
        }

        [Fact]
        public void Create_ThousandNodesOnSlash16_PlansQuicklyWithConsecutiveAddresses()
        {
            // 1005 Kubernetes nodes need more than the default pod network's 256 /24s.
            var spec = ClusterSpecs.Hybrid().WithCount("compute-az", 1000).WithPodNetwork("10.128.0.0/14");
            var clock = Stopwatch.StartNew();

            var plan = Planner.Create(spec, null);
            var again = Planner.Create(spec, SimulatedApply.Run(null, plan));

            clock.Stop();
            Assert.Equal(1006, plan.Nodes.Count);
            Assert.Equal(plan.Nodes.Count, plan.Nodes.Select(n => n.MeshAddress).Distinct().Count());
            Assert.Equal("10.40.0.255", plan.Nodes.Single(n => n.Name == "compute-az-252").MeshAddress);
            Assert.Equal("10.40.1.0", plan.Nodes.Single(n => n.Name == "compute-az-253").MeshAddress);
            Assert.Equal("10.40.3.235", plan.Nodes.Single(n => n.Name == "compute-az-1000").MeshAddress);
            Assert.Equal("10.131.234.0/24", plan.Nodes.Single(n => n.Name == "compute-az-1000").PodCidr);
            Assert.Equal(1005, plan.Nodes.Select(n => n.PodCidr).OfType<string>().Distinct().Count());
            Assert.True(again.IsEmpty);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"planning 1000 nodes twice took {clock.Elapsed}");
        }

        [Fact]
        public void Create_Slash12Network_AllocatesFromItsFirstHost()
        {
            var spec = ClusterSpecs.Hybrid() with { Kubernetes = ClusterSpecs.Hybrid().Kubernetes with { Network = "172.16.0.0/12" } };

            var plan = Planner.Create(spec.WithCount("compute-az", 300).WithPodNetwork("10.128.0.0/14"), null);

            Assert.Equal("172.16.0.1", plan.Nodes[0].MeshAddress);
            Assert.Equal("172.16.1.47", plan.Nodes.Single(n => n.Name == "compute-az-300").MeshAddress);
        }

        [Fact]
        public void Create_NetworkWithHostBits_UsesItsNetworkAddress()
        {
            var spec = ClusterSpecs.Static() with { Kubernetes = ClusterSpecs.Static().Kubernetes with { Network = "10.20.0.77/24" } };

            Assert.Equal("10.20.0.1", Planner.Create(spec, null).Nodes[0].MeshAddress);
        }

        private static ClusterLayer LayerOf(TaskKind kind) => kind switch
        {
            TaskKind.CreateInfrastructure or TaskKind.DeleteInfrastructure => ClusterLayer.Infrastructure,
            TaskKind.PrepareNodes => ClusterLayer.Nodes,
            TaskKind.ConfigureMesh => ClusterLayer.Mesh,
            TaskKind.ConfigureLoadBalancers or TaskKind.UpdateDns => ClusterLayer.LoadBalancers,
            TaskKind.InstallStorage => ClusterLayer.Storage,
            _ => ClusterLayer.Kubernetes,
        };
    }
}

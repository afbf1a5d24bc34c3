using MultiCloud.Engine.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    public class PlanTextGoldenTests
    {
        [Theory]
        [InlineData("static")]
        [InlineData("hybrid")]
        public void Render_NewCluster_MatchesGoldenFile(string example)
        {
            var text = PlanText.Render(Planner.Create(PlannerNewClusterTests.Spec(example), null));

            GoldenFile.AssertMatches("plans/new-" + example + ".txt", text);
        }

        [Fact]
        public void Render_ScaleDownWithRemovedLoadBalancer_MatchesGoldenFile()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);
            var smaller = spec.WithCount("control", 2).WithoutPool("onprem") with { LoadBalancers = new Model.LoadBalancerSpec[0] };
            smaller = smaller.WithoutPool("lb");

            GoldenFile.AssertMatches("plans/scale-down-hybrid.txt", PlanText.Render(Planner.Create(smaller, state)));
        }

        [Fact]
        public void Render_Destroy_MatchesGoldenFile()
        {
            var state = SimulatedApply.Plan(ClusterSpecs.Hybrid());

            GoldenFile.AssertMatches("plans/destroy-hybrid.txt", PlanText.Render(Planner.CreateDestroy(state)));
        }

        [Fact]
        public void Render_EmptyPlan_SaysNothingToDo()
        {
            var spec = ClusterSpecs.Static();
            var text = PlanText.Render(Planner.Create(spec, SimulatedApply.Plan(spec)));

            Assert.EndsWith("Nothing to do: the cluster matches its spec.\n", text);
        }
    }
}

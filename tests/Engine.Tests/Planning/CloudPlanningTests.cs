using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Planning
{
    /// <summary>What the pure planner does for cloud pools and DNS: pending machines, health-driven records, firewalls, regions left.</summary>
    public sealed class CloudPlanningTests
    {
        private static readonly LoadBalancerHealth Lb1Down = new() { Unanswered = new Dictionary<string, IReadOnlyList<int>> { ["lb-1"] = new[] { 6443 } } };

        private static ClusterSpec TwoLoadBalancers() => ClusterSpecs.Hybrid().WithCount("lb", 2);

        [Fact]
        public void Create_DynamicNodeRecordedBeforeItsMachineWasMade_IsNewAndCreatedAgain()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);
            var pending = state with { Nodes = state.Nodes.Select(n => n.Name == "control-3" ? n with { PublicAddress = null, Prepared = false, WireGuardPublicKey = null, Joined = false } : n).ToList() };

            var plan = Planner.Create(spec, pending);

            Assert.True(plan.Nodes.Single(n => n.Name == "control-3").IsNew);
            Assert.Equal(new[] { "control-3" }, PlanSummary.Step(plan, "infra/control", "create-vms").Targets);
            Assert.Equal(state.Nodes.Single(n => n.Name == "control-3").MeshAddress, plan.Nodes.Single(n => n.Name == "control-3").MeshAddress);
        }

        [Fact]
        public void Create_NewMachines_LogInAsTheUserTheirProviderTypeCreates()
        {
            var plan = Planner.Create(ClusterSpecs.Hybrid(), null);

            Assert.Equal("multicloud", plan.Nodes.Single(n => n.Name == "compute-az-1").User);
            Assert.Equal("root", plan.Nodes.Single(n => n.Name == "control-1").User);
        }

        [Fact]
        public void Create_LoadBalancerNodeNotAnswering_TakesItOutOfDnsAndSaysSoInThePlan()
        {
            var spec = TwoLoadBalancers();
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(spec, state, null, Lb1Down);

            Assert.Equal(new[] { "dns/api update-dns: dns/api" }, PlanSummary.Steps(plan));
            Assert.EndsWith("at the public addresses of 1 node (lb-2) of load balancer api via DNS provider cloudflare-1; taken out until they answer again: lb-1 (no answer on 6443)",
                PlanSummary.Step(plan, "dns/api", "update-dns").Description);
            Assert.Equal(new[] { "lb-2" }, DnsRecordNodes.Of(plan, plan.Desired.LoadBalancers[0]));
            Assert.Empty(plan.Notices);
        }

        [Fact]
        public void Create_NodeAnsweringAgain_PutsItBack()
        {
            var spec = TwoLoadBalancers();
            var without = SimulatedApply.Run(SimulatedApply.Plan(spec), Planner.Create(spec, SimulatedApply.Plan(spec), null, Lb1Down));

            var plan = Planner.Create(spec, without);

            Assert.Equal(new[] { "dns/api update-dns: dns/api" }, PlanSummary.Steps(plan));
            Assert.Equal(new[] { "lb-1", "lb-2" }, DnsRecordNodes.Of(plan, plan.Desired.LoadBalancers[0]));
        }

        [Fact]
        public void Create_NoLoadBalancerNodeAnswering_KeepsThemAllAndWarns()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);

            var plan = Planner.Create(spec, state, null, Lb1Down);

            Assert.True(plan.IsEmpty);
            Assert.Equal(new[] { "no node of load balancer api answers on its ports (lb-1 (no answer on 6443)); its DNS records keep them all" }, plan.Notices.Select(n => n.Message));
        }

        [Fact]
        public void Create_SameSpecOtherHealth_GivesAnotherPlanId()
        {
            var spec = TwoLoadBalancers();
            var state = SimulatedApply.Plan(spec) with { Applied = new Dictionary<string, string>() };

            Assert.NotEqual(Planner.Create(spec, state).Id, Planner.Create(spec, state, null, Lb1Down).Id);
        }

        [Fact]
        public void Create_SshOpenToTheInternet_WarnsNamingTheProvider()
        {
            var spec = ClusterSpecs.Hybrid();
            var open = spec with
            {
                Providers = spec.Providers.Select(p => p.Name == "hetzner-1" ? p with { Settings = new Dictionary<string, string> { [SshSources.SettingName] = "0.0.0.0/0" } } : p).ToList(),
            };

            var plan = Planner.Create(open, null);

            Assert.Contains(plan.Notices.Select(n => n.Message), w => w.StartsWith("provider hetzner-1 lets anyone on the internet try SSH", StringComparison.Ordinal));
            Assert.Contains("! provider hetzner-1 lets anyone", PlanText.Render(plan));
        }

        [Fact]
        public void Create_LastPoolOfARegionRemoved_DeletesTheRegionsNetworkOnceAndThenPlansNothing()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);
            var withoutAzure = spec.WithoutPool("compute-az");

            var plan = Planner.Create(withoutAzure, state);
            var after = SimulatedApply.Run(state, plan);

            Assert.Equal(new[] { "azure-1/westeurope" }, PlanSummary.Step(plan, "networks/delete", "delete-networks").Targets);
            Assert.DoesNotContain("network/azure-1/westeurope", after.Applied.Keys);
            Assert.True(Planner.Create(withoutAzure, after).IsEmpty);
        }

        [Fact]
        public void Create_PoolScaledToZero_DeletesItsRegionsNetworkOnce()
        {
            var spec = ClusterSpecs.Hybrid();
            var state = SimulatedApply.Plan(spec);
            var none = spec.WithCount("compute-az", 0);

            var plan = Planner.Create(none, state);

            Assert.Contains("networks/delete", PlanSummary.TaskIds(plan));
            Assert.True(Planner.Create(none, SimulatedApply.Run(state, plan)).IsEmpty);
        }

        [Fact]
        public void CreateDestroy_HalfBuiltCluster_SweepsEveryRegionTheStoppedRunNamed()
        {
            // Killed outright: nothing says how far it got.
            var plan = Planner.CreateDestroy(FirstRunOfHybrid(new JournalState { PlanId = "p", DesiredSpec = ClusterSpecs.Hybrid() }));

            Assert.Equal(new[] { "azure-1/westeurope", "hetzner-1/fsn1" }, PlanSummary.Step(plan, "networks/delete", "delete-networks").Targets);
            // It never reached its load balancers, so it made no DNS record.
            Assert.DoesNotContain(plan.Tasks.SelectMany(t => t.Steps), s => s.Kind == StepKind.DeleteDnsRecords);
        }

        [Fact]
        public void CreateDestroy_FirstRunFailedOnAnOwnMachineBeforeAnyCloud_SweepsNoRegionAndDeletesNoRecord()
        {
            // Nothing was asked of a cloud, so removing the cluster needs no cloud credential.
            var plan = Planner.CreateDestroy(FirstRunOfHybrid(new JournalState
            {
                PlanId = "p",
                DesiredSpec = ClusterSpecs.Hybrid(),
                LastError = "SshConnectionFailed: onprem-1",
                StoppedStep = "infra/onprem/register-nodes",
            }));

            Assert.DoesNotContain("networks/delete", PlanSummary.TaskIds(plan));
            Assert.DoesNotContain(plan.Tasks.SelectMany(t => t.Steps), s => s.Kind == StepKind.DeleteDnsRecords);
        }

        [Fact]
        public void CreateDestroy_RunFailedInsideACloudPoolsStep_SweepsThatPoolsRegionOnly()
        {
            var plan = Planner.CreateDestroy(FirstRunOfHybrid(new JournalState
            {
                PlanId = "p",
                DesiredSpec = ClusterSpecs.Hybrid(),
                LastError = "CloudQuotaExceeded: azure-1",
                StoppedStep = "infra/compute-az/ensure-network",
            }));

            Assert.Equal(new[] { "azure-1/westeurope" }, PlanSummary.Step(plan, "networks/delete", "delete-networks").Targets);
        }

        [Fact]
        public void CreateDestroy_RunKilledBeforeItsDnsStepWasJournaled_DeletesTheRecordsOfEveryLoadBalancerWithDns()
        {
            // Killed inside the DNS call: the records may exist though the journal only shows the load balancers done.
            var plan = Planner.CreateDestroy(FirstRunOfHybrid(new JournalState
            {
                PlanId = "p",
                DesiredSpec = ClusterSpecs.Hybrid(),
                CompletedSteps = new[] { "lb/api/write-lb-config" },
            }));

            Assert.Equal(new[] { "dns/api" }, PlanSummary.Step(plan, "cleanup", "delete-dns-records").Targets);
        }

        /// <summary>The state of the hybrid cluster after its first run stopped as <paramref name="journal"/> says.</summary>
        private static ClusterState FirstRunOfHybrid(JournalState journal) =>
            new ClusterState { Name = journal.DesiredSpec.Name, Id = "0123456789abcdef01234567", Journal = journal with { StartedAt = DateTimeOffset.UnixEpoch } };

        [Fact]
        public void Create_ServerTypeChangedBeforeAnyMachineOfThePoolExists_IsAllowed()
        {
            var spec = ClusterSpecs.Hybrid();
            var stopped = new ClusterState
            {
                Name = spec.Name,
                Nodes = new[] { new NodeState { Name = "control-1", Pool = "control", Role = NodeRole.Control, MeshAddress = "10.40.0.1" } },
                Journal = new JournalState { PlanId = "p", DesiredSpec = spec, StartedAt = DateTimeOffset.UnixEpoch },
            };
            var fixedType = spec.WithPool(spec.Pool<DynamicNodePoolSpec>("control") with { ServerType = "cx32" });

            var plan = Planner.Create(fixedType, stopped);

            Assert.Contains("server type cx32", PlanSummary.Step(plan, "infra/control", "create-vms").Description);
        }
    }
}

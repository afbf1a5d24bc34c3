using System.Net;
using System.Net.Sockets;
using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.State;
using Xunit;

namespace MultiCloud.Engine.Tests.LoadBalancing
{
    /// <summary>The probe before planning connects to LB role ports on 127.0.0.1 listeners of the test, nothing else.</summary>
    public sealed class LoadBalancerProbeTests : IDisposable
    {
        private readonly TcpListener open = new(IPAddress.Loopback, 0);
        private readonly int closedPort;

        public LoadBalancerProbeTests()
        {
            open.Start();
            var spare = new TcpListener(IPAddress.Loopback, 0);
            spare.Start();
            closedPort = ((IPEndPoint)spare.LocalEndpoint).Port;
            spare.Stop();
        }

        private int OpenPort => ((IPEndPoint)open.LocalEndpoint).Port;

        private static ClusterSpec Spec(int port) => new()
        {
            Name = "c",
            NodePools = new NodePoolSpec[] { new StaticNodePoolSpec { Name = "lb", Nodes = new[] { new StaticNodeSpec { Endpoint = "127.0.0.1" } } } },
            Kubernetes = new KubernetesSpec { Version = "v1.31.4", Network = "10.0.0.0/24" },
            LoadBalancers = new[]
            {
                new LoadBalancerSpec
                {
                    Name = "api",
                    Pools = new[] { "lb" },
                    Roles = new[] { new RoleSpec { Name = "api", Port = port, TargetPort = 6443 } },
                    Dns = new DnsSpec { Zone = "example.com", Provider = "cf" },
                },
            },
        };

        private static ClusterState State(bool dnsApplied) => new()
        {
            Name = "c",
            Nodes = new[] { new NodeState { Name = "lb-1", Pool = "lb", Role = NodeRole.LoadBalancer, MeshAddress = "10.0.0.1", PublicAddress = "127.0.0.1", Prepared = true } },
            Applied = dnsApplied ? new Dictionary<string, string> { [AppliedKeys.Dns("api")] = "f" } : new Dictionary<string, string>(),
        };

        [Fact]
        public async Task ProbeAsync_PortAnswers_FindsEveryNodeHealthy()
        {
            var health = await new TcpLoadBalancerProbe(TimeSpan.FromSeconds(5)).ProbeAsync(Spec(OpenPort), State(dnsApplied: true), default);

            Assert.True(health.IsHealthy("lb-1"));
        }

        [Fact]
        public async Task ProbeAsync_PortRefuses_ListsTheNodeWithThePort()
        {
            var health = await new TcpLoadBalancerProbe(TimeSpan.FromSeconds(5)).ProbeAsync(Spec(closedPort), State(dnsApplied: true), default);

            Assert.Equal(new[] { closedPort }, health.Unanswered["lb-1"]);
        }

        [Fact]
        public async Task ProbeAsync_RecordsNotWrittenYet_ProbesNothing()
        {
            var health = await new TcpLoadBalancerProbe(TimeSpan.FromSeconds(5)).ProbeAsync(Spec(closedPort), State(dnsApplied: false), default);

            Assert.Empty(health.Unanswered);
        }

        public void Dispose() => open.Stop();
    }
}

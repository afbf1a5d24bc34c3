using System.Collections;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Tests.Manifest;
using MultiCloud.Engine.Tests.Planning;
using Xunit;

namespace MultiCloud.Engine.Tests.Models
{
    public sealed class SpecBuilderClusterTests
    {
        /// <summary>The pieces of <see cref="ClusterSpecs.Hybrid"/> as the front end passes them: pools with roles, load balancers without pools.</summary>
        private static (List<NodePoolDefinition> Pools, List<LoadBalancerSpec> LoadBalancers) HybridPieces()
        {
            var spec = ClusterSpecs.Hybrid();
            var pools = spec.NodePools.Select(p => new NodePoolDefinition(p,
                SpecQueries.RoleOf(spec, p.Name)!.Value,
                spec.LoadBalancers.FirstOrDefault(lb => lb.Pools.Contains(p.Name))?.Name)).ToList();
            return (pools, spec.LoadBalancers.Select(lb => lb with { Pools = new string[0] }).ToList());
        }

        private static ClusterSpec BuildHybrid(IEnumerable<NodePoolDefinition> pools, IEnumerable<LoadBalancerSpec> loadBalancers, int? mtu = null) =>
            SpecBuilder.Cluster("hybrid", "v1.31.2", "10.40.0.0/16", mtu, ClusterSpecs.Hybrid().Providers, pools, loadBalancers);

        [Fact]
        public void Cluster_HybridPieces_BuildsTheHybridSpecWithStaticPoolsLast()
        {
            var (pools, loadBalancers) = HybridPieces();

            var built = BuildHybrid(pools, loadBalancers);

            var expected = ClusterSpecs.Hybrid();
            expected = expected with { NodePools = expected.NodePools.OrderBy(p => p is StaticNodePoolSpec).ToList() };
            Assert.Equal(new[] { "control", "compute-az", "lb", "onprem" }, SpecAssert.PoolNames(built));
            SpecEquivalence.AssertEquivalent(expected, built);
            SpecAssert.ValidatesClean(built);
        }

        [Fact]
        public void Cluster_Roles_SortsPoolsIntoListsInTheGivenOrder()
        {
            NodePoolDefinition Define(string name, NodeRole role) => new NodePoolDefinition(ClusterSpecs.StaticPool(name, "192.0.2.1"), role);
            var pools = new[]
            {
                Define("w2", NodeRole.Compute), Define("c2", NodeRole.Control), Define("w1", NodeRole.Compute), Define("c1", NodeRole.Control),
            };

            var built = BuildHybrid(pools, new LoadBalancerSpec[0]);

            Assert.Equal(new[] { "c2", "c1" }, built.Kubernetes.ControlPools);
            Assert.Equal(new[] { "w2", "w1" }, built.Kubernetes.ComputePools);
            Assert.Empty(built.LoadBalancers);
        }

        [Fact]
        public void Cluster_LoadBalancerPools_AttachedToTheNamedLoadBalancerOnce()
        {
            var (pools, loadBalancers) = HybridPieces();
            pools.Add(new NodePoolDefinition(ClusterSpecs.DynamicPool("lb2", "hetzner-1", "nbg1", null, "cx22", 1), NodeRole.LoadBalancer, "ingress"));
            pools.Add(new NodePoolDefinition(ClusterSpecs.DynamicPool("lb3", "hetzner-1", "hel1", null, "cx22", 1), NodeRole.LoadBalancer, "ingress"));
            loadBalancers[0] = loadBalancers[0] with { Pools = new[] { "lb" } };
            loadBalancers.Add(new LoadBalancerSpec { Name = "ingress" });

            var built = BuildHybrid(pools, loadBalancers);

            Assert.Equal(new[] { "lb" }, built.LoadBalancers[0].Pools);
            Assert.Equal(new[] { "lb2", "lb3" }, built.LoadBalancers[1].Pools);
            Assert.DoesNotContain("lb2", built.Kubernetes.ComputePools.Concat(built.Kubernetes.ControlPools));
        }

        [Fact]
        public void Cluster_PoolForUnknownLoadBalancer_ThrowsInvalidParameter()
        {
            var (pools, loadBalancers) = HybridPieces();
            pools[3] = pools[3] with { LoadBalancer = "edge" };

            SpecAssert.InvalidParameter(() => BuildHybrid(pools, loadBalancers),
                "node pool 'lb' is for load balancer 'edge', which is not among the load balancers given");
        }

        [Theory]
        [InlineData(null, KubernetesSpec.DefaultMtu)]
        [InlineData(1280, 1280)]
        public void Cluster_Mtu_GivenOrDefault(int? mtu, int expected)
        {
            var (pools, loadBalancers) = HybridPieces();

            Assert.Equal(expected, BuildHybrid(pools, loadBalancers, mtu).Kubernetes.Mtu);
        }

        [Theory]
        [InlineData("azure", ProviderType.Azure)]
        [InlineData("AZURE", ProviderType.Azure)]
        [InlineData("Aws", ProviderType.Aws)]
        [InlineData("hetzner", ProviderType.Hetzner)]
        [InlineData("genesiscloud", ProviderType.GenesisCloud)]
        [InlineData("CloudFlare", ProviderType.Cloudflare)]
        [InlineData("hetznerDNS", ProviderType.HetznerDns)]
        public void Provider_TypeInAnyCase_Parses(string type, ProviderType expected)
        {
            Assert.Equal(expected, SpecBuilder.Provider("p", type, null, null).Type);
        }

        [Theory]
        [InlineData("digitalocean")]
        [InlineData("")]
        [InlineData("1")]
        [InlineData("aws,hetzner")]
        public void Provider_UnknownType_ThrowsListingTheAllowedTypes(string type)
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.Provider("p", type, null, null),
                "provider type '" + type + "' is not known; allowed: azure, aws, hetzner, gcp, oci, genesiscloud, cloudflare, hetznerdns");
        }

        [Fact]
        public void Provider_SettingsAndCredentials_ParsedIntoTheSpec()
        {
            var settings = new Hashtable { ["subscriptionId"] = "sub-1", ["port"] = 8443 };
            var credentials = new Hashtable { ["clientSecret"] = "env:AZ_SECRET", ["certificate"] = "secret:corp-vault/azure-cert", ["token"] = "file:~/token" };

            var provider = SpecBuilder.Provider("azure-1", "azure", settings, credentials);

            Assert.Equal("azure-1", provider.Name);
            Assert.Equal(new Dictionary<string, string> { ["subscriptionId"] = "sub-1", ["port"] = "8443" }, provider.Settings);
            Assert.Equal(new Dictionary<string, CredentialRef>
            {
                ["clientSecret"] = new CredentialRef(CredentialSource.Env, "AZ_SECRET"),
                ["certificate"] = new CredentialRef(CredentialSource.Secret, "azure-cert", "corp-vault"),
                ["token"] = new CredentialRef(CredentialSource.File, "~/token"),
            }, provider.Credentials);
        }

        [Fact]
        public void Provider_NoSettingsOrCredentials_Empty()
        {
            var provider = SpecBuilder.Provider("aws-1", "aws", null, null);

            Assert.Empty(provider.Settings);
            Assert.Empty(provider.Credentials);
        }

        [Fact]
        public void Provider_BadCredential_ThrowsInvalidParameter()
        {
            SpecAssert.InvalidParameter(() => SpecBuilder.Provider("p", "aws", null, new Hashtable { ["accessKey"] = "AKIA" }),
                "credential reference 'AKIA' must look like env:NAME, file:PATH or secret:[VAULT/]NAME");
        }
    }
}

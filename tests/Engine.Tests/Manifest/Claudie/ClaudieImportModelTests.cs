using MultiCloud.Engine.Model;
using Xunit;
using static MultiCloud.Engine.Tests.Manifest.Claudie.ClaudieFixture;

namespace MultiCloud.Engine.Tests.Manifest.Claudie
{
    /// <summary>What the realistic InputManifests under testdata/claudie become in the native model.</summary>
    public class ClaudieImportModelTests
    {
        [Fact]
        public void Import_MultiProviderManifest_CopiesUsedPoolsDynamicFirstAndDropsUnusedOnes()
        {
            var shop = Assert.Single(LoadValid("multi-provider.yaml").Clusters);

            Assert.Equal("shop", shop.Name);
            Assert.Equal(new[] { "control-htz", "compute-gcp", "compute-aws", "compute-azure", "compute-oci", "lb-htz", "rack-a" }, shop.NodePools.Select(p => p.Name));
            Assert.Equal(new[] { "hetzner-eu", "gcp-eu", "aws-eu", "azure-eu", "oci-eu", "cloudflare-dns" }, shop.Providers.Select(p => p.Name));
        }

        [Fact]
        public void Import_MultiProviderManifest_MapsKubernetesPart()
        {
            var kubernetes = Assert.Single(LoadValid("multi-provider.yaml").Clusters).Kubernetes;

            Assert.Equal("v1.31.4", kubernetes.Version);
            Assert.Equal("192.168.2.0/24", kubernetes.Network);
            Assert.Equal(KubernetesSpec.DefaultMtu, kubernetes.Mtu);
            Assert.Equal(new[] { "control-htz" }, kubernetes.ControlPools);
            Assert.Equal(new[] { "compute-gcp", "rack-a", "compute-aws", "compute-azure", "compute-oci" }, kubernetes.ComputePools);
        }

        [Fact]
        public void Import_MultiProviderManifest_MapsDynamicPoolFields()
        {
            var shop = Assert.Single(LoadValid("multi-provider.yaml").Clusters);

            var control = Pool<DynamicNodePoolSpec>(shop, "control-htz");
            Assert.Equal(("hetzner-eu", "fsn1", "fsn1-dc14", "cpx21", "ubuntu-24.04"), (control.Provider, control.Region, control.Zone, control.ServerType, control.Image));
            Assert.Equal(3, control.Count);
            Assert.Null(control.Autoscaler);
            Assert.Equal("germany", control.Labels["country"]);
            Assert.Equal(new[] { new TaintSpec("dedicated", "control", TaintEffect.NoSchedule) }, control.Taints);

            var gcp = Pool<DynamicNodePoolSpec>(shop, "compute-gcp");
            Assert.Null(gcp.Count);
            Assert.Equal(new AutoscalerSpec(1, 4), gcp.Autoscaler);
            Assert.Equal(80, gcp.DiskSizeGb);
            Assert.Equal("[\"gcp\"]", gcp.Annotations["node.longhorn.io/default-node-tags"]);

            var azure = Pool<DynamicNodePoolSpec>(shop, "compute-azure");
            Assert.Equal(("Germany West Central", "2"), (azure.Region, azure.Zone));
            Assert.Equal(new[] { new TaintSpec("cloud", "azure", TaintEffect.PreferNoSchedule) }, azure.Taints);

            Assert.Null(Pool<DynamicNodePoolSpec>(shop, "lb-htz").Zone);
        }

        [Fact]
        public void Import_MultiProviderManifest_MapsStaticNodesWithPortUserAndKey()
        {
            var rack = Pool<StaticNodePoolSpec>(Assert.Single(LoadValid("multi-provider.yaml").Clusters), "rack-a");

            Assert.Equal(2, rack.Nodes.Count);
            Assert.Equal(("10.20.0.11", "root", 2222), (rack.Nodes[0].Endpoint, rack.Nodes[0].User, rack.Nodes[0].Port));
            Assert.Equal(("10.20.0.12", "ops", 2222), (rack.Nodes[1].Endpoint, rack.Nodes[1].User, rack.Nodes[1].Port));
            Assert.All(rack.Nodes, node => Assert.Equal(Env("RACK_A_KEY_PRIVATEKEY"), node.PrivateKey));
            Assert.All(rack.Nodes, node => Assert.Null(node.Name));
            Assert.Equal("rack-a", rack.Labels["site"]);
            Assert.Equal(new[] { new TaintSpec("site", null, TaintEffect.NoExecute) }, rack.Taints);
        }

        [Fact]
        public void Import_MultiProviderManifest_MapsRolesWithClaudieProxyProtocolDefaults()
        {
            var loadBalancer = Assert.Single(Assert.Single(LoadValid("multi-provider.yaml").Clusters).LoadBalancers);

            Assert.Equal("shop-lb", loadBalancer.Name);
            Assert.Equal(new[] { "lb-htz" }, loadBalancer.Pools);
            var expected = new[]
            {
                // The API server never gets the PROXY protocol in Claudie, whatever the settings say.
                new RoleSpec { Name = "apiserver", Port = 6443, TargetPort = 6443, TargetPools = new[] { "control-htz" }, ProxyProtocol = false },
                // No settings: Claudie's default turns the PROXY protocol on.
                new RoleSpec { Name = "https", Port = 443, TargetPort = 30443, TargetPools = new[] { "compute-gcp", "compute-aws" }, ProxyProtocol = true },
                new RoleSpec { Name = "metrics", Protocol = LoadBalancerProtocol.Udp, Port = 8125, TargetPort = 30125, TargetPools = new[] { "rack-a" }, ProxyProtocol = false },
            };
            SpecEquivalence.AssertEquivalent(expected, loadBalancer.Roles);
        }

        [Fact]
        public void Import_MultiProviderManifest_MapsDnsRecord()
        {
            var dns = Assert.Single(Assert.Single(LoadValid("multi-provider.yaml").Clusters).LoadBalancers).Dns;

            SpecEquivalence.AssertEquivalent(
                new DnsSpec { Zone = "shop.example.com", Provider = "cloudflare-dns", Hostname = "api", AlternativeNames = new[] { "www", "app" } },
                dns);
        }

        public static TheoryData<string, ProviderType, string[]> ProviderSecretCases() => new TheoryData<string, ProviderType, string[]>
        {
            { "hetzner-eu", ProviderType.Hetzner, new[] { "token=HETZNER_TOKEN_CREDENTIALS" } },
            { "gcp-eu", ProviderType.Gcp, new[] { "credentials=GCP_SA_CREDENTIALS", "project=GCP_SA_GCPPROJECT" } },
            { "aws-eu", ProviderType.Aws, new[] { "accessKey=AWS_KEYS_ACCESSKEY", "secretKey=AWS_KEYS_SECRETKEY" } },
            {
                "azure-eu", ProviderType.Azure,
                new[] { "subscriptionId=AZURE_SECRET_SUBSCRIPTIONID", "tenantId=AZURE_SECRET_TENANTID", "clientId=AZURE_SECRET_CLIENTID", "clientSecret=AZURE_SECRET_CLIENTSECRET" }
            },
            {
                "oci-eu", ProviderType.Oci,
                new[] { "privateKey=OCI_API_KEY_PRIVATEKEY", "keyFingerprint=OCI_API_KEY_KEYFINGERPRINT", "tenancyOcid=OCI_API_KEY_TENANCYOCID", "userOcid=OCI_API_KEY_USEROCID", "compartmentOcid=OCI_API_KEY_COMPARTMENTOCID" }
            },
            { "cloudflare-dns", ProviderType.Cloudflare, new[] { "apiToken=CF_TOKEN_APITOKEN", "accountId=CF_TOKEN_ACCOUNTID" } },
        };

        [Theory]
        [MemberData(nameof(ProviderSecretCases))]
        public void Import_ProviderSecretRef_BecomesEnvironmentReferencePerSecretKey(string provider, ProviderType type, string[] credentials)
        {
            var spec = Provider(Assert.Single(LoadValid("multi-provider.yaml").Clusters), provider);

            Assert.Equal(type, spec.Type);
            Assert.Empty(spec.Settings);
            Assert.Equal(credentials, spec.Credentials.Select(c => c.Key + "=" + c.Value.Reference));
            Assert.All(spec.Credentials.Values, c => Assert.Equal(CredentialSource.Env, c.Source));
        }

        [Fact]
        public void Import_LegacyTargetRoles_ResolveToTheTargetedClustersPools()
        {
            var cluster = Assert.Single(LoadValid("legacy-target.yaml").Clusters);

            var roles = Assert.Single(cluster.LoadBalancers).Roles.ToDictionary(r => r.Name, r => r.TargetPools);
            Assert.Equal(new[] { "htz-ctrl" }, roles["apiserver"]);
            Assert.Equal(new[] { "htz-work", "gen-work" }, roles["ingress"]);
            Assert.Equal(new[] { "htz-ctrl", "htz-work", "gen-work" }, roles["everything"]);
        }

        [Fact]
        public void Import_LegacyProviders_AcceptTemplatesAndMapDnsAndGenesisCloud()
        {
            var cluster = Assert.Single(LoadValid("legacy-target.yaml").Clusters);

            Assert.Equal(new[] { "hetzner-1", "hetznerdns-1", "genesiscloud-1" }, cluster.Providers.Select(p => p.Name));
            var dns = Provider(cluster, "hetznerdns-1");
            Assert.Equal(ProviderType.HetznerDns, dns.Type);
            Assert.Equal(Env("HETZNERDNS_SECRET_1_APITOKEN"), dns.Credentials["apiToken"]);
            var genesis = Provider(cluster, "genesiscloud-1");
            Assert.Equal(ProviderType.GenesisCloud, genesis.Type);
            Assert.Equal(Env("GENESISCLOUD_SECRET_APITOKEN"), genesis.Credentials["apiToken"]);
            Assert.Equal("hetznerdns-1", Assert.Single(cluster.LoadBalancers).Dns!.Provider);
        }

        [Fact]
        public void Import_TwoKubernetesClusters_GivesOneClusterEachWithItsOwnPools()
        {
            var result = LoadValid("two-clusters.yaml");

            Assert.Equal(new[] { "production", "staging" }, result.Clusters.Select(c => c.Name));
            var production = Cluster(result, "production");
            var staging = Cluster(result, "staging");
            Assert.Equal(new[] { "prod-ctrl-a", "prod-work-b", "prod-lb" }, production.NodePools.Select(p => p.Name));
            Assert.Equal(new[] { "stage-ctrl", "stage-work", "stage-lb" }, staging.NodePools.Select(p => p.Name));
            Assert.Equal(("v1.32.1", "10.10.0.0/24"), (production.Kubernetes.Version, production.Kubernetes.Network));
            Assert.Equal("10.20.0.0/24", staging.Kubernetes.Network);
            Assert.Equal("prod-lb", Assert.Single(production.LoadBalancers).Name);
            Assert.Equal("stage-lb", Assert.Single(staging.LoadBalancers).Name);
        }

        [Fact]
        public void Import_RoleUsedByTwoClusters_IsCopiedIntoBothWithEachClustersTargets()
        {
            var result = LoadValid("two-clusters.yaml");

            var productionHttps = Assert.Single(Assert.Single(Cluster(result, "production").LoadBalancers).Roles, r => r.Name == "https");
            var stagingHttps = Assert.Single(Assert.Single(Cluster(result, "staging").LoadBalancers).Roles, r => r.Name == "https");
            Assert.Equal(new[] { "prod-work-b" }, productionHttps.TargetPools);
            Assert.Equal(new[] { "stage-work" }, stagingHttps.TargetPools);
            Assert.Equal((443, 30443), (stagingHttps.Port, stagingHttps.TargetPort));
        }

        [Fact]
        public void Import_DnsProviderUsedByTwoClusters_IsCopiedIntoBoth()
        {
            var result = LoadValid("two-clusters.yaml");

            Assert.Equal(new[] { "azure-prod-a", "azure-prod-b", "aws-dns" }, Cluster(result, "production").Providers.Select(p => p.Name));
            Assert.Equal(new[] { "hetzner-stage", "aws-dns" }, Cluster(result, "staging").Providers.Select(p => p.Name));
            Assert.Equal(Env("AWS_ROUTE53_SECRETKEY"), Provider(Cluster(result, "staging"), "aws-dns").Credentials["secretKey"]);
        }

        [Fact]
        public void Import_TwoAzureProvidersInOneCluster_KeepTheirOwnCredentials()
        {
            var production = Cluster(LoadValid("two-clusters.yaml"), "production");

            var first = Provider(production, "azure-prod-a");
            var second = Provider(production, "azure-prod-b");
            Assert.Equal((ProviderType.Azure, ProviderType.Azure), (first.Type, second.Type));
            Assert.Equal(Env("AZURE_SUB_A_CLIENTSECRET"), first.Credentials["clientSecret"]);
            Assert.Equal(Env("AZURE_SUB_B_CLIENTSECRET"), second.Credentials["clientSecret"]);
            Assert.Equal(Env("AZURE_SUB_B_SUBSCRIPTIONID"), second.Credentials["subscriptionId"]);
            Assert.Equal("azure-prod-a", Pool<DynamicNodePoolSpec>(production, "prod-ctrl-a").Provider);
            Assert.Equal("azure-prod-b", Pool<DynamicNodePoolSpec>(production, "prod-work-b").Provider);
        }
    }
}

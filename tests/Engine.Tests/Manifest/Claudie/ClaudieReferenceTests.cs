using Xunit;
using static MultiCloud.Engine.Tests.Manifest.Claudie.ClaudieFixture;

namespace MultiCloud.Engine.Tests.Manifest.Claudie
{
    /// <summary>References between the shared definitions of an InputManifest and the clusters that use them.</summary>
    public class ClaudieReferenceTests
    {
        private const string OnePoolDefinition = "one cluster per pool definition: define a copy of the pool under another name for the second use";

        /// <summary>A second Kubernetes cluster "beta" after "alpha" (its control pool list on line 65).</summary>
        private static (string, string) SecondCluster(string controlPool) =>
            ("  loadBalancers:\n",
             "      - name: beta\n        version: v1.31.4\n        network: 10.1.0.0/24\n        pools:\n          control:\n            - " + controlPool + "\n  loadBalancers:\n");

        public static TheoryData<ClaudieCase> Cases() => ClaudieCase.Table(
            new ClaudieCase("pool shared by two Kubernetes clusters", new[] { SecondCluster("control") },
                65, 15, "spec.kubernetes.clusters[1].pools.control[0]",
                "pool 'control' is used here as a control pool of Kubernetes cluster 'beta' and at line 56 (spec.kubernetes.clusters[0].pools.control[0]) as a control pool of Kubernetes cluster 'alpha'",
                OnePoolDefinition),
            new ClaudieCase("pool shared by a cluster and another cluster's load balancer", new[] { SecondCluster("lb") },
                65, 15, "spec.kubernetes.clusters[1].pools.control[0]",
                "pool 'lb' is used here as a control pool of Kubernetes cluster 'beta' and at line 91 (spec.loadBalancers.clusters[0].pools[0]) as the pool of load balancer 'alpha-lb' of Kubernetes cluster 'alpha'",
                OnePoolDefinition),
            new ClaudieCase("undefined pool", "            - onprem\n", "            - onprm\n",
                59, 15, "spec.kubernetes.clusters[0].pools.compute[1]", "node pool 'onprm' is not defined, did you mean 'onprem'?", "compute, control, lb, onprem"),
            new ClaudieCase("undefined role", "          - web\n", "          - webb\n",
                78, 13, "spec.loadBalancers.clusters[0].roles[1]", "role 'webb' is not defined, did you mean 'web'?", "api, web"),
            new ClaudieCase("undefined targeted cluster", "        targetedK8s: alpha\n", "        targetedK8s: alpah\n",
                83, 22, "spec.loadBalancers.clusters[0].targetedK8s", "Kubernetes cluster 'alpah' is not defined, did you mean 'alpha'?", "alpha"),
            new ClaudieCase("undefined pool provider", "          name: hetzner-1\n          region: fsn1\n        count: 1\n", "          name: hetzner-2\n          region: fsn1\n        count: 1\n",
                37, 17, "spec.nodePools.dynamic[2].providerSpec.name", "provider 'hetzner-2' is not defined, did you mean 'hetzner-1'?", "cloudflare-1, hetzner-1"),
            new ClaudieCase("DNS provider that cannot serve DNS", "          provider: cloudflare-1\n", "          provider: hetzner-1\n",
                81, 21, "spec.loadBalancers.clusters[0].dns.provider", "provider 'hetzner-1' is of type hetzner, which cannot serve DNS records", "cloudflare-1"),
            new ClaudieCase("pool on a DNS-only provider", "          name: hetzner-1\n          region: fsn1\n        count: 1\n", "          name: cloudflare-1\n          region: fsn1\n        count: 1\n",
                37, 17, "spec.nodePools.dynamic[2].providerSpec.name", "provider 'cloudflare-1' is of type cloudflare, which cannot create machines", "hetzner-1"),
            new ClaudieCase("role targets a pool outside the cluster", "        targetPools:\n          - compute\n", "        targetPools:\n          - lb\n",
                73, 13, "spec.loadBalancers.roles[1].targetPools[0]", "pool 'lb' is not a control or compute pool of Kubernetes cluster 'alpha'", "control, compute, onprem"),
            new ClaudieCase("pool in control and compute", "            - onprem\n", "            - control\n",
                59, 15, "spec.kubernetes.clusters[0].pools.compute[1]", "pool 'control' is already a control pool", "each pool plays one part: control, compute or one load balancer"),
            new ClaudieCase("role defined twice", new[] { ("      - name: web\n", "      - name: api\n"), ("          - web\n", string.Empty) },
                68, 15, "spec.loadBalancers.roles[1].name", "role name 'api' is already used at line 62 (spec.loadBalancers.roles[0].name)", "a name no other role uses"),
            new ClaudieCase("role listed twice", "          - web\n", "          - api\n",
                78, 13, "spec.loadBalancers.clusters[0].roles[1]", "role 'api' is listed twice", "each role once per load balancer"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Import_BrokenReference_ReportsOneDiagnosticAtTheClaudieField(ClaudieCase row) => row.AssertOnly();
    }
}

using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    /// <summary>References to providers and pools, and the one part every pool plays.</summary>
    public sealed class ReferenceRulesTests
    {
        private const string OnePart = "each pool plays one part: control, compute or one load balancer";
        private const string AllPools = "control-az, compute-aws, lb-az, onprem";
        private const string KubernetesPools = "control-az, onprem, compute-aws";

        public static TheoryData<RuleCase> Cases => RuleCase.Table(
            new RuleCase("dynamic pool provider missing", "provider: aws-main", "provider: aws-prod",
                27, 9, "spec.nodePools.dynamic[1].provider", "provider 'aws-prod' does not exist", "azure-main, aws-main"),
            new RuleCase("dynamic pool provider cannot create machines", "provider: aws-main", "provider: cloudflare-main",
                27, 9, "spec.nodePools.dynamic[1].provider", "provider 'cloudflare-main' is of type cloudflare, which cannot create machines", "azure-main, aws-main"),
            new RuleCase("dns provider missing", "provider: cloudflare-main", "provider: cf",
                69, 9, "spec.loadBalancers[0].dns.provider", "provider 'cf' does not exist", "azure-main, aws-main, cloudflare-main"),
            new RuleCase("dns provider cannot serve DNS", new[] { ("      type: aws", "      type: hetzner\n      credentials: { token: { env: HCLOUD_TOKEN } }"), ("provider: cloudflare-main", "provider: aws-main") },
                70, 9, "spec.loadBalancers[0].dns.provider", "provider 'aws-main' is of type hetzner, which cannot serve DNS records", "azure-main, cloudflare-main"),
            new RuleCase("kubernetes pool missing", "compute: [compute-aws]", "compute: [compute-aws, compute-gcp]",
                54, 30, "spec.kubernetes.pools.compute[1]", "pool 'compute-gcp' does not exist", AllPools),
            new RuleCase("load balancer pool missing", "pools: [lb-az]", "pools: [lb-az, lb-hz]",
                57, 22, "spec.loadBalancers[0].pools[1]", "pool 'lb-hz' does not exist", AllPools),
            new RuleCase("role target pool missing", "targetPools: [compute-aws]", "targetPools: [compute]",
                66, 25, "spec.loadBalancers[0].roles[1].targetPools[0]", "pool 'compute' does not exist", KubernetesPools),
            new RuleCase("role targets a load balancer pool", "targetPools: [compute-aws]", "targetPools: [lb-az]",
                66, 25, "spec.loadBalancers[0].roles[1].targetPools[0]", "pool 'lb-az' runs load balancer 'api', not Kubernetes nodes", KubernetesPools),
            new RuleCase("API server role targets a compute pool", "targetPools: [control-az]", "targetPools: [compute-aws]",
                62, 25, "spec.loadBalancers[0].roles[0].targetPools[0]", "the API server role must target control pools, 'compute-aws' is a compute pool", "control-az, onprem"),
            new RuleCase("role without target pools", "targetPools: [compute-aws]", "targetPools: []",
                66, 11, "spec.loadBalancers[0].roles[1].targetPools", "a role needs at least one target pool", KubernetesPools),
            new RuleCase("pool both control and compute", "compute: [compute-aws]", "compute: [compute-aws, onprem]",
                54, 30, "spec.kubernetes.pools.compute[1]", "pool 'onprem' is already a control pool", OnePart),
            new RuleCase("pool used by Kubernetes and a load balancer", "pools: [lb-az]", "pools: [lb-az, onprem]",
                57, 22, "spec.loadBalancers[0].pools[1]", "pool 'onprem' is already a control pool", OnePart),
            new RuleCase("pool used by two load balancers", "        hostname: api",
                "        hostname: api\n    - name: api2\n      pools: [lb-az]\n      roles:\n        - { name: dns, protocol: udp, port: 53, targetPort: 30053, targetPools: [compute-aws] }",
                72, 15, "spec.loadBalancers[1].pools[0]", "pool 'lb-az' is already the pool of load balancer 'api'", OnePart),
            new RuleCase("pool listed twice in one list", "control: [control-az, onprem]", "control: [control-az, onprem, control-az]",
                53, 37, "spec.kubernetes.pools.control[2]", "pool 'control-az' is listed twice", OnePart),
            new RuleCase("pool used nowhere", "compute: [compute-aws]", "compute: []",
                26, 9, "spec.nodePools.dynamic[1]", "pool 'compute-aws' is not used",
                "list it under spec.kubernetes.pools.control, spec.kubernetes.pools.compute or a load balancer's pools"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Parse_ReferenceProblem_ReportsItAloneWithPlaceAndAllowedValues(RuleCase ruleCase) => ruleCase.AssertOnly();

        [Fact]
        public void Parse_ComputePoolsWithoutControlPool_ReportsAtTheControlList()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(("control: [control-az, onprem]", "control: []")));

            ManifestFixture.AssertHas(ManifestFixture.At(53, 7, "spec.kubernetes.pools.control", "compute pools need at least one control pool", "at least one pool under control"), result);
        }

        [Fact]
        public void Parse_ControlPoolsWithoutApiServerRole_IsValid()
        {
            var result = ManifestFixture.Parse(ManifestFixture.Edit(
                ("        - name: api-server\n          port: 6443\n          targetPort: 6443\n          targetPools: [control-az]\n", "")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }
    }
}

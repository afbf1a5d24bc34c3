using MultiCloud.Engine.Manifest;
using Xunit;

namespace MultiCloud.Engine.Tests.Manifest
{
    public sealed class ManyProblemsTests
    {
        [Fact]
        public void ReadFile_ManifestWithManyProblems_ReportsEveryOneAtOnceInFileOrder()
        {
            var path = ManifestFixture.TestDataPath("many-problems.yaml");

            var result = ManifestReader.ReadFile(path);

            var expected = new[]
            {
                "4:3 metadata.name: cluster name 'Bad_Cluster' cannot be used as a DNS label",
                "8:7 spec.providers[0].type: unknown provider type 'azzure', did you mean 'azure'?",
                "10:9 spec.providers[0].credentials.clientSecret: a credential reference needs exactly one of env, file or secret, found env and file",
                "11:7 spec.providers[1].name: provider name 'azure-main' is already used at line 7 (spec.providers[0].name)",
                "21:9 spec.nodePools.dynamic[0].autoscaler: count and autoscaler are both set",
                "22:9 spec.nodePools.dynamic[1].count: neither count nor autoscaler is set",
                "23:9 spec.nodePools.dynamic[1].provider: provider 'nowhere' does not exist",
                "27:9 spec.nodePools.dynamic[1].cout: unknown field 'cout', did you mean 'count'?",
                "28:9 spec.nodePools.dynamic[2]: pool 'spare' is not used",
                "33:9 spec.nodePools.dynamic[2].count: count -1 is negative",
                "35:23 spec.nodePools.dynamic[2].taints[0].effect: unknown taint effect 'Never'",
                "40:13 spec.nodePools.static[0].nodes[0].port: port 0 is out of range",
                "42:5 spec.kubernetes.version: '1.31' is not a Kubernetes version",
                "43:5 spec.kubernetes.network: '10.250.0.0/33' is not an IPv4 network in CIDR form",
                "44:5 spec.kubernetes.mtu: mtu 100 is out of range",
                "47:26 spec.kubernetes.pools.compute[1]: pool 'control-az' is already a control pool",
                "47:38 spec.kubernetes.pools.compute[2]: pool 'ghost' does not exist",
                "53:11 spec.loadBalancers[0].roles[0].port: port 22 is reserved for SSH on load balancer nodes",
                "56:11 spec.loadBalancers[0].roles[1].name: role name 'api' is already used at line 52 (spec.loadBalancers[0].roles[0].name)",
                "57:11 spec.loadBalancers[0].roles[1].port: expected a whole number, found quoted text \"443\"",
                "59:25 spec.loadBalancers[0].roles[1].targetPools[0]: pool 'onprem' runs load balancer 'api', not Kubernetes nodes",
            };
            var actual = result.Diagnostics.Select(d => d.Location.Line + ":" + d.Location.Column + " " + d.FieldPath + ": " + d.Problem).ToList();
            Assert.Equal(expected, actual);
            Assert.All(result.Diagnostics, d => Assert.Equal(path, d.Location.File));
            Assert.All(result.Diagnostics, d => Assert.NotEqual(string.Empty, d.Allowed));
        }
    }
}

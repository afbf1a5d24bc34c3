using MultiCloud.Engine.Manifest;
using Xunit;
using static MultiCloud.Engine.Tests.Manifest.Claudie.ClaudieFixture;

namespace MultiCloud.Engine.Tests.Manifest.Claudie
{
    /// <summary>Unknown fields, wrong types, missing fields and words MultiCloud does not know, each at its place in the Claudie file.</summary>
    public class ClaudieStructureTests
    {
        private const string DynamicFields = "name, providerSpec, count, serverType, image, storageDiskSize, autoscaler, labels, annotations, taints, machineSpec, spot";
        private const string ProviderTypes = "aws, azure, cloudflare, gcp, genesiscloud, hetzner, hetznerdns, oci";

        public static TheoryData<ClaudieCase> Cases() => ClaudieCase.Table(
            new ClaudieCase("wrong kind", "kind: InputManifest", "kind: Manifest",
                2, 7, "kind", "unknown kind 'Manifest' for apiVersion claudie.io/v1beta1", "InputManifest"),
            new ClaudieCase("count is not a number", "        count: 3\n", "        count: three\n",
                23, 16, "spec.nodePools.dynamic[0].count", "expected a whole number, found text 'three'", "a whole number"),
            new ClaudieCase("quoted port", "        port: 443\n", "        port: \"443\"\n",
                70, 15, "spec.loadBalancers.roles[1].port", "expected a whole number, found quoted text \"443\"", "a whole number"),
            new ClaudieCase("labels are a list", "        count: 1\n", "        count: 1\n        labels: [a, b]\n",
                40, 17, "spec.nodePools.dynamic[2].labels", "expected a map of text values, found a list", "a map of text values"),
            new ClaudieCase("pools are a mapping", "        pools:\n          - lb\n", "        pools: { lb: 1 }\n",
                84, 16, "spec.loadBalancers.clusters[0].pools", "expected a list, found a map", "a list"),
            new ClaudieCase("network missing", "        network: 10.0.0.0/24\n", string.Empty,
                51, 9, "spec.kubernetes.clusters[0].network", "required field 'network' is missing", "text"),
            new ClaudieCase("secretRef missing name", "              name: onprem-key\n", string.Empty,
                47, 15, "spec.nodePools.static[0].nodes[0].secretRef.name", "required field 'name' is missing", "text"),
            new ClaudieCase("role without targets", "        targetPools:\n          - compute\n", string.Empty,
                68, 9, "spec.loadBalancers.roles[1].targetPools", "required field 'targetPools' is missing", "a list of text values"),
            new ClaudieCase("unknown taint effect", "        count: 1\n", "        count: 1\n        taints:\n          - key: a\n            effect: NoWay\n",
                42, 21, "spec.nodePools.dynamic[2].taints[0].effect", "unknown taint effect 'NoWay'", "NoSchedule, PreferNoSchedule, NoExecute"),
            new ClaudieCase("unknown protocol", "        protocol: tcp\n        port: 443\n", "        protocol: sctp\n        port: 443\n",
                69, 19, "spec.loadBalancers.roles[1].protocol", "unknown protocol 'sctp'", "tcp, udp"),
            new ClaudieCase("target and targetPools", "        targetPort: 6443\n", "        targetPort: 6443\n        target: k8sControlPlane\n",
                66, 17, "spec.loadBalancers.roles[0].target", "target and targetPools are both set", "targetPools (target is the older form of it)"),
            new ClaudieCase("unknown target", "        targetPort: 6443\n        targetPools:\n          - control\n", "        targetPort: 6443\n        target: k8sControlNodes\n",
                66, 17, "spec.loadBalancers.roles[0].target", "unknown target 'k8sControlNodes'", "k8sControlPlane, k8sComputePlane, k8sAllNodes"),
            new ClaudieCase("installation proxy on", "        network: 10.0.0.0/24\n", "        network: 10.0.0.0/24\n        installationProxy:\n          mode: \"on\"\n",
                55, 17, "spec.kubernetes.clusters[0].installationProxy.mode", "an installation proxy is not supported: MultiCloud installs nodes directly", "off, default"),
            new ClaudieCase("unknown proxy mode", "        network: 10.0.0.0/24\n", "        network: 10.0.0.0/24\n        installationProxy:\n          mode: sometimes\n",
                55, 17, "spec.kubernetes.clusters[0].installationProxy.mode", "unknown proxy mode 'sometimes'", "on, off, default"),
            new ClaudieCase("spot pool", "        serverType: cpx31\n", "        serverType: cpx31\n        spot: true\n",
                34, 15, "spec.nodePools.dynamic[1].spot", "spot instances are not supported", "false, or remove the field"),
            new ClaudieCase("sticky sessions", "          - compute\n    clusters:\n", "          - compute\n        settings:\n          stickySessions: true\n    clusters:\n",
                75, 27, "spec.loadBalancers.roles[1].settings.stickySessions", "sticky sessions are not supported", "false, or remove the field"),
            new ClaudieCase("GPU accelerator type", "        serverType: cpx31\n", "        serverType: cpx31\n        machineSpec:\n          nvidiaGpuCount: 1\n          nvidiaGpuType: nvidia-l4\n",
                36, 26, "spec.nodePools.dynamic[1].machineSpec.nvidiaGpuType", "attaching GPU accelerators to a server type is not supported", "a server type that comes with its GPUs, without nvidiaGpuType"),
            new ClaudieCase("no storage disk", "        serverType: cpx31\n", "        serverType: cpx31\n        storageDiskSize: 0\n",
                34, 26, "spec.nodePools.dynamic[1].storageDiskSize", "storageDiskSize 0 asks for nodes without a storage disk, which MultiCloud does not offer", "a size in GB, or remove the field for the default"),
            new ClaudieCase("OpenStack network", "          region: fsn1\n        count: 1\n", "          region: fsn1\n          externalNetworkName: public\n        count: 1\n",
                39, 32, "spec.nodePools.dynamic[2].providerSpec.externalNetworkName", "externalNetworkName is only used by OpenStack, which has no MultiCloud provider", "remove the field"),
            new ClaudieCase("same Secret name in two namespaces",
                "        name: cloudflare-secret\n        namespace: secrets\n", "        name: hetzner-secret\n        namespace: dns-secrets\n",
                15, 15, "spec.providers[1].secretRef.name", "Secrets 'secrets/hetzner-secret' and 'dns-secrets/hetzner-secret' would both be read from environment variables HETZNER_SECRET_*",
                "one Secret name per set of credentials; rename one Secret in the InputManifest before importing"),
            new ClaudieCase("unknown metadata field", "  name: base\n", "  name: base\n  colour: blue\n",
                5, 3, "metadata.colour", "unknown field 'colour'", "name, namespace, labels, annotations, uid, resourceVersion, generation, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, finalizers, managedFields, ownerReferences, generateName, selfLink"));

        [Theory]
        [MemberData(nameof(Cases))]
        public void Import_BrokenField_ReportsOneDiagnosticAtTheClaudieField(ClaudieCase row) => row.AssertOnly();

        [Fact]
        public void Import_BaseManifest_IsValid()
        {
            var result = Parse(Base);

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
            Assert.Equal("alpha", Assert.Single(result.Clusters).Name);
        }

        [Fact]
        public void Import_MisspeltField_ReportsItWithTheAllowedNamesAndTheMissingField()
        {
            var result = Parse(Edit(("        serverType: cpx21\n", "        serverTyp: cpx21\n")));

            Assert.Equal(2, result.Diagnostics.Count);
            AssertHas(At(24, 9, "spec.nodePools.dynamic[0].serverTyp", "unknown field 'serverTyp', did you mean 'serverType'?", DynamicFields), result);
            AssertHas(At(19, 9, "spec.nodePools.dynamic[0].serverType", "required field 'serverType' is missing", "text"), result);
        }

        [Fact]
        public void Import_UnsupportedProviderType_ReportsTheTypeAndTheUseThatNeedsIt()
        {
            var result = Parse(Edit(("providerType: cloudflare\n", "providerType: ovh\n")));

            Assert.Equal(2, result.Diagnostics.Count);
            AssertHas(At(13, 21, "spec.providers[1].providerType", "provider type 'ovh' has no MultiCloud provider", ProviderTypes), result);
            AssertHas(At(81, 21, "spec.loadBalancers.clusters[0].dns.provider", "provider 'cloudflare-1' cannot be used: its type is not supported",
                "a provider of type azure, aws, gcp, cloudflare or hetznerdns"), result);
        }

        [Fact]
        public void Import_MisspeltProviderType_ReportsItAndEveryPoolThatNeedsTheProvider()
        {
            var result = Parse(Edit(("providerType: hetzner\n", "providerType: hetzne\n")));

            Assert.Equal(4, result.Diagnostics.Count);
            AssertHas(At(8, 21, "spec.providers[0].providerType", "unknown provider type 'hetzne', did you mean 'hetzner'?", ProviderTypes), result);
            foreach (var (line, pool) in new[] { (21, 0), (28, 1), (37, 2) })
                AssertHas(At(line, 17, "spec.nodePools.dynamic[" + pool + "].providerSpec.name", "provider 'hetzner-1' cannot be used: its type is not supported",
                    "a provider of type azure, aws, hetzner, gcp, oci or genesiscloud"), result);
        }

        [Fact]
        public void Import_SeveralProblems_ReportsAllOfThemInFileOrder()
        {
            var result = Parse(Edit(
                ("        count: 3\n", "        count: three\n"),
                ("            - onprem\n", "            - onprm\n"),
                ("          - web\n", "          - webb\n"),
                ("        targetedK8s: alpha\n", "        targetedK8s: alpha\n        colour: blue\n")));

            Assert.Equal(new[] { 23, 59, 78, 84 }, result.Diagnostics.Select(d => d.Location.Line));
            Assert.Equal(
                new[] { "spec.nodePools.dynamic[0].count", "spec.kubernetes.clusters[0].pools.compute[1]", "spec.loadBalancers.clusters[0].roles[1]", "spec.loadBalancers.clusters[0].colour" },
                result.Diagnostics.Select(d => d.FieldPath));
        }

        [Fact]
        public void Import_EmptyUnknownFieldAsInClaudiesExample_IsIgnored()
        {
            var result = Parse(Edit(("      - name: lb\n", "      - name: lb\n        provider:\n")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public void Import_ManifestSavedWithStatusAndTemplates_IsValid()
        {
            var result = Parse(Edit(
                ("      providerType: hetzner\n", "      providerType: hetzner\n      templatesRef:\n        name: claudie-default-templates\n"),
                ("          - lb\n", "          - lb\nstatus:\n  state: DONE\n")));

            Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        }

        [Fact]
        public void Import_WithoutSpec_ReportsTheMissingSpec()
        {
            var result = Parse("apiVersion: claudie.io/v1beta1\nkind: InputManifest\nmetadata:\n  name: empty\n");

            AssertOnly(At(1, 1, "spec", "required field 'spec' is missing", "a map (key: value)"), result);
        }
    }
}

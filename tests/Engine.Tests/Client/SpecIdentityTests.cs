using MultiCloud.Engine.Client;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;
using MultiCloud.Engine.Tests.State;
using Xunit;

namespace MultiCloud.Engine.Tests.Client;

/// <summary>
/// Starts from <see cref="StateSamples.RichSpec"/>, which sets every kind of field (both pool kinds, autoscaler,
/// static node options, credentials with a vault, DNS with alternative names), so each edit below changes a field
/// that has a value to begin with.
/// </summary>
public sealed class SpecIdentityTests
{
    private static readonly Dictionary<string, Func<ClusterSpec, ClusterSpec>> Edits = new()
    {
        ["cluster name"] = s => s with { Name = "staging" },
        ["kubernetes version"] = s => s with { Kubernetes = s.Kubernetes with { Version = "v1.32.0" } },
        ["mesh network"] = s => s with { Kubernetes = s.Kubernetes with { Network = "10.43.0.0/24" } },
        ["mtu"] = s => s with { Kubernetes = s.Kubernetes with { Mtu = 1380 } },
        ["control pools"] = s => s with { Kubernetes = s.Kubernetes with { ControlPools = new[] { "control-az", "onprem" } } },
        ["compute pools"] = s => s with { Kubernetes = s.Kubernetes with { ComputePools = new[] { "burst", "control-az" } } },
        ["provider name"] = s => EditProvider(s, p => p with { Name = "azure-other" }),
        ["provider type"] = s => EditProvider(s, p => p with { Type = ProviderType.Aws }),
        ["provider setting value"] = s => EditProvider(s, p => p with { Settings = With(p.Settings, "tenantId", "tenant-b") }),
        ["provider setting added"] = s => EditProvider(s, p => p with { Settings = With(p.Settings, "clientId", "app-1") }),
        ["credential reference"] = s => EditCredential(s, "clientSecret", c => c with { Reference = "AZURE_SECRET_2" }),
        ["credential source"] = s => EditCredential(s, "clientSecret", c => c with { Source = CredentialSource.File }),
        ["credential vault"] = s => EditCredential(s, "certificate", c => c with { Vault = "other-vault" }),
        ["pool labels"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { Labels = With(p.Labels, "tier", "gold") }),
        ["pool taint effect"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { Taints = new[] { p.Taints[0] with { Effect = TaintEffect.NoExecute } } }),
        ["pool annotations"] = s => EditPool<StaticNodePoolSpec>(s, "onprem", p => p with { Annotations = With(p.Annotations, "rack", "r13") }),
        ["pool region"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { Region = "northeurope" }),
        ["pool zone"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { Zone = "2" }),
        ["pool zone dropped"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { Zone = null }),
        ["pool server type"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { ServerType = "Standard_B4ms" }),
        ["pool image"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { Image = "debian-12" }),
        ["pool count"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { Count = 5 }),
        ["pool disk size"] = s => EditPool<DynamicNodePoolSpec>(s, "control-az", p => p with { DiskSizeGb = 128 }),
        ["pool autoscaler"] = s => EditPool<DynamicNodePoolSpec>(s, "burst", p => p with { Autoscaler = new AutoscalerSpec(1, 6) }),
        ["pool order"] = s => s with { NodePools = s.NodePools.Reverse().ToList() },
        ["static node name"] = s => EditStaticNode(s, 0, n => n with { Name = "basement-9" }),
        ["static node endpoint"] = s => EditStaticNode(s, 0, n => n with { Endpoint = "192.0.2.99" }),
        ["static node user"] = s => EditStaticNode(s, 1, n => n with { User = "ops" }),
        ["static node port"] = s => EditStaticNode(s, 1, n => n with { Port = 2200 }),
        ["static node private key"] = s => EditStaticNode(s, 0, n => n with { PrivateKey = new CredentialRef(CredentialSource.File, "~/.ssh/other") }),
        ["static node host key"] = s => EditStaticNode(s, 1, n => n with { HostKeyFingerprint = "SHA256:def" }),
        ["static node added"] = s => EditPool<StaticNodePoolSpec>(s, "onprem", p => p with { Nodes = p.Nodes.Append(new StaticNodeSpec { Endpoint = "192.0.2.12" }).ToList() }),
        ["load balancer name"] = s => EditLoadBalancer(s, lb => lb with { Name = "kube" }),
        ["load balancer pools"] = s => EditLoadBalancer(s, lb => lb with { Pools = new[] { "onprem", "burst" } }),
        ["role name"] = s => EditRole(s, r => r with { Name = "api" }),
        ["role protocol"] = s => EditRole(s, r => r with { Protocol = LoadBalancerProtocol.Udp }),
        ["role port"] = s => EditRole(s, r => r with { Port = 7443 }),
        ["role target port"] = s => EditRole(s, r => r with { TargetPort = 7443 }),
        ["role target pools"] = s => EditRole(s, r => r with { TargetPools = new[] { "control-az", "burst" } }),
        ["role proxy protocol"] = s => EditRole(s, r => r with { ProxyProtocol = true }),
        ["dns zone"] = s => EditLoadBalancer(s, lb => lb with { Dns = lb.Dns! with { Zone = "example.org" } }),
        ["dns provider"] = s => EditLoadBalancer(s, lb => lb with { Dns = lb.Dns! with { Provider = "cloudflare" } }),
        ["dns hostname"] = s => EditLoadBalancer(s, lb => lb with { Dns = lb.Dns! with { Hostname = "api" } }),
        ["dns alternative names"] = s => EditLoadBalancer(s, lb => lb with { Dns = lb.Dns! with { AlternativeNames = new[] { "api", "kube" } } }),
        ["dns dropped"] = s => EditLoadBalancer(s, lb => lb with { Dns = null }),
    };

    public static TheoryData<string> EditNames => new(Edits.Keys);

    [Fact]
    public void Same_EqualContentInOtherListInstances_IsTrue()
    {
        var first = StateSamples.RichSpec();
        var second = StateSamples.RichSpec();
        Assert.NotSame(first.NodePools, second.NodePools);
        Assert.NotEqual(first, second);

        Assert.True(SpecIdentity.Same(first, second));
    }

    [Fact]
    public void Same_SpecReadBackFromStoredState_IsTrue()
    {
        var spec = StateSamples.RichSpec();
        var stored = StateJson.Deserialize(StateJson.Serialize(new ClusterState { Name = spec.Name, AppliedSpec = spec }), "state.json");

        Assert.True(SpecIdentity.Same(spec, stored.AppliedSpec!));
    }

    [Fact]
    public void Same_DictionariesFilledInAnotherOrder_IsTrue()
    {
        var spec = StateSamples.RichSpec();
        var reordered = EditProvider(spec, p => p with
        {
            Settings = p.Settings.Reverse().ToDictionary(entry => entry.Key, entry => entry.Value),
            Credentials = p.Credentials.Reverse().ToDictionary(entry => entry.Key, entry => entry.Value),
        });

        Assert.True(SpecIdentity.Same(spec, reordered));
    }

    [Theory]
    [MemberData(nameof(EditNames))]
    public void Same_OneFieldChanged_IsFalse(string edit)
    {
        var spec = StateSamples.RichSpec();
        var changed = Edits[edit](StateSamples.RichSpec());
        Assert.NotEqual(StateJson.Serialize(new ClusterState { Name = "x", AppliedSpec = spec }),
            StateJson.Serialize(new ClusterState { Name = "x", AppliedSpec = changed }));

        Assert.False(SpecIdentity.Same(spec, changed));
        Assert.False(SpecIdentity.Same(changed, spec));
    }

    /// <summary>
    /// Shows a defect in SpecCanonicalText (src/Engine/Planning): credential references are written as
    /// CredentialRef.ToString(), which prints "secret:&lt;vault&gt;/&lt;name&gt;", so the secret "azure-cert" in vault
    /// "corp" and the secret "corp/azure-cert" in the default vault give the same text.
    /// </summary>
    [Fact]
    public void Same_SecretNameWithSlashAgainstVaultAndName_IsFalse()
    {
        var inVault = EditCredential(StateSamples.RichSpec(), "certificate", _ => new CredentialRef(CredentialSource.Secret, "azure-cert", "corp"));
        var slashInName = EditCredential(StateSamples.RichSpec(), "certificate", _ => new CredentialRef(CredentialSource.Secret, "corp/azure-cert"));

        Assert.False(SpecIdentity.Same(inVault, slashInName));
    }

    private static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> values, string key, string value)
    {
        var copy = values.ToDictionary(entry => entry.Key, entry => entry.Value);
        copy[key] = value;
        return copy;
    }

    private static ClusterSpec EditProvider(ClusterSpec spec, Func<ProviderSpec, ProviderSpec> edit) =>
        spec with { Providers = new[] { edit(spec.Providers.Single()) } };

    private static ClusterSpec EditCredential(ClusterSpec spec, string name, Func<CredentialRef, CredentialRef> edit) =>
        EditProvider(spec, p =>
        {
            var credentials = p.Credentials.ToDictionary(entry => entry.Key, entry => entry.Value);
            credentials[name] = edit(credentials[name]);
            return p with { Credentials = credentials };
        });

    private static ClusterSpec EditPool<T>(ClusterSpec spec, string name, Func<T, T> edit) where T : NodePoolSpec =>
        spec with { NodePools = spec.NodePools.Select(p => p.Name == name ? edit((T)p) : p).ToList() };

    private static ClusterSpec EditStaticNode(ClusterSpec spec, int index, Func<StaticNodeSpec, StaticNodeSpec> edit) =>
        EditPool<StaticNodePoolSpec>(spec, "onprem", p => p with { Nodes = p.Nodes.Select((n, i) => i == index ? edit(n) : n).ToList() });

    private static ClusterSpec EditLoadBalancer(ClusterSpec spec, Func<LoadBalancerSpec, LoadBalancerSpec> edit) =>
        spec with { LoadBalancers = new[] { edit(spec.LoadBalancers.Single()) } };

    private static ClusterSpec EditRole(ClusterSpec spec, Func<RoleSpec, RoleSpec> edit) =>
        EditLoadBalancer(spec, lb => lb with { Roles = new[] { edit(lb.Roles.Single()) } });
}

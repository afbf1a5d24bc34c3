using MultiCloud.Engine.Model;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Tests.State;

/// <summary>States with every kind of content the store must keep: both pool kinds, nodes, applied layers, a journal.</summary>
internal static class StateSamples
{
    public static ClusterSpec RichSpec(string name = "prod") => new()
    {
        Name = name,
        Providers = new[]
        {
            new ProviderSpec
            {
                Name = "azure-main",
                Type = ProviderType.Azure,
                Settings = new Dictionary<string, string> { ["subscriptionId"] = "0000-1111", ["tenantId"] = "tenant-a" },
                Credentials = new Dictionary<string, CredentialRef>
                {
                    ["clientSecret"] = new(CredentialSource.Env, "AZURE_CLIENT_SECRET"),
                    ["certificate"] = new(CredentialSource.Secret, "azure-cert", "corp-vault"),
                },
            },
        },
        NodePools = new NodePoolSpec[]
        {
            new DynamicNodePoolSpec
            {
                Name = "control-az",
                Provider = "azure-main",
                Region = "westeurope",
                Zone = "1",
                ServerType = "Standard_B2s",
                Image = "ubuntu-24.04",
                Count = 3,
                DiskSizeGb = 64,
                Labels = new Dictionary<string, string> { ["topology.kubernetes.io/Zone"] = "weu-1" },
                Taints = new[] { new TaintSpec("dedicated", "control", TaintEffect.NoSchedule) },
            },
            new DynamicNodePoolSpec
            {
                Name = "burst",
                Provider = "azure-main",
                Region = "westeurope",
                ServerType = "Standard_D4s_v5",
                Image = "ubuntu-24.04",
                Autoscaler = new AutoscalerSpec(1, 5),
            },
            new StaticNodePoolSpec
            {
                Name = "onprem",
                Annotations = new Dictionary<string, string> { ["rack"] = "r12" },
                Nodes = new[]
                {
                    new StaticNodeSpec { Endpoint = "192.0.2.10", Name = "basement-1", PrivateKey = new(CredentialSource.File, "~/.ssh/onprem") },
                    new StaticNodeSpec { Endpoint = "192.0.2.11", User = "admin", Port = 2222, HostKeyFingerprint = "SHA256:iPdT0veyYuH93Q+cBXV+j7Hsie7LkihsvR7HEk/Gycw" },
                },
            },
        },
        Kubernetes = new KubernetesSpec
        {
            Version = "v1.31.2",
            Network = "10.42.0.0/24",
            Mtu = 1280,
            ControlPools = new[] { "control-az" },
            ComputePools = new[] { "burst" },
        },
        LoadBalancers = new[]
        {
            new LoadBalancerSpec
            {
                Name = "api",
                Pools = new[] { "onprem" },
                Roles = new[] { new RoleSpec { Name = "kube-api", Port = 6443, TargetPort = 6443, TargetPools = new[] { "control-az" } } },
                Dns = new DnsSpec { Zone = "example.com", Provider = "azure-main", Hostname = "k8s", AlternativeNames = new[] { "api" } },
            },
        },
    };

    public static ClusterState Rich(string name = "prod") => new()
    {
        Name = name,
        AppliedSpec = RichSpec(name),
        Nodes = new[]
        {
            new NodeState
            {
                Name = "control-az-1",
                Pool = "control-az",
                Role = NodeRole.Control,
                MeshAddress = "10.42.0.1",
                PublicAddress = "203.0.113.5",
                ProviderResources = new Dictionary<string, string> { ["vm"] = "/subscriptions/x/vm1" },
                WireGuardPublicKey = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=",
                SshHostKeyFingerprint = "SHA256:JL2y6Gf/zv1xPcJzw0JLJzSMkM4DB55Xq6/Wdpagh9k",
                SshHostKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICPym1oRUgsCzgBt57Zh+lgMenL8vhMkpGrWCZjSbjiS",
                OperatingSystem = "ubuntu 24.04",
                Prepared = true,
                Joined = true,
            },
            new NodeState { Name = "basement-1", Pool = "onprem", Role = NodeRole.LoadBalancer, MeshAddress = "10.42.0.2", SshUser = "admin", SshPort = 2222 },
        },
        Applied = new Dictionary<string, string> { ["mesh"] = "fp-mesh", ["lb/api"] = "fp-lb" },
        Journal = new JournalState
        {
            PlanId = "plan-123",
            DesiredSpec = RichSpec(name) with { Kubernetes = RichSpec(name).Kubernetes with { Version = "v1.32.0" } },
            StartedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero),
            CompletedSteps = new[] { "infra/create-vms" },
            CompletedTargets = new Dictionary<string, IReadOnlyList<string>> { ["mesh/write-mesh-config"] = new[] { "control-az-1" } },
            LastError = "SshConnectionFailed: basement-1 did not answer",
        },
        UpdatedAt = new DateTimeOffset(2025, 1, 2, 3, 5, 0, TimeSpan.Zero),
    };
}

using System.Text.Json;
using MultiCloud.Engine.Model;
using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.Lab.Tests.Kubernetes;

/// <summary>
/// What the lab offers a Kubernetes cluster: the `kubernetes` object of the lab JSON (tests/lab, §3 of issue 6),
/// the same settings a real user gives for a package mirror: packages, packagesKey, downloads, longhorn (URLs
/// served from the lab bridge), and the versions its doubles and archives provide.
/// </summary>
public sealed record KubernetesLabSources(KubernetesSources Sources, string Version, string? EtcdVersion, string? LonghornVersion)
{
    /// <summary>The lab's sources, or null (with the reason) when the lab has no package repository.</summary>
    public static (KubernetesLabSources? Sources, string? Missing) From(string labJson)
    {
        var root = JsonDocument.Parse(labJson).RootElement;
        if (!root.TryGetProperty("kubernetes", out var kubernetes) || kubernetes.ValueKind != JsonValueKind.Object)
            return (null, "the lab has no Kubernetes package repository (no \"kubernetes\" object in the lab JSON; it arrives with tests/lab's doubles)");
        string? Text(string name) => kubernetes.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var sources = new KubernetesSources { Packages = Text("packages"), PackagesKey = Text("packagesKey"), Downloads = Text("downloads"), Longhorn = Text("longhorn") };
        if (sources.Packages is null || Text("version") is null) return (null, "the lab's \"kubernetes\" object names no packages URL or version");
        return (new KubernetesLabSources(sources, Text("version")!, Text("etcdVersion"), Text("longhornVersion")), null);
    }
}

/// <summary>
/// A lab of six hosts for the Kubernetes scenarios (h1 load balancer, h2–h4 control, h5–h6 compute), with the lab's
/// package repository. Where the lab cannot run, or has no repository, nothing starts and the scenarios skip.
/// </summary>
public sealed class KubernetesLabFixture : IAsyncLifetime
{
    public const int HostCount = 6;
    private LabInfo? lab;

    public LabInfo Lab => lab ?? throw new InvalidOperationException("the lab is not up: " + (Missing ?? "lab.sh up failed"));
    public KubernetesLabSources? Sources { get; private set; }
    public string? Missing { get; private set; }
    public HostShell Hosts => new(Lab.KeyPath);
    public string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "mc-lab-tests", "kubernetes-" + Guid.NewGuid().ToString("N").Substring(0, 8));

    public LabHost Host(int number) => Lab.Hosts[number - 1];

    public async Task InitializeAsync()
    {
        Missing = LabRequirements.MissingRequirement();
        if (Missing != null && !LabRequirements.IsCi) return;
        lab = await LabScript.UpAsync(HostCount);
        (Sources, var missing) = KubernetesLabSources.From(await LabScript.ShowAsync(lab.Id));
        Missing ??= missing;
        Directory.CreateDirectory(StateDirectory);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (lab != null) await LabScript.DownAsync(lab.Id);
        }
        finally
        {
            if (Directory.Exists(StateDirectory)) Directory.Delete(StateDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KubernetesLabCollection : ICollectionFixture<KubernetesLabFixture>
{
    public const string Name = "kubernetes-lab";
}

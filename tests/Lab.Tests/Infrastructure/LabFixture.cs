using Xunit;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>
/// One lab of five Debian 12 hosts for the whole "lab" collection: brought up before its first test, torn down
/// by its id after the last one whatever the tests did. Where the lab cannot run (and CI is not set) nothing is
/// started: every test of the collection is skipped then.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    public const int HostCount = 5;

    private readonly List<string> scratchFolders = new();
    private LabInfo? lab;
    private LabHost? spare;

    public LabInfo Lab => lab ?? throw new InvalidOperationException("the lab is not up: " + (LabRequirements.MissingRequirement() ?? "lab.sh up failed"));

    public string Id => Lab.Id;

    public HostShell Hosts => new(Lab.KeyPath);

    public async Task InitializeAsync()
    {
        if (LabRequirements.MissingRequirement() != null && !LabRequirements.IsCi) return;
        lab = await LabScript.UpAsync(HostCount);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (lab != null) await LabScript.DownAsync(lab.Id);
        }
        finally
        {
            foreach (var folder in scratchFolders.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The lab's host number <paramref name="number"/> (1-based, in the order `up` made them).</summary>
    public LabHost Host(int number) => Lab.Hosts[number - 1];

    /// <summary>Boots one more host in the lab.</summary>
    public async Task<LabHost> AddHostAsync()
    {
        var host = await LabScript.AddAsync(Id);
        lab = Lab with { Hosts = Lab.Hosts.Concat(new[] { host }).ToList() };
        return host;
    }

    /// <summary>A host that belongs to no cluster of the evolving scenario, added on first use, for the bad-input tests.</summary>
    public async Task<LabHost> SpareHostAsync() => spare ??= await AddHostAsync();

    /// <summary>A lab address on which no host answers (the subnet's .250; lab hosts start at .11).</summary>
    public string UnusedAddress()
    {
        var prefix = Lab.Subnet.Substring(0, Lab.Subnet.LastIndexOf('.'));
        return prefix + ".250";
    }

    /// <summary>A fresh folder removed when the lab goes down (cluster state, keys).</summary>
    public string NewScratchFolder(string purpose)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mc-lab-tests", purpose + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(folder);
        lock (scratchFolders) scratchFolders.Add(folder);
        return folder;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollection : ICollectionFixture<LabFixture>
{
    public const string Name = "lab";
}

using System.Text.RegularExpressions;
using Xunit;

namespace MultiCloud.Module.Tests;

/// <summary>What every cmdlet of the module promises, checked on the built assembly's metadata.</summary>
public sealed class CmdletContractTests
{
    private static readonly string[] StateChangingVerbs = { "New", "Set", "Add", "Remove", "Sync", "Unlock", "Export" };

    /// <summary>Cmdlets with a state-changing verb that change nothing, and why they have no -WhatIf.</summary>
    private static readonly Dictionary<string, string> BuildersWithoutShouldProcess = new()
    {
        ["New-MCNodePool"] = "builder: returns a NodePoolDefinition for New-MCCluster or Add-MCNodePool and changes nothing",
        ["New-MCProvider"] = "builder: returns a ProviderSpec for New-MCCluster and changes nothing",
        ["New-MCLoadBalancer"] = "builder: returns a LoadBalancerSpec for New-MCCluster and changes nothing",
    };

    /// <summary>Cmdlets that write no objects at all, and why.</summary>
    /// <summary>Cmdlets whose only output is the job of -AsJob: the cluster and its state are gone afterwards.</summary>
    private static readonly Dictionary<string, string> OnlyJobOutput = new()
    {
        ["Remove-MCCluster"] = "the cluster and its state are gone afterwards, so there is nothing to write but the job of -AsJob",
    };

    /// <summary>Cmdlets that never touch cluster state, so -StateDirectory would mean nothing to them.</summary>
    private static readonly Dictionary<string, string> WithoutState = new()
    {
        ["New-MCNodePool"] = "builder",
        ["New-MCProvider"] = "builder",
        ["New-MCLoadBalancer"] = "builder",
        ["Import-MCManifest"] = "reads only the manifest files it is given",
    };

    public static TheoryData<string> Cmdlets() => CmdletAssembly.Names();

    [Fact]
    public void Cmdlets_InAssembly_AreTheModulesNineteen() =>
        Assert.Equal(19, CmdletAssembly.Cmdlets.Count);

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Verb_OfCmdlet_IsApproved(string name) =>
        Assert.Contains(CmdletAssembly.Get(name).Verb, ApprovedVerbs.All);

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Noun_OfCmdlet_HasModulePrefix(string name) =>
        Assert.Matches("^MC[A-Z][A-Za-z]+$", CmdletAssembly.Get(name).Noun);

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ShouldProcess_StateChangingCmdlet_IsSupportedUnlessBuilder(string name)
    {
        var cmdlet = CmdletAssembly.Get(name);
        if (!StateChangingVerbs.Contains(cmdlet.Verb)) return;
        var expected = !BuildersWithoutShouldProcess.ContainsKey(name);
        Assert.True(cmdlet.SupportsShouldProcess == expected,
            expected ? $"{name} changes state, so it must support -WhatIf/-Confirm" : $"{name} is a builder ({BuildersWithoutShouldProcess[name]}); -WhatIf would promise a change it never makes");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ShouldProcess_ReadOnlyCmdlet_IsNotDeclared(string name)
    {
        var cmdlet = CmdletAssembly.Get(name);
        if (StateChangingVerbs.Contains(cmdlet.Verb)) return;
        Assert.False(cmdlet.SupportsShouldProcess, $"{name} changes nothing, so -WhatIf has nothing to show");
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ConfirmImpact_RemovalOrUnlock_IsHigh(string name)
    {
        var cmdlet = CmdletAssembly.Get(name);
        if (cmdlet.Verb is not ("Remove" or "Unlock")) return;
        Assert.Equal(ConfirmImpactLevel.High, cmdlet.ConfirmImpact);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void OutputType_OfCmdlet_IsDeclared(string name)
    {
        var declared = CmdletAssembly.Get(name).OutputTypes.Select(t => t.FullName).ToList();
        if (OnlyJobOutput.ContainsKey(name)) Assert.Equal(new[] { "System.Management.Automation.Job" }, declared);
        else Assert.NotEmpty(declared);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Class_OfCmdlet_IsSealed(string name) =>
        Assert.True(CmdletAssembly.Get(name).Type.IsSealed, $"{CmdletAssembly.Get(name).Type.Name} must be sealed");

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void SourceFile_OfCmdlet_IsNamedAfterItsClass(string name)
    {
        var className = CmdletAssembly.Get(name).Type.Name;
        var files = Directory.GetFiles(ModuleLayout.CmdletsSourceFolder, className + ".cs", SearchOption.AllDirectories);
        var file = Assert.Single(files);
        Assert.Matches(new Regex(@"\bclass\s+" + className + @"\b"), File.ReadAllText(file));
    }

    [Fact]
    public void SourceFiles_OfCmdletsProject_DeclareAtMostOneCmdletEach()
    {
        var crowded = Directory.GetFiles(ModuleLayout.CmdletsSourceFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .Where(f => Regex.Matches(File.ReadAllText(f), @"\[Cmdlet\(").Count > 1)
            .Select(Path.GetFileName);
        Assert.Empty(crowded);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ClusterName_OfClusterScopedCmdlet_BindsFromPipelineByPropertyName(string name)
    {
        var cmdlet = CmdletAssembly.Get(name);
        // New-MCCluster's -Name names a cluster that does not exist yet; nothing in a pipeline carries it.
        var actsOnExistingCluster = cmdlet.Noun == "MCCluster" && cmdlet.Verb != "New";
        var clusterParameter = cmdlet.Parameter("ClusterName") ?? (actsOnExistingCluster ? cmdlet.Parameter("Name") : null);
        if (clusterParameter is null) return;
        Assert.All(clusterParameter.Sets, set => Assert.True(set.ValueFromPipelineByPropertyName,
            $"{name} -{clusterParameter.Name} must bind from ClusterInfo objects in the pipeline (set {set.SetName})"));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void StateDirectory_CmdletReadingState_IsAccepted(string name)
    {
        var hasParameter = CmdletAssembly.Get(name).Parameter("StateDirectory") is not null;
        Assert.True(hasParameter != WithoutState.ContainsKey(name),
            WithoutState.TryGetValue(name, out var reason) ? $"{name} has no state to locate ({reason})" : $"{name} uses cluster state, so it must take -StateDirectory");
    }

    [Fact]
    public void AllowLists_OfThisTest_NameOnlyExistingCmdlets()
    {
        var names = CmdletAssembly.Cmdlets.Select(c => c.Name).ToHashSet();
        Assert.All(BuildersWithoutShouldProcess.Keys.Concat(OnlyJobOutput.Keys).Concat(WithoutState.Keys), name => Assert.Contains(name, names));
    }
}

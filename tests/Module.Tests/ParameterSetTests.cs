using Xunit;

namespace MultiCloud.Module.Tests;

/// <summary>Parameter sets PowerShell can always tell apart, checked the way its binder sees them.</summary>
public sealed class ParameterSetTests
{
    private static readonly string[] CommonParameters =
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
        "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    public static TheoryData<string> Cmdlets() => CmdletAssembly.Names();

    /// <summary>Cmdlets without a default set on purpose: PowerShell would settle on it before the pipeline input arrives.</summary>
    private static readonly Dictionary<string, string> PipelineDecidesSet = new()
    {
        ["Export-MCManifest"] = "a ClusterSpec (Import-MCManifest) binds -Spec and a ClusterInfo (Get-MCCluster) binds -ClusterName",
    };

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void DefaultParameterSet_CmdletWithSeveralSets_NamesOneOfThem(string name)
    {
        var cmdlet = CmdletAssembly.Get(name);
        if (PipelineDecidesSet.ContainsKey(name))
        {
            Assert.Null(cmdlet.DefaultParameterSetName);
            return;
        }
        if (cmdlet.ParameterSets.Count == 1)
        {
            Assert.True(cmdlet.DefaultParameterSetName is null || cmdlet.ParameterSets.Contains(cmdlet.DefaultParameterSetName));
            return;
        }
        Assert.NotNull(cmdlet.DefaultParameterSetName);
        Assert.Contains(cmdlet.DefaultParameterSetName, cmdlet.ParameterSets);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Positions_WithinEachParameterSet_AreUnique(string name)
    {
        var cmdlet = CmdletAssembly.Get(name);
        foreach (var set in cmdlet.ParameterSets)
        {
            var clashes = cmdlet.InSet(set).Where(p => p.Membership.Position is not null)
                .GroupBy(p => p.Membership.Position).Where(g => g.Count() > 1)
                .Select(g => $"position {g.Key}: {string.Join(", ", g.Select(p => p.Parameter.Name))}");
            Assert.True(!clashes.Any(), $"{name} set {set}: {string.Join("; ", clashes)}");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ParameterSets_OfCmdlet_EachHaveAMandatoryParameterNoOtherSetHas(string name)
    {
        var cmdlet = CmdletAssembly.Get(name);
        if (cmdlet.ParameterSets.Count == 1) return;
        foreach (var set in cmdlet.ParameterSets)
        {
            var distinguishing = cmdlet.InSet(set).Where(p => p.Membership.Mandatory && p.Parameter.Sets.All(s => s.SetName == set));
            Assert.True(distinguishing.Any(), $"{name} set {set} has no mandatory parameter of its own, so PowerShell cannot tell it from the others");
        }
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void ParameterNames_IncludingAliases_AreUniqueAndNotCommonParameters(string name)
    {
        var names = CmdletAssembly.Get(name).Parameters.SelectMany(p => p.Aliases.Prepend(p.Name)).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Empty(names.Intersect(CommonParameters, StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void PipelineInput_EachParameterSet_TakesWholeObjectsThroughOneParameterAtMost(string name)
    {
        var cmdlet = CmdletAssembly.Get(name);
        foreach (var set in cmdlet.ParameterSets)
        {
            var byValue = cmdlet.InSet(set).Where(p => p.Membership.ValueFromPipeline).Select(p => p.Parameter.Name).ToList();
            Assert.True(byValue.Count <= 1, $"{name} set {set} takes pipeline objects through {string.Join(", ", byValue)}");
        }
    }
}

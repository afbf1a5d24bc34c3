namespace MultiCloud.Build;

/// <summary>A cmdlet as the attributes of its class declare it.</summary>
public sealed record CmdletShape(
    Type Type,
    string Verb,
    string Noun,
    bool SupportsShouldProcess,
    ConfirmImpactLevel ConfirmImpact,
    string? DefaultParameterSetName,
    IReadOnlyList<Type> OutputTypes,
    IReadOnlyList<ParameterShape> Parameters)
{
    /// <summary>The set PowerShell puts a parameter in when it names none.</summary>
    public const string AllParameterSets = "__AllParameterSets";

    public string Name => Verb + "-" + Noun;

    /// <summary>The named parameter sets, or the one implicit set when no parameter names a set.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var named = Parameters.SelectMany(p => p.Sets).Select(s => s.SetName).Where(n => n != AllParameterSets).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            return named.Count > 0 ? named : new[] { AllParameterSets };
        }
    }

    public ParameterShape? Parameter(string name) => Parameters.SingleOrDefault(p => p.Name == name);

    /// <summary>The parameters of a set with how they take part in it (a parameter in all sets takes part in each).</summary>
    public IEnumerable<(ParameterShape Parameter, ParameterSetMembership Membership)> InSet(string setName) =>
        Parameters.SelectMany(p => p.Sets.Where(s => s.SetName == setName || s.SetName == AllParameterSets).Select(s => (p, s)));

    public override string ToString() => Name;
}

public sealed record ParameterShape(string Name, Type Type, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterSetMembership> Sets, bool SupportsWildcards);

/// <summary>One [Parameter] attribute: how a parameter takes part in one parameter set.</summary>
public sealed record ParameterSetMembership(string SetName, bool Mandatory, int? Position, bool ValueFromPipeline, bool ValueFromPipelineByPropertyName);

/// <summary>System.Management.Automation.ConfirmImpact, by value (nothing here loads PowerShell).</summary>
public enum ConfirmImpactLevel
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
}

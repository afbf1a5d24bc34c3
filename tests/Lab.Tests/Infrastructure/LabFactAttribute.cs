using Xunit;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>
/// A test on the lab's real hosts. Skipped, with the reason, where the lab cannot run (not root, tools missing),
/// except under CI=true: there a missing lab must fail the run rather than hide it.
/// </summary>
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        var missing = LabRequirements.MissingRequirement();
        if (missing != null && !LabRequirements.IsCi) Skip = missing;
    }
}

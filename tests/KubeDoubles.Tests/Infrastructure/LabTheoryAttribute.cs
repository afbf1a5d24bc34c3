using MultiCloud.Lab.Tests.Infrastructure;
using Xunit;

namespace MultiCloud.KubeDoubles.Tests.Infrastructure;

/// <summary>A theory that needs what the lab needs (root, the lab's tools); skipped without them except under CI=true.</summary>
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public LabTheoryAttribute()
    {
        var missing = LabRequirements.MissingRequirement();
        if (missing != null && !LabRequirements.IsCi) Skip = missing;
    }
}

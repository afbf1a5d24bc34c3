using Xunit;
namespace MultiCloud.Engine.Tests.Remote;

/// <summary>
/// A test that starts a real sshd: needs root and /usr/sbin/sshd. Skipped with the reason when they are missing,
/// except under CI=true, where a missing sshd must fail the run rather than hide it.
/// </summary>
public sealed class SshdFactAttribute : FactAttribute
{
    public SshdFactAttribute()
    {
        var missing = TestSshServer.MissingRequirement();
        if (missing != null && Environment.GetEnvironmentVariable("CI") != "true") Skip = missing;
    }
}

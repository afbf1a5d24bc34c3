namespace MultiCloud.Engine.Tests.Remote;

/// <summary>
/// Waits for something another process does (a file appears, a process ends). The bound only keeps a broken
/// test from hanging the run; it is never what a test asserts.
/// </summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (bound.IsCancellationRequested) throw new Xunit.Sdk.XunitException("the condition did not become true within the bound");
            await Task.Delay(50);
        }
    }
}

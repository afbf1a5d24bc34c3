namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>What of the user data the engine sends a machine must never be printed or stored.</summary>
public static class UserDataKeys
{
    /// <summary>The base64 lines of the private host keys in user data: long enough never to appear by chance.</summary>
    public static IEnumerable<string> PrivateKeyLines(string userData) =>
        userData.Split('\n').SkipWhile(l => !l.StartsWith("-----BEGIN OPENSSH PRIVATE KEY", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("-----END", StringComparison.Ordinal)).Where(l => l.Length >= 40);
}

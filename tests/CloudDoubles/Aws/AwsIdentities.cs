namespace MultiCloud.CloudDoubles.Aws;

/// <summary>An access key the doubles accept: its secret, the account it acts in, and the session token of temporary keys.</summary>
public sealed record AwsAccessKey(string AccessKeyId, string SecretAccessKey, string Account, string? SessionToken = null);

/// <summary>
/// The IAM side of the AWS doubles: access keys with their secrets and accounts, and actions denied to a key (an IAM
/// policy without that permission). Shared by the EC2 and Route53 doubles, as one AWS account serves both.
/// </summary>
public sealed class AwsIdentities
{
    private readonly object gate = new();
    private readonly Dictionary<string, AwsAccessKey> keys = new(StringComparer.Ordinal);
    private readonly HashSet<(string Key, string Action)> denied = new();
    private readonly HashSet<string> signatures = new(StringComparer.Ordinal);

    public void Add(AwsAccessKey key)
    {
        lock (gate) keys[key.AccessKeyId] = key;
    }

    /// <summary>The key's IAM policy does not allow <paramref name="action"/> ("RunInstances", "ChangeResourceRecordSets").</summary>
    public void Deny(string accessKeyId, string action)
    {
        lock (gate) denied.Add((accessKeyId, action));
    }

    public AwsAccessKey? Find(string accessKeyId)
    {
        lock (gate) return keys.TryGetValue(accessKeyId, out var key) ? key : null;
    }

    public bool IsDenied(string accessKeyId, string action)
    {
        lock (gate) return denied.Contains((accessKeyId, action));
    }

    /// <summary>A request signature the doubles saw (kept so tests can show none reached a log or message).</summary>
    public void Saw(string signature)
    {
        lock (gate) signatures.Add(signature);
    }

    /// <summary>Every secret the doubles know or saw (secret keys, session tokens, signatures): what must never appear in a log or message.</summary>
    public IReadOnlyList<string> Secrets
    {
        get
        {
            lock (gate) return keys.Values.SelectMany(k => new[] { k.SecretAccessKey, k.SessionToken }).OfType<string>().Concat(signatures).ToList();
        }
    }
}

using System.Security.Cryptography;

namespace MultiCloud.CloudDoubles.Azure;

/// <summary>A token the Entra ID double issued: who it was issued to and for which audience.</summary>
public sealed record IssuedToken(string TenantId, string ClientId, string Audience, DateTimeOffset ExpiresOn);

/// <summary>
/// The directory behind the Entra ID double: tenants, service principals with their client secrets, and the access
/// tokens issued to them. The ARM double asks it who a bearer token belongs to. Test data only — the secrets are
/// throwaway values a test made up.
/// </summary>
public sealed class AzureDirectory
{
    private readonly object gate = new();
    private readonly HashSet<string> tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Tenant, string Client), string> secrets = new();
    private readonly Dictionary<string, IssuedToken> tokens = new(StringComparer.Ordinal);

    public void AddServicePrincipal(string tenantId, string clientId, string clientSecret)
    {
        lock (gate)
        {
            tenants.Add(tenantId);
            secrets[(tenantId.ToLowerInvariant(), clientId.ToLowerInvariant())] = clientSecret;
        }
    }

    /// <summary>
    /// The managed identity of "this machine" as Azure Automation and App Service expose it (IDENTITY_ENDPOINT and
    /// IDENTITY_HEADER): its tenant and client id, and the header value a caller must present.
    /// </summary>
    public void SetManagedIdentity(string tenantId, string clientId, string identityHeader)
    {
        lock (gate)
        {
            tenants.Add(tenantId);
            managedIdentity = (tenantId, clientId, identityHeader);
        }
    }

    private (string Tenant, string Client, string Header)? managedIdentity;

    internal (string Tenant, string Client, string Header)? ManagedIdentity
    {
        get { lock (gate) return managedIdentity; }
    }

    /// <summary>Every token issued so far, by its value (tests check none of them reaches a log or an error).</summary>
    public IReadOnlyDictionary<string, IssuedToken> Tokens
    {
        get { lock (gate) return new Dictionary<string, IssuedToken>(tokens); }
    }

    internal bool HasTenant(string tenantId)
    {
        lock (gate) return tenants.Contains(tenantId);
    }

    /// <summary>The secret registered for the client in the tenant; null when the tenant has no such application.</summary>
    internal string? SecretOf(string tenantId, string clientId)
    {
        lock (gate) return secrets.TryGetValue((tenantId.ToLowerInvariant(), clientId.ToLowerInvariant()), out var secret) ? secret : null;
    }

    internal string Issue(string tenantId, string clientId, string audience, TimeSpan lifetime)
    {
        var token = "mc-double." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (gate) tokens[token] = new IssuedToken(tenantId, clientId, audience, DateTimeOffset.UtcNow + lifetime);
        return token;
    }

    internal IssuedToken? Validate(string token)
    {
        lock (gate) return tokens.TryGetValue(token, out var issued) && issued.ExpiresOn > DateTimeOffset.UtcNow ? issued : null;
    }
}
